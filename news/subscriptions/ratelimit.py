"""Fixed-window counters in Django's cache, so that the form cannot be used to flood inboxes.

Two limits: submissions per client (its IP address) and confirmation mails per address.
Behind a reverse proxy every client has the proxy's REMOTE_ADDR: set
SUBSCRIPTIONS_CLIENT_IP_HEADER to the header the proxy sets (e.g. HTTP_X_REAL_IP).
"""

import hashlib

from django.conf import settings

# The site's counters: fail-open, logged, while the cache is down.
from pirsote.core.ratelimit import hit


def client_ip(request):
    header = settings.SUBSCRIPTIONS_CLIENT_IP_HEADER
    # X-Forwarded-For is a chain: only its last entry was written by our own proxy.
    return request.META.get(header, "").split(",")[-1].strip()[:64] or "unknown"


def allow_submission(request):
    limit, period = settings.SUBSCRIPTIONS_RATE_LIMIT_PER_CLIENT
    return hit(f"subscriptions:client:{client_ip(request)}", limit, period)


def allow_confirmation_mail(email):
    limit, period = settings.SUBSCRIPTIONS_RATE_LIMIT_PER_ADDRESS
    # Addresses are personal data: the cache holds only a digest.
    digest = hashlib.sha256(email.lower().encode()).hexdigest()
    return hit(f"subscriptions:address:{digest}", limit, period)
