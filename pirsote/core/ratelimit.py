"""Fixed-window counters in Django's cache (Redis in production, shared by every process).

While the cache is down (django-redis then answers None instead of raising) nothing can be
counted: the limits let requests through, fail-open, and say so in the log. Refusing instead
would turn a cache outage into a closed subscription form and a closed password reset.
"""

import hashlib
import logging

from django.core.cache import cache

logger = logging.getLogger("pirsote.ratelimit")


def hit(key, limit, period):
    """Count one more use of `key` in the current window; False once over `limit`."""
    cache.add(key, 0, timeout=period)
    try:
        count = cache.incr(key)
    except ValueError:  # the window closed between add() and incr()
        cache.set(key, 1, timeout=period)
        count = 1
    if count is None:
        logger.warning("Rate limit not applied, the cache does not answer: %s", key.split(":")[0])
        return True
    return count <= limit


def digest(text):
    """A key part for personal data (e-mail addresses): the cache holds only a digest."""
    return hashlib.sha256(text.strip().lower().encode()).hexdigest()
