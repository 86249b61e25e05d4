"""A number that changes whenever anything the public sees changes.

Whatever is cached until the next change (the sitemap's pages, the menu and footer fragments)
puts this number in its cache key, so one bump makes all of it stale at once, in every
process that shares the cache. pirsote.core.frontend_cache bumps it on every publish,
unpublish, move or delete of a page and every save of what pages show (snippets, settings,
grants...), in the same place where it purges the cache in front of the site.
"""

import logging
import time

from django.core.cache import cache

logger = logging.getLogger("pirsote.content_version")

KEY = "pirsote:content-version"


def current():
    """The current version: one cache read, set the first time it is asked for."""
    version = cache.get(KEY)
    if version is None:
        # A fresh cache (or one that lost the key) must not bring back fragments stored
        # under an older number: start from the clock.
        version = time.time_ns()
        cache.add(KEY, version, timeout=None)
        version = cache.get(KEY, version)
    return version


def bump():
    """Make everything cached under the current version stale."""
    try:
        bumped = cache.incr(KEY)
    except ValueError:  # not set yet
        cache.set(KEY, time.time_ns(), timeout=None)
        return
    if bumped is None:
        # django-redis while Redis is down: nothing is cached now, but what Redis holds
        # would be served again, stale, once it answers.
        logger.warning(
            "The content version could not be bumped: the cache does not answer. If Redis "
            "comes back with its data, clear the cache."
        )


def for_request(request):
    """current(), read once per request (a page asks for it for every picture and fragment)."""
    if request is None:
        return current()
    version = getattr(request, "_pirsote_content_version", None)
    if version is None:
        version = request._pirsote_content_version = current()
    return version
