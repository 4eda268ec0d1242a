"""What providers publish: the catalogue, provider pages, courses, editions, meetings, lessons,
and the College's accreditation of courses.

Pages only describe content. Who may edit what, submitting for accreditation and deciding on it
live in ``services.py``; what the catalogue shows lives in ``selectors.py``.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from cms.blocks import BodyBlock

from .admin_forms import CoursePageForm
from .api_fields import AccreditationField, EditionsField
from .fields import ChoiceListField

# --- The kinds of work a course trains (DOMAIN.md, "Kinds of work"; the charter's three
# approaches, three forms and two settings). Mentoring imports these for differentiation.


class Approach(models.TextChoices):
    SELF_RELIANCE = "zelfredzaamheid", _("Bevordering zelfredzaamheid")
    STRATEGIC_ADVICE = "strategisch", _("Strategisch advies")
    SOCIAL_ORGANISATIONAL = "sociaal_organisatorisch", _("Sociaal-organisatorisch advies")


class Form(models.TextChoices):
    PROJECT = "project", _("Project")
    CAMPAIGN = "campagne", _("Campagne")
    DEVELOPMENT = "ontwikkeltraject", _("Ontwikkeltraject")


class Setting(models.TextChoices):
    TERRITORIAL = "territoriaal", _("Territoriaal")
    CATEGORIAL = "categoriaal", _("Categoriaal")


class CourseKind(models.TextChoices):
    POST_HBO = "post-hbo", _("Post-HBO-cursus")
    CONSULTATION = "consultatie", _("Consultatiecursus")
    INNOVATION = "innovatie", _("Innovatiecursus")


class Language(models.TextChoices):
    DUTCH = "nl", _("Nederlands")
    ENGLISH = "en", _("Engels")


# --- Pages ---------------------------------------------------------------------------------


class CataloguePage(Page):
    """The course catalogue ("Cursussen"): lists and filters the courses of every provider."""

    intro = RichTextField(_("inleiding"), features=["bold", "italic", "link"], blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["courses.ProviderPage"]
    max_count = 1

    class Meta:
        verbose_name = _("cursusoverzicht")

    def get_context(self, request, *args, **kwargs):
        from .selectors import catalogue_for_request

        context = super().get_context(request, *args, **kwargs)
        context.update(catalogue_for_request(request=request))
        return context


class ProviderPage(Page):
    """A course provider: who they are, how to reach them, and (below it) their courses.

    Each provider has its own editors' group whose page permissions cover only this subtree;
    ``services.provider_create`` makes both.
    """

    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="provider_pages",
        verbose_name=_("organisatie"),
    )
    editors_group = models.OneToOneField(
        "auth.Group",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="provider_page",
        verbose_name=_("redacteuren"),
    )
    intro = RichTextField(_("over de aanbieder"), features=["bold", "italic", "link"], blank=True)
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("e-mailadres"), blank=True)
    phone = models.CharField(_("telefoon"), max_length=30, blank=True)
    address = models.TextField(_("adres"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("website"),
                FieldPanel("email"),
                FieldPanel("phone"),
                FieldPanel("address"),
            ],
            heading=_("Contact"),
        ),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["courses.CataloguePage"]
    subpage_types = ["courses.CoursePage"]

    class Meta:
        verbose_name = _("aanbieder")
        verbose_name_plural = _("aanbieders")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["courses"] = CoursePage.objects.child_of(self).live().public().order_by("title")
        return context


class CoursePage(Page):
    """A course as its provider describes it. Editions and their meetings are edited inline."""

    provider = models.ForeignKey(
        ProviderPage,
        on_delete=models.SET_NULL,
        null=True,
        editable=False,
        related_name="courses",
        verbose_name=_("aanbieder"),
        help_text=_("Volgt uit de plaats in de paginaboom."),
    )
    kind = models.CharField(_("soort"), max_length=20, choices=CourseKind.choices)
    code = models.CharField(
        _("cursuscode"), max_length=40, help_text=_("Uniek binnen het aanbod van de aanbieder.")
    )
    summary = models.TextField(_("samenvatting"), blank=True)
    learning_outcomes = RichTextField(
        _("leerdoelen"), features=["bold", "italic", "ol", "ul"], blank=True
    )
    target_group = models.TextField(_("doelgroep"), blank=True)
    prerequisites = models.TextField(_("toelatingseisen"), blank=True)
    study_load_hours = models.PositiveSmallIntegerField(_("studiebelasting in uren"), default=0)
    points_requested = models.DecimalField(
        _("aangevraagde punten"), max_digits=5, decimal_places=1, null=True, blank=True
    )
    approaches = ChoiceListField(
        _("werkwijzen"),
        item_choices=Approach.choices,
        help_text=_("Welke werkwijzen oefent de cursus?"),
    )
    work_forms = ChoiceListField(
        _("werkvormen"),
        item_choices=Form.choices,
        help_text=_("Welke vormen van werk komen aan bod?"),
    )
    price = models.DecimalField(
        _("prijs in euro"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    language = models.CharField(
        _("taal"), max_length=5, choices=Language.choices, default=Language.DUTCH
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("afbeelding"),
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("inhoud"))

    base_form_class = CoursePageForm
    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("code")]),
        FieldPanel("summary"),
        FieldPanel("image"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("learning_outcomes"),
                FieldPanel("target_group"),
                FieldPanel("prerequisites"),
                FieldPanel("approaches"),
                FieldPanel("work_forms"),
            ],
            heading=_("Voor wie en waarvoor"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("study_load_hours"), FieldPanel("points_requested")]),
                FieldRowPanel([FieldPanel("price"), FieldPanel("language")]),
            ],
            heading=_("Omvang en kosten"),
        ),
        InlinePanel("editions", heading=_("Uitvoeringen"), label=_("Uitvoering")),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("learning_outcomes"),
        index.SearchField("body"),
        index.AutocompleteField("code"),
        index.FilterField("kind"),
    ]
    api_fields = [
        APIField("kind"),
        APIField("code"),
        APIField("summary"),
        APIField("study_load_hours"),
        APIField("points_requested"),
        APIField("price"),
        APIField("language"),
        APIField("approaches"),
        APIField("work_forms"),
        APIField("accreditation", serializer=AccreditationField()),
        APIField("editions", serializer=EditionsField()),
    ]
    parent_page_types = ["courses.ProviderPage"]
    subpage_types = ["courses.LessonPage"]

    class Meta:
        verbose_name = _("cursus")
        verbose_name_plural = _("cursussen")
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "code"],
                name="course_code_unique_per_provider",
                violation_error_message=_("Deze aanbieder gebruikt deze cursuscode al."),
            ),
            models.CheckConstraint(
                condition=Q(points_requested__isnull=True) | Q(points_requested__gte=0),
                name="course_points_requested_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(price__isnull=True) | Q(price__gte=0), name="course_price_not_negative"
            ),
        ]

    def save(self, *args, **kwargs):
        # The provider is the page's place in the tree, kept as a key so the code can be unique
        # per provider in the database.
        if self.path and self.depth and self.depth > 1:
            parent_path = self.path[: -self.steplen]
            self.provider_id = (
                ProviderPage.objects.filter(path=parent_path).values_list("pk", flat=True).first()
            )
        return super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if self.provider_id and self.code:
            clash = CoursePage.objects.filter(provider_id=self.provider_id, code=self.code)
            if self.pk:
                clash = clash.exclude(pk=self.pk)
            if clash.exists():
                raise ValidationError(
                    {
                        "code": _("Deze aanbieder gebruikt cursuscode %(code)s al.")
                        % {"code": self.code}
                    }
                )

    def get_context(self, request, *args, **kwargs):
        from .selectors import accreditation_status, editions_for_course

        context = super().get_context(request, *args, **kwargs)
        context["editions"] = editions_for_course(course=self)
        context["accreditation"] = accreditation_status(course=self)
        context["provider"] = self.get_parent().specific
        context["approaches"] = [Approach(v).label for v in self.approaches if v in Approach.values]
        context["work_forms"] = [Form(v).label for v in self.work_forms if v in Form.values]
        return context


class LessonPage(Page):
    """Content for participants of a course; progress is tracked elsewhere."""

    body = StreamField(BodyBlock(), blank=True, verbose_name=_("inhoud"))

    content_panels = Page.content_panels + [FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("body")]
    parent_page_types = ["courses.CoursePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("les")
        verbose_name_plural = _("lessen")


# --- Editions and meetings -----------------------------------------------------------------


class Edition(Orderable, ClusterableModel):
    """One run (uitvoering) of a course, with its own dates, seats and price."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        FULL = "vol", _("Vol")
        CANCELLED = "geannuleerd", _("Geannuleerd")
        FINISHED = "afgerond", _("Afgerond")

    course = ParentalKey(CoursePage, on_delete=models.CASCADE, related_name="editions")
    code = models.CharField(_("code"), max_length=40)
    start_date = models.DateField(_("begindatum"))
    end_date = models.DateField(_("einddatum"))
    capacity = models.PositiveIntegerField(_("aantal plaatsen"), default=16)
    enrolment_deadline = models.DateField(_("inschrijven tot en met"), null=True, blank=True)
    price = models.DecimalField(
        _("afwijkende prijs in euro"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Leeg laten als de prijs van de cursus geldt."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPEN
    )

    panels = [
        FieldRowPanel([FieldPanel("code"), FieldPanel("status")]),
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
        FieldRowPanel(
            [FieldPanel("capacity"), FieldPanel("enrolment_deadline"), FieldPanel("price")]
        ),
        InlinePanel("meetings", heading=_("Bijeenkomsten"), label=_("Bijeenkomst")),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("uitvoering")
        verbose_name_plural = _("uitvoeringen")
        ordering = ["start_date", "sort_order"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")),
                name="edition_ends_after_start",
                violation_error_message=_("De einddatum ligt voor de begindatum."),
            ),
            models.CheckConstraint(
                condition=Q(capacity__gte=1),
                name="edition_capacity_at_least_one",
                violation_error_message=_("Een uitvoering heeft minstens één plaats."),
            ),
            models.CheckConstraint(
                condition=Q(price__isnull=True) | Q(price__gte=0),
                name="edition_price_not_negative",
            ),
        ]

    def __str__(self):
        return f"{self.course.title} ({self.code})"

    def clean(self):
        super().clean()
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("De einddatum ligt voor de begindatum.")
        if self.capacity is not None and self.capacity < 1:
            errors["capacity"] = _("Een uitvoering heeft minstens één plaats.")
        if self.enrolment_deadline and self.end_date and self.enrolment_deadline > self.end_date:
            errors["enrolment_deadline"] = _(
                "De inschrijftermijn kan niet na het einde van de uitvoering sluiten."
            )
        if errors:
            raise ValidationError(errors)

    @property
    def effective_price(self):
        return self.price if self.price is not None else self.course.price


class Meeting(Orderable):
    """A meeting of an edition, at a place or online (or both)."""

    edition = ParentalKey(Edition, on_delete=models.CASCADE, related_name="meetings")
    date = models.DateField(_("datum"))
    start_time = models.TimeField(_("begintijd"))
    end_time = models.TimeField(_("eindtijd"))
    place = models.CharField(_("plaats"), max_length=200, blank=True)
    online_url = models.URLField(_("online link"), blank=True)

    panels = [
        FieldRowPanel([FieldPanel("date"), FieldPanel("start_time"), FieldPanel("end_time")]),
        FieldRowPanel([FieldPanel("place"), FieldPanel("online_url")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("bijeenkomst")
        verbose_name_plural = _("bijeenkomsten")
        ordering = ["date", "start_time"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_time__gt=F("start_time")),
                name="meeting_ends_after_start",
                violation_error_message=_("De eindtijd ligt voor de begintijd."),
            ),
            models.CheckConstraint(
                condition=~Q(place="") | ~Q(online_url=""),
                name="meeting_has_place_or_link",
                violation_error_message=_("Geef een plaats of een online link."),
            ),
        ]

    def __str__(self):
        return f"{self.date:%d-%m-%Y} {self.start_time:%H:%M}"

    def clean(self):
        super().clean()
        errors = {}
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            errors["end_time"] = _("De eindtijd ligt voor de begintijd.")
        if not self.place and not self.online_url:
            errors["place"] = _("Geef een plaats of een online link.")
        edition = self.edition if self.edition_id else None
        if edition is not None and self.date and not meeting_date_inside(self.date, edition):
            errors["date"] = meeting_outside_message(edition)
        if errors:
            raise ValidationError(errors)

    @property
    def is_online(self) -> bool:
        return bool(self.online_url)


def meeting_date_inside(day, edition) -> bool:
    return bool(edition.start_date and edition.end_date) and (
        edition.start_date <= day <= edition.end_date
    )


def meeting_outside_message(edition):
    return _("Deze bijeenkomst valt buiten de uitvoering (%(start)s tot en met %(end)s).") % {
        "start": edition.start_date.strftime("%d-%m-%Y"),
        "end": edition.end_date.strftime("%d-%m-%Y"),
    }


# --- Accreditation -------------------------------------------------------------------------


class AccreditationRequest(models.Model):
    """A provider asks the College to accredit a course.

    Accreditation is deliberately not a Wagtail page workflow: a workflow's last approval
    publishes the page and publishing cancels a running workflow, while a provider may publish
    a course before, during or without accreditation. So a request is its own record, reviewed
    from the College's own admin screen, and every review is an ``AccreditationDecision``.
    """

    class Status(models.TextChoices):
        OPEN = "open", _("In behandeling")
        DECIDED = "besloten", _("Besloten")
        WITHDRAWN = "ingetrokken", _("Ingetrokken")

    course = models.ForeignKey(
        CoursePage, on_delete=models.PROTECT, related_name="accreditation_requests"
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(auto_now_add=True)
    note = models.TextField(_("toelichting"), blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN)

    class Meta:
        verbose_name = _("accreditatieaanvraag")
        verbose_name_plural = _("accreditatieaanvragen")
        ordering = ["submitted_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["course"],
                condition=Q(status="open"),
                name="accreditation_one_open_request_per_course",
                violation_error_message=_("Voor deze cursus loopt al een aanvraag."),
            )
        ]

    def __str__(self):
        return f"{self.course.title} ({self.submitted_at:%d-%m-%Y})"


class AccreditationDecision(models.Model):
    """One decision of the College on a course. Append-only: a new decision never edits an old one."""

    class Outcome(models.TextChoices):
        GRANTED = "toegekend", _("Toegekend")
        REFUSED = "afgewezen", _("Afgewezen")
        MORE_INFORMATION = "meer-informatie", _("Meer informatie nodig")

    course = models.ForeignKey(
        CoursePage, on_delete=models.PROTECT, related_name="accreditation_decisions"
    )
    request = models.ForeignKey(
        AccreditationRequest,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decisions",
    )
    outcome = models.CharField(_("besluit"), max_length=20, choices=Outcome.choices)
    points_granted = models.DecimalField(
        _("toegekende punten"), max_digits=5, decimal_places=1, null=True, blank=True
    )
    valid_from = models.DateField(_("geldig vanaf"), null=True, blank=True)
    valid_until = models.DateField(_("geldig tot en met"), null=True, blank=True)
    motivation = models.TextField(_("motivering"))
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="accreditation_decisions",
        verbose_name=_("beoordelaar"),
    )
    decided_at = models.DateTimeField(_("besloten op"), auto_now_add=True)

    class Meta:
        verbose_name = _("accreditatiebesluit")
        verbose_name_plural = _("accreditatiebesluiten")
        ordering = ["-decided_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(points_granted__isnull=True) | Q(points_granted__gte=0),
                name="accreditation_points_not_negative",
                violation_error_message=_("Het aantal punten kan niet negatief zijn."),
            ),
            models.CheckConstraint(
                condition=Q(valid_from__isnull=True)
                | Q(valid_until__isnull=True)
                | Q(valid_until__gte=F("valid_from")),
                name="accreditation_valid_until_after_from",
                violation_error_message=_("De geldigheid eindigt voordat zij begint."),
            ),
            models.CheckConstraint(
                condition=~Q(outcome="toegekend")
                | (
                    Q(points_granted__isnull=False)
                    & Q(valid_from__isnull=False)
                    & Q(valid_until__isnull=False)
                ),
                name="accreditation_granted_has_points_and_period",
                violation_error_message=_("Een toekenning heeft punten en een geldigheidsperiode."),
            ),
        ]

    def __str__(self):
        return f"{self.course.title}: {self.get_outcome_display()}"

    def clean(self):
        super().clean()
        errors = {}
        if self.points_granted is not None and self.points_granted < 0:
            errors["points_granted"] = _("Het aantal punten kan niet negatief zijn.")
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            errors["valid_until"] = _("De geldigheid eindigt voordat zij begint.")
        if self.outcome == self.Outcome.GRANTED:
            if self.points_granted is None:
                errors.setdefault("points_granted", _("Geef het aantal toegekende punten."))
            if not self.valid_from:
                errors.setdefault("valid_from", _("Geef aan vanaf wanneer de accreditatie geldt."))
            if not self.valid_until:
                errors.setdefault("valid_until", _("Geef aan tot wanneer de accreditatie geldt."))
        if errors:
            raise ValidationError(errors)
