"""sitemap.xml and robots.txt: what crawlers may index, and where to find it."""

from django.conf import settings
from django.contrib.sitemaps.views import sitemap as django_sitemap
from django.http import Http404, HttpResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from .sitemaps import sitemaps_for


@require_GET
@cache_control(max_age=3600, public=True)
def sitemap(request):
    sitemaps = sitemaps_for(request)
    if not sitemaps:
        raise Http404
    return django_sitemap(request, sitemaps)


@require_GET
@cache_control(max_age=3600, public=True)
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
            f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
        ]
    else:
        lines = ["User-agent: *", "Disallow: /"]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
