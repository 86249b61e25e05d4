"""sitemap.xml and robots.txt: what crawlers may index, and where to find it.

Both are cached like pages (pirsote.core.http_cache): the shared cache keeps them until the
next change purges them.
"""

import hashlib

from django.conf import settings
from django.contrib.sitemaps.views import index as django_sitemap_index
from django.contrib.sitemaps.views import sitemap as django_sitemap
from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.views.decorators.http import require_GET

from . import content_version
from .absolute_urls import absolute_url
from .sitemaps import sitemaps_for

# A sitemap page is built once per change of the site, then served from the cache.
SITEMAP_CACHE_SECONDS = 24 * 60 * 60


def _cached_until_next_change(request, build):
    """`build()`'s response, or a copy of it stored since the last change of the site."""
    address = request.build_absolute_uri()
    key = "sitemap:" + hashlib.sha256(address.encode()).hexdigest()
    version = content_version.current()
    stored = cache.get(key, version=version)
    if stored is None:
        response = build()
        response.render()
        if response.status_code != 200:
            return response
        headers = {
            name: response[name] for name in ("Content-Type", "Last-Modified") if name in response
        }
        stored = (response.content, headers)
        cache.set(key, stored, SITEMAP_CACHE_SECONDS, version=version)
    content, headers = stored
    return HttpResponse(content, headers=headers)


@require_GET
def sitemap(request):
    """The sitemap index: each language's sitemap pages, 1 000 addresses to a page."""
    sitemaps = sitemaps_for(request)
    if not sitemaps:
        raise Http404
    return _cached_until_next_change(
        request,
        lambda: django_sitemap_index(request, sitemaps, sitemap_url_name="sitemap_section"),
    )


@require_GET
def sitemap_section(request, section):
    """One page (`?p=2`...) of one language's sitemap."""
    sitemaps = sitemaps_for(request)
    if section not in sitemaps:
        raise Http404
    return _cached_until_next_change(
        request, lambda: django_sitemap(request, sitemaps, section=section)
    )


@require_GET
def robots_txt(request):
    """Production invites crawlers to the public site; every other environment shuts them out.

    `ROBOTS_ALLOW_INDEXING` is on only in production settings, so that a test or staging
    copy of the site never ends up in search results beside the real one.
    """
    if settings.ROBOTS_ALLOW_INDEXING:
        lines = [
            "User-agent: *",
            "Disallow: /admin/",
            "Disallow: /documents/",
            "",
            f"Sitemap: {absolute_url('/sitemap.xml', request)}",
        ]
    else:
        lines = ["User-agent: *", "Disallow: /"]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
