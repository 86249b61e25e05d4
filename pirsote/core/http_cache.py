"""Cache-Control for every response: what the cache in front may keep, and what nobody may.

Anonymous GET and HEAD answers with status 200 that set no cookie are the same for every
visitor: `public, max-age=0, s-maxage=PAGE_CACHE_SECONDS`. Browsers check back every time; the
shared cache (Varnish, deploy/varnish/) keeps them until the next change purges them
(pirsote.core.frontend_cache), or at most PAGE_CACHE_SECONDS.

Never kept by anyone else: the admin and previews, anything for someone with a session,
responses that set a cookie (a form's CSRF token), other methods than GET and HEAD, other
statuses than 200, and uploads (embargoed media and documents, pirsote.core.media). A view that
chose its own Cache-Control keeps it, unless one of these overrides it.

Vary: a public answer varies only by its URL. The language comes from the path, and cookies
make no difference to an anonymous page, so `Vary: Cookie` and `Vary: Accept-Language` (added
by the session and locale middleware) are dropped from it: they would split every shared
cache by each visitor's cookies and browser languages.

This middleware goes first in MIDDLEWARE, so that it sees the cookies and Vary headers that
the others add.
"""

from django.conf import settings
from django.utils.cache import cc_delim_re, patch_cache_control

PUBLIC = "public"
PRIVATE = "private"
NO_STORE = "no-store"


def _path_prefixes(*urls):
    return tuple(url if url.endswith("/") else url + "/" for url in urls if url)


class CacheControlMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        # Editors' side and uploads: never in a shared cache, whatever the view says.
        self.admin_prefixes = _path_prefixes("/admin/")
        self.upload_prefixes = _path_prefixes(settings.MEDIA_URL, "/documents/")
        self.static_prefixes = _path_prefixes(settings.STATIC_URL)

    def __call__(self, request):
        response = self.get_response(request)
        policy = self.policy(request, response)
        if policy == PUBLIC:
            patch_cache_control(
                response, public=True, max_age=0, s_maxage=settings.PAGE_CACHE_SECONDS
            )
            _drop_vary(response, {"cookie", "accept-language"})
        elif policy == PRIVATE:
            _make_private(response)
        elif policy == NO_STORE:
            _make_private(response, no_store=True)
        return response

    def policy(self, request, response):
        """PUBLIC, PRIVATE, NO_STORE, or None to keep what the view said."""
        path = request.path_info
        if path.startswith(self.static_prefixes):
            return None  # WhiteNoise's own headers
        if path.startswith(self.admin_prefixes) or getattr(request, "is_preview", False):
            return NO_STORE
        if path.startswith(self.upload_prefixes):
            return PRIVATE
        if response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
            # A session or a CSRF token (the subscription form) of this visitor only.
            return PRIVATE
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            return PRIVATE  # an editor's pages carry the user bar and drafts' media
        if request.method not in ("GET", "HEAD"):
            return PRIVATE
        if response.has_header("Cache-Control"):
            return None  # the view chose (never_cache, the API's own max-age)
        if response.status_code != 200:
            return PRIVATE
        return PUBLIC


def _make_private(response, *, no_store=False):
    """Nobody but the browser may keep it, and the browser must ask again before using it."""
    directives = _directives(response)
    directives.pop("public", None)
    directives.pop("s-maxage", None)
    response["Cache-Control"] = ", ".join(
        name if value is True else f"{name}={value}" for name, value in directives.items()
    )
    extra = {"private": True, "no_cache": True}
    if no_store:
        extra["no_store"] = True
    patch_cache_control(response, **extra)


def _directives(response):
    directives = {}
    for item in cc_delim_re.split(response.get("Cache-Control", "")):
        if not item:
            continue
        name, _sep, value = item.partition("=")
        directives[name.strip().lower()] = value.strip() if _sep else True
    return directives


def _drop_vary(response, headers):
    if not response.has_header("Vary"):
        return
    kept = [
        header
        for header in cc_delim_re.split(response["Vary"])
        if header and header.lower() not in headers
    ]
    if kept:
        response["Vary"] = ", ".join(kept)
    else:
        del response["Vary"]
