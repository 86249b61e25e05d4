"""Content blocks shared by every page type: the building kit of page bodies."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

from .safe_html import clean_html
from .safe_urls import safe_url, validate_safe_url

RICH_TEXT_FEATURES = ["h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]


class SafeURLBlock(blocks.URLBlock):
    """An external address checked by pirsote.core.safe_urls on save and in the API.

    Templates put it through `|safe_url` too: data stored without the admin skips `clean`.
    """

    def __init__(self, **kwargs):
        kwargs.setdefault("validators", [validate_safe_url])
        super().__init__(**kwargs)

    def get_api_representation(self, value, context=None):
        return safe_url(value)


class SafeRichTextBlock(blocks.RichTextBlock):
    """Rich text whose API form is cleaned like its pages' (pirsote.core.safe_html)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        super().__init__(**kwargs)

    def get_api_representation(self, value, context=None):
        # WAGTAILAPI_RICH_TEXT_FORMAT is "html": expanded HTML, cleaned like the pages'.
        representation = super().get_api_representation(value, context=context)
        return clean_html(representation) if isinstance(representation, str) else representation


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("Level"),
        choices=[("h2", _("Main heading (h2)")), ("h3", _("Subheading (h3)"))],
        default="h2",
        # Structure, not content: searches must not find every page by "heading".
        search_index=False,
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "blocks/heading_block.html"
        preview_value = {"text": "Sote-uudistuksen tavoitteet", "level": "h2"}
        description = _("A section heading; it also appears in the page outline.")


class ParagraphBlock(SafeRichTextBlock):
    class Meta:
        icon = "pilcrow"
        label = _("Text")
        template = "blocks/paragraph_block.html"
        preview_value = (
            "<p>Sote-palvelut ja niitä tukeva rakenne uudistetaan. Tarkoituksena on taata "
            "yhdenvertaiset, sujuvat palvelut kaikkialla maakunnassa.</p>"
        )


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=300)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "blocks/image_block.html"
        description = _("The alt text, credit and licence come from the image itself.")


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(label=_("Attribution"), required=False, max_length=200)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "blocks/quote_block.html"
        preview_value = {
            "quote": "Kehittämisen tulee olla jatkuvaa.",
            "attribution": "Eeva Halme, hankejohtaja",
        }


class FactFigureBlock(blocks.StructBlock):
    value = blocks.DecimalBlock(label=_("Figure"), decimal_places=2, max_digits=14)
    unit = blocks.ChoiceBlock(
        label=_("Unit"),
        choices=[
            ("", _("No unit")),
            ("eur", _("Euros")),
            ("percent", _("Per cent")),
        ],
        required=False,
    )
    label = blocks.CharBlock(label=_("Explanation"), max_length=200)

    class Meta:
        icon = "decimal"
        label = _("Fact figure")
        template = "blocks/fact_figure_block.html"


class FactFiguresBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), required=False, max_length=200)
    figures = blocks.ListBlock(FactFigureBlock(), label=_("Figures"), min_num=1)

    class Meta:
        icon = "table"
        label = _("Fact figures")
        template = "blocks/fact_figures_block.html"
        preview_value = {
            "heading": "Rahoitus",
            "figures": [
                {
                    "value": Decimal("5921081"),
                    "unit": "eur",
                    "label": "Tulevaisuuden sote-keskus -hanke",
                },
                {"value": Decimal("9329760"), "unit": "eur", "label": "Sote-rakenneuudistus"},
            ],
        }


class LinkBlock(blocks.StructBlock):
    page = blocks.PageChooserBlock(label=_("Page on this site"), required=False)
    url = SafeURLBlock(label=_("External address"), required=False)
    text = blocks.CharBlock(
        label=_("Link text"),
        required=False,
        max_length=200,
        help_text=_("Say where the link leads. Leave empty to use the page title."),
    )

    class Meta:
        icon = "link"
        label = _("Link")

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            message = _("Choose either a page on this site or an external address.")
            raise StructBlockValidationError(block_errors={"url": ValidationError(message)})
        if value.get("url") and not value.get("text"):
            raise StructBlockValidationError(
                block_errors={"text": ValidationError(_("An external link needs a link text."))}
            )
        return value


class LinkListBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), required=False, max_length=200)
    links = blocks.ListBlock(LinkBlock(), label=_("Links"), min_num=1)

    class Meta:
        icon = "list-ul"
        label = _("Link list")
        template = "blocks/link_list_block.html"


class VideoBlock(blocks.StructBlock):
    """A self-hosted video with captions: no third-party player, cookies or requests."""

    title = blocks.CharBlock(label=_("Title"), max_length=200)
    video = DocumentChooserBlock(label=_("Video file (MP4 or WebM)"))
    captions = DocumentChooserBlock(label=_("Captions (WebVTT)"), required=False)
    poster = ImageChooserBlock(label=_("Still image"), required=False)
    transcript = SafeRichTextBlock(label=_("Transcript"), required=False)

    class Meta:
        icon = "media"
        label = _("Video")
        template = "blocks/video_block.html"
        description = _("Upload the video and its captions as documents.")


class ContactPeopleBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), required=False, max_length=200)
    people = blocks.ListBlock(
        SnippetChooserBlock("core.ContactPerson"), label=_("Contact people"), min_num=1
    )

    class Meta:
        icon = "user"
        label = _("Contact people")
        template = "blocks/contact_people_block.html"


class BodyStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    image = ImageBlock()
    quote = QuoteBlock()
    fact_figures = FactFiguresBlock()
    link_list = LinkListBlock()
    video = VideoBlock()
    contact_people = ContactPeopleBlock()

    class Meta:
        label = _("Body")


class SocialLinkBlock(blocks.StructBlock):
    service = blocks.CharBlock(label=_("Service"), max_length=60)
    url = SafeURLBlock(label=_("Address"))

    class Meta:
        icon = "link-external"
        label = _("Social media link")
