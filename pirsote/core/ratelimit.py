"""Fixed-window counters in Django's cache (Redis in production, shared by every process)."""

import hashlib

from django.core.cache import cache


def hit(key, limit, period):
    """Count one more use of `key` in the current window; False once over `limit`."""
    cache.add(key, 0, timeout=period)
    try:
        count = cache.incr(key)
    except ValueError:  # the window closed between add() and incr()
        cache.set(key, 1, timeout=period)
        count = 1
    return count <= limit


def digest(text):
    """A key part for personal data (e-mail addresses): the cache holds only a digest."""
    return hashlib.sha256(text.strip().lower().encode()).hexdigest()
