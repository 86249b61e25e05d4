"""/healthz for load balancers: 200 when the database and the cache answer, else 503.

The middleware answers it before anything else runs, which is what a balancer needs:

- any Host header: balancers probe each app server by its address, which ALLOWED_HOSTS
  (rightly) refuses everywhere else with a 400. Host is never read here, and the answer
  names no host, so nothing can be poisoned through it;
- plain HTTP: no SECURE_SSL_REDIRECT to https (production settings also exempt the path,
  should this middleware ever move);
- no session, CSRF token or language: no cookie, no `Vary: Cookie`;
- `Cache-Control: no-store`: neither Varnish (deploy/varnish/default.vcl passes no-store and
  non-200 answers) nor anything else keeps it;
- one address, not translated, and not a page: never in the sitemap.

The body is JSON naming each part, e.g. {"status": "fail", "database": "ok", "cache": "fail"}.
The cache is checked by a value round-trip, because django-redis is configured to ignore a
dead Redis (pages then render without the cache) and would report nothing.
"""

import json
import logging
import uuid

from django.core.cache import cache
from django.db import Error as DatabaseError
from django.db import connection
from django.http import HttpResponse

logger = logging.getLogger("pirsote.health")

PATH = "/healthz"
CACHE_KEY_TIMEOUT = 10


def database_ok():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError as error:
        logger.warning("Health check: the database does not answer: %s", error)
        return False


def cache_ok():
    """A short-lived value written and read back from the default cache."""
    key, value = f"healthz:{uuid.uuid4().hex}", uuid.uuid4().hex
    try:
        cache.set(key, value, timeout=CACHE_KEY_TIMEOUT)
        answered = cache.get(key) == value
        cache.delete(key)
    except Exception as error:  # any backend's own failure means the same: no cache
        logger.warning("Health check: the cache does not answer: %s", error)
        return False
    if not answered:
        logger.warning("Health check: the cache does not keep values")
    return answered


def healthz(request):
    """200 or 503 with each part's state; GET and HEAD only."""
    if request.method not in ("GET", "HEAD"):
        response = HttpResponse(status=405, content_type="application/json")
        response["Allow"] = "GET, HEAD"
    else:
        parts = {"database": database_ok(), "cache": cache_ok()}
        healthy = all(parts.values())
        body = {"status": "ok" if healthy else "fail"}
        body.update({name: "ok" if ok else "fail" for name, ok in parts.items()})
        response = HttpResponse(
            b"" if request.method == "HEAD" else json.dumps(body).encode() + b"\n",
            status=200 if healthy else 503,
            content_type="application/json",
        )
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


class HealthCheckMiddleware:
    """Answer /healthz before host validation, redirects and cookies (module docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info == PATH:
            return healthz(request)
        return self.get_response(request)
