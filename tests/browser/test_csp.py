"""The browser enforces the site's Content-Security-Policy, and the tests hear of breaches.

Every browser test's page fails on a violation (tests/browser/conftest.py); this proves that
such a violation is really refused by Chromium and reported.
"""

import pytest

from tests.browser.content import PAGES
from tests.browser.helpers import csp_violations_of

pytestmark = pytest.mark.browser

_INJECT = """() => {
    const script = document.createElement("script");
    script.textContent = "window.injectedScriptRan = true";
    document.body.append(script);
    const style = document.createElement("style");
    style.textContent = "body { display: none }";
    document.head.append(style);
    return window.injectedScriptRan === true;
}"""


@pytest.mark.parametrize("name", ["home-fi", "not-found-en"])
def test_injected_inline_script_and_style_are_refused_and_reported(page, open_page, name):
    open_page(page, PAGES[name])

    assert page.evaluate(_INJECT) is False
    assert page.locator("body").is_visible()
    recorded = page.context.csp_violations
    directives = sorted(details["directive"] for _url, details in csp_violations_of(page, recorded))
    assert directives == ["script-src-elem", "style-src-elem"]
    # Caused on purpose: not held against the page when it closes.
    recorded[:] = [entry for entry in recorded if entry[0] != page]
