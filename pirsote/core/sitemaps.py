"""The sitemap: every live, public page in Finnish and English, with hreflang alternates.

Django's sitemap framework writes one <url> per page and language (`i18n`), each listing
the page in every language and the Finnish default as x-default (`alternates`,
`x_default`). Pages are read as plain Wagtail pages: their URLs need only the tree, so the
sitemap costs the same few queries however many pages there are.
"""

from django.conf import settings
from django.contrib.sitemaps import Sitemap

from wagtail.models import Site

from .visibility import visible_pages


class PageSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    languages = [code for code, _name in settings.LANGUAGES]

    def __init__(self, site):
        self.site = site

    def items(self):
        return (
            visible_pages(self.site)
            .order_by("path")
            .only("path", "depth", "last_published_at", "url_path", *self._url_path_fields())
        )

    def location(self, page):
        return page.relative_url(self.site)

    def lastmod(self, page):
        return page.last_published_at

    @staticmethod
    def _url_path_fields():
        return [f"url_path_{code}" for code, _name in settings.LANGUAGES]


def sitemaps_for(request):
    site = Site.find_for_request(request)
    return {"pages": PageSitemap(site)} if site else {}
