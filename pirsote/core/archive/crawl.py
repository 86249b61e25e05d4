"""Every public address of the site with its response, from one consistent snapshot.

`crawl()` renders the site in-process through Django's test client, with the site's real
middleware, as an anonymous visitor on the configured public address (SITE_BASE_URL). It
starts from each language's home page, robots.txt, the sitemap, each language's search
address and API index, every public image (original and renditions), every public document
and the old addresses of Wagtail's redirects, and follows every address on the site that a
response names (links, images, srcset, stylesheets, feeds, the API's and sitemaps' URLs,
the API lists' further pages). It never asks for the admin, for media or documents that are
not public (pirsote.core.visibility), nor for forms' targets. Last come each language's
"page not found" pages (kind NOT_FOUND), for a static server to show.

It reads one snapshot: on PostgreSQL one REPEATABLE READ, READ ONLY transaction, elsewhere
one transaction; and a cache of its own, so that nothing it reads or stores mixes with what
the live site caches while editors publish. Each request runs in a savepoint: a page that
fails is reported and the crawl goes on.
"""

import json
import logging
import mimetypes
import posixpath
import re
from collections import deque
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from urllib.parse import parse_qsl, unquote, urlencode, urljoin, urlsplit

from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.files.storage import default_storage
from django.db import connection, transaction
from django.test import Client
from django.test.client import ClientHandler
from django.test.utils import override_settings
from django.urls import NoReverseMatch, reverse
from django.utils import translation

from .. import visibility
from ..absolute_urls import base_url
from . import links

logger = logging.getLogger(__name__)

DEFAULT_MAX_URLS = 50_000
TEXT_TYPES = ("text/", "application/json", "application/xml", "application/rss+xml")
TEXT_TYPES += ("application/atom+xml", "application/ld+json", "image/svg+xml")
LOCMEM = "django.core.cache.backends.locmem.LocMemCache"
DOCUMENT_PATH = re.compile(r"^/documents/(?P<id>\d+)/")
# No page's address has a "." (Wagtail's slugs have none), so this name is free in every
# language's folder.
NOT_FOUND_PAGE = "404.html"
NOT_FOUND = "not-found"


@dataclass
class Fetched:
    """One address of the export: `url` is the path and query asked for (as the site links
    it), `status` 200 or a redirect's, `location` a redirect's target on the site (path and
    query) or elsewhere (absolute). `response` is Django's (None for uploads read from
    storage); `content` the body."""

    url: str
    status: int
    content: bytes
    content_type: str
    kind: str
    response: object = None
    location: str | None = None
    referrer: str | None = None

    @property
    def path(self):
        return urlsplit(self.url).path

    @property
    def query(self):
        return urlsplit(self.url).query

    @property
    def is_text(self):
        return self.content_type.startswith(TEXT_TYPES) or self.content_type.endswith("+xml")

    @property
    def text(self):
        return self.content.decode("utf-8", errors="replace")


@dataclass
class Skipped:
    url: str
    reason: str
    referrer: str | None = None


class ExportHandler(ClientHandler):
    """The test client's handler, marking each request as the exporter's
    (pirsote.core.archive.is_static_export)."""

    def get_response(self, request):
        request.static_export = True
        return super().get_response(request)


@contextmanager
def snapshot():
    """One consistent view of the database for the whole crawl.

    Inside a transaction already open (a test's), the crawl reads within it.
    """
    if connection.in_atomic_block:
        with transaction.atomic():
            yield
        return
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        yield


@contextmanager
def private_caches():
    """Caches of the crawl's own: fragments of the snapshot never reach the live site's
    cache, and the live site's newer ones never enter the snapshot."""
    caches = {
        alias: {"BACKEND": LOCMEM, "LOCATION": f"export-{alias}"} for alias in settings.CACHES
    }
    with override_settings(CACHES=caches):
        from django.core.cache import caches as handler

        for alias in caches:
            handler[alias].clear()
        yield


def _language_urls(name, *args):
    urls = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code), suppress(NoReverseMatch):
            urls.append(reverse(name, args=args))
    return urls


def _full(path, query):
    return f"{path}?{query}" if query else path


class Crawler:
    """Iterate to get a Fetched for every address of the export; then `skipped` lists what
    was left out and why, `capped` says whether max_urls stopped it."""

    def __init__(self, *, max_urls=DEFAULT_MAX_URLS):
        self.max_urls = max_urls
        self.live_base = base_url()
        scheme, _sep, host = self.live_base.partition("://")
        self.secure = scheme == "https"
        self.host = host
        self._absolute = links.absolute_pattern(self.live_base)
        self._absolute_in_csv = links.absolute_pattern(self.live_base, csv=True)
        self.skipped = []
        self.capped = False
        self.seen = set()
        self.queue = deque()

    def absolute_for(self, content_type):
        """The pattern of absolute addresses on the live site in text of this type."""
        return self._absolute_in_csv if "csv" in content_type else self._absolute

    # What the crawl may ask for

    def media_prefix(self):
        """The public address of uploads: MEDIA_URL, or the bucket's."""
        return default_storage.url("x")[:-1]

    def media_name(self, absolute_url):
        """The storage name of an upload's address, or None if the address is not one."""
        prefix = urljoin(self.live_base + "/", self.media_prefix())
        if absolute_url.startswith(prefix):
            return unquote(urlsplit(absolute_url[len(prefix) :]).path)
        return None

    def internal(self, reference, base):
        """`reference` found at `base` (path and query) as (path, query) on the site, or None
        when it is elsewhere (another host, mailto:, a fragment of the same document)."""
        reference = reference.strip()
        if not reference or reference.startswith(("#", "mailto:", "tel:", "data:", "javascript:")):
            return None
        absolute = urljoin(self.live_base + base, reference)
        if name := self.media_name(absolute):
            return settings.MEDIA_URL + name, ""
        if not absolute.startswith(self.live_base + "/"):
            return None
        parts = urlsplit(absolute)
        return parts.path or "/", parts.query

    def _public_media(self):
        names = set()
        for image in visibility.public_images().prefetch_related("renditions"):
            if image.file:
                names.add(image.file.name)
            names.update(rendition.file.name for rendition in image.renditions.all())
        return names

    def _seeds(self):
        seeds = ["/robots.txt", "/sitemap.xml"]
        seeds += _language_urls("wagtail_serve", "")
        seeds += _language_urls("search:search")
        seeds += _language_urls("pirsote_api:index")
        seeds += _language_urls("pirsote_api:openapi-json")
        seeds += [settings.MEDIA_URL + name for name in sorted(self.public_media)]
        seeds += [document.url for document in visibility.public_documents().order_by("pk")]
        try:
            from wagtail.contrib.redirects.models import Redirect
        except ImportError:
            Redirect = None
        if Redirect is not None:
            seeds += list(
                Redirect.objects.filter(site__isnull=True).values_list("old_path", flat=True)
            )
            seeds += list(
                Redirect.objects.filter(site__is_default_site=True).values_list(
                    "old_path", flat=True
                )
            )
        return seeds

    def enqueue(self, path, query="", referrer=None):
        url = _full(path, query)
        if url not in self.seen:
            self.seen.add(url)
            self.queue.append((url, referrer))

    def refusal(self, path):
        """Why `path` is never asked for, or None."""
        if path.startswith(self.admin_prefix):
            return "admin"
        if path.startswith(settings.MEDIA_URL):
            name = unquote(path[len(settings.MEDIA_URL) :])
            return None if name in self.public_media else "not public"
        if match := DOCUMENT_PATH.match(path):
            return None if int(match["id"]) in self.public_documents else "not public"
        return None

    # The crawl

    def __iter__(self):
        # Each request activates its language: the caller's is restored at the end.
        with translation.override(translation.get_language()), private_caches(), snapshot():
            yield from self._crawl()

    def _crawl(self):
        self.admin_prefix = reverse("wagtailadmin_home")
        self.public_media = self._public_media()
        self.public_documents = set(visibility.public_documents().values_list("pk", flat=True))
        self.api_prefixes = tuple(_language_urls("pirsote_api:index"))
        self.client = Client(HTTP_HOST=self.host)
        self.client.handler = ExportHandler(enforce_csrf_checks=False)
        for seed in self._seeds():
            parts = urlsplit(seed)
            self.enqueue(parts.path, parts.query)
        fetched = 0
        while self.queue:
            url, referrer = self.queue.popleft()
            path = urlsplit(url).path
            if reason := self.refusal(path):
                self.skipped.append(Skipped(url, reason, referrer))
                continue
            if fetched >= self.max_urls:
                self.capped = True
                self.skipped.append(Skipped(url, "over the limit of addresses", referrer))
                continue
            fetched += 1
            result = self.fetch(url, referrer)
            if result is None:
                continue
            self.follow(result)
            yield result
        yield from self._not_found_pages()

    def _not_found_pages(self):
        """Each language's "page not found" page, from the same snapshot, as NOT_FOUND_PAGE
        in that language's folder: a static server shows it for an address it lacks. Not an
        address of the site (never in the redirect map or a web-archive file)."""
        for home in _language_urls("wagtail_serve", ""):
            url = home + NOT_FOUND_PAGE
            with transaction.atomic():
                response = self.client.get(url, secure=self.secure)
            self.client.cookies.clear()
            if response.status_code == 404:
                content_type = response.get("Content-Type", "text/html")
                yield Fetched(url, 404, response.content, content_type, NOT_FOUND, response)

    def fetch(self, url, referrer):
        path = urlsplit(url).path
        if path.startswith(settings.MEDIA_URL):
            name = path[len(settings.MEDIA_URL) :]
            return self._from_storage(default_storage, url, name, "media", referrer)
        try:
            with transaction.atomic():
                response = self.client.get(url, secure=self.secure)
        except Exception as error:  # one failing page must not end the export
            logger.exception("Export: %s failed", url)
            self.skipped.append(Skipped(url, f"error: {error.__class__.__name__}", referrer))
            return None
        finally:
            self.client.cookies.clear()  # every request as a new anonymous visitor
        content = b"".join(response.streaming_content) if response.streaming else response.content
        content_type = response.get("Content-Type", "application/octet-stream")
        if response.status_code in (301, 302, 303, 307, 308):
            location = response["Location"]
            target = self.internal(location, url)
            location = _full(*target) if target else location
            return Fetched(url, response.status_code, content, content_type, "redirect",
                           response, location, referrer)  # fmt: skip
        if response.status_code != 200:
            if path.startswith(settings.STATIC_URL) and response.status_code == 404:
                name = unquote(path[len(settings.STATIC_URL) :])
                return self._from_storage(staticfiles_storage, url, name, "static", referrer)
            self.skipped.append(Skipped(url, f"HTTP {response.status_code}", referrer))
            return None
        return Fetched(url, 200, content, content_type, self.kind(path, content_type),
                       response, None, referrer)  # fmt: skip

    def _from_storage(self, storage, url, name, kind, referrer=None):
        name = unquote(name)
        try:
            with storage.open(name) as file:
                content = file.read()
        except (OSError, ValueError):
            self.skipped.append(Skipped(url, "file missing", referrer))
            return None
        content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
        return Fetched(url, 200, content, content_type, kind, None, None, referrer)

    def kind(self, path, content_type):
        if path.startswith(settings.STATIC_URL):
            return "static"
        if DOCUMENT_PATH.match(path):
            return "document"
        if path.startswith(self.api_prefixes):
            return "api"
        if "html" in content_type:
            return "page"
        if "rss" in content_type or "atom" in content_type:
            return "feed"
        if posixpath.basename(path).startswith("sitemap"):
            return "sitemap"
        return "file"

    # Following

    def follow(self, result):
        if result.status != 200:
            if result.location and result.location.startswith("/"):
                parts = urlsplit(result.location)
                self.enqueue(parts.path, parts.query, result.url)
            return
        if not result.is_text or result.kind == "media":
            return
        text = result.text
        pattern = self.absolute_for(result.content_type)
        references = [match[0] for match in pattern.finditer(text)]
        if "html" in result.content_type:
            references += links.html_references(text)
        elif "css" in result.content_type:
            references += links.css_references(text)
        for reference in references:
            if target := self.internal(reference, result.url):
                self.enqueue(*target, referrer=result.url)
        if result.kind == "api":
            self._api_pages(result, text)

    def _api_pages(self, result, text):
        """A list's further pages (offset), as a client paging through it asks for them."""
        from ..api import DEFAULT_LIMIT

        try:
            data = json.loads(text)
        except ValueError:
            return
        if not (isinstance(data, dict) and isinstance(data.get("count"), int)):
            return
        query = dict(parse_qsl(result.query))
        if "offset" in query or "limit" in query:
            return
        for offset in range(DEFAULT_LIMIT, data["count"], DEFAULT_LIMIT):
            self.enqueue(result.path, urlencode({**query, "offset": offset}), result.url)


def crawl(*, max_urls=DEFAULT_MAX_URLS):
    """A Crawler: iterate it for every public address with its response (see module doc)."""
    return Crawler(max_urls=max_urls)
