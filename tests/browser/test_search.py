"""The site search in a browser: by keyboard from any page's header to highlighted results."""

import pytest

from tests.browser.content import PAGES

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(("start", "query"), [("home-fi", "tavoitteet"), ("home-en", "goals")])
def test_search_from_the_header_by_keyboard(page, open_page, start, query):
    open_page(page, PAGES[start])
    page.focus("header input[name=q]")
    page.keyboard.type(query)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator(".search-result-list .search-result").count() > 0
    assert page.locator(".search-result-list mark").count() > 0
    # The first result is reachable by Tab from the search field.
    page.focus("#search-q")
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.closest('.search-result-list') !== null"):
            break
    else:
        pytest.fail("no result link was reached by Tab")


def test_english_search_marks_finnish_fallback_results_as_finnish(page, open_page):
    open_page(page, PAGES["search-fallback-en"])
    title = page.locator(".search-result-list .search-result__title a").first
    assert title.evaluate("el => el.closest('[lang]').lang") == "fi"
