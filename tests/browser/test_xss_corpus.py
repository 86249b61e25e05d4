"""The XSS corpus in Chromium: stored through the ORM everywhere, it runs nowhere.

The corpus site (tests/core/xss_corpus.py) is built once, on its own host name
(127.0.0.1 where the package's site is on localhost), and every page type is opened in
both languages in one browser page. Payloads call `__xss(n)`; the test collects those
calls and any dialog, hovers, focuses and clicks what it can, and checks in the browser's
own parse of each page that no element carries an event handler or a script address.

The browser context bypasses the Content-Security-Policy on purpose: the policy is a
second line, and this test is about the first, the markup itself.
"""

from urllib.parse import urlsplit

from django.db import connections
from django.utils import translation

import pytest

from tests.browser.conftest import TIMEOUT_MS
from tests.core.xss_corpus import SEARCH_WORD, URLS, build_payload_site, delete_payload_site
from tests.factories import HomePageFactory, SiteFactory

pytestmark = pytest.mark.browser

HOST = "127.0.0.1"  # the package's site answers on localhost

PAGE_NAMES = [
    "home",
    "section",
    "reform",
    "projects",
    "project",
    "service-model",
    "goals",
    "funding",
    "newsroom",
    "release",
]

# Run in the page after loading: what a visitor's mouse and keyboard would set off, then
# what would make the page unsafe even if nothing has run yet.
INSPECT = """() => {
    const events = ["mouseover", "mouseenter", "focus", "click", "toggle", "error", "load",
                    "start", "animationstart"];
    for (const element of document.querySelectorAll("body *")) {
        if (element.closest("a[href], button, form")) continue;  // no navigation here
        for (const type of events) element.dispatchEvent(new Event(type));
    }
    const problems = [];
    const safe = new Set(["http:", "https:", "mailto:", "tel:"]);
    for (const element of document.querySelectorAll("*")) {
        for (const attribute of element.attributes) {
            if (attribute.name.toLowerCase().startsWith("on")) {
                problems.push(`${element.tagName} ${attribute.name}`);
            }
        }
        for (const name of ["href", "src", "action", "formaction", "poster", "data",
                            "xlink:href"]) {
            const value = element.getAttribute(name);
            if (value === null) continue;
            let protocol;
            try { protocol = new URL(value, document.baseURI).protocol; }
            catch (error) { continue; }  // not a URL: no navigation either
            if (!safe.has(protocol)) problems.push(`${element.tagName} ${name}=${value}`);
        }
    }
    for (const element of document.querySelectorAll(
            "iframe, object, embed, base, frame, meta[http-equiv]")) {
        problems.push(element.outerHTML.slice(0, 120));
    }
    for (const script of document.scripts) {
        const own = script.src && new URL(script.src).origin === location.origin;
        if (!own && script.type !== "application/ld+json") {
            problems.push(script.outerHTML.slice(0, 120));
        }
    }
    return problems;
}"""


@pytest.fixture(scope="module")
def payload_paths(live_server, django_db_blocker, bilingual_site):
    """The corpus site's addresses: each page in Finnish and English, and a few more."""
    port = urlsplit(live_server.url).port
    with django_db_blocker.unblock():
        home = HomePageFactory(slug_fi="xss-etusivu", slug_en="xss-front-page")
        site = SiteFactory(hostname=HOST, port=port, root_page=home, is_default_site=False)
        pages, objects = build_payload_site(home, site)
        paths = []
        for name in PAGE_NAMES:
            for language in ("fi", "en"):
                with translation.override(language):
                    paths.append(pages[name].relative_url(site))
        newsroom = pages["newsroom"]
        with translation.override("fi"):
            paths.append(newsroom.relative_url(site) + newsroom.reverse_subpage("media_bank"))
        paths += [f"/haku/?q={SEARCH_WORD}", f"/en/search/?q={SEARCH_WORD}", "/ei-ole/"]
        connections.close_all()
    yield [f"http://{HOST}:{port}{path}" for path in paths]
    with django_db_blocker.unblock():
        delete_payload_site(site, home, objects)
        connections.close_all()


def test_no_stored_payload_runs_in_the_browser(browser, payload_paths):
    context = browser.new_context(bypass_csp=True)
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    calls, dialogs = [], []
    page.expose_function("__xss", lambda number=None: calls.append((page.url, number)))
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    clicked = 0
    try:
        # The detector works: a payload that does run is caught.
        page.set_content('<img src="data:,x" onerror="__xss(-1)">')
        page.wait_for_timeout(200)
        assert [number for _, number in calls] == [-1]
        calls.clear()
        for url in payload_paths:
            response = page.goto(url)
            assert response.status == (404 if url.endswith("/ei-ole/") else 200), url
            problems = page.evaluate(INSPECT)
            assert problems == [], f"{url}: {problems}"
            # The stored links: rich text's unsafe ones are left without a target (a link
            # with one is a page whose title holds a payload), and clicking runs nothing.
            links = page.locator("a:not([href])", has_text="xss link")
            for index in range(links.count()):
                link = links.nth(index)
                if link.is_visible():
                    link.click(timeout=2_000)
                else:
                    link.evaluate("element => element.click()")
                clicked += 1
            assert page.url == url
            page.wait_for_timeout(50)
            assert calls == [] and dialogs == [], f"{url}: {calls} {dialogs}"
        # The footer's and the link lists' unsafe addresses are there as text, unlinked.
        page.goto(payload_paths[0])
        for selector in (".site-footer li", ".block-links li"):
            item = page.locator(selector, has_text=f"xss link {URLS[0].number}").first
            assert item.is_visible() and item.locator("a").count() == 0
    finally:
        context.close()
    # The rich texts' javascript: links were there to click, as links without a target.
    assert clicked >= 20
