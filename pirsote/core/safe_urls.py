"""Whether a stored URL may be put in a page, a feed, the API or a mail: one rule.

Accepted: `http:`, `https:`, `mailto:` and `tel:` addresses, and paths on this site
(`/uutishuone/`, `?page=2`, `#contacts`, `kuva.jpg`). Everything else is refused:
`javascript:`, `data:`, `vbscript:` and any other scheme, in any letter case, behind HTML
entities (`javascript&colon;`), or split by whitespace or control characters that browsers
skip (`java\\tscript:`). Protocol-relative (`//host`) and backslash addresses (`\\\\host`,
`/\\host`, which browsers read as `//host`) are refused too: an external address is always
written in full with its scheme, so one without is a mistake or a disguise, and where it
leads would not be what the text of the page suggests.

The same rule runs on save (`validate_safe_url`, on every URL field and URL block) and on
output (`safe_url`, the `|safe_url` template filter, the API and the open data), so content
that reached the database some other way (an import, a migration, the shell) still never
becomes a clickable `javascript:` link.
"""

import html
import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

SAFE_SCHEMES = frozenset({"http", "https", "mailto", "tel"})

# A URL scheme as the WHATWG URL standard reads it: a letter, then letters, digits, + - .
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")


def _has_invisible(text):
    """Control, format (zero-width, bidi) or whitespace characters anywhere in `text`."""
    return any(
        char.isspace() or unicodedata.category(char) in {"Cc", "Cf", "Zl", "Zp"} for char in text
    )


def _is_safe(url):
    if not url or _has_invisible(url) or "\\" in url or url.startswith("//"):
        return False
    # Whatever comes before the first / ? # and contains a colon is a scheme to a browser
    # (or at least not a path of ours).
    head = re.split(r"[/?#]", url, maxsplit=1)[0]
    if ":" not in head:
        return True
    match = _SCHEME.match(url)
    return bool(match) and match.group(1).lower() in SAFE_SCHEMES


def safe_url(value):
    """`value` without surrounding whitespace if it is safe as a link target, else ''.

    The URL is judged as written and with HTML character references decoded, because
    either may reach a browser: `javascript&#58;alert(1)` is refused.
    """
    if not isinstance(value, str):
        return ""
    url = value.strip()
    if _is_safe(url) and _is_safe(html.unescape(url)):
        return url
    return ""


def is_safe_url(value):
    return bool(safe_url(value))


def validate_safe_url(value):
    """A validator for URL model fields and blocks: refuses what `safe_url` would drop."""
    if value and not is_safe_url(value):
        raise ValidationError(
            _(
                "Enter an address that starts with https://, http://, mailto: or tel:, "
                "or a path on this site."
            ),
            code="unsafe_url",
        )
