"""`manage.py export_static`: the public site as files, served by a plain static server."""

import csv
import html
import io
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.error import HTTPError
from urllib.parse import urljoin, urlsplit
from urllib.request import urlopen

from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.test import Client
from django.test.utils import override_settings
from django.utils import translation

from wagtail.models import PageViewRestriction

import pytest

from pirsote.core.archive.crawl import snapshot
from tests.archive.markup import Links, page_text
from tests.conftest import make_home_page
from tests.factories import (
    DocumentFactory,
    DraftReleasePageFactory,
    FundingPageFactory,
    GrantFactory,
    ImageFactory,
    NewsIndexPageFactory,
    ProjectIndexPageFactory,
    ProjectPageFactory,
    ReformPageFactory,
    ReleaseImageFactory,
    ReleasePageFactory,
    SiteSettingsFactory,
    scheduled_release,
)

# Group 0 of pytest-django's order, before the transactional test's flush; the site itself is
# built once, in the module's fixture.
pytestmark = pytest.mark.django_db

HIDDEN_TITLES = ("Luonnostiedote", "Draft release", "Ajastettu tiedote", "Scheduled release",
                 "Sisäinen sivu", "Internal page")  # fmt: skip


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def build_site():
    home = make_home_page()
    SiteSettingsFactory()
    reform = ReformPageFactory(parent=home, title_fi="Uudistus", title_en="The reform")
    newsroom = NewsIndexPageFactory(parent=home)
    projects = ProjectIndexPageFactory(parent=home)
    project = ProjectPageFactory(parent=projects, acronym="PirSOTE")
    funding = FundingPageFactory(parent=home)
    GrantFactory(project=project)
    public_image = ImageFactory(title="Julkinen kuva")
    releases = [ReleasePageFactory(parent=newsroom) for _ in range(11)]
    releases[0].projects.set([project])
    ReleaseImageFactory(page=releases[0], image=public_image)
    DraftReleasePageFactory(parent=newsroom, title_fi="Luonnostiedote", title_en="Draft release")
    scheduled = scheduled_release(
        newsroom, title_fi="Ajastettu tiedote", title_en="Scheduled release"
    )
    embargoed_image = ImageFactory(
        title="Embargokuva", is_private=True, file__filename="embargokuva.jpg"
    )
    ReleaseImageFactory(page=scheduled, image=embargoed_image)
    private = ReformPageFactory(parent=home, title_fi="Sisäinen sivu", title_en="Internal page")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    document = DocumentFactory(title="Julkinen asiakirja")
    hidden_document = DocumentFactory(title="Salainen asiakirja", public=False)
    return {
        "home": home,
        "reform": reform,
        "newsroom": newsroom,
        "funding": funding,
        "project": project,
        "release": releases[0],
        "public_image": public_image,
        "embargoed_image": embargoed_image,
        "document": document,
        "hidden_document": hidden_document,
    }


def live_urls(site):
    """A few page types in both languages, as the live site serves them."""
    urls = {"/", "/en/"}
    for name in ("reform", "newsroom", "project", "release"):
        page = site[name]
        for language in ("fi", "en"):
            with translation.override(language):
                urls.add(page.get_url())
    return sorted(urls)


@pytest.fixture(scope="module")
def export(django_db_setup, django_db_blocker, tmp_path_factory):
    """The site built once, its live pages' text, the export, and a static server on it."""
    root = tmp_path_factory.mktemp("archive") / "site"
    root.mkdir()
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(QuietHandler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    media = override_settings(MEDIA_ROOT=str(tmp_path_factory.mktemp("media")))
    media.enable()
    try:
        with django_db_blocker.unblock(), transaction.atomic():
            cache.clear()
            site = build_site()
            client = Client()
            live = {url: client.get(url).content.decode() for url in live_urls(site)}
            output = io.StringIO()
            call_command("export_static", str(root), "--base-url", base, stdout=output)
            translation.activate("fi")
            files = {
                "embargoed": Path(site["embargoed_image"].file.name).stem,
                "hidden_document": site["hidden_document"].file.name,
                "public_image": site["public_image"].file.name,
                "document_url": site["document"].url,
                "newsroom": site["newsroom"].get_url(),
            }
            transaction.set_rollback(True)
        yield {"root": root, "base": base, "live": live, "output": output.getvalue(), **files}
    finally:
        media.disable()
        cache.clear()
        server.shutdown()
        server.server_close()
        thread.join()


def fetch(url):
    with urlopen(url, timeout=5) as response:
        return response.status, response.read()


def text_files(root):
    for path in root.rglob("*"):
        if path.is_file() and path.suffix not in (".jpg", ".png", ".webp", ".avif", ".gif"):
            yield path, path.read_bytes().decode("utf-8", errors="replace")


def test_a_crawl_of_the_static_copy_from_both_home_pages_finds_no_broken_link(export):
    base = export["base"]
    queue, seen, broken, with_query = ["/", "/en/"], set(), [], []
    while queue:
        path = queue.pop()
        if path in seen:
            continue
        seen.add(path)
        try:
            _status, body = fetch(base + path)
        except HTTPError as error:
            broken.append((path, error.code))
            continue
        if not (path.endswith("/") or path.endswith(".html")):
            continue
        links = Links()
        links.feed(body.decode())
        for reference in links.urls:
            url = urljoin(base + path, html.unescape(reference))
            if not url.startswith(base):
                continue
            parts = urlsplit(url)
            if parts.query:
                with_query.append((path, reference))
            queue.append(parts.path)

    assert not broken
    assert not with_query, "a static server ignores queries: links must have their own paths"
    assert len(seen) > 40  # pages in both languages, listings, images, styles
    assert "/haku/" in seen and "/en/search/" in seen


def test_no_file_refers_to_the_live_site(export):
    for path, text in text_files(export["root"]):
        assert "http://testserver" not in text, path


def test_page_text_is_the_live_site_text_without_forms(export):
    root = export["root"]
    assert len(export["live"]) >= 8
    for url, live in export["live"].items():
        exported = (root / url.lstrip("/") / "index.html").read_text()
        assert page_text(exported) == page_text(live), url


def test_drafts_scheduled_private_and_embargoed_content_are_not_exported(export):
    root = export["root"]
    for path, text in text_files(root):
        for title in HIDDEN_TITLES:
            assert title not in text, (title, path)
        assert export["embargoed"] not in text, path
    names = [path.name for path in root.rglob("*")]
    assert not [name for name in names if export["embargoed"] in name]
    assert not [name for name in names if "Salainen" in name]
    # Public media and documents are there, with their own addresses.
    assert (root / "media" / export["public_image"]).is_file()
    assert (root / export["document_url"].lstrip("/")).read_bytes().startswith(b"Pirkanmaan")
    assert Path(export["hidden_document"]).name not in {
        path.name for path in (root / "documents").rglob("*")
    }


def test_the_redirect_map_sends_a_listing_page_with_a_query_to_its_file(export):
    root, newsroom = export["root"], export["newsroom"]
    with open(root / "_archive" / "redirects.csv", encoding="utf-8") as file:
        rows = {row["old_url"]: row for row in csv.DictReader(file)}
    second_page = rows[f"{newsroom}?page=2"]
    assert second_page["new_url"] == f"{newsroom}page=2/"
    assert (root / second_page["file"]).is_file()
    listing = (root / second_page["file"]).read_text()
    assert "Tiedote" in listing
    nginx_map = (root / "_archive" / "redirects.map").read_text()
    assert f'"{newsroom}?page=2" "{newsroom}page=2/";' in nginx_map
    # The newsroom's first page links to the second page's file.
    first = (root / newsroom.lstrip("/") / "index.html").read_text()
    assert f'href="{newsroom}page=2/"' in first


def test_feeds_sitemaps_robots_api_and_open_data_are_exported(export):
    root, newsroom = export["root"], export["newsroom"]
    assert (root / "robots.txt").is_file()
    sitemap = (root / "sitemap.xml").read_text()
    assert export["base"] + "/sitemap-fi.xml" in sitemap
    assert "<rss" in (root / newsroom.lstrip("/") / "rss" / "index.html").read_text()
    assert '"items"' in (root / "api" / "pages" / "index.html").read_text()
    assert '"items"' in (root / "en" / "api" / "pages" / "index.html").read_text()
    # A static server learns their types from the export (deploy/nginx/archive.conf).
    types = (root / "_archive" / "types.conf").read_text()
    rss = '{ types { } default_type "application/rss+xml"; }'
    assert f'location = "{newsroom}rss/index.html" {rss}' in types
    assert 'location = "/en/api/pages/index.html"' in types
    assert "text/html" not in types
    with open(root / "_archive" / "redirects.csv", encoding="utf-8") as file:
        files = [row["file"] for row in csv.DictReader(file)]
    open_data = [name for name in files if "open-data" in name or "avoin-data" in name]
    assert {Path(name).suffix for name in open_data} >= {".json", ".csv"}, files
    assert "Skipped:" in export["output"] and "page:" in export["output"]


@pytest.mark.parametrize(
    ("path", "titles"),
    [("haku", ["Uudistus", "Uutishuone", "Hanke PirSOTE"]),
     ("en/search", ["The reform", "Newsroom", "Project PirSOTE"])],
)  # fmt: skip
def test_search_is_an_index_of_pages_from_a_to_z_without_script_or_form(export, path, titles):
    markup = (export["root"] / path / "index.html").read_text()
    parsed = Links()
    parsed.feed(markup)

    assert parsed.forms == 0
    assert parsed.scripts == 0
    positions = [markup.index(f">{title}</a>") for title in titles]
    assert positions == sorted(positions) or sorted(titles) != titles
    for title in HIDDEN_TITLES:
        assert title not in markup


def test_each_language_has_its_page_not_found_for_the_static_server(export):
    root = export["root"]
    finnish, english = (root / "404.html").read_text(), (root / "en" / "404.html").read_text()
    assert '<html lang="fi">' in finnish and "Sivua ei löytynyt" in finnish
    assert '<html lang="en">' in english and "Page not found" in english
    assert 'class="site-search"' not in finnish + english  # the archive's header
    with open(root / "_archive" / "redirects.csv", encoding="utf-8") as file:
        assert not [row for row in csv.DictReader(file) if "404.html" in row["file"]]


def test_header_links_to_the_index_and_the_subscription_page_is_a_note(export):
    root = export["root"]
    home = (root / "index.html").read_text()
    assert 'class="site-search"' not in home
    assert 'href="/haku/"' in home
    note = (root / "tilaa-tiedotteet" / "index.html").read_text()
    assert "<form" not in note
    assert "arkistoitu" in note.lower() or "archived" in note.lower()


def test_export_refuses_a_directory_that_is_not_empty(tmp_path):
    (tmp_path / "old.html").write_text("x")
    with pytest.raises(CommandError, match="not an empty directory"):
        call_command("export_static", str(tmp_path))


@pytest.mark.postgres
def test_the_export_reads_one_read_only_repeatable_read_snapshot():
    # In a thread of its own, whose connection is outside the test's transaction, as the
    # command's is (a transactional test would empty the database for the tests after it).
    seen = {}

    def read():
        try:
            with snapshot(), connection.cursor() as cursor:
                cursor.execute("SHOW transaction_isolation")
                seen["isolation"] = cursor.fetchone()[0]
                cursor.execute("SHOW transaction_read_only")
                seen["read_only"] = cursor.fetchone()[0]
        finally:
            connection.close()

    reader = threading.Thread(target=read)
    reader.start()
    reader.join()
    assert (seen.get("isolation"), seen.get("read_only")) == ("repeatable read", "on")
