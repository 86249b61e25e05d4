"""Write the crawl (crawl.py) as files a plain static server serves at the same addresses.

Each response's body goes to its file (paths.py); addresses on the live site in HTML, CSS,
sitemaps, feeds and JSON are rewritten to the archive's: same paths, query strings replaced
by their own paths, absolute ones on the archive's public address. A redirect becomes a
small HTML page that sends the browser on, and a line of the redirect map. Each language's
"page not found" page is `404.html` in its folder (`/404.html`, `/en/404.html`). `_archive/` holds
the map for nginx (`redirects.map`), the same as CSV (`redirects.csv`), the types of the
`index.html` files that are not HTML (`types.conf`: feeds and JSON at addresses ending in
"/") and what was left out (`skipped.csv`).
"""

import csv
import html
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from ..absolute_urls import normalise_base_url
from . import links
from .crawl import DEFAULT_MAX_URLS, NOT_FOUND, crawl
from .paths import archive_path, file_for, quoted

MAP_DIRECTORY = "_archive"
REDIRECT_STUB = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><meta name="robots" content="noindex">
<meta http-equiv="refresh" content="0; url={url}"><link rel="canonical" href="{url}">
<title>{url}</title></head>
<body><p><a href="{url}">{url}</a></p></body></html>
"""


@dataclass
class Summary:
    written: Counter = field(default_factory=Counter)
    redirects: int = 0
    skipped: list = field(default_factory=list)
    capped: bool = False
    map_entries: int = 0

    @property
    def skipped_by_reason(self):
        return Counter(
            "HTTP 4xx/5xx" if item.reason.startswith("HTTP") else item.reason
            for item in self.skipped
        )


class Exporter:
    def __init__(self, directory, *, archive_url=None, max_urls=DEFAULT_MAX_URLS):
        self.root = Path(directory)
        self.crawler = crawl(max_urls=max_urls)
        self.live_base = self.crawler.live_base
        self.archive_base = normalise_base_url(archive_url) if archive_url else self.live_base
        self.summary = Summary()
        self.entries = []  # (old address, new address, status, file)
        self.redirects = []
        self.typed = []  # (file, its media type) for index.html files that are not HTML

    # Addresses

    def new_address(self, reference, document_url, *, absolute=None):
        """The archive's address for `reference` found in the document at `document_url`, or
        None when it is not on the site."""
        target = self.crawler.internal(reference, document_url)
        if target is None:
            return None
        parts = urlsplit(reference.strip())
        address = quoted(archive_path(*target))
        if parts.fragment:
            address += "#" + parts.fragment
        if absolute is None:
            absolute = bool(parts.scheme or parts.netloc)
        return self.archive_base + address if absolute else address

    def rewrite(self, fetched):
        text = fetched.text
        content_type = fetched.content_type

        def relative(reference):
            return self.new_address(reference, fetched.url)

        def absolute(reference):
            return self.new_address(reference, fetched.url, absolute=True)

        markup = "html" in content_type or "xml" in content_type
        if "html" in content_type:
            text = links.rewrite_html(text, relative)
        elif "css" in content_type:
            text = links.rewrite_css(text, relative)
        pattern = self.crawler.absolute_for(content_type)
        text = links.rewrite_absolute(text, pattern, absolute, markup=markup)
        return text.encode("utf-8")

    # Files

    def write(self, relative, content):
        """True if written; False when the path clashes with another file or directory."""
        target = self.root / relative
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            if target.is_dir():
                return False
            target.write_bytes(content)
        except (NotADirectoryError, FileExistsError, IsADirectoryError):
            return False
        return True

    def run(self):
        from .crawl import Skipped

        for fetched in self.crawler:
            new = archive_path(fetched.path, fetched.query)
            relative = file_for(new)
            if relative is None:
                self.summary.skipped.append(Skipped(fetched.url, "no file name", fetched.referrer))
                continue
            if fetched.kind == NOT_FOUND:
                self.write(relative, self.rewrite(fetched))
                self.summary.written[fetched.kind] += 1
                continue
            if fetched.status != 200:
                self.redirects.append((fetched, new, relative))
                continue
            body = self.rewrite(fetched) if fetched.is_text else fetched.content
            if not self.write(relative, body):
                self.summary.skipped.append(Skipped(fetched.url, "file clash", fetched.referrer))
                continue
            self.summary.written[fetched.kind] += 1
            self.entries.append((fetched.url, quoted(new), 200, relative))
            media_type = fetched.content_type.split(";")[0].strip().lower()
            if relative.endswith("/index.html") and media_type not in ("", "text/html"):
                self.typed.append((relative, media_type))
        # Redirect pages last: `/en` must not take the place of the directory `/en/`.
        for fetched, _new, relative in self.redirects:
            location = fetched.location
            if location.startswith("/"):
                location = quoted(archive_path(*_split(location)))
            stub = REDIRECT_STUB.format(url=html.escape(location, quote=True))
            file = relative if self.write(relative, stub.encode()) else ""
            self.summary.redirects += 1
            self.entries.append((fetched.url, location, fetched.status, file))
        self.summary.skipped += self.crawler.skipped
        self.summary.capped = self.crawler.capped
        self.write_maps()
        return self.summary

    def write_maps(self):
        directory = self.root / MAP_DIRECTORY
        directory.mkdir(parents=True, exist_ok=True)
        moved = [entry for entry in self.entries if entry[0] != entry[1]]
        self.summary.map_entries = len(moved)
        with open(directory / "redirects.map", "w", encoding="utf-8") as out:
            out.write(
                "# Old address ($request_uri) -> its place in the static archive.\n"
                "# map $request_uri $archive_redirect { include .../redirects.map; }\n"
            )
            for old, new, _status, _file in moved:
                out.write(f"{_nginx_string(old)} {_nginx_string(new)};\n")
        with open(directory / "redirects.csv", "w", encoding="utf-8", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(["old_url", "new_url", "status", "file"])
            writer.writerows(sorted(self.entries))
        with open(directory / "types.conf", "w", encoding="utf-8") as out:
            out.write(
                "# Feeds and JSON saved as index.html, with the type the site sent them with.\n"
                "# Include in the archive's server block (deploy/nginx/archive.conf).\n"
            )
            for relative, media_type in sorted(self.typed):
                out.write(
                    f"location = {_nginx_string('/' + relative)} "
                    f"{{ types {{ }} default_type {_nginx_string(media_type)}; }}\n"
                )
        with open(directory / "skipped.csv", "w", encoding="utf-8", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(["url", "reason", "linked_from"])
            writer.writerows((s.url, s.reason, s.referrer or "") for s in self.summary.skipped)


def _split(address):
    parts = urlsplit(address)
    return parts.path, parts.query


def _nginx_string(value):
    # `$` would start a variable in a map's value; an address has it only percent-encoded.
    value = value.replace("$", "%24")
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def export_static(directory, *, archive_url=None, max_urls=DEFAULT_MAX_URLS, renditions=True):
    """Write the public site into `directory`; returns a Summary.

    First, outside the snapshot, every public image gets the renditions pages show
    (pirsote.core.rendition_signals): the snapshot is read-only, and a page must not need to
    make one.
    """
    if renditions:
        from ..rendition_signals import pregenerate

        pregenerate()
    return Exporter(directory, archive_url=archive_url, max_urls=max_urls).run()
