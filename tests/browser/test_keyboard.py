"""Keyboard users can skip to the content, see where focus is and switch language."""

import pytest

from tests.browser.content import PAGES
from tests.browser.helpers import (
    describe,
    focus_ring_fits_across,
    focused,
    has_focus_indicator,
    tab_through,
)

pytestmark = pytest.mark.browser

# One page of each type, in both languages between them.
PAGE_TYPES = [
    "home-fi",
    "section-en",
    "section-page-2-fi",
    "reform-en",
    "fallback-en",
    "not-found-fi",
    "projects-en",
    "project-fi",
    "service-model-en",
    "service-models-fi",
    "service-models-invalid-en",
    "goals-en",
    "funding-fi",
]


def _inside_viewport(info):
    box, viewport = info["box"], info["viewport"]
    return (
        box["width"] > 0
        and box["height"] > 0
        and box["x"] >= 0
        and box["y"] >= 0
        and box["x"] + box["width"] <= viewport["width"]
        and box["y"] + box["height"] <= viewport["height"]
    )


@pytest.mark.parametrize("name", PAGE_TYPES)
def test_first_tab_shows_the_skip_link_and_enter_moves_focus_to_main(page, open_page, name):
    open_page(page, PAGES[name])
    page.keyboard.press("Tab")
    skip = focused(page)
    assert skip is not None and skip["selector"] == "a.skip-link", skip
    assert skip["href"] == "#main"
    assert _inside_viewport(skip), f"skip link is off screen when focused: {skip['box']}"
    assert has_focus_indicator(skip), describe(skip)

    page.keyboard.press("Enter")
    page.wait_for_function("location.hash === '#main'")
    target = focused(page)
    assert target is not None and target["inMain"], f"focus went to {target}"
    # The next Tab continues inside the content, past the header's links.
    page.keyboard.press("Tab")
    after = focused(page)
    assert after is not None and after["inMain"], f"Tab after the skip link went to {after}"


@pytest.mark.parametrize("name", PAGE_TYPES)
def test_tabbing_reaches_language_switcher_and_main_nav_with_visible_focus(page, open_page, name):
    open_page(page, PAGES[name])
    nav_links = page.eval_on_selector_all(".main-nav a", "links => links.map(a => a.href)")
    assert nav_links, "the main navigation has no links"
    stops = tab_through(page)

    reached = {s["url"] for s in stops if s["inMainNav"]}
    assert set(nav_links) <= reached, f"not reached by Tab: {set(nav_links) - reached}"
    assert any(s["inLanguageSwitcher"] and s["tag"] == "a" for s in stops), [
        describe(s) for s in stops
    ]
    invisible = [describe(s) for s in stops if not has_focus_indicator(s)]
    assert not invisible, "focused without a visible focus indicator:\n" + "\n".join(invisible)
    clipped = [describe(s) for s in stops if not focus_ring_fits_across(s)]
    assert not clipped, "focus indicator cut off by the window's edge:\n" + "\n".join(clipped)


LANGUAGE_SWITCHES = [
    ("home-fi", "home-en"),
    ("home-en", "home-fi"),
    ("section-fi", "section-en"),
    ("reform-fi", "reform-en"),
    ("reform-en", "reform-fi"),
    ("fallback-en", "fallback-fi"),
]


@pytest.mark.parametrize(
    ("start", "target"),
    LANGUAGE_SWITCHES,
    ids=[f"{start}-to-{target}" for start, target in LANGUAGE_SWITCHES],
)
def test_language_switcher_leads_by_keyboard_to_the_same_page_in_the_other_language(
    page, open_page, site_url, start, target
):
    open_page(page, PAGES[start])
    for _ in range(20):
        page.keyboard.press("Tab")
        info = focused(page)
        if info and info["inLanguageSwitcher"] and info["tag"] == "a":
            break
    else:
        pytest.fail("Tab never reached a link in the language switcher")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == site_url(PAGES[target].path)
    assert page.get_attribute("html", "lang") == PAGES[target].language


def _tab_to(page, predicate, limit=120):
    """Press Tab until the focused element satisfies predicate; returns its info."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        info = focused(page)
        if info and predicate(info):
            return info
    pytest.fail("Tab never reached the element")


def test_service_models_are_filtered_by_keyboard_alone(page, open_page, site_url):
    open_page(page, PAGES["service-models-fi"])
    heading = page.inner_text("#results-heading")

    goal = _tab_to(page, lambda info: info["selector"].startswith("select#id_goal"))
    assert has_focus_indicator(goal), describe(goal)
    # Arrow keys change a focused select's value without opening it: the first goal, which
    # only some of the service models pursue.
    page.keyboard.press("ArrowDown")
    chosen = page.eval_on_selector("#id_goal", "select => select.value")
    assert chosen, "the arrow keys did not choose a goal"
    submit = _tab_to(page, lambda info: info["tag"] == "button")
    assert has_focus_indicator(submit), describe(submit)
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert page.url == site_url(f"{PAGES['service-models-fi'].path}?goal={chosen}")
    assert page.inner_text("#results-heading") != heading
    # Every listed service model pursues the chosen goal: its card names it.
    goal_name = page.eval_on_selector("#id_goal", "select => select.selectedOptions[0].text")
    cards = page.locator(".results .card")
    assert cards.count() > 0
    for index in range(cards.count()):
        assert goal_name in cards.nth(index).inner_text()


def test_error_summary_links_take_keyboard_users_to_the_invalid_filter(page, open_page):
    open_page(page, PAGES["service-models-invalid-en"])
    link = _tab_to(page, lambda info: bool(info["href"]) and info["href"].startswith("#id_"))
    page.keyboard.press("Enter")
    page.wait_for_function(f"location.hash === {link['href']!r}")
    target = focused(page)
    assert target is not None and target["selector"] == f"select{link['href']}", (link, target)


@pytest.mark.parametrize("name", ["funding-fi", "funding-en"])
def test_funding_tables_fit_a_phone_and_stay_reachable_by_keyboard(mobile_page, open_page, name):
    open_page(mobile_page, PAGES[name])
    regions = mobile_page.locator(".table-scroll[tabindex='0']")
    assert regions.count() >= 1
    for index in range(regions.count()):
        region = regions.nth(index)
        # On a phone each row is a block of labelled lines: every column, "Paid" included,
        # is on the screen without scrolling sideways.
        assert region.evaluate("el => el.scrollWidth <= el.clientWidth + 1")
        labelled = region.locator("td[data-label]")
        assert labelled.count() >= 1
        assert labelled.first.evaluate("el => getComputedStyle(el, '::before').content") not in (
            "none",
            "normal",
            '""',
        )
        # The region is still reached by Tab and named by the table's caption.
        region.focus()
        assert region.evaluate("el => el === document.activeElement")
        label_id = region.get_attribute("aria-labelledby")
        assert label_id and mobile_page.locator(f"#{label_id}").inner_text().strip()


def test_releases_are_filtered_by_type_by_keyboard_alone(page, open_page, site_url):
    open_page(page, PAGES["newsroom-en"])

    release_type = _tab_to(page, lambda info: info["selector"].startswith("select#id_type"))
    assert has_focus_indicator(release_type), describe(release_type)
    page.keyboard.press("ArrowDown")  # the first type: press releases
    chosen = page.eval_on_selector("#id_type", "select => select.value")
    assert chosen == "press-release"
    submit = _tab_to(page, lambda info: info["tag"] == "button")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert page.url == site_url(f"{PAGES['newsroom-en'].path}?type=press-release")
    type_name = page.eval_on_selector("#id_type", "select => select.selectedOptions[0].text")
    metas = page.locator(".release-list .release-card__type")
    assert metas.count() > 0
    assert all(metas.nth(i).inner_text() == type_name for i in range(metas.count()))
    assert submit


def test_subscription_form_works_by_keyboard_alone(page, open_page, site_url):
    open_page(page, PAGES["subscribe-en"])

    email = _tab_to(page, lambda info: info["tag"] == "input" and "email" in info["selector"])
    assert has_focus_indicator(email), describe(email)
    page.keyboard.type("reader@example.fi")
    _tab_to(page, lambda info: info["tag"] == "button")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert page.url == site_url(PAGES["subscribe-sent-en"].path)
    assert page.locator("h1").inner_text()
