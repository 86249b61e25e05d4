"""/.well-known/security.txt (RFC 9116): where to report a vulnerability in the site."""

import datetime

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from .absolute_urls import absolute_url

# RFC 9116 asks for an Expires date less than a year ahead, so that a forgotten file goes
# stale rather than pointing at an old address for ever.
VALID_FOR = datetime.timedelta(days=364)
CONTACT_SCHEMES = ("mailto:", "https://", "tel:")


def contact_uris():
    """SECURITY_CONTACT as URIs: a bare e-mail address becomes a mailto: one."""
    uris = []
    for contact in settings.SECURITY_CONTACT:
        uri = contact if ":" in contact else f"mailto:{contact}"
        is_mail = uri.lower().startswith("mailto:")
        if not uri.lower().startswith(CONTACT_SCHEMES) or (is_mail and "@" not in uri):
            raise ImproperlyConfigured(
                f"SECURITY_CONTACT: {contact!r} is not an e-mail address, an https:// address "
                "or a tel: number."
            )
        uris.append(uri)
    if not uris:
        raise ImproperlyConfigured("SECURITY_CONTACT is empty: security.txt needs a contact.")
    return uris


def expires(now=None):
    """Midnight UTC a little under a year from now, in RFC 3339 form."""
    now = now or timezone.now()
    day = (now + VALID_FOR).astimezone(datetime.UTC).date()
    return f"{day.isoformat()}T00:00:00Z"


@require_GET
def security_txt(request):
    lines = [
        *(f"Contact: {uri}" for uri in contact_uris()),
        f"Expires: {expires()}",
        "Preferred-Languages: fi, en",
        f"Canonical: {absolute_url(request.path, request)}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
