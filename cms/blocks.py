"""The one StreamBlock every page body uses, and the small blocks it is made of."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.typed_table_block.blocks import TypedTableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock

RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul", "h3", "h4"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Tekst"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("Niveau"),
        choices=[("h2", _("Kop 2")), ("h3", _("Kop 3")), ("h4", _("Kop 4"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        template = "cms/blocks/heading.html"
        description = _("Een tussenkop; de paginatitel is al de enige kop 1.")
        preview_value = {"text": "Werkwijze", "level": "h2"}


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Citaat"))
    source = blocks.CharBlock(label=_("Bron"), required=False)

    class Meta:
        icon = "openquote"
        template = "cms/blocks/quote.html"
        description = _("Een citaat met bron.")
        preview_value = {
            "text": "De opbouwwerker dient geen eigen belang en geen verborgen agenda.",
            "source": "Statuut opbouwwerk",
        }


class CallToActionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Titel"), max_length=120)
    text = blocks.TextBlock(label=_("Tekst"), required=False)
    page = blocks.PageChooserBlock(label=_("Pagina"), required=False)
    url = blocks.URLBlock(label=_("Of een adres"), required=False)
    label = blocks.CharBlock(label=_("Knoptekst"), max_length=60)

    class Meta:
        icon = "pick"
        template = "cms/blocks/call_to_action.html"
        description = _("Een opvallende verwijzing naar een pagina of adres.")
        preview_value = {
            "title": "Vind een cursus",
            "text": "Bekijk alle geaccrediteerde cursussen.",
            "url": "https://example.org/cursussen/",
            "label": "Naar de cursussen",
        }


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    label = blocks.CharBlock(label=_("Linktekst"), required=False)

    class Meta:
        icon = "doc-full"
        template = "cms/blocks/document_link.html"
        description = _("Een verwijzing naar een document om te downloaden.")


class TableBlock(TypedTableBlock):
    def __init__(self, **kwargs):
        super().__init__(
            [
                ("text", blocks.CharBlock()),
                ("number", blocks.DecimalBlock()),
                ("rich_text", blocks.RichTextBlock(features=["bold", "italic", "link"])),
            ],
            **kwargs,
        )

    class Meta:
        icon = "table"
        template = "cms/blocks/table.html"
        description = _("Een tabel met kolomkoppen en een bijschrift.")


class ImageWithCaptionBlock(ImageBlock):
    class Meta:
        icon = "image"
        description = _("Een afbeelding met beschrijving voor wie haar niet ziet.")


class BodyBlock(blocks.StreamBlock):
    heading = HeadingBlock(label=_("Kop"))
    paragraph = blocks.RichTextBlock(
        label=_("Alinea"),
        features=RICH_TEXT_FEATURES,
        icon="pilcrow",
        template="cms/blocks/paragraph.html",
    )
    image = ImageWithCaptionBlock(label=_("Afbeelding"))
    quote = QuoteBlock(label=_("Citaat"))
    call_to_action = CallToActionBlock(label=_("Oproep"))
    document = DocumentLinkBlock(label=_("Document"))
    table = TableBlock(label=_("Tabel"))
    embed = EmbedBlock(
        label=_("Video of ingesloten inhoud"), icon="media", template="cms/blocks/embed.html"
    )

    class Meta:
        template = "cms/blocks/body.html"


class ArticleBlock(blocks.StructBlock):
    """One article of the beroepscode: a number, a title and its text."""

    number = blocks.IntegerBlock(label=_("Nummer"), min_value=1)
    title = blocks.CharBlock(label=_("Titel"), max_length=200)
    text = blocks.RichTextBlock(label=_("Tekst"), features=["bold", "italic", "link", "ol", "ul"])

    class Meta:
        icon = "list-ol"
        template = "cms/blocks/article.html"
        description = _("Een artikel van de beroepscode.")
        preview_value = {
            "number": 1,
            "title": "Doel",
            "text": "<p>De opbouwwerker werkt aan het samenleven van mensen.</p>",
        }
