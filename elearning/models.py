"""E-learning packages and what learners do in them.

A lesson may carry a package (SCORM 1.2, SCORM 2004 or H5P). Its files are unpacked into the
default storage under ``Package.storage_prefix`` and served from the content origin
(``ELEARNING_CONTENT_URL``). A learner's work in it is an ``Attempt`` per enrolment, with the
CMI data of each SCO in ``ItemState`` and every commit the browser sent kept as evidence in
``Commit``. When an attempt meets the lesson's rule (``Package.done_when``), the lesson is done
as any other lesson is (``courses.services.lesson_done_by_package``).
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from courses.models import Enrolment, LessonPage


class Package(models.Model):
    """An uploaded e-learning package of a lesson. A new upload replaces the lesson's package;
    the old one stays (``replaced_at``) for the attempts made in it."""

    class Kind(models.TextChoices):
        SCORM12 = "scorm12", "SCORM 1.2"
        SCORM2004 = "scorm2004", "SCORM 2004"
        H5P = "h5p", "H5P"

    class DoneWhen(models.TextChoices):
        COMPLETED = "completed", _("voltooid")
        PASSED = "passed", _("geslaagd")
        SCORE = "score", _("een minimale score")

    lesson = models.ForeignKey(LessonPage, on_delete=models.CASCADE, related_name="packages")
    kind = models.CharField(_("soort"), max_length=10, choices=Kind.choices)
    version = models.CharField(_("versie"), max_length=40)
    title = models.CharField(_("titel"), max_length=255)
    file_name = models.CharField(_("bestandsnaam"), max_length=255)
    size = models.PositiveBigIntegerField(_("grootte (bytes)"))
    file_count = models.PositiveIntegerField(_("aantal bestanden"))
    unpacked_size = models.PositiveBigIntegerField(_("uitgepakte grootte (bytes)"))
    storage_prefix = models.CharField(max_length=100, unique=True, editable=False)
    # The default organization's item tree: [{"identifier", "title", "href", "children": [...]}]
    items = models.JSONField(default=list)
    h5p_main_library = models.CharField(max_length=120, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("geüpload op"))
    replaced_at = models.DateTimeField(_("vervangen op"), null=True, blank=True)

    done_when = models.CharField(
        _("de les is afgerond bij"),
        max_length=10,
        choices=DoneWhen.choices,
        default=DoneWhen.COMPLETED,
    )
    min_score = models.PositiveSmallIntegerField(
        _("minimale score (%)"),
        default=0,
        validators=[MaxValueValidator(100)],
        help_text=_("Alleen bij 'een minimale score'; bij H5P telt de score altijd mee."),
    )
    min_minutes = models.PositiveSmallIntegerField(
        _("minimale tijd (minuten)"),
        default=0,
        help_text=_(
            "Wie sneller klaar is, rondt de les niet af: zo'n resultaat is niet geloofwaardig."
        ),
    )

    class Meta:
        verbose_name = _("e-learningpakket")
        verbose_name_plural = _("e-learningpakketten")
        constraints = [
            models.UniqueConstraint(
                fields=["lesson"],
                condition=Q(replaced_at__isnull=True),
                name="one_current_package_per_lesson",
            ),
            models.CheckConstraint(condition=Q(min_score__lte=100), name="package_min_score_pct"),
        ]

    def __str__(self):
        return f"{self.title} ({self.get_kind_display()})"

    @property
    def min_score_fraction(self) -> Decimal:
        return Decimal(self.min_score) / 100


class Attempt(models.Model):
    """A learner's attempt at a package, in one enrolment. The newest attempt is the one that
    resumes; "opnieuw beginnen" starts the next number."""

    class Status(models.TextChoices):
        NOT_ATTEMPTED = "not attempted", _("niet begonnen")
        INCOMPLETE = "incomplete", _("bezig")
        COMPLETED = "completed", _("voltooid")
        PASSED = "passed", _("geslaagd")
        FAILED = "failed", _("niet geslaagd")

    package = models.ForeignKey(Package, on_delete=models.CASCADE, related_name="attempts")
    enrolment = models.ForeignKey(
        Enrolment, on_delete=models.CASCADE, related_name="elearning_attempts"
    )
    number = models.PositiveSmallIntegerField(_("poging"), default=1)
    started_at = models.DateTimeField(_("begonnen op"))
    last_access_at = models.DateTimeField(_("laatst geopend op"))
    status = models.CharField(
        _("status"), max_length=14, choices=Status.choices, default=Status.NOT_ATTEMPTED
    )
    # As a fraction, 0–1 (SCORM 2004's scaled score; SCORM 1.2's raw score over its range).
    score = models.DecimalField(_("score"), max_digits=5, decimal_places=4, null=True, blank=True)
    total_seconds = models.PositiveIntegerField(_("tijd (seconden)"), default=0)
    done_at = models.DateTimeField(_("afgerond op"), null=True, blank=True)
    # A result that came sooner than the lesson's minimum time: this attempt completes nothing
    # any more; the learner starts again.
    too_fast_at = models.DateTimeField(_("te snel afgerond op"), null=True, blank=True)

    class Meta:
        verbose_name = _("poging")
        verbose_name_plural = _("pogingen")
        constraints = [
            models.UniqueConstraint(
                fields=["package", "enrolment", "number"], name="attempt_number_once"
            )
        ]
        indexes = [models.Index(fields=["enrolment", "package", "-number"])]

    def __str__(self):
        return f"{self.package_id}/{self.enrolment_id}#{self.number}"


class ItemState(models.Model):
    """The run-time data (CMI) one SCO of the package keeps for one attempt, as the learner's
    browser last committed it; for H5P the one item "h5p" with its xAPI result."""

    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="items")
    item = models.CharField(max_length=255)
    cmi = models.JSONField(default=dict)
    completion_status = models.CharField(max_length=14, blank=True)
    success_status = models.CharField(max_length=14, blank=True)
    score = models.DecimalField(max_digits=5, decimal_places=4, null=True, blank=True)
    total_seconds = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField()

    class Meta:
        verbose_name = _("onderdeelstatus")
        verbose_name_plural = _("onderdeelstatussen")
        constraints = [models.UniqueConstraint(fields=["attempt", "item"], name="item_state_once")]

    def __str__(self):
        return f"{self.attempt_id}/{self.item}"


class Commit(models.Model):
    """One commit the learner's browser sent, kept as it came: the evidence behind a result.
    A refused one keeps its reason and changed nothing."""

    class Event(models.TextChoices):
        COMMIT = "commit", _("opslaan")
        TERMINATE = "terminate", _("afsluiten")
        UNLOAD = "unload", _("pagina verlaten")
        XAPI = "xapi", _("xAPI-verklaring")

    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="commits")
    item = models.CharField(max_length=255)
    event = models.CharField(max_length=10, choices=Event.choices)
    data = models.JSONField()
    received_at = models.DateTimeField()
    refused = models.CharField(max_length=255, blank=True)

    class Meta:
        verbose_name = _("vastlegging")
        verbose_name_plural = _("vastleggingen")
        indexes = [models.Index(fields=["attempt", "received_at"])]

    def __str__(self):
        return f"{self.attempt_id}/{self.item} {self.event}"
