"""axe-core finds no WCAG 2.1 A/AA violations, and the language of every text is declared."""

import pytest

from tests.browser.content import PAGES
from tests.browser.helpers import axe_violations, format_violations

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("name", PAGES)
def test_page_declares_its_language_and_has_no_wcag_21_aa_violations(page, open_page, name):
    open_page(page, PAGES[name])
    assert page.get_attribute("html", "lang") == PAGES[name].language
    violations = axe_violations(page)
    assert not violations, format_violations(f"{name} ({PAGES[name].path})", violations)


def test_english_fallback_page_marks_its_finnish_texts_as_finnish(page, open_page):
    open_page(page, PAGES["fallback-en"])
    assert page.get_attribute("html", "lang") == "en"
    for selector in (
        "main h1",
        "main .lead",
        "main .stream",
        ".breadcrumbs [aria-current='page']",
        ".block-image img",
    ):
        # The language a screen reader uses: the nearest lang attribute up the tree.
        effective = page.eval_on_selector(selector, "el => el.closest('[lang]').lang")
        assert effective == "fi", selector
    # Inside the Finnish text even the interface labels are Finnish, not English.
    assert "Puhelin" in page.inner_text("main .stream")
    assert "Phone" not in page.inner_text("main .stream")
    notice = page.locator(".notice--translation")
    assert notice.is_visible()
    assert notice.get_attribute("lang") is None  # the notice itself is in English


def test_translated_english_page_marks_no_main_text_as_finnish(page, open_page):
    open_page(page, PAGES["reform-en"])
    for selector in ("main h1", "main .lead", "main .stream"):
        assert page.get_attribute(selector, "lang") is None, selector
    assert page.locator(".notice--translation").count() == 0
    # The one untranslated job title is marked; its translated neighbour is not.
    titles = page.locator(".contact-card__title")
    assert [titles.nth(i).get_attribute("lang") for i in range(titles.count())] == [None, "fi"]


@pytest.mark.parametrize("name", ["home-fi", "reform-en", "project-fi", "funding-en"])
def test_pages_load_nothing_from_other_hosts_and_set_no_cookies(page, open_page, site_url, name):
    # The browser context is shared: forget what earlier tests' forms (CSRF) left behind.
    page.context.clear_cookies()
    own_origin = site_url("")
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    open_page(page, PAGES[name])
    page.wait_for_load_state("networkidle")

    assert requested, "the page made no requests at all"
    foreign = [url for url in requested if not url.startswith((own_origin, "data:"))]
    assert foreign == []
    assert page.context.cookies() == []


@pytest.mark.parametrize("name", ["subscribe-fi", "subscribe-en"])
def test_subscription_form_with_errors_has_no_violations(page, open_page, name):
    open_page(page, PAGES[name])
    page.fill("input[type=email]", "ei-osoite")
    with page.expect_navigation():
        page.click("form.subscription-form button[type=submit]")

    assert page.locator(".error-summary").is_visible()
    assert page.title().startswith("Virhe" if name.endswith("-fi") else "Error")
    violations = axe_violations(page)
    assert not violations, format_violations(f"{name} with errors", violations)


def test_subscription_form_sets_only_the_csrf_cookie(page, open_page):
    page.context.clear_cookies()
    open_page(page, PAGES["subscribe-fi"])

    cookies = page.context.cookies()

    # Strictly necessary for the form's security: no consent needed, no banner.
    assert [cookie["name"] for cookie in cookies] == ["csrftoken"]
    assert cookies[0]["sameSite"] == "Lax"
