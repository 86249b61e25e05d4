"""The demo site's static archive, served by nginx with deploy/nginx/archive.conf.

`manage.py export_static` writes the demo (tests/deploy/conftest.py's `demo_site`) while
gunicorn serves the same database as the live site. nginx then serves the files alone, as it
would once the portal is retired: a crawl from both home pages, every page's text against
the live site's, the headers and types, and axe on every page type in both languages.
"""

import csv
import html
import http.client
import re
import ssl
import subprocess
from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import pytest
from playwright.sync_api import sync_playwright

from tests.archive.markup import Links, page_text
from tests.browser.helpers import CHROMIUM, CHROMIUM_ARGS, axe_violations
from tests.deploy.conftest import GUNICORN, ROOT, Server, free_port, http_get
from tests.deploy.test_configs import (
    NGINX,
    main_nginx_conf,
    require,
    shipped_site,
    stop,
    wait_for_port,
)

BODY_CLASS = re.compile(r'<body class="(?P<name>template-[\w-]+)')
LANGUAGE = re.compile(r'<html lang="(?P<code>[\w-]+)"')
# The two pages the archive replaces on purpose (docs/archive.md): search is an A–Z index,
# the subscription form a note. Their own tests are in tests/archive/test_export_static.py.
REPLACED = {"template-az-index", "template-subscribe"}


@dataclass
class Archive:
    root: object
    live: str  # the live site's address (gunicorn)
    https: int
    http: int
    tls: ssl.SSLContext
    rows: list = field(default_factory=list)  # redirects.csv

    @property
    def base(self):
        return f"https://127.0.0.1:{self.https}"

    def get(self, path, *, headers=None):
        """(status, headers, body) of a GET to nginx over TLS."""
        connection = http.client.HTTPSConnection(
            "127.0.0.1", self.https, context=self.tls, timeout=30
        )
        try:
            connection.request("GET", path, headers=headers or {})
            response = connection.getresponse()
            return response.status, response.headers, response.read()
        finally:
            connection.close()

    def pages(self):
        """(old address, new address, body) of each exported HTML page with a template."""
        for row in self.rows:
            if row["status"] == "200" and row["file"].endswith(".html"):
                body = (self.root / row["file"]).read_text()
                if BODY_CLASS.search(body):
                    yield row["old_url"], row["new_url"], body


@pytest.fixture(scope="module")
def archive(demo_site, tmp_path_factory):
    require(NGINX, "nginx-light")
    folder = tmp_path_factory.mktemp("static-archive")
    root = folder / "site"
    gunicorn_port, http_port, https_port = free_port(), free_port(), free_port()
    live = f"http://127.0.0.1:{gunicorn_port}"
    env = demo_site.env(
        SITE_BASE_URL=live,
        GUNICORN_BIND=f"127.0.0.1:{gunicorn_port}",
        WEB_CONCURRENCY=1,
        GUNICORN_THREADS=4,
    )
    command = [GUNICORN, "-c", str(ROOT / "deploy" / "gunicorn.conf.py")]
    gunicorn = Server("gunicorn", command, env, folder / "gunicorn.log").start()
    nginx = None
    try:
        output = demo_site.manage(
            "export_static", str(root), "--base-url", f"https://127.0.0.1:{https_port}",
            SITE_BASE_URL=live,
        )  # fmt: skip
        assert "Written:" in output
        prefix = folder / "nginx"
        prefix.mkdir()
        cert = shipped_site(
            prefix,
            static_root=folder,
            media_root=folder,
            ports=(http_port, https_port),
            archive_root=root,
        )
        nginx = subprocess.Popen(
            [*main_nginx_conf(prefix, "archive.conf"), "-g", "daemon off;"],
            stdout=subprocess.DEVNULL,
            stderr=(prefix / "out.log").open("wb"),
            start_new_session=True,
        )
        wait_for_port(https_port, nginx)
        gunicorn.wait_for(live + "/healthz")
        tls = ssl.create_default_context(cafile=str(cert))
        tls.check_hostname = False
        with open(root / "_archive" / "redirects.csv", encoding="utf-8") as file:
            rows = list(csv.DictReader(file))
        yield Archive(root, live, https_port, http_port, tls, rows)
    finally:
        if nginx is not None:
            stop(nginx)
        gunicorn.stop()


def test_a_crawl_from_both_home_pages_finds_no_broken_link_and_no_live_address(archive):
    queue, seen, broken, live_references = ["/", "/en/"], set(), [], []
    host = urlsplit(archive.live).netloc
    while queue:
        path = queue.pop()
        if path in seen:
            continue
        seen.add(path)
        status, headers, body = archive.get(path)
        if status == 301:
            location = headers["Location"]
            queue.append(urlsplit(urljoin(archive.base + path, location)).path)
            continue
        if status != 200:
            broken.append((path, status))
            continue
        text = body.decode("utf-8", errors="replace")
        if host in text:
            live_references.append(path)
        if headers.get_content_type() != "text/html":
            continue
        links = Links()
        links.feed(text)
        for reference in links.urls:
            url = urljoin(archive.base + path, html.unescape(reference))
            if url.startswith(archive.base + "/"):
                queue.append(urlsplit(url).path)
            elif url.startswith(("http://127.0.0.1", "https://127.0.0.1")):
                live_references.append((path, reference))

    assert not broken
    assert not live_references
    # Every page of the export is reached from the two home pages.
    pages = {new for _old, new, _body in archive.pages()}
    assert pages <= seen, sorted(pages - seen)[:10]
    assert len(pages) > 80


def test_the_export_left_nothing_out(archive):
    with open(archive.root / "_archive" / "skipped.csv", encoding="utf-8") as file:
        assert list(csv.DictReader(file)) == []


def test_no_file_names_the_live_site(archive):
    host = urlsplit(archive.live).netloc.encode()
    named = [
        path.relative_to(archive.root)
        for path in archive.root.rglob("*")
        if path.is_file() and host in path.read_bytes()
    ]
    assert not named


def test_every_page_reads_as_the_live_site_without_forms(archive):
    compared, different = 0, []
    for old, new, exported in archive.pages():
        if BODY_CLASS.search(exported)["name"] in REPLACED:
            continue
        status, _headers, live = http_get(archive.live + old)
        assert status == 200, old
        status, _headers, served = archive.get(new)
        assert (status, served.decode()) == (200, exported), new
        if page_text(exported) != page_text(live.decode()):
            different.append(old)
        compared += 1
    assert not different
    assert compared > 80


def test_feeds_json_and_redirects_are_served_as_the_site_sent_them(archive):
    newsroom = "/uutishuone/"
    status, headers, body = archive.get(newsroom + "rss/")
    assert (status, headers["Content-Type"]) == (200, "application/rss+xml; charset=utf-8")
    assert body.startswith(b"<?xml")
    status, headers, body = archive.get("/en/api/pages/")
    assert (status, headers["Content-Type"]) == (200, "application/json; charset=utf-8")
    assert b'"items"' in body
    status, headers, _body = archive.get(newsroom)
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    # An old address with a query string leads to its file; the export's lists stay private.
    with_query = [row for row in archive.rows if "?" in row["old_url"] and row["status"] == "200"]
    assert len(with_query) > 10
    for row in with_query[:: len(with_query) // 5]:
        status, headers, _body = archive.get(row["old_url"])
        assert (status, headers["Location"]) == (301, archive.base + row["new_url"])
        assert archive.get(row["new_url"])[0] == 200
    assert archive.get("/_archive/redirects.csv")[0] == 404
    # An address the archive lacks gets the site's "page not found", in its language.
    for path, language in (("/ei-ole-olemassa/", "fi"), ("/en/no-such-page/", "en")):
        status, headers, body = archive.get(path)
        assert (status, headers.get_content_type()) == (404, "text/html"), path
        assert f'<html lang="{language}">' in body.decode()
        assert "nginx" not in body.decode()
    # Plain HTTP goes to HTTPS.
    plain = http.client.HTTPConnection("127.0.0.1", archive.http, timeout=30)
    try:
        plain.request("GET", newsroom)
        response = plain.getresponse()
        assert (response.status, urlsplit(response.headers["Location"]).scheme) == (301, "https")
    finally:
        plain.close()


def test_axe_finds_nothing_on_any_page_type_in_either_language(archive):
    examples = defaultdict(list)
    for _old, new, body in archive.pages():
        examples[BODY_CLASS.search(body)["name"], LANGUAGE.search(body)["code"]].append(new)
    kinds = {name for name, _language in examples}
    assert {(name, language) for name in kinds for language in ("fi", "en")} == set(examples)
    assert len(kinds) >= 12
    examples["not-found", "fi"], examples["not-found", "en"] = ["/ei-ole/"], ["/en/missing/"]

    violations = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(
                viewport={"width": 1280, "height": 800}, ignore_https_errors=True
            )
            page = context.new_page()
            for _kind, paths in sorted(examples.items()):
                page.goto(archive.base + paths[0], wait_until="load")
                if found := axe_violations(page):
                    violations[paths[0]] = found
        finally:
            browser.close()
    assert not violations
