"""Public pages set no cookies, run no inline scripts and load nothing from other hosts."""

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest

from tests.factories import ReformPageFactory, SectionIndexPageFactory

LOADED_BY_BROWSER = {
    "script": ("src",),
    "img": ("src",),
    "iframe": ("src",),
    "source": ("src",),
    "track": ("src",),
    "video": ("src", "poster"),
    "audio": ("src",),
    "embed": ("src",),
    "object": ("data",),
}
LOADED_LINK_RELS = {"stylesheet", "icon", "preload", "modulepreload", "manifest", "prefetch"}


class ResourceCollector(HTMLParser):
    """Every URL the browser would fetch by itself while rendering the page."""

    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in LOADED_BY_BROWSER.get(tag, ()):
            if attrs.get(name):
                self.urls.append(attrs[name])
        if tag == "link" and LOADED_LINK_RELS & set((attrs.get("rel") or "").split()):
            self.urls.append(attrs.get("href") or "")
        if attrs.get("srcset"):
            self.urls += [part.split()[0] for part in attrs["srcset"].split(",") if part.strip()]


@pytest.fixture
def public_urls(home_page):
    section = SectionIndexPageFactory(parent=home_page, title_fi="Uudistus", title_en="Reform")
    ReformPageFactory(parent=section, title_fi="Tavoitteet", title_en="Goals")
    return ["/", "/en/", "/uudistus/", "/en/reform/", "/uudistus/tavoitteet/", "/en/reform/goals/"]


def test_anonymous_visitors_get_no_cookies(client, public_urls):
    for url in [*public_urls, "/ei-ole/", "/en/no-such-page/"]:
        response = client.get(url)
        assert response.status_code in (200, 404), url
        assert not response.cookies, f"{url} set {list(response.cookies)}"


def test_public_pages_have_no_inline_scripts_or_third_party_resources(client, public_urls):
    for url in public_urls:
        html = client.get(url).content.decode()
        assert "<script" not in html, url
        assert not re.search(r"<[^>]+\son[a-z]+\s*=", html), f"inline event handler on {url}"
        collector = ResourceCollector()
        collector.feed(html)
        assert collector.urls, url
        foreign = [u for u in collector.urls if urlsplit(u).netloc not in ("", "testserver")]
        assert foreign == [], url
