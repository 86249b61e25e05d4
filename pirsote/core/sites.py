"""The request's Wagtail site, with its home page, from the cache rather than the database.

Every request asks which Site it is for (Wagtail's routing, settings, URLs), and routing then
asks for the site's home page as its specific type: two queries on every page view, for
rows that change only when an administrator edits the sites or the home page is published.
The answer is kept per host and port under the content version (pirsote.core.content_version),
which every such change bumps.
"""

import hashlib

from django.core.cache import cache

from wagtail.models import Site

from . import content_version

SITE_CACHE_SECONDS = 24 * 60 * 60
NO_SITE = "none"


def _key(request):
    host = f"{request._get_raw_host()}|{request.get_port()}"
    return "site-for-host:" + hashlib.sha256(host.encode()).hexdigest()


def cached_site(request):
    """What Site.find_for_request() would find, its root page already specific."""
    key, version = _key(request), content_version.for_request(request)
    site = cache.get(key, version=version)
    if site is None:
        site = Site._find_for_request(request)
        if site is not None:
            site.root_page.specific  # noqa: B018 - kept with the site in the cache
        cache.set(key, site or NO_SITE, SITE_CACHE_SECONDS, version=version)
    return None if site == NO_SITE else site


class CachedSiteMiddleware:
    """Give Wagtail the request's site before anything asks for it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request._wagtail_site = cached_site(request)
        return self.get_response(request)
