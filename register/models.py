"""The register's records. Every step is its own row with actor and time, never edited.

The one exception is ``RegisterApplication.state``: a pointer to where an application stands,
moved only by the services under a row lock, so that the database can refuse a second open
application of the same person. What happened and who did it is in the step rows.
"""

import uuid
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from courses.models import private_storage

# The Kring's meetings are their own module; Django finds models through this one.
from .kring_models import KringDocument, KringMeeting, KringTopic  # noqa: F401

# The numbers of a policy version; each must be zero or more (a check constraint per field).
POLICY_NUMBER_FIELDS = (
    "window_months",
    "practice_months",
    "practice_hours",
    "approaches",
    "approach_min_hours",
    "forms",
    "form_min_hours",
    "points",
    "outside_points_percent",
    "course_kinds",
    "coaching_hours",
    "min_reviewers",
    "validity_years",
    "renewal_points",
    "renewal_practice_hours",
    "objection_weeks",
    "points_per_article",
    "points_per_book",
)


def _hours_field(label, default):
    return models.DecimalField(label, max_digits=7, decimal_places=1, default=Decimal(default))


class RegisterPolicy(models.Model):
    """One version of the register policy, in force from ``effective_from`` (DOMAIN.md).

    Versions are only added, never changed: every evaluation and decision keeps the version
    it used, so an old decision re-evaluated with its own version gives the same result.
    """

    version = models.PositiveIntegerField(_("versie"), unique=True, editable=False)
    effective_from = models.DateField(_("geldig vanaf"), unique=True)
    window_months = models.IntegerField(_("venster in maanden"), default=60)
    practice_months = models.IntegerField(_("geattesteerde praktijkmaanden"), default=36)
    practice_hours = _hours_field(_("geattesteerde praktijkuren"), "3000")
    approaches = models.IntegerField(_("aantal werkwijzen"), default=3)
    approach_min_hours = _hours_field(_("minimum uren per werkwijze"), "100")
    forms = models.IntegerField(_("aantal werkvormen"), default=2)
    form_min_hours = _hours_field(_("minimum uren per werkvorm"), "100")
    points = _hours_field(_("punten"), "120")
    outside_points_percent = models.IntegerField(
        _("maximaal aandeel externe activiteiten (%)"), default=20
    )
    course_kinds = models.IntegerField(_("aantal soorten cursussen"), default=2)
    coaching_hours = _hours_field(_("bevestigde coachingsuren"), "40")
    min_reviewers = models.IntegerField(_("minimum aantal stemmen"), default=3)
    validity_years = models.IntegerField(_("geldigheid registratie in jaren"), default=5)
    renewal_points = _hours_field(_("punten voor herregistratie"), "80")
    renewal_practice_hours = _hours_field(_("praktijkuren voor herregistratie"), "1500")
    objection_weeks = models.IntegerField(_("bezwaartermijn in weken"), default=6)
    # A publication an author claims counts as an outside activity with these points (within
    # ``outside_points_percent``); a report, a column and a journal issue count as an article.
    points_per_article = _hours_field(_("punten per artikel, rapport of column"), "4")
    points_per_book = _hours_field(_("punten per boek"), "10")
    note = models.TextField(_("toelichting"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vastgelegd door"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("vastgelegd op"), default=timezone.now, editable=False)

    class Meta:
        db_table = "mentoring_registerpolicy"
        verbose_name = _("registerbeleid")
        verbose_name_plural = _("registerbeleid (versies)")
        ordering = ["-effective_from"]
        constraints = [
            *[
                models.CheckConstraint(
                    condition=Q(**{f"{name}__gte": 0}), name=f"register_policy_{name}_not_negative"
                )
                for name in POLICY_NUMBER_FIELDS
            ],
            models.CheckConstraint(
                condition=Q(outside_points_percent__lte=100),
                name="register_policy_outside_percent_max",
            ),
            models.CheckConstraint(
                condition=Q(window_months__gte=1), name="register_policy_window_positive"
            ),
        ]

    def __str__(self):
        return _("Versie %(v)s, vanaf %(d)s") % {
            "v": self.version,
            "d": self.effective_from.strftime("%d-%m-%Y"),
        }

    def outside_points_cap_for(self, points: Decimal) -> Decimal:
        """The most points outside activities add to a requirement of ``points``: the
        policy's share of it, to the tenth (120 points, 20% → 24)."""
        return (points * self.outside_points_percent / 100).quantize(
            Decimal("0.1"), rounding=ROUND_HALF_UP
        )


class RegisterApplication(models.Model):
    """A practitioner's application to the register (or for renewal), with its portfolio.

    What was evaluated, under which policy version, and the ledger behind it are copied in at
    submission, so that the dossier the College reads never changes afterwards.
    """

    class Kind(models.TextChoices):
        INITIAL = "initial", _("inschrijving")
        RENEWAL = "renewal", _("herregistratie")

    class State(models.TextChoices):
        SUBMITTED = "submitted", _("ingediend, wacht op controle")
        RETURNED = "returned", _("teruggestuurd")
        IN_BALLOTAGE = "in_ballotage", _("in ballotage")
        DECIDED = "decided", _("besloten")

    OPEN_STATES = (State.SUBMITTED, State.IN_BALLOTAGE)

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="register_applications"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.INITIAL)
    policy = models.ForeignKey(RegisterPolicy, on_delete=models.PROTECT, related_name="+")
    evaluated_on = models.DateField(_("beoordeeld op"))
    evaluation = models.JSONField(_("eisen op het moment van aanvragen"))
    reflections = models.JSONField(_("reflecties per werkwijze"), default=dict)
    ledger_csv = models.TextField(_("overzicht van de onderbouwing"))
    submitted_at = models.DateTimeField(_("ingediend op"), default=timezone.now)
    state = models.CharField(max_length=20, choices=State.choices, default=State.SUBMITTED)
    round = models.PositiveSmallIntegerField(_("ronde"), default=1)

    class Meta:
        db_table = "mentoring_registerapplication"
        verbose_name = _("registeraanvraag")
        verbose_name_plural = _("registeraanvragen")
        ordering = ["-submitted_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(state__in=["submitted", "in_ballotage"]),
                name="register_application_one_open_per_person",
            ),
            models.CheckConstraint(condition=Q(round__gte=1), name="register_application_round"),
        ]

    def __str__(self):
        return f"{self.person} ({timezone.localdate(self.submitted_at):%d-%m-%Y})"


def document_upload_to(instance, filename):
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"register/{instance.application.person_id}/{uuid.uuid4().hex}.{suffix[:5]}"


class ApplicationDocument(models.Model):
    application = models.ForeignKey(
        RegisterApplication, on_delete=models.PROTECT, related_name="documents"
    )
    title = models.CharField(_("titel"), max_length=200)
    file = models.FileField(_("bestand"), storage=private_storage, upload_to=document_upload_to)
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "mentoring_applicationdocument"
        verbose_name = _("document bij aanvraag")
        verbose_name_plural = _("documenten bij aanvragen")

    def __str__(self):
        return self.title


class ApplicationCheck(models.Model):
    """The register office's completeness check: complete, or returned with remarks."""

    class Outcome(models.TextChoices):
        COMPLETE = "complete", _("compleet")
        RETURNED = "returned", _("teruggestuurd")

    application = models.ForeignKey(
        RegisterApplication, on_delete=models.PROTECT, related_name="checks"
    )
    outcome = models.CharField(_("uitkomst"), max_length=10, choices=Outcome.choices)
    remarks = models.TextField(_("opmerkingen"), blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    checked_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "mentoring_applicationcheck"
        verbose_name = _("volledigheidscontrole")
        verbose_name_plural = _("volledigheidscontroles")
        constraints = [
            models.CheckConstraint(
                condition=~Q(outcome="returned") | ~Q(remarks=""),
                name="application_check_returned_has_remarks",
            )
        ]

    def __str__(self):
        return f"{self.application}: {self.get_outcome_display()}"


class ReviewerAssignment(models.Model):
    """A College member reviews an application in one round of the ballotage."""

    application = models.ForeignKey(
        RegisterApplication, on_delete=models.PROTECT, related_name="assignments"
    )
    round = models.PositiveSmallIntegerField(_("ronde"))
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="register_reviews"
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    assigned_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "mentoring_reviewerassignment"
        verbose_name = _("toewijzing beoordelaar")
        verbose_name_plural = _("toewijzingen beoordelaars")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "reviewer"], name="reviewer_once_per_application"
            )
        ]

    def __str__(self):
        return f"{self.reviewer} → {self.application} (ronde {self.round})"


class ReviewerRecusal(models.Model):
    """A reviewer steps back after declaring a conflict of interest; the assignment ends."""

    assignment = models.OneToOneField(
        ReviewerAssignment, on_delete=models.PROTECT, related_name="recusal"
    )
    reason = models.TextField(_("reden"))
    declared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    declared_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "mentoring_reviewerrecusal"

    def __str__(self):
        return f"{self.assignment}: teruggetrokken"


class BallotageVote(models.Model):
    class Value(models.TextChoices):
        POSITIVE = "positive", _("positief")
        NEGATIVE = "negative", _("negatief")
        ABSTAIN = "abstain", _("onthouding")

    # One vote per assignment: the database refuses a second one.
    assignment = models.OneToOneField(
        ReviewerAssignment, on_delete=models.PROTECT, related_name="vote"
    )
    value = models.CharField(_("stem"), max_length=10, choices=Value.choices)
    motivation = models.TextField(_("motivering"))
    cast_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "mentoring_ballotagevote"
        verbose_name = _("stem")
        verbose_name_plural = _("stemmen")
        constraints = [
            models.CheckConstraint(condition=~Q(motivation=""), name="vote_has_motivation")
        ]

    def __str__(self):
        return f"{self.assignment}: {self.get_value_display()}"


class BallotageDecision(models.Model):
    """The outcome of one round, with the policy version it was taken under."""

    class Outcome(models.TextChoices):
        POSITIVE = "positive", _("positief")
        NEGATIVE = "negative", _("negatief")

    application = models.ForeignKey(
        RegisterApplication, on_delete=models.PROTECT, related_name="decisions"
    )
    round = models.PositiveSmallIntegerField(_("ronde"))
    outcome = models.CharField(_("besluit"), max_length=10, choices=Outcome.choices)
    policy = models.ForeignKey(RegisterPolicy, on_delete=models.PROTECT, related_name="+")
    positive_votes = models.PositiveSmallIntegerField()
    negative_votes = models.PositiveSmallIntegerField()
    abstentions = models.PositiveSmallIntegerField()
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "mentoring_ballotagedecision"
        verbose_name = _("ballotagebesluit")
        verbose_name_plural = _("ballotagebesluiten")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "round"], name="decision_once_per_round"
            ),
            models.CheckConstraint(
                condition=Q(outcome="negative") | Q(positive_votes__gt=models.F("negative_votes")),
                name="decision_positive_has_majority",
            ),
        ]

    def __str__(self):
        return f"{self.application} (ronde {self.round}): {self.get_outcome_display()}"


class Objection(models.Model):
    """A bezwaar against a decision; it starts a new round with other reviewers."""

    decision = models.OneToOneField(
        BallotageDecision, on_delete=models.PROTECT, related_name="objection"
    )
    reason = models.TextField(_("reden van bezwaar"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "mentoring_objection"

    def __str__(self):
        return f"Bezwaar tegen {self.decision}"


class Registration(models.Model):
    """An entry in the register, valid for a period; its status is its latest status change."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("actief")
        EXPIRED = "expired", _("verlopen")
        SUSPENDED = "suspended", _("geschorst")
        STRUCK_OFF = "struck_off", _("doorgehaald")

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="registrations"
    )
    number = models.CharField(_("registernummer"), max_length=20, unique=True)
    decision = models.OneToOneField(
        BallotageDecision, on_delete=models.PROTECT, related_name="registration"
    )
    valid_from = models.DateField(_("geldig vanaf"))
    valid_until = models.DateField(_("geldig tot en met"))
    credential = models.TextField(_("digitaal certificaat (Open Badges)"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "mentoring_registration"
        verbose_name = _("registratie")
        verbose_name_plural = _("registraties")
        ordering = ["number"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__gt=models.F("valid_from")),
                name="registration_valid_until_after_from",
            )
        ]

    def __str__(self):
        return self.number

    @property
    def current_status_label(self) -> str:
        """The label of ``current_status``, which ``registrations_with_status`` annotates."""
        status = getattr(self, "current_status", None)
        return str(self.Status(status).label) if status in self.Status.values else ""


class RegistrationStatusChange(models.Model):
    registration = models.ForeignKey(
        Registration, on_delete=models.PROTECT, related_name="status_changes"
    )
    status = models.CharField(_("status"), max_length=20, choices=Registration.Status.choices)
    reason = models.TextField(_("reden"), blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Leeg als het platform de status zelf veranderde (verlopen)."),
    )
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "mentoring_registrationstatuschange"
        verbose_name = _("statuswijziging registratie")
        verbose_name_plural = _("statuswijzigingen registraties")
        ordering = ["changed_at", "pk"]

    def __str__(self):
        return f"{self.registration}: {self.get_status_display()}"


class CodeAcceptance(models.Model):
    """On applying and on renewing the person accepts the version of the beroepscode in force;
    the acceptance, with its version and moment, is part of the dossier (DOMAIN.md, "Renewal
    and the code of conduct"). Written with the application, never changed."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="code_acceptances"
    )
    version = models.ForeignKey(
        "cms.CodeVersion",
        on_delete=models.PROTECT,
        related_name="acceptances",
        verbose_name=_("versie van de beroepscode"),
    )
    # One acceptance per application (an initial application or a renewal).
    application = models.OneToOneField(
        RegisterApplication, on_delete=models.PROTECT, related_name="code_acceptance"
    )
    accepted_at = models.DateTimeField(_("aanvaard op"), default=timezone.now)

    class Meta:
        verbose_name = _("aanvaarding van de beroepscode")
        verbose_name_plural = _("aanvaardingen van de beroepscode")
        ordering = ["-accepted_at"]

    def __str__(self):
        return f"{self.person}: {self.version}"
