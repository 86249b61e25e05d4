from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Finnish at the site root, English under /en/.
urlpatterns += i18n_patterns(
    path("", include("funding.urls")),
    path("", include("news.subscriptions.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

handler404 = "pirsote.core.views.page_not_found"
handler500 = "pirsote.core.views.server_error"
