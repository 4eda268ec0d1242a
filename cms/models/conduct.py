"""The beroepscode page: its articles under a version label, in force from a date."""

import re

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from ..blocks import ArticleBlock
from ..forms import CodeOfConductPageForm
from ..selectors import code_version_current, code_versions
from .code_versions import version_label_validator

# The admin's editor marks each paragraph with a key of its own; it is no part of the text, and
# would make the same text published twice look changed.
BLOCK_KEY = re.compile(r' data-block-key="[^"]*"')


class CodeOfConductPage(Page):
    """The register office edits the beroepscode here; each publication under a new version
    label freezes it as a ``CodeVersion`` (``cms.services.code_version_record``). The page
    shows the version in force and the history, from those frozen versions."""

    intro = models.TextField(_("inleiding"), blank=True)
    version_label = models.CharField(
        _("versie"),
        max_length=10,
        validators=[version_label_validator],
        help_text=_("Een nieuw nummer voor elke inhoudelijke wijziging, bijvoorbeeld 2026.1."),
    )
    in_force_from = models.DateField(_("geldt vanaf"))
    change_note = models.TextField(
        _("wat is er veranderd"),
        blank=True,
        help_text=_("Staat bij deze versie in de geschiedenis op de pagina."),
    )
    articles = StreamField(
        [("article", ArticleBlock(label=_("Artikel")))], verbose_name=_("artikelen")
    )

    base_form_class = CodeOfConductPageForm
    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        MultiFieldPanel(
            [FieldPanel("version_label"), FieldPanel("in_force_from"), FieldPanel("change_note")],
            heading=_("Versie"),
        ),
        FieldPanel("articles"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("articles"),
    ]
    parent_page_types = ["cms.HomePage"]
    subpage_types: list[str] = []
    max_count = 1

    class Meta:
        verbose_name = _("beroepscode")
        verbose_name_plural = _("beroepscodes")

    @staticmethod
    def articles_as_frozen(stream) -> list[dict]:
        """The articles as a version keeps them: number, title and the text as stored."""
        return [
            {
                "number": block.value["number"],
                "title": block.value["title"],
                "text": BLOCK_KEY.sub("", block.value["text"].source),
            }
            for block in stream
            if block.block_type == "article"
        ]

    def frozen_articles(self) -> list[dict]:
        return self.articles_as_frozen(self.articles)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["current"] = code_version_current(on=timezone.localdate())
        context["versions"] = list(code_versions())
        return context
