"""On a 360 px phone nothing scrolls sideways and the whole main navigation is on screen."""

import pytest

from tests.browser.content import MAIN_MENU_LENGTH, PAGES
from tests.browser.helpers import describe, focus_ring_fits_across, tab_through

pytestmark = pytest.mark.browser

MOBILE_PAGES = [name for name in PAGES if "page-2" not in name]
WIDTH = 360

# What sticks out to the right: where to look when a page scrolls sideways.
_OVERFLOWING = """(width) => [...document.querySelectorAll("body *")]
    .filter((el) => el.getBoundingClientRect().right > width + 0.5)
    .slice(0, 10)
    .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join(".")}`
        + ` right=${Math.round(el.getBoundingClientRect().right)}`)"""


@pytest.mark.parametrize("name", MOBILE_PAGES)
def test_page_does_not_scroll_sideways_on_a_360px_screen(mobile_page, open_page, name):
    open_page(mobile_page, PAGES[name])
    scroll_width = mobile_page.evaluate("document.documentElement.scrollWidth")
    overflowing = mobile_page.evaluate(_OVERFLOWING, WIDTH)
    assert scroll_width <= WIDTH, f"{scroll_width} px wide: {overflowing}"


@pytest.mark.parametrize("name", MOBILE_PAGES)
def test_every_main_nav_link_is_on_screen_and_reachable_on_a_360px_screen(
    mobile_page, open_page, name
):
    open_page(mobile_page, PAGES[name])
    links = mobile_page.locator(".main-nav a")
    assert links.count() == MAIN_MENU_LENGTH
    for index in range(links.count()):
        link = links.nth(index)
        box = link.bounding_box()
        assert link.is_visible() and box, f"main nav link {index} is hidden"
        assert box["x"] >= 0 and box["x"] + box["width"] <= WIDTH, f"{link.inner_text()}: {box}"
        # Nothing covers the link: a tap on its centre lands on it.
        centre = [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2]
        hit = mobile_page.evaluate(
            "([x, y]) => document.elementFromPoint(x, y)?.closest('a')?.href ?? null", centre
        )
        assert hit == link.evaluate("a => a.href"), f"{link.inner_text()} is covered"

    # A keyboard (or switch) user reaches every link, and sees the whole focus indicator.
    nav_stops = [stop for stop in tab_through(mobile_page, limit=12) if stop["inMainNav"]]
    assert len(nav_stops) == MAIN_MENU_LENGTH, [describe(stop) for stop in nav_stops]
    clipped = [describe(stop) for stop in nav_stops if not focus_ring_fits_across(stop)]
    assert not clipped, "focus indicator cut off by the screen's edge:\n" + "\n".join(clipped)
