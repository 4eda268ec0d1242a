"""Buddy trajectories, coaching sessions, the practice log and what matching needs.

Confirmed coaching hours and attested practice hours are never edited in place (DESIGN.md,
"Data that must never be lost or faked"): a correction is a new version linked to the first,
and the totals count only the latest confirmed or attested version of each.
"""

import secrets
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Coalesce, Greatest, Least
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from lms.accounts.models import Organisation

from .kinds import Approach, Form, Setting

MIN_SESSION_MINUTES = 15
MAX_SESSION_MINUTES = 8 * 60
# A month holds at most 300 hours of practice.
MAX_MONTH_MINUTES = 300 * 60
DEFAULT_AGREED_HOURS = Decimal("40")
DEFAULT_TRAJECTORY_MONTHS = 12


def _calendar_token() -> str:
    return secrets.token_urlsafe(24)


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("maandag")
    TUESDAY = 1, _("dinsdag")
    WEDNESDAY = 2, _("woensdag")
    THURSDAY = 3, _("donderdag")
    FRIDAY = 4, _("vrijdag")
    SATURDAY = 5, _("zaterdag")
    SUNDAY = 6, _("zondag")


class PractitionerProfile(models.Model):
    """What matching needs to know about a practitioner, junior or senior."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="practitioner"
    )
    capacity = models.PositiveSmallIntegerField(
        _("aantal juniors tegelijk"),
        default=2,
        validators=[MaxValueValidator(10)],
        help_text=_("Hoeveel juniors deze senior tegelijk kan begeleiden."),
    )
    available_weekdays = models.JSONField(_("beschikbare dagen"), default=list, blank=True)
    languages = models.JSONField(_("talen"), default=list, blank=True)
    experience = models.JSONField(
        _("ervaring"),
        default=list,
        blank=True,
        help_text=_("Werkwijzen en werkvormen waarin deze persoon ervaren is."),
    )
    calendar_token = models.CharField(max_length=64, unique=True, default=_calendar_token)

    class Meta:
        verbose_name = _("profiel opbouwwerker")
        verbose_name_plural = _("profielen opbouwwerkers")
        constraints = [
            models.CheckConstraint(condition=Q(capacity__lte=10), name="practitioner_capacity_max")
        ]

    def __str__(self):
        return str(self.user)


class Trajectory(models.Model):
    """A buddy trajectory: one senior coaches one junior for a period (DOMAIN.md)."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("voorgesteld")
        ACTIVE = "active", _("actief")
        COMPLETED = "completed", _("afgerond")
        ENDED_EARLY = "ended_early", _("voortijdig beëindigd")
        DECLINED = "declined", _("afgewezen")

    OPEN_STATUSES = (Status.PROPOSED, Status.ACTIVE)

    senior = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="trajectories_as_senior",
        verbose_name=_("senior"),
    )
    junior = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="trajectories_as_junior",
        verbose_name=_("junior"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="trajectories",
        verbose_name=_("organisatie"),
    )
    starts_on = models.DateField(_("start"))
    planned_end_on = models.DateField(_("geplande einddatum"))
    agreed_hours = models.DecimalField(
        _("afgesproken coachingsuren"),
        max_digits=5,
        decimal_places=1,
        default=DEFAULT_AGREED_HOURS,
        validators=[MinValueValidator(Decimal("1")), MaxValueValidator(Decimal("500"))],
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PROPOSED
    )
    senior_accepted_at = models.DateTimeField(null=True, blank=True)
    junior_accepted_at = models.DateTimeField(null=True, blank=True)
    ended_on = models.DateField(_("beëindigd op"), null=True, blank=True)
    end_reason = models.TextField(_("reden van beëindiging"), blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("buddytraject")
        verbose_name_plural = _("buddytrajecten")
        ordering = ["-starts_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(senior=F("junior")), name="trajectory_senior_not_junior"
            ),
            models.CheckConstraint(
                condition=Q(planned_end_on__gt=F("starts_on")), name="trajectory_end_after_start"
            ),
            models.CheckConstraint(
                condition=Q(agreed_hours__gt=0), name="trajectory_agreed_hours_positive"
            ),
            models.CheckConstraint(
                condition=~Q(status="ended_early") | ~Q(end_reason=""),
                name="trajectory_ended_early_has_reason",
            ),
            models.CheckConstraint(
                condition=~Q(status="active")
                | Q(senior_accepted_at__isnull=False, junior_accepted_at__isnull=False),
                name="trajectory_active_accepted_by_both",
            ),
            # A junior has one buddy at a time.
            models.UniqueConstraint(
                fields=["junior"],
                condition=Q(status__in=["proposed", "active"]),
                name="trajectory_one_open_per_junior",
            ),
        ]
        indexes = [models.Index(fields=["senior", "status"])]

    def __str__(self):
        return f"{self.senior} → {self.junior}"

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    @property
    def period_end(self):
        return self.ended_on or self.planned_end_on


class TrajectoryTermsChange(models.Model):
    """A change of a trajectory's planned end or agreed hours, with what they were before and
    why: the agreement as it stood stays readable."""

    trajectory = models.ForeignKey(
        Trajectory, on_delete=models.CASCADE, related_name="terms_changes"
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    changed_at = models.DateTimeField(default=timezone.now)
    planned_end_before = models.DateField(_("geplande einddatum, was"))
    planned_end_after = models.DateField(_("geplande einddatum, wordt"))
    agreed_hours_before = models.DecimalField(
        _("afgesproken uren, was"), max_digits=5, decimal_places=1
    )
    agreed_hours_after = models.DecimalField(
        _("afgesproken uren, wordt"), max_digits=5, decimal_places=1
    )
    reason = models.TextField(_("reden"))

    class Meta:
        verbose_name = _("wijziging van afspraken")
        verbose_name_plural = _("wijzigingen van afspraken")
        ordering = ["changed_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(reason=""), name="terms_change_has_reason")
        ]

    def __str__(self):
        return f"{self.trajectory}: {timezone.localdate(self.changed_at):%d-%m-%Y}"


# A message is a note between two people, not a report: a few screens of text at most.
MESSAGE_MAX_LENGTH = 4000


class TrajectoryMessage(models.Model):
    """A message between the senior and the junior of a trajectory.

    Only the two of them read the thread: not the register office, not the manager (their
    conversation is as private as the senior's notes, DESIGN.md "Roles"). There are two
    readers, so the one who did not write a message is the one whose ``read_at`` it carries.
    """

    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("afzender"),
    )
    body = models.TextField(_("bericht"))
    created_at = models.DateTimeField(_("verstuurd"), default=timezone.now)
    read_at = models.DateTimeField(_("gelezen"), null=True, blank=True)

    class Meta:
        verbose_name = _("bericht in een buddytraject")
        verbose_name_plural = _("berichten in buddytrajecten")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(body=""), name="trajectory_message_has_body"),
        ]
        indexes = [models.Index(fields=["trajectory", "read_at"])]

    def __str__(self):
        return f"{self.trajectory}: {timezone.localtime(self.created_at):%d-%m-%Y %H:%M}"


def default_planned_end(start):
    """Twelve months after ``start``; the 29th of February falls back to the 28th."""
    try:
        return start.replace(year=start.year + 1)
    except ValueError:
        return start.replace(year=start.year + 1, day=28)


class Goal(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("open")
        IN_PROGRESS = "in_progress", _("bezig")
        ACHIEVED = "achieved", _("behaald")
        DROPPED = "dropped", _("vervallen")

    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="goals")
    description = models.TextField(_("omschrijving"))
    target_date = models.DateField(_("streefdatum"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPEN
    )
    progress_notes = models.TextField(_("voortgang"), blank=True)

    class Meta:
        verbose_name = _("leerdoel")
        verbose_name_plural = _("leerdoelen")
        ordering = ["target_date", "pk"]

    def __str__(self):
        return self.description[:80]


class CoachingSession(models.Model):
    """One coaching conversation, or a correction of one (``original`` set, ``version`` > 1).

    Only a confirmed version counts, and of a chain of versions only the latest confirmed one.
    Confirming a correction marks the earlier confirmed versions ``superseded``, so that what
    counts is one plain filter, and a unique index holds one counting version per chain.
    """

    class Mode(models.TextChoices):
        IN_PERSON = "in_person", _("op locatie")
        ONLINE = "online", _("online")
        PHONE = "phone", _("telefonisch")

    class Status(models.TextChoices):
        PLANNED = "planned", _("gepland")
        AWAITING = "awaiting", _("wacht op bevestiging")
        CONFIRMED = "confirmed", _("bevestigd")
        DISPUTED = "disputed", _("betwist")
        WITHDRAWN = "withdrawn", _("ingetrokken")

    # Found by trajectory through the (trajectory, status, starts_at) index below; a separate
    # index on the trajectory alone tempts the planner into filtering every status by hand.
    trajectory = models.ForeignKey(
        Trajectory, on_delete=models.PROTECT, related_name="sessions", db_index=False
    )
    # The trajectory's senior, kept here so that overlap checks and constraints need no join.
    senior = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="coaching_sessions"
    )
    original = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="amendments",
        verbose_name=_("correctie van"),
    )
    version = models.PositiveSmallIntegerField(default=1)
    starts_at = models.DateTimeField(_("begin"))
    duration_minutes = models.PositiveSmallIntegerField(
        _("duur (minuten)"),
        validators=[
            MinValueValidator(MIN_SESSION_MINUTES),
            MaxValueValidator(MAX_SESSION_MINUTES),
        ],
    )
    ends_at = models.DateTimeField(_("einde"))
    mode = models.CharField(_("vorm"), max_length=20, choices=Mode.choices)
    approaches = models.JSONField(_("werkwijzen"), default=list, blank=True)
    goals = models.ManyToManyField(Goal, blank=True, related_name="sessions")
    summary = models.TextField(_("samenvatting"), blank=True)
    private_note = models.TextField(_("eigen aantekening"), blank=True)
    correction_reason = models.TextField(_("reden van correctie"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    logged_at = models.DateTimeField(default=timezone.now)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)
    disputed_at = models.DateTimeField(null=True, blank=True)
    dispute_reason = models.TextField(_("reden van bezwaar"), blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    superseded = models.BooleanField(default=False, db_default=False, editable=False)

    class Meta:
        verbose_name = _("coachingsgesprek")
        verbose_name_plural = _("coachingsgesprekken")
        ordering = ["-starts_at", "-version"]
        constraints = [
            models.CheckConstraint(
                condition=Q(duration_minutes__gte=MIN_SESSION_MINUTES)
                & Q(duration_minutes__lte=MAX_SESSION_MINUTES),
                name="session_duration_15_to_480",
            ),
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="session_ends_after_start"
            ),
            # Confirmed exactly once, by somebody other than the senior.
            models.CheckConstraint(
                condition=Q(
                    status="confirmed", confirmed_at__isnull=False, confirmed_by__isnull=False
                )
                | Q(~Q(status="confirmed"), confirmed_at__isnull=True, confirmed_by__isnull=True),
                name="session_confirmed_iff_confirmation",
            ),
            models.CheckConstraint(
                condition=Q(confirmed_by__isnull=True) | ~Q(confirmed_by=F("senior")),
                name="session_not_confirmed_by_senior",
            ),
            models.CheckConstraint(
                condition=~Q(status="disputed") | ~Q(dispute_reason=""),
                name="session_dispute_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(original__isnull=True, version=1)
                | Q(original__isnull=False, version__gt=1),
                name="session_version_matches_original",
            ),
            models.UniqueConstraint(
                fields=["original", "version"],
                condition=Q(original__isnull=False),
                name="session_unique_version",
            ),
            models.CheckConstraint(
                condition=Q(superseded=False) | Q(status="confirmed"),
                name="session_only_confirmed_superseded",
            ),
            models.UniqueConstraint(
                Coalesce("original_id", "id"),
                condition=Q(status="confirmed", superseded=False),
                name="session_one_counting_version",
            ),
        ]
        indexes = [
            models.Index(fields=["senior", "starts_at"]),
            models.Index(fields=["status", "logged_at"]),
            # A person's waiting and next planned sessions, however long their history.
            models.Index(fields=["trajectory", "status", "starts_at"]),
        ]

    def __str__(self):
        return f"{self.trajectory}: {timezone.localtime(self.starts_at):%d-%m-%Y %H:%M}"

    @property
    def chain_id(self) -> int:
        return self.original_id or self.pk

    @property
    def is_amendment(self) -> bool:
        return self.original_id is not None


# A month's minutes per kind of work, in the order the ledger lays them out.
_PRACTICE_MINUTE_FIELDS = (
    "minutes_zelfredzaamheid",
    "minutes_strategisch",
    "minutes_sociaal_organisatorisch",
    "minutes_project",
    "minutes_campagne",
    "minutes_ontwikkeltraject",
    "minutes_territoriaal",
    "minutes_categoriaal",
)


def approach_minutes_total() -> models.Expression:
    """A month's minutes over the three approaches: the base on which the forms are laid."""
    return (
        F("minutes_zelfredzaamheid")
        + F("minutes_strategisch")
        + F("minutes_sociaal_organisatorisch")
    )


def _counted_form_minutes() -> dict[str, models.Expression]:
    """Each form's minutes as far as they fit on the month's approach minutes: the forms laid
    end to end (project, campagne, ontwikkeltraject) on the approach total, as the ledger's
    north-west corner rule splits them, so that a form never counts more than was worked.

    A month logged since every hour has one form gives each form its own minutes; an older
    month whose forms did not add up keeps the rest as minutes without a form."""
    integer = models.IntegerField()
    zero = models.Value(0, output_field=integer)
    approach_total = approach_minutes_total()
    parts, laid = {}, None
    for field in ("minutes_project", "minutes_campagne", "minutes_ontwikkeltraject"):
        end = F(field) if laid is None else laid + F(field)
        start = zero if laid is None else Least(laid, approach_total)
        parts[field] = Greatest(Least(end, approach_total) - start, zero, output_field=integer)
        laid = end
    return parts


_COUNTED_FORM_MINUTES = _counted_form_minutes()


def _counted_minutes_field(form_field: str) -> models.GeneratedField:
    return models.GeneratedField(
        expression=_COUNTED_FORM_MINUTES[form_field],
        output_field=models.IntegerField(),
        db_persist=True,
    )


def _minutes_field(label):
    return models.PositiveIntegerField(label, default=0)


class PracticeMonth(models.Model):
    """A practitioner's practice time in one month, in minutes, split by kind of work.

    Every hour has one approach, one form and one setting (DOMAIN.md, "A practice month is a
    closed month"): the minutes per approach, per form and per setting each add up to the
    month's total. A correction of an attested month is a new version, which needs its own
    attestation; until then the earlier attested version keeps counting.
    """

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("wacht op attestatie")
        ATTESTED = "attested", _("geattesteerd")

    MINUTE_FIELDS = {
        "minutes_zelfredzaamheid": Approach.SELF_RELIANCE,
        "minutes_strategisch": Approach.STRATEGIC_ADVICE,
        "minutes_sociaal_organisatorisch": Approach.SOCIAL_ORGANISATIONAL,
        "minutes_project": Form.PROJECT,
        "minutes_campagne": Form.CAMPAIGN,
        "minutes_ontwikkeltraject": Form.DEVELOPMENT,
        "minutes_territoriaal": Setting.TERRITORIAL,
        "minutes_categoriaal": Setting.CATEGORIAL,
    }
    APPROACH_FIELDS = (
        "minutes_zelfredzaamheid",
        "minutes_strategisch",
        "minutes_sociaal_organisatorisch",
    )
    FORM_FIELDS = ("minutes_project", "minutes_campagne", "minutes_ontwikkeltraject")
    SETTING_FIELDS = ("minutes_territoriaal", "minutes_categoriaal")

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="practice_months"
    )
    month = models.DateField(_("maand"), help_text=_("De eerste dag van de maand."))
    version = models.PositiveSmallIntegerField(default=1)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.SUBMITTED
    )
    minutes_total = models.PositiveIntegerField(_("minuten totaal"))
    minutes_zelfredzaamheid = _minutes_field(Approach.SELF_RELIANCE.label)
    minutes_strategisch = _minutes_field(Approach.STRATEGIC_ADVICE.label)
    minutes_sociaal_organisatorisch = _minutes_field(Approach.SOCIAL_ORGANISATIONAL.label)
    minutes_project = _minutes_field(Form.PROJECT.label)
    minutes_campagne = _minutes_field(Form.CAMPAIGN.label)
    minutes_ontwikkeltraject = _minutes_field(Form.DEVELOPMENT.label)
    minutes_territoriaal = _minutes_field(Setting.TERRITORIAL.label)
    minutes_categoriaal = _minutes_field(Setting.CATEGORIAL.label)
    logged_at = models.DateTimeField(default=timezone.now)
    attested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    attested_at = models.DateTimeField(null=True, blank=True)
    # Set on an attested version once a later version of the month is attested.
    superseded = models.BooleanField(default=False, db_default=False, editable=False)
    # The form minutes that count, kept by the database so that sums over many months are plain.
    counted_project = _counted_minutes_field("minutes_project")
    counted_campagne = _counted_minutes_field("minutes_campagne")
    counted_ontwikkeltraject = _counted_minutes_field("minutes_ontwikkeltraject")

    class Meta:
        verbose_name = _("praktijkmaand")
        verbose_name_plural = _("praktijkmaanden")
        ordering = ["-month", "-version"]
        constraints = [
            models.CheckConstraint(
                condition=Q(minutes_total__lte=MAX_MONTH_MINUTES),
                name="practice_month_total_at_most_300_hours",
            ),
            *[
                models.CheckConstraint(
                    condition=Q(**{f"{name}__lte": MAX_MONTH_MINUTES}),
                    name=f"practice_month_{name}_range",
                )
                for name in _PRACTICE_MINUTE_FIELDS
            ],
            models.CheckConstraint(
                condition=Q(
                    minutes_total=F("minutes_zelfredzaamheid")
                    + F("minutes_strategisch")
                    + F("minutes_sociaal_organisatorisch")
                ),
                name="practice_month_total_is_its_approaches",
            ),
            models.CheckConstraint(
                condition=Q(status="attested", attested_at__isnull=False, attested_by__isnull=False)
                | Q(status="submitted", attested_at__isnull=True, attested_by__isnull=True),
                name="practice_month_attested_iff_attestation",
            ),
            models.CheckConstraint(
                condition=Q(attested_by__isnull=True) | ~Q(attested_by=F("person")),
                name="practice_month_not_self_attested",
            ),
            models.CheckConstraint(condition=Q(month__day=1), name="practice_month_first_day"),
            models.UniqueConstraint(
                fields=["person", "month", "version"], name="practice_month_unique_version"
            ),
            models.UniqueConstraint(
                fields=["person", "month"],
                condition=Q(status="submitted"),
                name="practice_month_one_open_version",
            ),
            models.CheckConstraint(
                condition=Q(superseded=False) | Q(status="attested"),
                name="practice_month_only_attested_superseded",
            ),
            models.UniqueConstraint(
                fields=["person", "month"],
                condition=Q(status="attested", superseded=False),
                name="practice_month_one_counting_version",
            ),
        ]

    def __str__(self):
        return f"{self.person}: {self.month:%m-%Y}"

    @property
    def last_day(self):
        next_month = (self.month.replace(day=28) + timedelta(days=4)).replace(day=1)
        return next_month - timedelta(days=1)


@register_setting(icon="group")
class MatchingWeights(BaseGenericSetting):
    """How much each reason weighs when seniors and juniors are matched."""

    differentiation = models.PositiveSmallIntegerField(
        _("gewicht differentiatie"),
        default=4,
        validators=[MaxValueValidator(100)],
        help_text=_("De senior heeft ervaring met werkwijzen en werkvormen die de junior mist."),
    )
    region = models.PositiveSmallIntegerField(
        _("gewicht zelfde regio"), default=2, validators=[MaxValueValidator(100)]
    )
    language = models.PositiveSmallIntegerField(
        _("gewicht gedeelde taal"), default=1, validators=[MaxValueValidator(100)]
    )
    weekdays = models.PositiveSmallIntegerField(
        _("gewicht gemeenschappelijke dagen"), default=1, validators=[MaxValueValidator(100)]
    )

    class Meta:
        verbose_name = _("gewichten koppelen")


class MatchingRun(models.Model):
    """One request for suggestions; a worker fills in progress and the result."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("in de wachtrij")
        RUNNING = "running", _("bezig")
        DONE = "done", _("klaar")
        FAILED = "failed", _("mislukt")

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, null=True, blank=True, verbose_name=_("organisatie")
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    result = models.JSONField(default=dict, blank=True)
    decisions = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("koppelronde")
        verbose_name_plural = _("koppelrondes")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="matching_run_progress")
        ]

    def __str__(self):
        return f"{self.organisation or _('alle juniors zonder buddy')} ({timezone.localdate(self.created_at):%d-%m-%Y})"
