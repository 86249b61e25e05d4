"""Site-wide CMS models: images, contact people, site settings and the reform's pages."""

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.cache import cache
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.documents import get_document_model_string
from wagtail.fields import RichTextField, StreamField
from wagtail.images.models import AbstractImage, AbstractRendition, Image
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.search import index

from . import content_version
from .bilingual_admin import BilingualPageForm
from .blocks import RICH_TEXT_FEATURES, BodyStreamBlock, SocialLinkBlock
from .listing import paginate
from .renditions import prefetch_renditions
from .safe_urls import safe_url, validate_safe_url
from .search.types import PAGE
from .sunset import SiteSettingsForm
from .visibility import may_be_restricted, public_pages


def tel_uri(phone):
    """A `tel:` link target from a number written for people, e.g. "+358 40 000 0001"."""
    return "tel:" + "".join(c for c in phone if c.isdigit() or c == "+")


# Where private images keep their files in storage: the public is never served this prefix
# (pirsote.core.media, docs/media-embargo.md). See pirsote.core.embargo.
PRIVATE_MEDIA_PREFIX = "private/"


class Licence(models.TextChoices):
    ALL_RIGHTS_RESERVED = "all-rights-reserved", _("All rights reserved")
    CC_BY_4 = "cc-by-4.0", _("Creative Commons Attribution 4.0 (CC BY 4.0)")
    CC_BY_SA_4 = "cc-by-sa-4.0", _("Creative Commons Attribution-ShareAlike 4.0 (CC BY-SA 4.0)")
    CC0 = "cc0-1.0", _("Public domain (CC0 1.0)")


class CustomImage(AbstractImage):
    """An image with alt text in both languages, its credit and its terms of use.

    The alt text is Wagtail's own `description` field, translated per language.
    """

    credit = models.CharField(
        _("credit"), max_length=255, blank=True, help_text=_("Photographer or source.")
    )
    licence = models.CharField(
        _("licence"), max_length=32, choices=Licence, default=Licence.ALL_RIGHTS_RESERVED
    )
    free_for_media_use = models.BooleanField(
        _("free for media use"),
        default=False,
        help_text=_("The media may publish this image freely with its credit."),
    )
    # Private until something public uses it: a new upload starts private (fails closed).
    is_private = models.BooleanField(
        _("private"),
        default=True,
        editable=False,
        help_text=_(
            "Set until a published page uses the image or it is free for media use: its "
            "files are then not served to the public."
        ),
    )

    admin_form_fields = (
        *Image.admin_form_fields[:2],
        "description_fi",
        "description_en",
        "credit_fi",
        "credit_en",
        "licence",
        "free_for_media_use",
        *[f for f in Image.admin_form_fields[2:] if f != "description"],
    )

    class Meta(AbstractImage.Meta):
        verbose_name = _("image")
        verbose_name_plural = _("images")

    def get_upload_to(self, filename):
        # A file replaced while the image is under embargo must not land at a public address.
        path = super().get_upload_to(filename)
        return PRIVATE_MEDIA_PREFIX + path if self.is_private else path


class CustomRendition(AbstractRendition):
    image = models.ForeignKey(CustomImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
        # A request for a private file finds its image by the file's name (pirsote.core.media).
        indexes = [models.Index(fields=["file"], name="core_rendition_file_idx")]

    def get_upload_to(self, filename):
        path = super().get_upload_to(filename)
        return PRIVATE_MEDIA_PREFIX + path if self.image.is_private else path

    @staticmethod
    def construct_cache_key(image, filter_cache_key, filter_spec):
        # Renditions are deleted when an embargo starts or ends; a key of its own for each
        # state keeps other processes' caches from handing out the deleted ones.
        key = AbstractRendition.construct_cache_key(image, filter_cache_key, filter_spec)
        return key + "-private" if image.is_private else key


class PublicDocument(models.Model):
    """A document the public may download: something public uses it (pirsote.core.embargo).

    Wagtail's document model has no field for this, so the embargo keeps this list and the
    document view consults it. A document not in it is private: a new upload, and any
    document the embargo could not decide about. Editors never edit it.
    """

    document = models.OneToOneField(
        get_document_model_string(),
        verbose_name=_("document"),
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="+",
    )

    # Bookkeeping, not a use of the document.
    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("public document")
        verbose_name_plural = _("public documents")

    def __str__(self):
        return str(self.document_id)


class ContactPerson(index.Indexed, models.Model):
    """A person the public can contact; shown as a card on the pages that name them."""

    name = models.CharField(_("name"), max_length=200)
    job_title = models.CharField(_("job title"), max_length=200, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    photo = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("job_title"),
        FieldPanel("organisation"),
        FieldPanel("phone"),
        FieldPanel("email"),
        FieldPanel("photo"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("job_title"),
        index.SearchField("organisation"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("contact person")
        verbose_name_plural = _("contact people")

    def __str__(self):
        return self.name

    @property
    def phone_uri(self):
        return tel_uri(self.phone)


class SearchEntry(models.Model):
    """A page or a contact person in one language, as the site search finds it.

    Kept by the site search backend (pirsote.core.search.backend) whenever Wagtail indexes
    the object; editors never see it. Whether a page is live and public is checked when
    searching, so an entry may outlive its page's publication but is never shown then.
    """

    language = models.CharField(max_length=8)
    result_type = models.CharField(max_length=32)
    page = models.ForeignKey(
        "wagtailcore.Page", null=True, on_delete=models.CASCADE, related_name="+"
    )
    person = models.ForeignKey(ContactPerson, null=True, on_delete=models.CASCADE, related_name="+")
    title = models.TextField()
    # The language the title and the text are really in: Finnish where an English
    # translation is missing.
    title_language = models.CharField(max_length=8)
    text_language = models.CharField(max_length=8)
    # Plain text for the result's snippet.
    text = models.TextField(blank=True)
    # " word form form ... ": every word with its base forms and compound parts, for plain
    # matching where PostgreSQL's full-text search is not there (SQLite).
    terms = models.TextField(blank=True)
    # PostgreSQL only: the weighted full-text vector, Finnish or English rules per field.
    vector = SearchVectorField(null=True)

    wagtail_reference_index_ignore = True

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["page", "language"], name="search_entry_page"),
            models.UniqueConstraint(fields=["person", "language"], name="search_entry_person"),
        ]
        indexes = [models.Index(fields=["language", "result_type"])]

    def __str__(self):
        return f"{self.title} ({self.language})"


SETTINGS_CACHE_SECONDS = 24 * 60 * 60


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """The publisher's details, the footer and the editable not-found page."""

    publisher_name = models.CharField(_("publisher"), max_length=200, blank=True)
    publisher_description = models.TextField(_("about the publisher"), blank=True)
    address = models.TextField(_("postal address"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    accessibility_statement = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("accessibility statement"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    privacy_statement = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("privacy statement"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    social_links = StreamField(
        [("link", SocialLinkBlock())], verbose_name=_("social media"), blank=True
    )
    not_found_title = models.CharField(_("not found: heading"), max_length=200, blank=True)
    not_found_text = RichTextField(_("not found: text"), features=RICH_TEXT_FEATURES, blank=True)
    # Sunset mode (pirsote/core/sunset.py): the project has ended, the site is an archive.
    sunset_active = models.BooleanField(
        _("the project has ended (sunset mode)"),
        default=False,
        help_text=_(
            "Every page shows that the project has ended and where the work continues; only "
            "administrators can edit; the subscriptions close."
        ),
    )
    sunset_date = models.DateField(_("end date"), null=True, blank=True)
    successor_name = models.CharField(
        _("where the work continues"),
        max_length=200,
        blank=True,
        help_text=_("For example the wellbeing services county."),
    )
    successor_url = models.URLField(
        _("its address"), max_length=500, blank=True, validators=[validate_safe_url]
    )
    second_successor_name = models.CharField(
        _("also continues at"), max_length=200, blank=True, help_text=_("For example Innokylä.")
    )
    second_successor_url = models.URLField(
        _("its address"), max_length=500, blank=True, validators=[validate_safe_url]
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("publisher_name"),
                FieldPanel("publisher_description"),
                FieldPanel("address"),
                FieldPanel("phone"),
                FieldPanel("email"),
            ],
            heading=_("Publisher"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("accessibility_statement"),
                FieldPanel("privacy_statement"),
                FieldPanel("social_links"),
            ],
            heading=_("Footer"),
        ),
        MultiFieldPanel(
            [FieldPanel("not_found_title"), FieldPanel("not_found_text")],
            heading=_("Page not found (404)"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("sunset_active"),
                FieldPanel("confirm_sunset"),
                FieldPanel("sunset_date"),
                FieldPanel("successor_name"),
                FieldPanel("successor_url"),
                FieldPanel("second_successor_name"),
                FieldPanel("second_successor_url"),
            ],
            heading=_("End of the project (sunset mode)"),
        ),
    ]
    base_form_class = SiteSettingsForm

    @property
    def successors(self):
        """(name, address, name's field) of where the work continues, in the current
        language; the field tells templates whether the name fell back to Finnish. Only safe
        addresses, whatever is stored."""
        pairs = [
            (self.successor_name, safe_url(self.successor_url), "successor_name"),
            (
                self.second_successor_name,
                safe_url(self.second_successor_url),
                "second_successor_name",
            ),
        ]
        return [(name or url, url, field) for name, url, field in pairs if url]

    class Meta:
        verbose_name = _("site settings")

    @classmethod
    def for_request(cls, request):
        """The site's settings from the cache until the next change: they are on every page.

        Only pages read them this way; the admin's settings view reads the row itself.
        """
        attr_name = cls.get_cache_attr_name()
        if not hasattr(request, attr_name):
            site = Site.find_for_request(request)
            key, version = (
                f"site-settings:{site.pk if site else 0}",
                content_version.for_request(request),
            )
            instance = cache.get(key, version=version)
            if instance is None:
                instance = cls.for_site(site)
                cache.set(key, instance, SETTINGS_CACHE_SECONDS, version=version)
            instance._request = request  # as Wagtail's own: for page_url
            setattr(request, attr_name, instance)
        return getattr(request, attr_name)

    @property
    def phone_uri(self):
        return tel_uri(self.phone)


def with_listing_images(pages):
    """The specific pages with their listing images and renditions: a fixed number of queries.

    Without this every card of a listing costs an image query and a rendition query. Every
    page type of the site, feature apps' pages included, is a BasePage, so has listing_image.
    """
    return (
        pages.specific()
        .select_related("listing_image", for_specific_subqueries=True)
        .prefetch_related(
            prefetch_renditions("listing_image__renditions", "card"), for_specific_subqueries=True
        )
    )


class BasePage(Page):
    """What every public page has: a lead, a body of blocks and an image for listings.

    Page types with data of their own (projects, grants...) add fields and their own
    content_panels; the body is where editors write everything else.
    """

    intro = models.TextField(
        _("lead"), blank=True, help_text=_("One or two sentences shown under the title.")
    )
    listing_image = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        verbose_name=_("listing image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BodyStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    promote_panels = [*Page.promote_panels, FieldPanel("listing_image")]
    # Slugs in both languages from the titles (bilingual_admin).
    base_form_class = BilingualPageForm

    # Translated fields whose English emptiness is reported as "shown in Finnish".
    translated_content_fields = ("title", "intro", "body")
    # Query parameters the language switcher carries over to the other language's URL.
    language_switch_query_params = ("page",)
    # What the site search calls this kind of page (pirsote.core.search.types).
    search_result_type = PAGE

    class Meta:
        abstract = True

    def get_view_restrictions(self):
        # Wagtail asks on every view; the cached list of restricted branches usually
        # answers without its two queries (pirsote.core.visibility).
        if not may_be_restricted(self):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()


class HomePage(BasePage):
    """The site's front page: the reform in brief and ways into its sections."""

    # Any page type whose parent_page_types allow it: the feature apps' index pages go here
    # without the core naming them.
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def structured_data(self, request):
        from .structured_data import publisher

        return publisher(request)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = with_listing_images(public_pages(self.get_children()).in_menu())
        return context


class SectionIndexPage(BasePage):
    """A section of the site that lists its own pages, e.g. "Sote-uudistus"."""

    parent_page_types = ["core.HomePage", "core.SectionIndexPage"]
    children_per_page = 12

    class Meta:
        verbose_name = _("section index page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        children = with_listing_images(public_pages(self.get_children()).order_by("path"))
        context["children"] = paginate(request, children, self.children_per_page)
        return context


class ReformPage(BasePage):
    """A page of reform information: goals, vision, funding, statements."""

    parent_page_types = ["core.HomePage", "core.SectionIndexPage", "core.ReformPage"]
    subpage_types = ["core.ReformPage"]

    class Meta:
        verbose_name = _("reform page")
