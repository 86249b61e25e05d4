"""The addresses a response refers to, found and rewritten in one place.

HTML: the attributes that name an address (href, src, srcset, poster, data, action and
meta `content` that is an address), and `url(...)` in CSS. Every text type: absolute
addresses on the live site (sitemaps, feeds, the API's JSON, JSON-LD, robots.txt).
"""

import html
import re

ATTRIBUTE = re.compile(
    r'(?P<before>\s(?P<name>href|src|srcset|poster|data|action|content)=")(?P<value>[^"]*)(?P<after>")',
    re.IGNORECASE,
)
CSS_URL = re.compile(r"""url\(\s*(?P<quote>['"]?)(?P<value>[^'")]+)(?P=quote)\s*\)""")


def absolute_pattern(base, *, csv=False):
    """Absolute addresses on `base` (e.g. "https://sote.example.fi"), with any path and query;
    not a longer host name or another port that starts the same way. In CSV a comma ends the
    address (the site's own addresses have none)."""
    stop = r"\s\"'<>\\)" + ("," if csv else "")
    return re.compile(re.escape(base) + rf"(?P<rest>[/?#][^{stop}]*)?(?![\w.:-])")


def _looks_like_address(name, value):
    if name.lower() != "content":
        return True
    return " " not in value.strip() and value.startswith(("/", "http://", "https://"))


def html_references(text):
    """Each address an HTML document names, as written (entities decoded)."""
    for match in ATTRIBUTE.finditer(text):
        name, value = match["name"], html.unescape(match["value"])
        if name.lower() == "action" or not _looks_like_address(name, value):
            continue  # forms need a server: their targets are not followed
        if name.lower() == "srcset":
            yield from (part.split()[0] for part in value.split(",") if part.strip())
        else:
            yield value


def css_references(text):
    return (match["value"] for match in CSS_URL.finditer(text))


def rewrite_html(text, transform):
    """`text` with each attribute address replaced by transform(address) (None: unchanged)."""

    def replace(match):
        name, raw = match["name"], match["value"]
        value = html.unescape(raw)
        if not _looks_like_address(name, value):
            return match[0]
        if name.lower() == "srcset":
            parts = []
            for part in value.split(","):
                words = part.split()
                if words:
                    new = transform(words[0])
                    # A comma in an address would end the candidate: encode it.
                    words[0] = new.replace(",", "%2C") if new is not None else words[0]
                parts.append(" ".join(words))
            new_value = ", ".join(parts)
        else:
            new_value = transform(value)
            if new_value is None:
                return match[0]
        return match["before"] + html.escape(new_value, quote=True) + match["after"]

    return ATTRIBUTE.sub(replace, text)


def rewrite_css(text, transform):
    def replace(match):
        new = transform(match["value"])
        return match[0] if new is None else f'url("{new}")'

    return CSS_URL.sub(replace, text)


def rewrite_absolute(text, pattern, transform, *, markup):
    """Absolute addresses matched by `pattern` replaced by transform(address); in markup
    (HTML, XML) `&amp;` is decoded before and encoded after."""

    def replace(match):
        value = html.unescape(match[0]) if markup else match[0]
        new = transform(value)
        if new is None:
            return match[0]
        return html.escape(new, quote=False) if markup else new

    return pattern.sub(replace, text)
