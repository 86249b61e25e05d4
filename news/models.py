"""The newsroom: press releases, articles and blog posts, their keywords and media.

Releases are pages, so that they have drafts, revisions, a workflow and scheduled
publishing. Their facts (type, keywords, related projects, contacts, images, corrections)
are fields rather than text, so that the listing, the filters and the feeds are computed.
"""

import hashlib

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.db import models
from django.http import HttpResponse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, TitleFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Orderable
from wagtail.search import index

from pirsote.core import content_version
from pirsote.core.listing import paginate, paginate_by_key, redirect_to_chosen_filters
from pirsote.core.models import BasePage, Licence
from pirsote.core.renditions import prefetch_renditions
from pirsote.core.search.types import ResultType
from pirsote.core.structured_data import publisher
from pirsote.core.visibility import public_documents, public_images, public_pages
from projects.models import ProjectPage

from .admin_forms import ReleaseAdminForm


class ReleaseType(models.TextChoices):
    PRESS_RELEASE = "press-release", _("Press release")
    ARTICLE = "article", _("Article")
    BLOG_POST = "blog-post", _("Blog post")


class Keyword(index.Indexed, models.Model):
    """A keyword (avainsana) that groups releases; each has its own listing and feeds."""

    slug = models.SlugField(
        _("short name in addresses"),
        max_length=60,
        unique=True,
        help_text=_("Used in addresses such as ?keyword=sote-keskus; the same in both languages."),
    )
    name = models.CharField(_("name"), max_length=100)

    panels = [FieldPanel("name"), FieldPanel("slug")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["slug"]
        verbose_name = _("keyword")
        verbose_name_plural = _("keywords")

    def __str__(self):
        return self.name


def live_releases():
    """Releases the public may see (pirsote.core.visibility.public_pages)."""
    return public_pages(ReleasePage.objects)


# The filters' choices are read again at the next change anyway; this only bounds their life.
FILTER_CHOICES_CACHE_SECONDS = 24 * 60 * 60
FEED_CACHE_SECONDS = 24 * 60 * 60
# What a cached feed answers with besides its body.
FEED_HEADERS = ("Content-Type", "Last-Modified")
# Longer than any type, keyword slug, project code or year.
MAX_FILTER_VALUE_LENGTH = 60


class NewsIndexPage(RoutablePageMixin, BasePage):
    """The newsroom (Uutishuone): every release, newest first, with filters and feeds.

    The same filters (type, keyword, project, year) narrow the listing and its RSS and Atom
    feeds, so that every listing view has a feed at the same address plus `rss/` or `atom/`.
    The media bank lists the images and videos the media may publish freely.
    """

    language_switch_query_params = ("page", "type", "keyword", "project", "year")

    parent_page_types = ["core.HomePage", "core.SectionIndexPage"]
    subpage_types = ["news.ReleasePage"]
    max_count = 1
    releases_per_page = 10
    feed_length = 30
    media_bank_preview_length = 6
    media_per_page = 24
    publisher_releases_shown = 5

    class Meta:
        verbose_name = _("newsroom")

    # Filters

    def filter_choices(self):
        """(keywords, projects, years) the filters offer: those with releases, and projects.

        Finding the keywords and years in use reads every release, so the answer is kept
        in the cache until the next change of the site (pirsote.core.content_version).
        """
        key = f"newsroom-filters:{self.pk}:{get_language()}"
        version = content_version.current()
        choices = cache.get(key, version=version)
        if choices is None:
            releases = live_releases().child_of(self)
            choices = (
                list(Keyword.objects.filter(releases__in=releases).distinct()),
                list(public_pages(ProjectPage.objects).order_by("path")),
                [date.year for date in releases.dates("first_published_at", "year", "DESC")],
            )
            cache.set(key, choices, FILTER_CHOICES_CACHE_SECONDS, version=version)
        return choices

    def filter_form(self, request):
        from .forms import ReleaseFilterForm  # forms.py imports this module

        keywords, projects, years = self.filter_choices()
        return ReleaseFilterForm(request.GET, keywords=keywords, projects=projects, years=years)

    def filtered_releases(self, form):
        return form.filter(live_releases().child_of(self)).order_by("-first_published_at", "-pk")

    def release_count(self, form):
        """How many releases the filters let through, counted once per change of the site.

        Counting reads every matching release: with thousands, the count was most of the
        listing's database time.
        """
        digest = hashlib.sha256(form.query_string.encode()).hexdigest()
        key, version = f"newsroom-count:{self.pk}:{digest}", content_version.current()
        count = cache.get(key, version=version)
        if count is None:
            count = self.filtered_releases(form).count()
            cache.set(key, count, FILTER_CHOICES_CACHE_SECONDS, version=version)
        return count

    # Views

    @path("")
    def listing(self, request):
        from .forms import ReleaseFilterForm

        if response := redirect_to_chosen_filters(
            request, ReleaseFilterForm, MAX_FILTER_VALUE_LENGTH
        ):
            return response
        form = self.filter_form(request)
        releases = with_card_data(self.filtered_releases(form))
        page_obj = paginate_by_key(
            request, releases, self.releases_per_page, count=self.release_count(form)
        )
        filters = form.filters
        return self.render(
            request,
            context_overrides={
                "filter_form": form,
                "filter_query": form.query_string,
                "releases": page_obj,
                "feed_title": form.describe(),
                # One filter alone (a keyword's, a type's, a project's releases) is a page
                # worth finding; combinations and later pages are views of this one.
                "noindex": len(filters) > 1 or page_obj.number > 1,
                "media_images": media_bank_images()[: self.media_bank_preview_length],
                "media_videos": media_bank_videos()[:2],
            },
        )

    @path("rss/", name="rss")
    def rss_feed(self, request):
        return self.feed(request, "rss")

    @path("atom/", name="atom")
    def atom_feed(self, request):
        return self.feed(request, "atom")

    def feed(self, request, kind):
        """The RSS or Atom feed, kept in the cache until the next change of the site.

        Feed readers poll every few minutes; a feed names the address it was asked at, so
        that address is the key.
        """
        from .feeds import ReleaseFeed

        address = f"{kind}|{get_language()}|{request.build_absolute_uri()}"
        key = "newsroom-feed:" + hashlib.sha256(address.encode()).hexdigest()
        version = content_version.for_request(request)
        cached = cache.get(key, version=version)
        if cached is not None:
            content, headers = cached
            return HttpResponse(content, headers=headers)
        response = ReleaseFeed(self, kind)(request)
        if response.status_code == 200:
            headers = {name: response[name] for name in FEED_HEADERS if response.has_header(name)}
            cache.set(key, (response.content, headers), FEED_CACHE_SECONDS, version=version)
        return response

    @path("media/", name="media_bank")
    def media_bank(self, request):
        page_obj = paginate(request, media_bank_images(), self.media_per_page)
        return self.render(
            request,
            template="news/media_bank_page.html",
            context_overrides={
                "media_images": page_obj,
                "media_videos": media_bank_videos(),
                "noindex": page_obj.number > 1,
                "breadcrumb_current": _("Media bank"),
            },
        )


def newsrooms(_changed=None):
    """Every newsroom's addresses and everything under them: for the cache in front."""
    from pirsote.core.frontend_cache import prefix

    return [prefix(newsroom) for newsroom in NewsIndexPage.objects.all()]


def with_card_data(releases):
    """Releases with what a card shows, in a fixed number of queries however many.

    Without their bodies: sorting thousands of releases with their bodies in the rows made
    PostgreSQL sort on disk.
    """
    return (
        releases.defer_streamfields()
        .select_related("listing_image")
        .prefetch_related(prefetch_renditions("listing_image__renditions", "card"))
    )


class ReleasePage(BasePage):
    """A press release, article or blog post, with its keywords, contacts and images.

    The publication time is Wagtail's first publication time: a release scheduled to go
    live later is published, and dated, by `publish_scheduled`.
    """

    release_type = models.CharField(
        _("type"), max_length=32, choices=ReleaseType, default=ReleaseType.PRESS_RELEASE
    )
    keywords = ParentalManyToManyField(
        Keyword, verbose_name=_("keywords"), blank=True, related_name="releases"
    )
    projects = ParentalManyToManyField(
        ProjectPage,
        verbose_name=_("related projects"),
        blank=True,
        related_name="releases",
        help_text=_("The release is listed and sent to subscribers under these projects."),
    )

    content_panels = [
        # Fills the slug in the same language as the editor types (Wagtail's title sync).
        TitleFieldPanel("title"),
        FieldPanel("release_type"),
        FieldPanel("intro"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("keywords", widget=forms.CheckboxSelectMultiple),
                FieldPanel("projects", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("Keywords and projects"),
        ),
        InlinePanel("contacts", heading=_("Contact people"), label=_("Contact person")),
        InlinePanel("images", heading=_("Images"), label=_("Image")),
        InlinePanel(
            "corrections",
            heading=_("Corrections"),
            label=_("Correction"),
            help_text=_(
                "When a published release is corrected, say here what changed. "
                "Corrections stay on the page."
            ),
        ),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.RelatedFields("keywords", [index.SearchField("name")]),
        index.FilterField("release_type"),
    ]
    search_result_type = ResultType("release", _("News release"), _("News releases"), 20)

    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []
    # Shared on social media as an article, with its publication time.
    og_type = "article"
    base_form_class = ReleaseAdminForm

    class Meta:
        verbose_name = _("release")
        verbose_name_plural = _("releases")

    def frontend_cache_dependents(self):
        """Besides its own address: its projects' pages, which list it, and the newsroom, whose
        listing, feeds and every release page ("latest releases") show it."""
        from pirsote.core.frontend_cache import prefix

        return [*self.projects.all(), prefix(self.get_parent())]

    def structured_data(self, request):
        """A NewsArticle: what search engines show of a release."""
        data = {
            "@type": "NewsArticle",
            "headline": self.title,
            "url": self.get_full_url(request),
            "mainEntityOfPage": self.get_full_url(request),
            "datePublished": self.published_at.isoformat(),
            "inLanguage": get_language(),
            "articleSection": self.get_release_type_display(),
        }
        if self.last_published_at:
            data["dateModified"] = self.last_published_at.isoformat()
        if self.intro:
            data["description"] = self.intro
        if keywords := [keyword.name for keyword in self.keyword_list]:
            data["keywords"] = keywords
        if organisation := publisher(request):
            data["publisher"] = organisation
            data["author"] = organisation
        return data

    @cached_property
    def keyword_list(self):
        """The keywords, read once for the page and its structured data."""
        return list(self.keywords.all())

    @property
    def published_at(self):
        """When the release went (or, in a preview, would go) public."""
        return self.first_published_at or self.go_live_at or timezone.now()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["keywords"] = self.keyword_list
        projects = self.projects.all()
        if isinstance(projects, models.QuerySet):
            projects = public_pages(projects).order_by("path")
        else:  # An editor's preview: the unsaved relations of the revision being previewed.
            projects = [project for project in projects if project.live]
        context["related_projects"] = projects
        context["contacts"] = self.contacts.select_related("person__photo").prefetch_related(
            prefetch_renditions("person__photo__renditions", "contact")
        )
        context["images"] = self.images.select_related("image").prefetch_related(
            prefetch_renditions("image__renditions", "content")
        )
        context["corrections"] = self.corrections.all()
        newsroom = NewsIndexPage.objects.parent_of(self).first()
        context["newsroom"] = newsroom
        context["publisher_releases"] = (
            with_card_data(live_releases().exclude(pk=self.pk)).order_by(
                "-first_published_at", "-pk"
            )[: NewsIndexPage.publisher_releases_shown]
            if newsroom
            else []
        )
        return context


class ReleaseContact(Orderable):
    """A contact person named on a release, e.g. the project director for further details."""

    page = ParentalKey(ReleasePage, on_delete=models.CASCADE, related_name="contacts")
    person = models.ForeignKey(
        "core.ContactPerson",
        verbose_name=_("contact person"),
        on_delete=models.CASCADE,
        related_name="release_contacts",
    )

    panels = [FieldPanel("person")]

    class Meta(Orderable.Meta):
        verbose_name = _("release contact")
        verbose_name_plural = _("release contacts")


class ReleaseImage(Orderable):
    """An image offered with a release, with its caption; credit and licence are the image's."""

    page = ParentalKey(ReleasePage, on_delete=models.CASCADE, related_name="images")
    image = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        verbose_name=_("image"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    caption = models.CharField(_("caption"), max_length=300, blank=True)

    panels = [FieldPanel("image"), FieldPanel("caption")]

    class Meta(Orderable.Meta):
        verbose_name = _("release image")
        verbose_name_plural = _("release images")


class ReleaseCorrection(Orderable):
    """A dated notice of what was corrected in a published release."""

    page = ParentalKey(ReleasePage, on_delete=models.CASCADE, related_name="corrections")
    corrected_at = models.DateTimeField(_("corrected at"), default=timezone.now)
    text = models.TextField(_("what was corrected"))

    panels = [FieldPanel("corrected_at"), FieldPanel("text")]

    class Meta(Orderable.Meta):
        verbose_name = _("correction")
        verbose_name_plural = _("corrections")


class MediaVideo(models.Model):
    """A video the media may publish freely, shown in the media bank with its captions."""

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    video = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("video file (MP4 or WebM)"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    captions = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("captions (WebVTT)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    poster = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        verbose_name=_("still image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    credit = models.CharField(_("credit"), max_length=255, blank=True)
    licence = models.CharField(_("licence"), max_length=32, choices=Licence)
    free_for_media_use = models.BooleanField(_("free for media use"), default=True)
    created_at = models.DateTimeField(_("added"), default=timezone.now)

    # Only a video in the media bank makes its files public (pirsote.core.embargo).
    embargo_public_filter = {"free_for_media_use": True}

    panels = [
        FieldPanel("title"),
        FieldPanel("description"),
        FieldPanel("video"),
        FieldPanel("captions"),
        FieldPanel("poster"),
        FieldPanel("credit"),
        FieldPanel("licence"),
        FieldPanel("free_for_media_use"),
    ]

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("media bank video")
        verbose_name_plural = _("media bank videos")

    def __str__(self):
        return self.title


def media_bank_images():
    """Images free for media use, newest first, by the rule the API lists images by
    (pirsote.core.visibility.public_images): not under embargo, not in a restricted collection.
    """
    return (
        public_images()
        .filter(free_for_media_use=True)
        .prefetch_related(prefetch_renditions("renditions", "media"))
        .order_by("-created_at", "-pk")
    )


def media_bank_videos():
    """Videos free for media use whose video file the public may see, as the API lists it."""
    return (
        MediaVideo.objects.filter(
            free_for_media_use=True, video__in=public_documents().values("pk")
        )
        .select_related("video", "captions", "poster")
        .prefetch_related(prefetch_renditions("poster__renditions", "media_poster"))
    )
