"""Home and content pages, the site's menus and its settings. Pages only describe content."""

from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, PageChooserPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from ..blocks import BodyBlock
from ..home import home_sections


class HomePage(Page):
    intro = RichTextField(_("inleiding"), features=["bold", "italic", "link"], blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("inhoud"))

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    max_count = 1
    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("startpagina")

    def get_context(self, request, *args, **kwargs):
        """The sections the apps above ``cms`` add to the home page (``cms.home``)."""
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = home_sections()
        return context

    def route(self, request, path_components):
        """Pass through a section (the catalogue, a content page) without reading its fields.

        Wagtail reads every page on the way down as its own type, with all its fields; a page
        that is only passed through needs none of them to route further.
        """
        if len(path_components) < 2:
            return super().route(request, path_components)
        try:
            section = self.get_children().get(slug=path_components[0])
        except Page.DoesNotExist as e:
            raise Http404 from e
        section._cached_parent_obj = self
        return section.specific_deferred.route(request, path_components[1:])


class ContentPage(Page):
    intro = models.TextField(_("inleiding"), blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("inhoud"))

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    subpage_types = ["cms.ContentPage"]

    class Meta:
        verbose_name = _("inhoudspagina")
        verbose_name_plural = _("inhoudspagina's")


@register_setting(icon="list-ul")
class NavigationSettings(BaseSiteSetting, ClusterableModel):
    """The main menu and the footer, edited by the register office in the admin."""

    footer_text = models.TextField(_("tekst in de voettekst"), blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)

    panels = [
        InlinePanel("menu_items", label=_("Hoofdmenu")),
        FieldPanel("footer_text"),
        FieldPanel("contact_email"),
    ]

    class Meta:
        verbose_name = _("navigatie")


class MenuItem(Orderable):
    settings = ParentalKey(NavigationSettings, related_name="menu_items")
    label = models.CharField(_("label"), max_length=60)
    link_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("pagina"),
    )
    link_url = models.CharField(_("of een adres op deze site"), max_length=200, blank=True)

    panels = [FieldPanel("label"), PageChooserPanel("link_page"), FieldPanel("link_url")]

    class Meta(Orderable.Meta):
        verbose_name = _("menu-item")

    @property
    def href(self) -> str:
        if self.link_page_id:
            return self.link_page.url
        return self.link_url
