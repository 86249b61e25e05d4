"""The client's IP address, as far as it can be trusted.

X-Forwarded-For is read only when TRUSTED_PROXY_COUNT says how many proxies of our own
stand in front of the site and the request came from one of TRUSTED_PROXY_IPS: each of
our proxies appends the address it saw, so the entry TRUSTED_PROXY_COUNT places from the
right is the client as our outermost proxy saw it. Whatever a client writes into the
header itself stays to the left of that and is ignored. Without a configured proxy the
address is REMOTE_ADDR, and a changed X-Forwarded-For changes nothing.
"""

import ipaddress

from django.conf import settings


def _valid(address):
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return None


def client_ip(request):
    """The client's address (a string), or "unknown"."""
    remote = _valid(request.META.get("REMOTE_ADDR", "")) or "unknown"
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0 or remote not in settings.TRUSTED_PROXY_IPS:
        return remote
    chain = [part for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part]
    if len(chain) < count:
        return remote
    return _valid(chain[-count]) or remote
