"""Where each address of the site lives in the static archive.

An address without a query string keeps its path: `/uutishuone/` is the file
`uutishuone/index.html`, `/sitemap.xml` is `sitemap.xml`. A static server ignores query
strings, so an address with one (`/uutishuone/?type=blog&page=2`) gets a path of its own,
with the query as a last segment: `/uutishuone/page=2,type=blog/` (parameters sorted), or
`/sitemap-fi,p=2.xml` for a file. The `=` keeps it apart from every page's slug (Wagtail
slugs have no `=`). A query with other characters than letters, digits, `.`, `_`, `-` and
`~` becomes `q=<hash>` instead, so that two addresses never share a file.
"""

import hashlib
import posixpath
import re
from urllib.parse import parse_qsl, quote, unquote, urlencode

SAFE_VALUE = re.compile(r"^[A-Za-z0-9._~-]*$")


def query_segment(query):
    """ "type=blog&page=2" → "page=2,type=blog"; "" for no query."""
    pairs = sorted(parse_qsl(query, keep_blank_values=True))
    if not pairs:
        return ""
    if all(SAFE_VALUE.match(key) and key and SAFE_VALUE.match(value) for key, value in pairs):
        return ",".join(f"{key}={value}" for key, value in pairs)
    digest = hashlib.sha256(urlencode(pairs).encode()).hexdigest()[:16]
    return f"q={digest}"


def archive_path(path, query=""):
    """The archive's address (a path, percent-encoded as given) for `path?query`."""
    segment = query_segment(query)
    if not segment:
        return path
    if path.endswith("/"):
        return f"{path}{segment}/"
    directory, name = posixpath.split(path)
    stem, extension = posixpath.splitext(name)
    return posixpath.join(directory, f"{stem},{segment}{extension}")


def file_for(path):
    """The file (relative to the archive's root) a static server reads for `path`, or None
    when the path cannot be a file (`..`, empty segments after decoding)."""
    decoded = unquote(path)
    if not decoded.startswith("/") or "\x00" in decoded:
        return None
    parts = decoded.split("/")[1:]
    if any(part in (".", "..") for part in parts):
        return None
    relative = "/".join(parts)
    if not relative or relative.endswith("/"):
        relative += "index.html"
    return relative


def quoted(path):
    """A path as it may stand in a link: spaces and the like percent-encoded, once."""
    return quote(unquote(path), safe="/=,~.-_!$'()*+;:@")
