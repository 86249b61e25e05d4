"""When the database cannot be reached: 503 with Retry-After, never a bare 500.

During a PostgreSQL restart or a network cut, every query raises django.db's
OperationalError (or InterfaceError on a connection that broke mid-request). Visitors then get
a short page saying the service is briefly unavailable, in the language of the address, and
the API a JSON answer; both with `Retry-After` and `Cache-Control: no-store`, so that neither
browsers nor the cache in front keep them. Other exceptions are left alone (a 500 as before).

The failure can happen in three places, and each is covered:

- in the view: `process_exception` answers 503;
- in a middleware before or after the view (the session behind `request.user`, the cached
  site lookup, the security headers asking whether the user is an editor): Django turns the
  exception into a 500 response at that layer, so the exception never reaches us; the
  `got_request_exception` signal it sends marks the request, and the 500 is replaced;
- in the 500 handler itself: the exception then escapes the inner layers and is caught here.

This middleware must therefore come first in MIDDLEWARE: outside every layer that may touch
the database. The page is rendered from templates/503.html with a plain template call, without
the request and its context processors, which might query the database again.
"""

import logging
import sys

from django.conf import settings
from django.core.signals import got_request_exception
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.utils import translation
from django.utils.translation import gettext

logger = logging.getLogger("pirsote.availability")

RETRY_AFTER_SECONDS = 30
DATABASE_ERRORS = (OperationalError, InterfaceError)
_MARK = "_pirsote_database_error"

# The page is self-contained (inline styles, no scripts, nothing fetched): nothing else needed.
PAGE_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; "
    "frame-ancestors 'none'"
)


def _mark_request(sender, request=None, **kwargs):
    """got_request_exception: remember a database error on the request it happened in."""
    exception = sys.exc_info()[1]
    if request is not None and isinstance(exception, DATABASE_ERRORS):
        setattr(request, _MARK, exception)


def language_of(request):
    return translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE


def is_api(request):
    prefixes = ["/api/"] + [f"/{code}/api/" for code, _name in settings.LANGUAGES]
    return request.path_info.startswith(tuple(prefixes))


def unavailable_response(request):
    """The 503 answer for this request: JSON under the API, else the HTML page."""
    language = language_of(request)
    with translation.override(language):
        if is_api(request):
            response = JsonResponse(
                {"detail": gettext("The service is temporarily unavailable. Try again soon.")},
                status=503,
            )
        else:
            body = loader.get_template("503.html").render(
                {"LANGUAGE_CODE": language, "retry_after": RETRY_AFTER_SECONDS}
            )
            response = HttpResponse(body, status=503)
            response["Content-Security-Policy"] = PAGE_POLICY
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    response["Content-Language"] = language
    response["X-Content-Type-Options"] = "nosniff"
    response["X-Frame-Options"] = "DENY"
    return response


class DatabaseUnavailableMiddleware:
    """Database unreachable: 503 with Retry-After instead of 500 (see the module docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response
        got_request_exception.connect(_mark_request, dispatch_uid="pirsote_availability")

    def __call__(self, request):
        try:
            response = self.get_response(request)
        except DATABASE_ERRORS as exception:
            return self.unavailable(request, exception)
        exception = getattr(request, _MARK, None)
        if exception is not None and response.status_code >= 500:
            return self.unavailable(request, exception)
        return response

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_ERRORS):
            return self.unavailable(request, exception)
        return None

    def unavailable(self, request, exception):
        logger.error(
            "Database unavailable, answered 503: %s %s",
            request.method,
            request.path,
            exc_info=(type(exception), exception, exception.__traceback__),
        )
        return unavailable_response(request)
