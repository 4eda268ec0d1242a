"""The yearly Vakconferentie Opbouwwerk (DOMAIN.md, "Concepts"): its page with the programme,
registrations with a workshop per round, the call for contributions and its reviews.

Pages only describe content. Registering, choosing, promoting from a waiting list, checking in
and reviewing are services (``conference/services.py``); the rules that must hold whatever
path writes (one registration per person, one choice per round, one seat per place, a score
from 1 to 5) are also database constraints.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from courses.models import Approach, Form


class ConferencePageForm(WagtailAdminPageForm):
    """A workshop chooses its round among the rounds of its own conference."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        rounds = WorkshopRound.objects.filter(conference_id=self.instance.pk or 0)
        speakers = ConferenceSpeaker.objects.filter(conference_id=self.instance.pk or 0)
        documents = self.formsets.get("documents")
        for form in [*documents.forms, documents.empty_form] if documents else []:
            form.fields["workshop"].queryset = Workshop.objects.filter(
                conference_id=self.instance.pk or 0
            )
            form.fields["plenary"].queryset = PlenaryPart.objects.filter(
                conference_id=self.instance.pk or 0
            )
        for name in ("workshops", "plenaries"):
            formset = self.formsets.get(name)
            for form in [*formset.forms, formset.empty_form] if formset else []:
                if "round" in form.fields:
                    form.fields["round"].queryset = rounds
                form.fields["speakers"].queryset = speakers


class ConferencePage(Page):
    """One year's Vakconferentie: date, place, theme, price and its programme."""

    date = models.DateField(_("datum"))
    start_time = models.TimeField(_("begintijd"), default="09:30")
    end_time = models.TimeField(_("eindtijd"), default="17:00")
    venue = models.CharField(_("locatie"), max_length=200)
    theme = models.CharField(_("thema"), max_length=200, blank=True)
    intro = RichTextField(_("inleiding"), features=["bold", "italic", "link", "ul"], blank=True)
    price = models.DecimalField(_("prijs in euro"), max_digits=8, decimal_places=2, default=0)
    capacity = models.PositiveIntegerField(_("aantal deelnemers"), default=300)
    registration_closes = models.DateField(_("inschrijven tot en met"))
    proposals_close = models.DateField(_("voorstellen indienen tot en met"), null=True, blank=True)
    organiser = models.ForeignKey(
        "courses.ProviderPage",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisator"),
        help_text=_(
            "De aanbieder die de dag organiseert. Bij publiceren maakt het platform de cursus van "
            "deze aanbieder waarop het College de dag accrediteert, en houdt die bij."
        ),
    )
    # The accredited course behind the day (``services.conference_course_ensure``): its
    # edition holds the enrolments, its meeting the attendance, so the register counts it.
    course = models.ForeignKey(
        "courses.CoursePage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("cursus voor accreditatie"),
    )

    base_form_class = ConferencePageForm
    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("date"), FieldPanel("start_time"), FieldPanel("end_time")]
                ),
                FieldPanel("venue"),
                FieldPanel("theme"),
                FieldPanel("organiser"),
            ],
            heading=_("De dag"),
        ),
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("price"), FieldPanel("capacity")]),
                FieldRowPanel([FieldPanel("registration_closes"), FieldPanel("proposals_close")]),
            ],
            heading=_("Inschrijven en voorstellen"),
        ),
        InlinePanel("speakers", heading=_("Sprekers"), label=_("Spreker")),
        InlinePanel(
            "plenaries",
            heading=_("Plenaire delen"),
            label=_("Plenair deel"),
            help_text=_(
                "Sla nieuwe sprekers eerst op; daarna kies je ze bij een programmaonderdeel."
            ),
        ),
        InlinePanel("rounds", heading=_("Workshoprondes"), label=_("Ronde")),
        InlinePanel(
            "workshops",
            heading=_("Workshops"),
            label=_("Workshop"),
            help_text=_("Sla nieuwe rondes eerst op; daarna kies je ze bij een workshop."),
        ),
        InlinePanel("documents", heading=_("Na afloop: sheets en verslagen"), label=_("Document")),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("theme"),
        index.RelatedFields("speakers", [index.SearchField("name")]),
        index.SearchField("venue"),
        index.SearchField("intro"),
    ]
    parent_page_types = ["cms.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("Vakconferentie")
        verbose_name_plural = _("Vakconferenties")

    def clean(self):
        super().clean()
        errors = {}
        if self.date and self.registration_closes and self.registration_closes > self.date:
            errors["registration_closes"] = _(
                "De inschrijving sluit uiterlijk op de dag van de conferentie."
            )
        if self.date and self.proposals_close and self.proposals_close > self.date:
            errors["proposals_close"] = _(
                "Voorstellen kunnen uiterlijk tot de dag van de conferentie."
            )
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            errors["end_time"] = _("De eindtijd ligt voor de begintijd.")
        if errors:
            raise ValidationError(errors)

    def with_content_json(self, content):
        """A revision never changes the link to the accredited course: the service sets it,
        and publishing an older revision must not undo that."""
        page = super().with_content_json(content)
        page.course_id = self.course_id
        return page

    def get_context(self, request, *args, **kwargs):
        from .selectors import conference_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(conference_page_context(conference=self, user=request.user))
        return context


class ConferenceSpeaker(Orderable):
    """Someone who speaks at this conference, in a plenary part or a workshop."""

    conference = ParentalKey(ConferencePage, on_delete=models.CASCADE, related_name="speakers")
    name = models.CharField(_("naam"), max_length=200)
    bio = models.TextField(_("korte biografie"), max_length=1000, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="conference_speaker",
        verbose_name=_("account op het platform"),
        help_text=_("Alleen als de spreker zelf een account heeft."),
    )

    panels = [FieldPanel("name"), FieldPanel("bio"), FieldPanel("user")]

    class Meta(Orderable.Meta):
        verbose_name = _("spreker")
        verbose_name_plural = _("sprekers")

    def __str__(self):
        return self.name


class PlenaryPart(Orderable):
    """A part of the day for everyone: an opening, a keynote, the yearly meeting."""

    conference = ParentalKey(ConferencePage, on_delete=models.CASCADE, related_name="plenaries")
    title = models.CharField(_("titel"), max_length=200)
    start_time = models.TimeField(_("begintijd"))
    end_time = models.TimeField(_("eindtijd"))
    description = models.TextField(_("omschrijving"), blank=True)
    speakers = ParentalManyToManyField(ConferenceSpeaker, blank=True, verbose_name=_("sprekers"))

    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("start_time"), FieldPanel("end_time")]),
        FieldPanel("description"),
        FieldPanel("speakers"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("plenair deel")
        verbose_name_plural = _("plenaire delen")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_time__gt=F("start_time")),
                name="plenary_ends_after_start",
                violation_error_message=_("De eindtijd ligt voor de begintijd."),
            )
        ]

    def __str__(self):
        return self.title


class WorkshopRound(Orderable):
    """A round of workshops held at the same time: a participant chooses one per round."""

    conference = ParentalKey(ConferencePage, on_delete=models.CASCADE, related_name="rounds")
    title = models.CharField(_("naam"), max_length=100)
    start_time = models.TimeField(_("begintijd"))
    end_time = models.TimeField(_("eindtijd"))

    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("start_time"), FieldPanel("end_time")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("workshopronde")
        verbose_name_plural = _("workshoprondes")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_time__gt=F("start_time")),
                name="round_ends_after_start",
                violation_error_message=_("De eindtijd ligt voor de begintijd."),
            )
        ]

    def __str__(self):
        return f"{self.title} ({self.start_time:%H:%M}–{self.end_time:%H:%M})"


class Workshop(Orderable, ClusterableModel):
    """A workshop in one round, in a room with a number of places."""

    conference = ParentalKey(ConferencePage, on_delete=models.CASCADE, related_name="workshops")
    round = models.ForeignKey(
        WorkshopRound, on_delete=models.PROTECT, related_name="workshops", verbose_name=_("ronde")
    )
    title = models.CharField(_("titel"), max_length=200)
    summary = models.TextField(_("samenvatting"), blank=True)
    room = models.CharField(_("zaal"), max_length=100)
    capacity = models.PositiveIntegerField(_("aantal plaatsen"), default=20)
    approach = models.CharField(_("werkwijze"), max_length=40, choices=Approach.choices, blank=True)
    work_form = models.CharField(_("werkvorm"), max_length=40, choices=Form.choices, blank=True)
    speakers = ParentalManyToManyField(ConferenceSpeaker, blank=True, verbose_name=_("sprekers"))

    panels = [
        FieldRowPanel([FieldPanel("round"), FieldPanel("title")]),
        FieldPanel("summary"),
        FieldRowPanel([FieldPanel("room"), FieldPanel("capacity")]),
        FieldRowPanel([FieldPanel("approach"), FieldPanel("work_form")]),
        FieldPanel("speakers"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("workshop")
        verbose_name_plural = _("workshops")
        constraints = [
            models.CheckConstraint(
                condition=Q(capacity__gte=1),
                name="workshop_capacity_at_least_one",
                violation_error_message=_("Een workshop heeft minstens één plaats."),
            )
        ]

    def __str__(self):
        return self.title


class ProgrammeDocument(Orderable):
    """Slides or a report of a programme item, shown on the conference page afterwards: a
    document, or a publication in the library (a report of the day, say), or both."""

    conference = ParentalKey(ConferencePage, on_delete=models.CASCADE, related_name="documents")
    document = models.ForeignKey(
        "wagtaildocs.Document",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("document"),
    )
    publication = models.ForeignKey(
        "publications.PublicationPage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("publicatie"),
        help_text=_(
            "Een verslag of artikel over dit onderdeel in de bibliotheek van vakpublicaties."
        ),
    )
    workshop = models.ForeignKey(
        Workshop,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("workshop"),
    )
    plenary = models.ForeignKey(
        PlenaryPart,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("plenair deel"),
    )
    label = models.CharField(
        _("omschrijving"), max_length=200, blank=True, help_text=_("Bijvoorbeeld: sheets, verslag.")
    )

    panels = [
        FieldRowPanel([FieldPanel("document"), FieldPanel("publication")]),
        FieldRowPanel([FieldPanel("workshop"), FieldPanel("plenary")]),
        FieldPanel("label"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("document bij het programma")
        verbose_name_plural = _("documenten bij het programma")

    def clean(self):
        super().clean()
        if self.document_id is None and self.publication_id is None:
            raise ValidationError(_("Kies een document of een publicatie."))

    def __str__(self):
        if self.label:
            return self.label
        return self.document.title if self.document_id else self.publication.title

    @property
    def url(self) -> str:
        """The publication's page where there is one (it holds the text or the PDF)."""
        if self.publication_id and self.publication.live:
            return self.publication.url
        return self.document.url if self.document_id else ""


# --- Registration ----------------------------------------------------------------------------


class Registration(models.Model):
    """A practitioner's registration for the day. One per person per conference: after a
    cancellation, registering again takes up the same row."""

    class Status(models.TextChoices):
        REGISTERED = "aangemeld", _("Aangemeld")
        CANCELLED = "geannuleerd", _("Geannuleerd")

    class Payer(models.TextChoices):
        SELF = "zelf", _("Ik betaal zelf")
        EMPLOYER = "werkgever", _("Mijn werkgever betaalt")

    conference = models.ForeignKey(
        ConferencePage, on_delete=models.PROTECT, related_name="registrations"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="conference_registrations"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.REGISTERED
    )
    payer = models.CharField(_("wie betaalt"), max_length=20, choices=Payer.choices)
    employer_name = models.CharField(_("naam van de werkgever"), max_length=200, blank=True)
    purchase_order = models.CharField(_("inkoopordernummer"), max_length=100, blank=True)
    price = models.DecimalField(_("prijs in euro"), max_digits=8, decimal_places=2)
    # The seat in the accredited course's edition that makes attendance count.
    enrolment = models.ForeignKey(
        "courses.Enrolment", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("aangemeld op"), auto_now_add=True)
    cancelled_at = models.DateTimeField(_("geannuleerd op"), null=True, blank=True)
    checked_in_at = models.DateTimeField(_("binnengekomen op"), null=True, blank=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ingecheckt door"),
    )

    class Meta:
        verbose_name = _("aanmelding Vakconferentie")
        verbose_name_plural = _("aanmeldingen Vakconferentie")
        constraints = [
            models.UniqueConstraint(
                fields=["conference", "person"],
                name="conference_one_registration_per_person",
                violation_error_message=_("Je bent al aangemeld voor deze conferentie."),
            ),
            models.CheckConstraint(
                condition=Q(payer="zelf") | (~Q(employer_name="") & ~Q(purchase_order="")),
                name="conference_employer_pays_with_order",
                violation_error_message=_(
                    "Geef de naam van je werkgever en het inkoopordernummer."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.person} – {self.conference}"

    @property
    def is_active(self) -> bool:
        return self.status == self.Status.REGISTERED

    def clean(self):
        super().clean()
        if self.payer == self.Payer.EMPLOYER:
            errors = {}
            if not self.employer_name.strip():
                errors["employer_name"] = _("Geef de naam van je werkgever.")
            if not self.purchase_order.strip():
                errors["purchase_order"] = _("Geef het inkoopordernummer van je werkgever.")
            if errors:
                raise ValidationError(errors)


class WorkshopChoice(models.Model):
    """The workshop a registration chose in a round: a place (with its seat number) or a place
    on that workshop's waiting list, in order of arrival."""

    class Status(models.TextChoices):
        PLACED = "geplaatst", _("Geplaatst")
        WAITING = "wachtlijst", _("Wachtlijst")

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="choices")
    round = models.ForeignKey(WorkshopRound, on_delete=models.PROTECT, related_name="+")
    workshop = models.ForeignKey(Workshop, on_delete=models.PROTECT, related_name="choices")
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    seat = models.PositiveIntegerField(_("plaats"), null=True, blank=True)
    chosen_at = models.DateTimeField(_("gekozen op"))

    class Meta:
        verbose_name = _("workshopkeuze")
        verbose_name_plural = _("workshopkeuzes")
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "round"],
                name="conference_one_choice_per_round",
                violation_error_message=_("Je kiest één workshop per ronde."),
            ),
            # The database's own guard against overbooking: seat numbers run from 1 to the
            # capacity (the service hands them out under a row lock) and are never shared.
            models.UniqueConstraint(fields=["workshop", "seat"], name="conference_one_per_seat"),
            models.CheckConstraint(
                condition=(Q(status="geplaatst") & Q(seat__isnull=False))
                | (Q(status="wachtlijst") & Q(seat__isnull=True)),
                name="conference_placed_has_seat",
            ),
        ]

    def __str__(self):
        return f"{self.registration_id}: {self.workshop}"


# --- Call for contributions --------------------------------------------------------------------


class Proposal(models.Model):
    """A practitioner's proposal for a workshop, for the programme committee to review."""

    class Status(models.TextChoices):
        SUBMITTED = "ingediend", _("Ingediend")
        ACCEPTED = "geaccepteerd", _("Geaccepteerd")
        REJECTED = "afgewezen", _("Afgewezen")

    conference = models.ForeignKey(
        ConferencePage, on_delete=models.CASCADE, related_name="proposals"
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="conference_proposals"
    )
    title = models.CharField(_("titel"), max_length=200)
    summary = models.TextField(_("samenvatting"), max_length=3000)
    approach = models.CharField(_("werkwijze"), max_length=40, choices=Approach.choices)
    work_form = models.CharField(_("werkvorm"), max_length=40, choices=Form.choices)
    speakers = models.TextField(
        _("sprekers"), max_length=1000, help_text=_("Naam en een korte biografie per spreker.")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.SUBMITTED
    )
    submitted_at = models.DateTimeField(_("ingediend op"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("besloten op"), null=True, blank=True)
    workshop = models.OneToOneField(
        Workshop, on_delete=models.SET_NULL, null=True, blank=True, related_name="proposal"
    )

    class Meta:
        verbose_name = _("voorstel voor een workshop")
        verbose_name_plural = _("voorstellen voor een workshop")
        ordering = ["submitted_at", "pk"]

    def __str__(self):
        return self.title


class ProposalPresenter(models.Model):
    """A co-presenter of a proposal who has an account: the committee must know everyone a
    proposal is from, to keep reviewers with a stake away."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="presenters")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="conference_presenting"
    )

    class Meta:
        verbose_name = _("medespreker bij een voorstel")
        verbose_name_plural = _("medesprekers bij voorstellen")
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "person"], name="conference_presenter_once_per_proposal"
            )
        ]

    def __str__(self):
        return f"{self.proposal_id}: {self.person_id}"


class ProposalReview(models.Model):
    """A committee member's score (1 to 5) and comment on a proposal."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="conference_reviews"
    )
    score = models.PositiveSmallIntegerField(_("score"))
    comment = models.TextField(_("toelichting"), max_length=3000, blank=True)
    reviewed_at = models.DateTimeField(_("beoordeeld op"))

    class Meta:
        verbose_name = _("beoordeling van een voorstel")
        verbose_name_plural = _("beoordelingen van voorstellen")
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "reviewer"],
                name="conference_one_review_per_reviewer",
                violation_error_message=_("Je hebt dit voorstel al beoordeeld."),
            ),
            models.CheckConstraint(
                condition=Q(score__gte=1) & Q(score__lte=5),
                name="conference_score_one_to_five",
                violation_error_message=_("Een score is 1 tot en met 5."),
            ),
        ]

    def __str__(self):
        return f"{self.proposal_id}: {self.score}"
