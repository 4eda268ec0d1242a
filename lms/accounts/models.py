"""People, the organisations they work for, and the roles they hold on the platform."""

from functools import cached_property

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .validators import validate_person_name


class Role(models.TextChoices):
    """A role is a Django group; the value is the group's name, so the admin shows it."""

    JUNIOR = "Junior opbouwwerker", _("Junior opbouwwerker")
    SENIOR = "Senior opbouwwerker", _("Senior opbouwwerker")
    PROVIDER_EDITOR = "Redacteur aanbieder", _("Redacteur aanbieder")
    BOARD_MEMBER = "College van Toezicht", _("Lid College van Toezicht")
    REGISTER_OFFICE = "Registerbureau", _("Registerbureau")
    MANAGER = "Manager", _("Manager")
    PROGRAMME_COMMITTEE = "Programmacommissie", _("Programmacommissie Vakconferentie")
    CHECKIN_DESK = "Balie Vakconferentie", _("Balie Vakconferentie")
    KRING_MEMBER = "Kring Kwaliteitsmanagement", _("Lid Kring Kwaliteitsmanagement")


# Roles that work in the Wagtail admin, and roles that must use a second factor where
# LMS_MFA_REQUIRED is on (production).
ADMIN_ROLES = frozenset({Role.PROVIDER_EDITOR, Role.BOARD_MEMBER, Role.REGISTER_OFFICE})
MFA_ROLES = frozenset({Role.BOARD_MEMBER, Role.REGISTER_OFFICE})


class NoticeKind(models.TextChoices):
    """What an e-mail, or an item in a person's to-do list, is about. Each person chooses per
    kind how they hear of it (``EmailPreference``), except for the kinds in ``ALWAYS_SENT``."""

    COACHING = "coaching", _("Coachingsgesprekken bevestigen of bezwaren beantwoorden")
    TRAJECTORY = "trajectory", _("Buddytrajecten")
    PRACTICE = "practice", _("Praktijkmaanden attesteren")
    BALLOTAGE = "ballotage", _("Registeraanvragen beoordelen")
    APPLICATION = "application", _("Je registeraanvraag en aanvragen in behandeling")
    ACCREDITATION = "accreditation", _("Accreditatieaanvragen")
    MANUSCRIPT = "manuscript", _("Manuscripten")
    WAITLIST = "waitlist", _("Wachtlijsten")
    OUTSIDE_ACTIVITY = "outside_activity", _("Externe activiteiten")
    COURSES = "courses", _("Cursussen en uitvoeringen")
    CONFERENCE = "conference", _("Vakconferentie")
    SECURITY = "security", _("Beveiliging van je account")
    REGISTER_DECISION = "register_decision", _("Besluiten over je registratie")
    DIGEST = "digest", _("Dagelijks overzicht")
    OTHER = "other", _("Overige berichten")


# Sent whatever the person chose: their account's security, the register's decisions about
# them, the daily digest itself and what has no kind of its own.
ALWAYS_SENT = frozenset(
    {NoticeKind.SECURITY, NoticeKind.REGISTER_DECISION, NoticeKind.DIGEST, NoticeKind.OTHER}
)
CHOOSABLE_KINDS = tuple(kind for kind in NoticeKind if kind not in ALWAYS_SENT)


class EmailChoice(models.TextChoices):
    AT_ONCE = "at_once", _("Meteen")
    DIGEST = "digest", _("In het dagelijkse overzicht")
    OFF = "off", _("Uit")


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create(self, email, password, **extra):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        return self._create(email, password, **extra)

    def get_by_natural_key(self, username):
        return self.get(email__iexact=username)


class User(AbstractUser):
    """A person who signs in with their e-mail address; there is no separate user name."""

    username = None
    email = models.EmailField(_("e-mailadres"), unique=True)
    # Every form and service that sets a name (sign-up, the admins' user and account forms,
    # user_create) checks it through these fields' validator.
    first_name = models.CharField(
        _("voornaam"), max_length=150, blank=True, validators=[validate_person_name]
    )
    last_name = models.CharField(
        _("achternaam"), max_length=150, blank=True, validators=[validate_person_name]
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")
        ordering = ["last_name", "first_name", "email"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_ci_unique"),
        ]

    def __str__(self):
        return self.get_full_name() or self.email

    @cached_property
    def roles(self) -> frozenset[str]:
        """The role names this person holds, read once per request."""
        if not self.pk:
            return frozenset()
        names = self.groups.filter(name__in=Role.values).values_list("name", flat=True)
        return frozenset(names)

    def has_role(self, role: Role) -> bool:
        return role in self.roles


class Organisation(models.Model):
    class Kind(models.TextChoices):
        WELFARE = "welzijn", _("Welzijnsinstelling")
        MUNICIPALITY = "gemeente", _("Gemeente")
        TRAINING = "opleiding", _("Opleidingsinstituut")
        UNIVERSITY = "hogeschool", _("Hogeschool")
        OTHER = "overig", _("Overig")

    name = models.CharField(_("naam"), max_length=200, unique=True)
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices, default=Kind.WELFARE)
    city = models.CharField(_("plaats"), max_length=100, blank=True)
    allows_cross_organisation_pairs = models.BooleanField(
        _("koppelingen met andere organisaties toegestaan"),
        default=False,
        help_text=_(
            "Mag een senior van een andere organisatie juniors van deze organisatie begeleiden?"
        ),
    )

    class Meta:
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Region(models.TextChoices):
    """The twelve provinces: practitioners work, and are coached, close to home."""

    GRONINGEN = "GR", "Groningen"
    FRIESLAND = "FR", "Fryslân"
    DRENTHE = "DR", "Drenthe"
    OVERIJSSEL = "OV", "Overijssel"
    FLEVOLAND = "FL", "Flevoland"
    GELDERLAND = "GE", "Gelderland"
    UTRECHT = "UT", "Utrecht"
    NOORD_HOLLAND = "NH", "Noord-Holland"
    ZUID_HOLLAND = "ZH", "Zuid-Holland"
    ZEELAND = "ZE", "Zeeland"
    NOORD_BRABANT = "NB", "Noord-Brabant"
    LIMBURG = "LI", "Limburg"


class Profile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="profiles",
        verbose_name=_("organisatie"),
    )
    region = models.CharField(_("regio"), max_length=2, choices=Region.choices, blank=True)
    line_manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="managed_profiles",
        verbose_name=_("leidinggevende"),
    )
    preferred_language = models.CharField(
        _("voorkeurstaal"), max_length=5, choices=settings.LANGUAGES, default="nl"
    )

    class Meta:
        verbose_name = _("profiel")
        verbose_name_plural = _("profielen")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(line_manager=models.F("user")),
                name="profile_not_own_line_manager",
            ),
        ]

    def __str__(self):
        return str(self.user)


class OutboundEmail(models.Model):
    """An e-mail written in the same transaction as the change it reports.

    The worker sends it once: a crash between sending and marking leaves at most one resend,
    and the unique ``key`` keeps a reminder that is scheduled twice from being written twice.
    An e-mail that cannot be delivered (refused for good, or failing too often) is marked
    failed, with the reason, and not tried again.
    """

    key = models.CharField(max_length=200, unique=True)
    to = models.EmailField()
    subject = models.CharField(max_length=250)
    body = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    failed_at = models.DateTimeField(_("opgegeven op"), null=True, blank=True)
    failure = models.CharField(_("reden"), max_length=250, blank=True)
    kind = models.CharField(
        _("soort"), max_length=30, choices=NoticeKind.choices, default=NoticeKind.OTHER
    )
    # Kept for the person's daily digest instead of being sent on its own; ``digest`` is the
    # e-mail that took it along.
    held = models.BooleanField(_("voor het dagelijkse overzicht"), default=False)
    digest = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("uitgaande e-mail")
        verbose_name_plural = _("uitgaande e-mails")
        indexes = [
            models.Index(fields=["sent_at", "created_at"]),
            models.Index(
                fields=["to"], condition=Q(held=True, digest__isnull=True), name="outbox_held"
            ),
        ]

    def __str__(self):
        return f"{self.to}: {self.subject}"


class EmailPreference(models.Model):
    """How a person hears of one kind of notice; without a row: at once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="email_preferences"
    )
    kind = models.CharField(_("soort"), max_length=30, choices=NoticeKind.choices)
    choice = models.CharField(
        _("e-mail"), max_length=10, choices=EmailChoice.choices, default=EmailChoice.AT_ONCE
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("e-mailvoorkeur")
        verbose_name_plural = _("e-mailvoorkeuren")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="email_preference_once"),
            # What must always be sent cannot be chosen away, not even beside the form.
            models.CheckConstraint(
                condition=~Q(kind__in=sorted(ALWAYS_SENT)),
                name="email_preference_not_for_always_sent",
            ),
        ]

    def __str__(self):
        return f"{self.user}: {self.kind} → {self.choice}"


class ConflictOfInterest(models.Model):
    """An entanglement between two people (DOMAIN.md, "Conflict of interest" and "Conflicts
    hold from the moment they are recorded").

    It works both ways: from ``binds_from`` on, neither person coaches, confirms, attests,
    reviews, votes on, decides or accredits for the other. A declaration binds at once when it
    only keeps the declarer from acting; one that would keep someone else from judging the
    declarer is a request until the register office confirms it. One row per pair, in either
    order.
    """

    class Status(models.TextChoices):
        REQUESTED = "requested", _("aangevraagd")
        BINDING = "binding", _("geldt")
        REJECTED = "rejected", _("afgewezen")

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="declared_conflicts",
        verbose_name=_("persoon"),
    )
    # Empty only for a request that names an address without an account: the office sees it
    # with ``other_email`` and rejects it, or records the pair once it knows the person.
    other = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="conflicts_against",
        verbose_name=_("andere persoon"),
    )
    # The address as the declarer typed it (in lower case). The declarer's own list shows this
    # rather than the account's name, so that declaring never tells whether an account exists.
    other_email = models.EmailField(_("e-mailadres van de ander"), blank=True)
    reason = models.TextField(_("toelichting"))
    declared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    declared_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.REQUESTED
    )
    binds_from = models.DateTimeField(_("geldt vanaf"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("besloten door"),
    )
    decided_at = models.DateTimeField(_("besloten op"), null=True, blank=True)
    decision_note = models.TextField(_("toelichting bij het besluit"), blank=True)

    class Meta:
        verbose_name = _("belangenverstrengeling")
        verbose_name_plural = _("belangenverstrengelingen")
        db_table = "mentoring_conflictofinterest"
        constraints = [
            models.CheckConstraint(condition=~Q(person=F("other")), name="conflict_two_people"),
            models.UniqueConstraint(fields=["person", "other"], name="conflict_unique_pair"),
            models.UniqueConstraint(
                fields=["person", "other_email"],
                condition=Q(other__isnull=True),
                name="conflict_unique_unknown_address",
            ),
            models.CheckConstraint(
                condition=Q(other__isnull=False)
                | (Q(status__in=["requested", "rejected"]) & ~Q(other_email="")),
                name="conflict_without_account_is_not_binding",
            ),
            models.CheckConstraint(
                condition=Q(status="binding", binds_from__isnull=False)
                | (~Q(status="binding") & Q(binds_from__isnull=True)),
                name="conflict_binding_iff_binds_from",
            ),
            # The decision fields belong to the office's answer to a request: confirmed (then
            # binding) or rejected with a note. A requested conflict has none of them.
            models.CheckConstraint(
                condition=Q(decided_by__isnull=True, decided_at__isnull=True, decision_note="")
                | Q(decided_by__isnull=False, decided_at__isnull=False),
                name="conflict_decided_together",
            ),
            models.CheckConstraint(
                condition=~Q(status="requested") | Q(decided_by__isnull=True),
                name="conflict_requested_undecided",
            ),
            models.CheckConstraint(
                condition=~Q(status="rejected")
                | (Q(decided_by__isnull=False) & ~Q(decision_note="")),
                name="conflict_rejected_with_note",
            ),
        ]

    def __str__(self):
        return f"{self.person} ↔ {self.other or self.other_email}"

    def binds_at(self, moment) -> bool:
        """Does this conflict hold for an act at ``moment``?"""
        return (
            self.status == self.Status.BINDING
            and self.binds_from is not None
            and self.binds_from <= moment
        )
