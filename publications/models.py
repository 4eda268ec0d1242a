"""The profession's literature (vakpublicaties) and the College's advice on manuscripts.

Pages only describe content: the library lists and filters publications (``selectors``), a
publication exports its citation (``citations``). A manuscript is a practitioner's intended
publication on which two College members advise (charter: the College "adviseert inzake
(voorgenomen) publicaties"); submitting, assigning and advising live in ``services``.
"""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from courses.fields import ChoiceListField
from courses.models import Approach, Form, OutsideActivity, Setting, private_storage


class PublicationKind(models.TextChoices):
    BOOK = "boek", _("Boek")
    ARTICLE = "artikel", _("Artikel")
    REPORT = "rapport", _("Rapport")
    JOURNAL_ISSUE = "tijdschriftnummer", _("Tijdschriftnummer")
    COLUMN = "column", _("Column")


# --- Pages -----------------------------------------------------------------------------------


class LibraryPage(Page):
    """The library ("Vakpublicaties"): lists, filters and searches the publications below it."""

    intro = RichTextField(_("inleiding"), features=["bold", "italic", "link"], blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["publications.PublicationPage"]
    max_count = 1

    class Meta:
        verbose_name = _("bibliotheek")

    def get_context(self, request, *args, **kwargs):
        from .selectors import library_for_request

        context = super().get_context(request, *args, **kwargs)
        context.update(library_for_request(request=request, library=self))
        return context


class PublicationPage(Page):
    """One publication: a book, an article, a report, a journal issue or a column."""

    kind = models.CharField(_("soort"), max_length=20, choices=PublicationKind.choices)
    authors = models.CharField(
        _("auteurs"),
        max_length=500,
        help_text=_("Zoals ze op de publicatie staan, gescheiden door puntkomma's."),
    )
    year = models.PositiveSmallIntegerField(_("jaar"))
    publisher = models.CharField(_("uitgever"), max_length=200, blank=True)
    place = models.CharField(_("plaats van uitgave"), max_length=100, blank=True)
    journal = models.CharField(_("tijdschrift"), max_length=200, blank=True)
    volume = models.CharField(_("jaargang"), max_length=20, blank=True)
    issue = models.CharField(_("nummer"), max_length=20, blank=True)
    pages = models.CharField(
        _("pagina's"), max_length=20, blank=True, help_text=_("Bijvoorbeeld 167 of 12-19.")
    )
    isbn = models.CharField(_("ISBN"), max_length=20, blank=True)
    abstract = models.TextField(_("samenvatting"), blank=True)
    body = RichTextField(
        _("volledige tekst"),
        features=["h2", "h3", "bold", "italic", "ol", "ul", "link", "blockquote"],
        blank=True,
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("PDF"),
    )
    approaches = ChoiceListField(_("werkwijzen"), item_choices=Approach.choices)
    work_forms = ChoiceListField(_("werkvormen"), item_choices=Form.choices)
    work_settings = ChoiceListField(_("settings"), item_choices=Setting.choices)

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("year")]),
        FieldPanel("authors"),
        InlinePanel(
            "author_accounts",
            heading=_("Auteurs met een account"),
            label=_("Auteur"),
            help_text=_("Wie hier staat, kan de publicatie opvoeren voor het register."),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("publisher"), FieldPanel("place")]),
                FieldRowPanel([FieldPanel("journal"), FieldPanel("volume"), FieldPanel("issue")]),
                FieldRowPanel([FieldPanel("pages"), FieldPanel("isbn")]),
            ],
            heading=_("Uitgave"),
        ),
        FieldPanel("abstract"),
        FieldPanel("body"),
        FieldPanel("document"),
        MultiFieldPanel(
            [FieldPanel("approaches"), FieldPanel("work_forms"), FieldPanel("work_settings")],
            heading=_("Onderwerpen"),
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("authors"),
        index.SearchField("abstract"),
        index.SearchField("body"),
        index.SearchField("publisher"),
        index.SearchField("journal"),
        index.SearchField("search_kind"),
        index.FilterField("kind"),
        index.FilterField("year"),
    ]
    parent_page_types = ["publications.LibraryPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("publicatie")
        verbose_name_plural = _("publicaties")
        constraints = [
            models.CheckConstraint(
                condition=Q(year__gte=1800) & Q(year__lte=2200),
                name="publication_year_plausible",
                violation_error_message=_("Geef een jaartal tussen 1800 en 2200."),
            )
        ]

    def search_kind(self) -> str:
        """The site search finds every publication by the word "publicatie" and by its kind
        (the kinds' values are the Dutch words: "boek", "artikel", ...)."""
        return f"publicatie {self.kind}"

    def get_context(self, request, *args, **kwargs):
        from .selectors import publication_context

        context = super().get_context(request, *args, **kwargs)
        context.update(publication_context(request=request, publication=self))
        return context


class PublicationAuthor(Orderable):
    """An account among a publication's authors: who may claim it for the register."""

    page = ParentalKey(PublicationPage, on_delete=models.CASCADE, related_name="author_accounts")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="publications_authored",
        verbose_name=_("account"),
    )

    panels = [FieldPanel("user")]

    class Meta(Orderable.Meta):
        verbose_name = _("auteur met account")
        constraints = [
            models.UniqueConstraint(fields=["page", "user"], name="publication_author_once")
        ]


# --- Manuscripts and the College's advice ------------------------------------------------------


MANUSCRIPT_MAX_BYTES = 20 * 1024 * 1024
PDF_SIGNATURE = b"%PDF-"
# A DOCX is a ZIP package whose parts include word/document.xml.
ZIP_SIGNATURE = b"PK\x03\x04"


def manuscript_content_type(upload) -> str | None:
    """The content type of a manuscript judged by its bytes, not its name, or None."""
    import zipfile

    position = upload.tell() if hasattr(upload, "tell") else 0
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    try:
        if head.startswith(PDF_SIGNATURE):
            return "application/pdf"
        if head.startswith(ZIP_SIGNATURE):
            try:
                with zipfile.ZipFile(upload) as package:
                    names = set(package.namelist())
            except (zipfile.BadZipFile, OSError, EOFError):
                return None
            if "word/document.xml" in names and "[Content_Types].xml" in names:
                return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        return None
    finally:
        upload.seek(position)


def validate_manuscript_file(upload) -> None:
    if upload.size > MANUSCRIPT_MAX_BYTES:
        raise ValidationError(_("Het manuscript is groter dan 20 MB."))
    if manuscript_content_type(upload) is None:
        raise ValidationError(_("Een manuscript moet een PDF- of DOCX-bestand zijn."))


def manuscript_upload_to(instance, filename):
    suffix = "pdf" if filename.lower().endswith(".pdf") else "docx"
    return f"manuscripts/{instance.author_id}/{uuid.uuid4().hex}.{suffix}"


class Advice(models.TextChoices):
    POSITIVE = "positief", _("Positief")
    POSITIVE_WITH_REMARKS = "positief_met_opmerkingen", _("Positief met opmerkingen")
    NEGATIVE = "negatief", _("Negatief")


class Manuscript(models.Model):
    """An intended publication on which the College advises."""

    class Status(models.TextChoices):
        SUBMITTED = "ingediend", _("Ingediend")
        IN_REVIEW = "in_beoordeling", _("In beoordeling")
        DECIDED = "advies_gegeven", _("Advies gegeven")

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="manuscripts"
    )
    title = models.CharField(_("titel"), max_length=200)
    summary = models.TextField(_("samenvatting"), max_length=5000)
    kind = models.CharField(_("soort"), max_length=20, choices=PublicationKind.choices)
    file = models.FileField(
        _("bestand"),
        storage=private_storage,
        upload_to=manuscript_upload_to,
        validators=[validate_manuscript_file],
        help_text=_("PDF of DOCX, hoogstens 20 MB."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.SUBMITTED
    )
    submitted_at = models.DateTimeField(_("ingediend op"), auto_now_add=True)
    decision = models.CharField(
        _("advies van het College"), max_length=30, choices=Advice.choices, blank=True
    )
    decision_note = models.TextField(_("toelichting bij het advies"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("advies vastgesteld op"), null=True, blank=True)

    class Meta:
        verbose_name = _("manuscript")
        verbose_name_plural = _("manuscripten")
        ordering = ["-submitted_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="advies_gegeven")
                | (Q(decided_by__isnull=False) & Q(decided_at__isnull=False) & ~Q(decision="")),
                name="manuscript_decision_has_actor",
            )
        ]

    def __str__(self):
        return self.title


class ManuscriptReview(models.Model):
    """One College member's advice on a manuscript. Two per manuscript."""

    manuscript = models.ForeignKey(Manuscript, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="manuscript_reviews"
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    assigned_at = models.DateTimeField(auto_now_add=True)
    advice = models.CharField(_("advies"), max_length=30, choices=Advice.choices, blank=True)
    comments = models.TextField(_("opmerkingen"), max_length=10000, blank=True)
    advised_at = models.DateTimeField(_("advies gegeven op"), null=True, blank=True)

    class Meta:
        verbose_name = _("advies op een manuscript")
        verbose_name_plural = _("adviezen op manuscripten")
        ordering = ["assigned_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["manuscript", "reviewer"], name="manuscript_review_once_per_reviewer"
            ),
            models.CheckConstraint(
                condition=(Q(advice="") & Q(advised_at__isnull=True))
                | (~Q(advice="") & Q(advised_at__isnull=False)),
                name="manuscript_review_advice_dated",
            ),
        ]

    def __str__(self):
        return f"{self.manuscript} ({self.reviewer})"


# --- Claims for the register -------------------------------------------------------------------


class PublicationClaim(models.Model):
    """A publication an author reported as outside activity (``register.services``): once per
    person and publication, whatever became of the activity."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="publication_claims"
    )
    publication = models.ForeignKey(
        PublicationPage, on_delete=models.PROTECT, related_name="claims"
    )
    activity = models.OneToOneField(
        OutsideActivity, on_delete=models.CASCADE, related_name="publication_claim"
    )
    claimed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("opgevoerde publicatie")
        verbose_name_plural = _("opgevoerde publicaties")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "publication"],
                name="publication_claim_once_per_person",
                violation_error_message=_("Je hebt deze publicatie al opgevoerd."),
            )
        ]

    def __str__(self):
        return f"{self.publication} ({self.person})"
