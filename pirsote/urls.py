import re

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from pirsote.core import api, discovery, health, security_txt
from pirsote.core.media import serve_media
from pirsote.core.staff_auth.reset import PasswordResetView

urlpatterns = [
    # Wagtail's password reset, rate-limited and queued for the mail worker (staff_auth/reset.py).
    path("admin/password_reset/", PasswordResetView.as_view()),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # An index of each language's sitemap pages, every address with its hreflang alternates.
    path("sitemap.xml", discovery.sitemap, name="sitemap"),
    path("sitemap-<str:section>.xml", discovery.sitemap_section, name="sitemap_section"),
    path("robots.txt", discovery.robots_txt, name="robots_txt"),
    # For load balancers; answered by health.HealthCheckMiddleware before host validation.
    path("healthz", health.healthz, name="healthz"),
    # Where to report a vulnerability (RFC 9116).
    path(".well-known/security.txt", security_txt.security_txt, name="security_txt"),
    # Embargoed uploads to editors; public ones only when SERVE_MEDIA (docs/media-embargo.md).
    re_path(
        rf"^{re.escape(settings.MEDIA_URL.lstrip('/'))}(?P<path>.*)$",
        serve_media,
        name="media",
    ),
]

# Finnish at the site root, English under /en/.
urlpatterns += i18n_patterns(
    path("", include("funding.urls")),
    path("", include("news.subscriptions.urls")),
    path("", include("pirsote.core.search.urls")),
    # The public read API, in the language of the address (docs/api.md).
    path("api/", include(api.urls())),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

handler404 = "pirsote.core.views.page_not_found"
handler500 = "pirsote.core.views.server_error"
