"""The sitemap: an index of per-language sitemaps of every live, public page.

Each language has its own section (`/sitemap-fi.xml`, `/sitemap-en.xml`) of pages of at most
1 000 addresses, each address with its hreflang alternates and the Finnish default as
x-default. A section is a plain queryset of pages in tree order, paginated in the database:
a sitemap page reads its 1 000 pages and nothing more, whatever the size of the site, and
the site's root paths are looked up once per request rather than once per address.
The responses are cached until the next change (pirsote.core.discovery).
"""

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.utils import translation
from django.utils.functional import cached_property

from wagtail.models import Site

from .visibility import visible_pages

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
URLS_PER_SITEMAP = 1000


class PageSitemap(Sitemap):
    """The site's visible pages in one language, with their other languages as alternates."""

    limit = URLS_PER_SITEMAP

    def __init__(self, site, request, language):
        self.site = site
        self.request = request
        self.language = language

    @cached_property
    def visible(self):
        fields = ("path", "depth", "last_published_at", "url_path")
        url_paths = [f"url_path_{code}" for code in LANGUAGE_CODES]
        return visible_pages(self.site).order_by("path").only(*fields, *url_paths)

    def items(self):
        return self.visible.all()

    def url_in(self, page, language):
        with translation.override(language):
            # With the request, Wagtail keeps the site root paths on it after the first page.
            return page.get_url(self.request)

    def location(self, page):
        return self.url_in(page, self.language)

    def lastmod(self, page):
        return page.last_published_at

    def get_latest_lastmod(self):
        return self.items().aggregate(latest=Max("last_published_at"))["latest"]

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        base = f"{self.get_protocol(protocol)}://{self.get_domain(site)}"
        for url in urls:
            alternates = {code: self.url_in(url["item"], code) for code in LANGUAGE_CODES}
            alternates["x-default"] = alternates[settings.LANGUAGE_CODE]
            url["alternates"] = [
                {"lang_code": code, "location": base + location}
                for code, location in alternates.items()
            ]
        return urls


def sitemaps_for(request):
    """{section name: sitemap} of the request's site: one section per language."""
    site = Site.find_for_request(request)
    if site is None:
        return {}
    return {code: PageSitemap(site, request, code) for code in LANGUAGE_CODES}
