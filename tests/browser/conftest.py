"""Browser fixtures: one Chromium and the bilingual site, both for this package only.

The site is committed to the database so the live server's thread can read it, and it stays
for the whole package: the tests only read pages. tests/conftest.py keeps these tests
together (on one pytest-xdist worker, which runs other tests afterwards) and the package
fixture deletes the site afterwards. Playwright stops with the package too: its event loop,
left running, would make Django keep later tests' database connections where the test
database's teardown cannot close them.
"""

import os
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

from django.db import connections
from django.test import override_settings

import pytest
from playwright.sync_api import sync_playwright

from tests.browser.content import build_site, delete_site
from tests.browser.helpers import (
    CHROMIUM,
    CHROMIUM_ARGS,
    collect_csp_violations,
    csp_violations_of,
    format_csp_violations,
)

DESKTOP = {"width": 1280, "height": 800}
MOBILE = {"width": 360, "height": 740}
TIMEOUT_MS = 10_000


@pytest.fixture
def transactional_db(django_db_blocker):
    """Database access for the live server without pytest-django's flush after each test.

    pytest-django gives every test that uses live_server a transactional database and
    empties it afterwards, which would delete the package-wide site after the first test.
    """
    with django_db_blocker.unblock():
        yield


@pytest.fixture(scope="package", autouse=True)
def bilingual_site(live_server, django_db_setup, django_db_blocker, tmp_path_factory):
    """Build the site once, with media in a temporary directory (the live server serves it)."""
    address = urlsplit(live_server.url)
    media_root = override_settings(MEDIA_ROOT=str(tmp_path_factory.mktemp("media")))
    media_root.enable()
    try:
        with django_db_blocker.unblock():
            created = build_site(address.hostname, address.port)
            # Playwright's running event loop makes Django keep this connection apart from the
            # thread's usual one; left open, PostgreSQL could not drop the test database.
            connections.close_all()
        yield created
        with django_db_blocker.unblock():
            delete_site(created)
            connections.close_all()
    finally:
        media_root.disable()


@pytest.fixture
def site_url(live_server):
    return lambda path: live_server.url + path


@pytest.fixture(scope="package")
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"Chromium not found at {CHROMIUM}")
        pytest.skip(f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    # Playwright's sync API runs an asyncio loop in this thread, and Django refuses the ORM
    # under a running loop. Set only while the browser runs, not for the other tests.
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def _context(browser, **options):
    """A context under the site's enforced Content-Security-Policy, recording its violations."""
    context = browser.new_context(**options)
    context.set_default_timeout(TIMEOUT_MS)
    context.csp_violations = collect_csp_violations(context)
    return context


@contextmanager
def csp_checked_page(context):
    """A new page of `context`; closing it fails the test if it violated the CSP."""
    page = context.new_page()
    try:
        yield page
        violations = csp_violations_of(page, context.csp_violations)
        assert not violations, format_csp_violations(violations)
    finally:
        page.close()


@pytest.fixture(scope="package")
def desktop_context(browser):
    context = _context(browser, viewport=DESKTOP)
    yield context
    context.close()


@pytest.fixture(scope="package")
def mobile_context(browser):
    """A 360 x 740 touch screen that honours the page's viewport meta tag."""
    context = _context(
        browser, viewport=MOBILE, is_mobile=True, has_touch=True, device_scale_factor=2
    )
    yield context
    context.close()


# A new page per test (its own focus and history); the contexts are shared because creating
# one costs more than the page load itself, and the public site sets no cookies. Every page
# the tests open must keep to the site's Content-Security-Policy.
@pytest.fixture
def page(desktop_context):
    with csp_checked_page(desktop_context) as page:
        yield page


@pytest.fixture
def mobile_page(mobile_context):
    with csp_checked_page(mobile_context) as page:
        yield page


@pytest.fixture
def editor_page(browser):
    """A desktop page in a context of its own, for a signed-in editor's cookies; CSP-checked."""
    context = _context(browser, viewport=DESKTOP)
    try:
        with csp_checked_page(context) as page:
            yield page
    finally:
        context.close()


@pytest.fixture
def open_page(site_url):
    """Go to one of content.PAGES in a Playwright page and check the status code."""

    def open_(page, site_page):
        response = page.goto(site_url(site_page.path))
        assert response is not None, site_page.path
        assert response.status == site_page.status, f"{site_page.path}: {response.status}"
        return page

    return open_
