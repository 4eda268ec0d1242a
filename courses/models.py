"""What providers publish: the catalogue, provider pages, courses, editions, meetings, lessons,
and the College's accreditation of courses.

Pages only describe content. Who may edit what, submitting for accreditation and deciding on it
live in ``services.py``; what the catalogue shows lives in ``selectors.py``.
"""

from urllib.parse import quote

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
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
from .api_fields import AccreditationField, ChoiceValuesField, EditionsField
from .blocks import LessonBlock
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

    def route(self, request, path_components):
        """Find a provider, course or lesson below the catalogue by its URL path in one query.

        Wagtail's own routing asks for each level's child and then for its specific page: for
        a course that is four queries on every visit. The levels below the catalogue are fixed
        (provider, course, lesson), so the page type follows from the number of components.
        """
        levels = (ProviderPage, CoursePage, LessonPage)
        if 0 < len(path_components) <= len(levels):
            model = levels[len(path_components) - 1]
            url_path = f"{self.url_path}{'/'.join(path_components)}/"
            pages = model.objects.all()
            if model is CoursePage:
                # The course page links to its provider: read it with the course.
                pages = pages.select_related("provider")
            try:
                # get() rather than first(): no ORDER BY for the ORM to build and the
                # database to sort.
                page = pages.get(url_path=url_path)
            except (model.DoesNotExist, model.MultipleObjectsReturned):
                pass
            else:
                return page.route(request, [])
        return super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        from .selectors import catalogue_for_request

        context = super().get_context(request, *args, **kwargs)
        context.update(catalogue_for_request(request=request))
        return context


class ProviderPage(Page):
    """A course provider: who they are, how to reach them, and (below it) their courses.

    Each provider has its own editors' group whose page permissions cover only this subtree,
    and its own collection of images and documents; ``services.provider_create`` makes them
    (``services.provider_workspace_ensure``).
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
    collection = models.OneToOneField(
        "wagtailcore.Collection",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="provider_page",
        verbose_name=_("map met afbeeldingen en documenten"),
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


def course_follows_its_provider(sender, instance, parent_page_after, **kwargs) -> None:
    """After a move in the page tree, the course's provider is its new parent.

    Wagtail saves a moved page as a plain ``Page``, so ``CoursePage.save`` does not run.
    Connected to ``post_page_move`` in ``CoursesConfig.ready``.
    """
    CoursePage.objects.filter(pk=instance.pk).exclude(provider_id=parent_page_after.pk).update(
        provider_id=parent_page_after.pk
    )


def course_cache_scope(course_id: int) -> str:
    """The page cache scope of one course's page (``cms.page_cache``)."""
    return f"course:{course_id}"


DEFAULT_CANCELLATION_TERMS = _(
    "Uitschrijven kan kosteloos tot de start van de uitvoering. Daarna is de volledige prijs "
    "verschuldigd."
)


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
    cancellation_terms = models.TextField(
        _("annuleringsvoorwaarden"),
        blank=True,
        help_text=_(
            "Wat kost uitschrijven en tot wanneer? Leeg laten voor de standaardtekst van het "
            "platform."
        ),
    )
    # Whether the course holds its code: once it is or was published. A new course that was
    # only ever a draft does not keep the code from another course of the same provider.
    code_held = models.BooleanField(default=False, editable=False)
    image = models.ForeignKey(
        "wagtailimages.Image",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("afbeelding"),
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("inhoud"))
    # The completion rule (see ``services.completion_rule_met``).
    rule_lessons = models.BooleanField(_("alle verplichte lessen afgerond"), default=False)
    rule_attendance_percent = models.PositiveSmallIntegerField(
        _("minimale aanwezigheid in procenten"), default=80
    )
    rule_reflections = models.BooleanField(_("alle reflecties geaccepteerd"), default=False)
    elearning_completes_accredited = models.BooleanField(
        _("e-learning alleen mag afronden"),
        default=False,
        help_text=_(
            "Voor een geaccrediteerde cursus zonder bijeenkomsten: mag een deelnemer afronden "
            "op lessen die alleen in e-learning zijn afgerond? Anders rond je met de hand af."
        ),
    )
    lessons_for_participants_only = models.BooleanField(
        _("lessen alleen voor deelnemers"),
        default=True,
        help_text=_("Anderen zien dan alleen de opzet en een uitnodiging om in te schrijven."),
    )

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
                FieldPanel("cancellation_terms"),
            ],
            heading=_("Omvang en kosten"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("rule_attendance_percent"), FieldPanel("rule_lessons")]),
                FieldRowPanel(
                    [FieldPanel("rule_reflections"), FieldPanel("lessons_for_participants_only")]
                ),
                FieldPanel("elearning_completes_accredited"),
            ],
            heading=_("Afronden"),
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
        APIField("approaches", serializer=ChoiceValuesField()),
        APIField("work_forms", serializer=ChoiceValuesField()),
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
                condition=Q(code_held=True),
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
            models.CheckConstraint(
                condition=Q(rule_attendance_percent__lte=100),
                name="course_rule_attendance_percent_at_most_100",
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
        self.code_held = bool(self.live or self.first_published_at)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "live" in update_fields:
            kwargs["update_fields"] = {*update_fields, "code_held"}
        return super().save(*args, **kwargs)

    @property
    def cancellation_terms_text(self) -> str:
        """The provider's own terms, or the platform's default when they wrote none."""
        return self.cancellation_terms.strip() or str(DEFAULT_CANCELLATION_TERMS)

    def can_move_to(self, parent):
        """A course moves only to a provider that does not use its code yet."""
        if not super().can_move_to(parent):
            return False
        return not (
            CoursePage.objects.filter(provider_id=parent.pk, code=self.code, code_held=True)
            .exclude(pk=self.pk)
            .exists()
        )

    def provider_for_link(self) -> ProviderPage | None:
        """The provider, for the link to it on the course page.

        Routed through the catalogue, the course was read with its provider
        (``CataloguePage.route``). Otherwise the provider is read by its key, or from the tree
        for a course not saved yet (a preview).
        """
        if self.provider_id:
            return self.provider
        return ProviderPage.objects.parent_of(self).first()

    @property
    def page_cache_scope(self) -> str:
        """Stored anonymous copies of this page are purged with its own editions and seats."""
        return course_cache_scope(self.pk)

    def clean(self):
        super().clean()
        if self.provider_id and self.code:
            clash = CoursePage.objects.filter(
                provider_id=self.provider_id, code=self.code, code_held=True
            )
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
        from .page_cache import editions_fragment_key
        from .selectors import (
            accreditation_status,
            course_outline,
            editions_for_course,
            person_enrolments_for_course_page,
        )

        context = super().get_context(request, *args, **kwargs)
        if not request.user.is_authenticated:
            # Each edition card links to the login page, which brings the visitor back here.
            context["login_url"] = f"{reverse('account_login')}?next={quote(request.path)}"
        my_enrolments = person_enrolments_for_course_page(user=request.user, course=self)

        def editions():
            shown = editions_for_course(course=self)
            for edition in shown:
                edition.course = self  # its price and terms, without a query per edition
                edition.my_enrolment = my_enrolments.get(edition.pk)
            return shown

        # Read only when the template shows the list: an anonymous visitor's list is kept in
        # the cache (see editions_fragment_key), and then the editions are not read at all.
        context["editions"] = editions
        context["editions_fragment_key"] = editions_fragment_key(self, request)
        context["editions_fragment_seconds"] = settings.PAGE_CACHE_SECONDS
        context["accreditation"] = accreditation_status(course=self)
        context["provider"] = self.provider_for_link()
        # Many courses meet in person only. Even with no rows to find, asking the ORM for an
        # empty list of children costs as much Python as a real query.
        context["lessons"] = list(self.get_children().live()) if self.numchild else []
        # Only for a signed-in participant, whose pages the page cache never keeps.
        context["outline"] = course_outline(
            user=request.user, course=self, lessons=context["lessons"]
        )
        context["approaches"] = [Approach(v).label for v in self.approaches if v in Approach.values]
        context["work_forms"] = [Form(v).label for v in self.work_forms if v in Form.values]
        return context


class LessonPage(Page):
    """Content for participants of a course; progress is tracked by ``LessonProgress``."""

    body = StreamField(LessonBlock(), blank=True, verbose_name=_("inhoud"))
    required = models.BooleanField(
        _("verplicht"), default=True, help_text=_("Telt mee voor het afronden van de cursus.")
    )

    content_panels = Page.content_panels + [FieldPanel("required"), FieldPanel("body")]
    # The text is indexed only where anyone may read it; otherwise search (the site's and the
    # API's) would answer yes or no about words of a lesson for participants only.
    search_fields = Page.search_fields + [index.SearchField("body_for_everyone")]
    parent_page_types = ["courses.CoursePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("les")
        verbose_name_plural = _("lessen")

    def body_for_everyone(self) -> str:
        """The lesson's text, when its course shows lessons to everyone; else nothing."""
        if not self.path:
            return ""
        participants_only = (
            CoursePage.objects.filter(path=self.path[: -self.steplen])
            .values_list("lessons_for_participants_only", flat=True)
            .first()
        )
        if participants_only is not False:
            return ""
        return " ".join(self._meta.get_field("body").get_searchable_content(self.body))

    def get_context(self, request, *args, **kwargs):
        from .lesson_parts import completed_by_part, shown_on
        from .selectors import lesson_access
        from .services import lesson_visit_record

        context = super().get_context(request, *args, **kwargs)
        context.update(lesson_access(user=request.user, lesson=self))
        enrolment = context["enrolment"]
        context["completed_by_part"] = completed_by_part(self)
        context["lesson_parts"] = (
            shown_on(request=request, lesson=self, enrolment=enrolment)
            if context["may_read"]
            else []
        )
        if enrolment and request.method == "GET" and not getattr(request, "is_preview", False):
            lesson_visit_record(enrolment=enrolment, lesson=self)
        return context


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

    @property
    def is_paid(self) -> bool:
        """A paid edition asks for confirmation (price, payer, terms) before enrolling."""
        price = self.effective_price
        return price is not None and price > 0

    @property
    def is_finished(self) -> bool:
        return self.status == self.Status.FINISHED or self.end_date < timezone.localdate()

    def self_enrolment_refusal(self) -> str:
        """Why a practitioner cannot enrol themselves (empty when they can): the one rule that
        ``services.enrolment_create`` applies and the course page shows."""
        today = timezone.localdate()
        if self.status == self.Status.CANCELLED:
            return str(_("Deze uitvoering is geannuleerd."))
        if self.is_finished:
            return str(_("Deze uitvoering is al afgelopen."))
        deadline = self.enrolment_deadline or self.start_date
        if today <= deadline:
            return ""
        if today > self.start_date:
            return str(
                _("Deze uitvoering is al begonnen op %(date)s; inschrijven kan niet meer.")
                % {"date": self.start_date.strftime("%d-%m-%Y")}
            )
        return str(
            _("De inschrijving voor deze uitvoering is gesloten sinds %(date)s.")
            % {"date": deadline.strftime("%d-%m-%Y")}
        )

    @property
    def self_enrolment_open(self) -> bool:
        """Whether a practitioner may still enrol themselves (``self_enrolment_refusal``)."""
        return not self.self_enrolment_refusal()

    @property
    def is_full(self) -> bool:
        """No free seat: enrolling puts a person on the waitlist."""
        seats_left = getattr(self, "seats_left", None)
        if seats_left is not None:
            return seats_left <= 0
        return self.status == self.Status.FULL

    @property
    def withdrawal_open(self) -> bool:
        """Withdrawing is possible until the edition starts and while it is not finished or
        cancelled (``services.enrolment_withdraw``)."""
        return (
            self.status not in (self.Status.CANCELLED, self.Status.FINISHED)
            and timezone.localdate() < self.start_date
        )


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

    @property
    def hours(self) -> str:
        """From and until, as 09:30–16:30: the same in Dutch and English (TIME_FORMAT)."""
        return f"{self.start_time:%H:%M}–{self.end_time:%H:%M}"

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
        return f"{self.course.title} ({timezone.localdate(self.submitted_at):%d-%m-%Y})"


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
    # DOMAIN.md, "A course counts once": the College may let a course (say yearly
    # intervision) count once per calendar year instead of once per window.
    repeatable_yearly = models.BooleanField(
        _("herhaalbaar: telt eens per kalenderjaar"),
        default=False,
        help_text=_(
            "Een afronding telt dan eens per kalenderjaar mee voor het register, niet eens "
            "per registerperiode."
        ),
    )
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
            models.CheckConstraint(
                condition=Q(repeatable_yearly=False) | Q(outcome="toegekend"),
                name="accreditation_repeatable_only_when_granted",
                violation_error_message=_(
                    "Alleen een toekenning kan een cursus herhaalbaar maken."
                ),
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
        elif self.repeatable_yearly:
            errors["repeatable_yearly"] = _(
                "Alleen een toekenning kan een cursus herhaalbaar maken."
            )
        if errors:
            raise ValidationError(errors)


# --- Learning records ----------------------------------------------------------------------


def private_storage():
    """Evidence and exports live on the private storage, never under MEDIA_URL."""
    from django.core.files.storage import storages

    return storages["private"]


EVIDENCE_MAX_BYTES = 10 * 1024 * 1024

# What evidence files may be, by their first bytes (the name and the browser's type can lie).
EVIDENCE_SIGNATURES = {
    b"%PDF-": "application/pdf",
    b"\xff\xd8\xff": "image/jpeg",
    b"\x89PNG\r\n\x1a\n": "image/png",
}


def evidence_content_type(upload) -> str | None:
    """The content type of an evidence upload judged by its magic bytes, or None."""
    position = upload.tell() if hasattr(upload, "tell") else 0
    upload.seek(0)
    head = upload.read(16)
    upload.seek(position)
    for signature, content_type in EVIDENCE_SIGNATURES.items():
        if head.startswith(signature):
            return content_type
    return None


def validate_evidence(upload):
    if upload.size > EVIDENCE_MAX_BYTES:
        raise ValidationError(_("Het bewijsstuk is groter dan 10 MB."))
    if evidence_content_type(upload) is None:
        raise ValidationError(_("Een bewijsstuk moet een PDF-, JPEG- of PNG-bestand zijn."))


def evidence_upload_to(instance, filename):
    import uuid

    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"evidence/{instance.person_id}/{uuid.uuid4().hex}.{suffix[:5]}"


class Enrolment(models.Model):
    """A person's place in an edition: a seat, a place on the waitlist, or a past one.

    At most one active (enrolled or waitlisted) enrolment per person and edition, and a seat
    number is given once per edition: the database refuses overbooking even if code would not.
    """

    class Status(models.TextChoices):
        ENROLLED = "ingeschreven", _("Ingeschreven")
        WAITLISTED = "wachtlijst", _("Op de wachtlijst")
        WITHDRAWN = "uitgeschreven", _("Uitgeschreven")
        CANCELLED = "geannuleerd", _("Geannuleerd")

    class Payer(models.TextChoices):
        SELF = "zelf", _("Ik betaal zelf")
        EMPLOYER = "werkgever", _("Mijn werkgever betaalt")

    ACTIVE = (Status.ENROLLED, Status.WAITLISTED)

    edition = models.ForeignKey(Edition, on_delete=models.PROTECT, related_name="enrolments")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="enrolments"
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    seat = models.PositiveIntegerField(_("plaats"), null=True, blank=True)
    created_at = models.DateTimeField(_("aangemeld op"), auto_now_add=True)
    enrolled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    enrolled_at = models.DateTimeField(_("ingeschreven op"), null=True, blank=True)
    ended_at = models.DateTimeField(_("beëindigd op"), null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # For a paid course: what the participant confirmed before enrolling.
    payer = models.CharField(_("wie betaalt"), max_length=20, choices=Payer.choices, blank=True)
    employer_name = models.CharField(_("naam van de werkgever"), max_length=200, blank=True)
    purchase_order = models.CharField(_("inkoopordernummer"), max_length=100, blank=True)
    price = models.DecimalField(
        _("prijs in euro"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    terms_confirmed_at = models.DateTimeField(_("voorwaarden bevestigd op"), null=True, blank=True)
    # A seat given from the waitlist, and when the person said they saw it: until then it
    # stands in their to-do list.
    promoted_at = models.DateTimeField(_("van de wachtlijst geplaatst op"), null=True, blank=True)
    promotion_seen_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("inschrijving")
        verbose_name_plural = _("inschrijvingen")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "person"],
                condition=Q(status__in=["ingeschreven", "wachtlijst"]),
                name="enrolment_one_active_per_person",
                violation_error_message=_("Deze persoon is al aangemeld voor deze uitvoering."),
            ),
            models.UniqueConstraint(
                fields=["edition", "seat"],
                condition=Q(status="ingeschreven"),
                name="enrolment_seat_given_once",
            ),
            models.CheckConstraint(
                condition=~Q(payer="werkgever") | (~Q(employer_name="") & ~Q(purchase_order="")),
                name="enrolment_employer_pays_with_order",
                violation_error_message=_(
                    "Geef de naam van je werkgever en het inkoopordernummer."
                ),
            ),
            models.CheckConstraint(
                condition=(Q(status="ingeschreven") & Q(seat__gte=1))
                | (~Q(status="ingeschreven") & Q(seat__isnull=True)),
                name="enrolment_seat_only_when_enrolled",
            ),
        ]
        indexes = [models.Index(fields=["edition", "status"])]

    def __str__(self):
        return f"{self.person} – {self.edition} ({self.get_status_display()})"

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE


class Completion(models.Model):
    """A participant completed an edition. Only rows not revoked, accredited and dated on or
    after the day the course ran count (``selectors.counting_completions``).

    The points, and whether the course counts once per calendar year, are those of the
    accreditation valid on the edition's first day (``selectors.edition_accreditation``),
    copied once so that nobody types them twice and later decisions never rewrite them.
    """

    enrolment = models.OneToOneField(Enrolment, on_delete=models.PROTECT, related_name="completion")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="completions"
    )
    edition = models.ForeignKey(Edition, on_delete=models.PROTECT, related_name="completions")
    completed_on = models.DateField(_("afgerond op"))
    points = models.DecimalField(_("punten"), max_digits=6, decimal_places=1, default=0)
    course_kind = models.CharField(_("soort cursus"), max_length=20, choices=CourseKind.choices)
    accredited = models.BooleanField(_("geaccrediteerd"), default=False)
    repeatable_yearly = models.BooleanField(
        _("herhaalbaar: telt eens per kalenderjaar"), default=False
    )
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Leeg als het platform afrondde omdat aan de regel was voldaan."),
    )
    completed_at = models.DateTimeField(_("vastgelegd op"))
    reason = models.TextField(_("reden"), blank=True)
    revoked_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    revoked_reason = models.TextField(_("reden van intrekking"), blank=True)
    verification_code = models.CharField(
        _("verificatiecode"), max_length=32, unique=True, editable=False
    )

    class Meta:
        verbose_name = _("afronding")
        verbose_name_plural = _("afrondingen")
        ordering = ["-completed_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(points__gte=0),
                name="completion_points_not_negative",
                violation_error_message=_("Het aantal punten kan niet negatief zijn."),
            ),
            models.CheckConstraint(
                condition=Q(accredited=True) | Q(points=0),
                name="completion_points_only_when_accredited",
            ),
            models.CheckConstraint(
                condition=Q(revoked_at__isnull=True) | ~Q(revoked_reason=""),
                name="completion_revocation_has_reason",
            ),
        ]
        indexes = [models.Index(fields=["person", "completed_on"])]

    def __str__(self):
        return f"{self.person} – {self.edition} ({self.completed_on:%d-%m-%Y})"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None


class OutsideActivity(models.Model):
    """Study outside the platform's courses that a practitioner reports, with evidence.

    Counts only once the register office accepted it; a point is an hour of study load.
    """

    class Status(models.TextChoices):
        SUBMITTED = "ingediend", _("Ingediend")
        ACCEPTED = "geaccepteerd", _("Geaccepteerd")
        REJECTED = "afgewezen", _("Afgewezen")

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="outside_activities"
    )
    title = models.CharField(_("titel"), max_length=200)
    organiser = models.CharField(_("organisator"), max_length=200)
    date = models.DateField(_("datum"))
    hours = models.DecimalField(_("uren"), max_digits=6, decimal_places=1)
    points = models.DecimalField(_("punten"), max_digits=6, decimal_places=1)
    course_kind = models.CharField(
        _("soort"), max_length=20, choices=CourseKind.choices, blank=True
    )
    evidence = models.FileField(
        _("bewijsstuk"),
        storage=private_storage,
        upload_to=evidence_upload_to,
        validators=[validate_evidence],
        help_text=_("PDF, JPEG of PNG, hoogstens 10 MB."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.SUBMITTED
    )
    submitted_at = models.DateTimeField(_("ingediend op"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("besloten op"), null=True, blank=True)
    decision_note = models.TextField(_("toelichting bij besluit"), blank=True)

    class Meta:
        verbose_name = _("externe activiteit")
        verbose_name_plural = _("externe activiteiten")
        ordering = ["-date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(hours__gt=0),
                name="outside_activity_hours_positive",
                violation_error_message=_("Het aantal uren moet groter dan nul zijn."),
            ),
            models.CheckConstraint(
                condition=Q(points__gte=0),
                name="outside_activity_points_not_negative",
                violation_error_message=_("Het aantal punten kan niet negatief zijn."),
            ),
            models.CheckConstraint(
                condition=Q(status="ingediend")
                | (Q(decided_by__isnull=False) & Q(decided_at__isnull=False)),
                name="outside_activity_decision_has_actor",
            ),
        ]
        indexes = [models.Index(fields=["person", "date"])]

    def __str__(self):
        return f"{self.title} ({self.date:%d-%m-%Y})"


class Attendance(models.Model):
    """Whether a participant was at a meeting; one row per participant and meeting."""

    class Status(models.TextChoices):
        PRESENT = "aanwezig", _("Aanwezig")
        ABSENT = "afwezig", _("Afwezig")
        EXCUSED = "afgemeld", _("Afgemeld")

    enrolment = models.ForeignKey(Enrolment, on_delete=models.PROTECT, related_name="attendance")
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    status = models.CharField(_("aanwezigheid"), max_length=20, choices=Status.choices)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    marked_at = models.DateTimeField(_("vastgelegd op"))

    class Meta:
        verbose_name = _("aanwezigheid")
        verbose_name_plural = _("aanwezigheid")
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "meeting"], name="attendance_once_per_meeting"
            )
        ]

    def __str__(self):
        return f"{self.enrolment_id}/{self.meeting_id}: {self.get_status_display()}"


class AttendanceCorrection(models.Model):
    """A mark that a later one replaced: what it said, who set it and when, and who changed
    it to what. Attendance decides completion, so a correction never erases the first word."""

    attendance = models.ForeignKey(Attendance, on_delete=models.CASCADE, related_name="corrections")
    status_before = models.CharField(_("was"), max_length=20, choices=Attendance.Status.choices)
    marked_by_before = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    marked_at_before = models.DateTimeField()
    status_after = models.CharField(_("wordt"), max_length=20, choices=Attendance.Status.choices)
    corrected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    corrected_at = models.DateTimeField()

    class Meta:
        verbose_name = _("correctie van aanwezigheid")
        verbose_name_plural = _("correcties van aanwezigheid")
        constraints = [
            models.CheckConstraint(
                condition=~Q(status_before=F("status_after")),
                name="attendance_correction_changes_the_mark",
            )
        ]

    def __str__(self):
        return f"{self.attendance_id}: {self.status_before} → {self.status_after}"


class LessonProgress(models.Model):
    """A participant marked a lesson done."""

    enrolment = models.ForeignKey(
        Enrolment, on_delete=models.CASCADE, related_name="lesson_progress"
    )
    lesson = models.ForeignKey(LessonPage, on_delete=models.CASCADE, related_name="progress")
    done_at = models.DateTimeField(_("afgerond op"))
    # Done by the result of the lesson's e-learning package, not by the participant's button.
    by_package = models.BooleanField(_("afgerond in e-learning"), default=False)

    class Meta:
        verbose_name = _("lesvoortgang")
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "lesson"], name="lesson_done_once")
        ]

    def __str__(self):
        return f"{self.enrolment_id}/{self.lesson_id}"


class LessonVisit(models.Model):
    """The lesson a participant opened last in an enrolment: where they resume the course."""

    enrolment = models.OneToOneField(
        Enrolment, on_delete=models.CASCADE, related_name="lesson_visit"
    )
    lesson = models.ForeignKey(LessonPage, on_delete=models.CASCADE, related_name="+")
    visited_at = models.DateTimeField(_("bezocht op"))

    class Meta:
        verbose_name = _("laatst bezochte les")
        verbose_name_plural = _("laatst bezochte lessen")

    def __str__(self):
        return f"{self.enrolment_id}/{self.lesson_id}"


def reflection_upload_to(instance, filename):
    import uuid

    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"reflections/{instance.enrolment_id}/{uuid.uuid4().hex}.{suffix[:5]}"


class Reflection(models.Model):
    """A participant's reflection on a lesson; the provider accepts it or returns it."""

    class Status(models.TextChoices):
        SUBMITTED = "ingeleverd", _("Ingeleverd")
        ACCEPTED = "geaccepteerd", _("Geaccepteerd")
        RETURNED = "teruggegeven", _("Teruggegeven")

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="reflections")
    lesson = models.ForeignKey(LessonPage, on_delete=models.CASCADE, related_name="reflections")
    text = models.TextField(_("reflectie"))
    file = models.FileField(
        _("bijlage"),
        storage=private_storage,
        upload_to=reflection_upload_to,
        validators=[validate_evidence],
        blank=True,
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.SUBMITTED
    )
    submitted_at = models.DateTimeField(_("ingeleverd op"))
    feedback = models.TextField(_("terugkoppeling"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("beoordeeld op"), null=True, blank=True)

    class Meta:
        verbose_name = _("reflectie")
        verbose_name_plural = _("reflecties")
        ordering = ["-submitted_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "lesson"],
                condition=Q(status__in=["ingeleverd", "geaccepteerd"]),
                name="reflection_one_open_per_lesson",
                violation_error_message=_("Je hebt voor deze les al een reflectie ingeleverd."),
            )
        ]

    def __str__(self):
        return f"{self.lesson} ({self.get_status_display()})"


class CalendarFeed(models.Model):
    """The secret address of a person's own meeting calendar; resetting it makes a new token."""

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return str(self.person)


class ExportFile(models.Model):
    """An export made in the background, kept on the private storage for its requester."""

    class Status(models.TextChoices):
        PENDING = "bezig", _("Bezig")
        READY = "klaar", _("Klaar")
        FAILED = "mislukt", _("Mislukt")

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="+")
    format = models.CharField(max_length=4)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    file = models.FileField(storage=private_storage, upload_to="exports/", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"{self.edition_id}.{self.format} ({self.get_status_display()})"
