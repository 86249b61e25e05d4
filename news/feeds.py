"""RSS 2.0 and Atom feeds of the newsroom, narrowed by the same filters as its listing."""

import datetime
from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import escape
from django.utils.translation import gettext as _

from wagtail.models import Site

from pirsote.core.absolute_urls import absolute_url, page_url
from pirsote.core.models import SiteSettings
from pirsote.core.sunset import site_settings


@dataclass
class FinalItem:
    """The feeds' last item in sunset mode: the project has ended, where the work goes on."""

    title: str
    description: str
    link: str
    date: datetime.datetime


def final_item(request, feed_link):
    settings = site_settings(request)
    if not (settings and settings.sunset_active):
        return None
    ended = settings.sunset_date or timezone.localdate()
    successors = ", ".join(f"{name} ({url})" for name, url, _field in settings.successors)
    description = _("This project has ended, and no more releases are published here.")
    if successors:
        description += " " + _("The work continues at: %(successors)s.") % {
            "successors": successors
        }
    return FinalItem(
        title=_("The project has ended"),
        description=description,
        link=settings.successors[0][1] if settings.successors else feed_link,
        date=timezone.make_aware(datetime.datetime.combine(ended, datetime.time(12))),
    )


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
        items = list(releases.prefetch_related("keywords")[: newsroom.feed_length])
        if final := final_item(self.request, self.link(newsroom)):
            items = [final, *items[: newsroom.feed_length - 1]]
        return items

    def item_title(self, release):
        return release.title

    def item_description(self, release):
        if isinstance(release, FinalItem):
            return escape(release.description)
        return escape(release.intro)

    def item_link(self, release):
        if isinstance(release, FinalItem):
            return release.link
        return page_url(release, self.request)

    def item_guid(self, release):
        if isinstance(release, FinalItem):
            # One final item per feed address, whatever the successor's address becomes.
            return f"{self.link(self.newsroom)}#project-ended"
        return page_url(release, self.request)

    def item_guid_is_permalink(self, release):
        return not isinstance(release, FinalItem)

    def item_pubdate(self, release):
        if isinstance(release, FinalItem):
            return release.date
        return release.first_published_at

    def item_updateddate(self, release):
        if isinstance(release, FinalItem):
            return release.date
        return release.last_published_at

    def item_categories(self, release):
        if isinstance(release, FinalItem):
            return []
        return [release.get_release_type_display(), *(k.name for k in release.keywords.all())]
