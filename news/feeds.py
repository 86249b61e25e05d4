"""RSS 2.0 and Atom feeds of the newsroom, narrowed by the same filters as its listing."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import escape
from django.utils.translation import gettext as _

from wagtail.models import Site

from pirsote.core.absolute_urls import absolute_url, page_url
from pirsote.core.models import SiteSettings


class ReleaseFeed(Feed):
    """The newest releases of `newsroom` matching the request's filters, in its language.

    A filter the listing would report as invalid is ignored here too: the feed of
    `?type=nonsense` is the feed of everything, never an error.
    """

    def __init__(self, newsroom, kind):
        super().__init__()
        self.newsroom = newsroom
        self.feed_type = Atom1Feed if kind == "atom" else Rss201rev2Feed
        self.kind = kind

    def get_object(self, request, *args, **kwargs):
        self.request = request
        self.form = self.newsroom.filter_form(request)
        return self.newsroom

    def title(self, newsroom):
        described = self.form.describe()
        site_name = _("Pirkanmaa health and social services reform")
        base = f"{newsroom.title} – {site_name}"
        return f"{base}: {described}" if described else base

    def link(self, newsroom):
        query = self.form.query_string
        return page_url(newsroom, self.request) + (f"?{query}" if query else "")

    def feed_url(self, newsroom):
        return absolute_url(self.request.get_full_path(), self.request)

    # RSS descriptions and Atom summaries are HTML to feed readers, and leads are plain text:
    # escaped once more, `<script>` in a lead is shown as text by the reader. Atom's subtitle
    # is text as it is.
    def description(self, newsroom):
        return escape(self.subtitle(newsroom))

    def subtitle(self, newsroom):
        return newsroom.intro or newsroom.title

    def author_name(self, newsroom):
        site = Site.find_for_request(self.request)
        return SiteSettings.for_site(site).publisher_name if site else None

    def items(self, newsroom):
        releases = self.newsroom.filtered_releases(self.form)
        return releases.prefetch_related("keywords")[: newsroom.feed_length]

    def item_title(self, release):
        return release.title

    def item_description(self, release):
        return escape(release.intro)

    def item_link(self, release):
        return page_url(release, self.request)

    def item_guid(self, release):
        return page_url(release, self.request)

    def item_pubdate(self, release):
        return release.first_published_at

    def item_updateddate(self, release):
        return release.last_published_at

    def item_categories(self, release):
        return [release.get_release_type_display(), *(k.name for k in release.keywords.all())]
