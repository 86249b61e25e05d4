"""axe-core, keyboard and Content-Security-Policy helpers shared by the browser tests."""

import os
from contextlib import contextmanager
from functools import cache

from django.apps import apps
from django.conf import settings
from django.core import serializers

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE_PATH = settings.BASE_DIR / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

_RUN_AXE = """async (tags) => {
    const results = await axe.run(document, {
        runOnly: {type: "tag", values: tags},
        resultTypes: ["violations"],
    });
    return results.violations.map((violation) => ({
        id: violation.id,
        impact: violation.impact,
        help: violation.help,
        helpUrl: violation.helpUrl,
        targets: violation.nodes.map((node) => node.target.join(" ")),
    }));
}"""


@cache
def axe_source():
    if not AXE_PATH.exists():
        pytest.fail(f"{AXE_PATH} is missing: run `npm ci` at the project root")
    return AXE_PATH.read_text()


def axe_violations(page):
    """The page's WCAG 2.1 A and AA violations as plain dicts."""
    # Run through DevTools, which the page's Content-Security-Policy does not govern (an
    # inline <script> would be refused); the trailing 0 keeps the result serialisable.
    page.evaluate(axe_source() + "\n;0")
    return page.evaluate(_RUN_AXE, AXE_TAGS)


def format_violations(where, violations):
    lines = [f"{len(violations)} axe violation(s) on {where}:"]
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation['impact']}): {violation['help']}"
            f" <{violation['helpUrl']}>"
        )
        lines.extend(f"    {target}" for target in violation["targets"][:10])
        if len(violation["targets"]) > 10:
            lines.append(f"    ... and {len(violation['targets']) - 10} more")
    return "\n".join(lines)


# What the tests need to know about the focused element; null when nothing is focused.
_FOCUSED = r"""() => {
    const el = document.activeElement;
    if (!el || el === document.body || el === document.documentElement) return null;
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    const outline = style.outlineStyle === "none" ? 0
        : (parseFloat(style.outlineWidth) || 0) + Math.max(parseFloat(style.outlineOffset) || 0, 0);
    // A box-shadow's spread is its fourth length: "rgb(27, 27, 27) 0px 0px 0px 6px".
    const shadow = Math.max(0, ...[...style.boxShadow.matchAll(/(?:-?[\d.]+px\s+){3}(-?[\d.]+)px/g)]
        .map((match) => parseFloat(match[1])));
    const path = [];
    for (let node = el; node && node !== document.body; node = node.parentElement) {
        let part = node.tagName.toLowerCase();
        if (node.id) { path.unshift(part + "#" + node.id); break; }
        if (node.classList.length) part += "." + node.classList[0];
        const twins = node.parentElement
            ? [...node.parentElement.children].filter((c) => c.tagName === node.tagName)
            : [];
        if (twins.length > 1) part += `:nth-of-type(${twins.indexOf(node) + 1})`;
        path.unshift(part);
    }
    return {
        selector: path.join(" > "),
        tag: el.tagName.toLowerCase(),
        text: (el.innerText || el.getAttribute("aria-label") || "").trim().slice(0, 60),
        href: el.getAttribute("href"),
        url: el.href || null,
        outlineStyle: style.outlineStyle,
        outlineWidth: parseFloat(style.outlineWidth) || 0,
        boxShadow: style.boxShadow,
        inMain: !!el.closest("main#main"),
        inLanguageSwitcher: !!el.closest(".language-switcher"),
        inMainNav: !!el.closest(".main-nav"),
        box: {x: box.x, y: box.y, width: box.width, height: box.height},
        ring: Math.max(outline, shadow),
        viewport: {width: window.innerWidth, height: window.innerHeight},
    };
}"""


def focused(page):
    return page.evaluate(_FOCUSED)


def has_focus_indicator(info):
    outline = info["outlineStyle"] != "none" and info["outlineWidth"] > 0
    return outline or info["boxShadow"] not in ("", "none")


def focus_ring_fits_across(info):
    """The focus indicator is not cut off by the left or right edge of the window."""
    left = info["box"]["x"] - info["ring"]
    right = info["box"]["x"] + info["box"]["width"] + info["ring"]
    return left >= 0 and right <= info["viewport"]["width"]


def tab_through(page, limit=200):
    """Press Tab from the top of the page until focus leaves the page or comes back round.

    Returns the focused element after each press. Consecutive presses that stay on the same
    element (a video's built-in controls) are recorded once.
    """
    stops = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        info = focused(page)
        if info is None or (stops and info["selector"] == stops[0]["selector"]):
            break
        if stops and info["selector"] == stops[-1]["selector"]:
            continue
        stops.append(info)
    return stops


def describe(info):
    return f"<{info['tag']}> {info['selector']} {info['text']!r}"


# Every Content-Security-Policy violation of the context's pages, reported to Python through a
# binding: it outlives navigations (form submissions), and DevTools' scripts are exempt.
_CSP_LISTENER = """document.addEventListener("securitypolicyviolation", (event) => {
    window.__reportCspViolation({
        directive: event.effectiveDirective,
        blocked: event.blockedURI,
        source: event.sourceFile,
        line: event.lineNumber,
        sample: event.sample,
        disposition: event.disposition,
    });
});"""


def collect_csp_violations(context):
    """Record the CSP violations of every page of `context`: [(page, url, details)]."""
    violations = []
    context.expose_binding(
        "__reportCspViolation",
        lambda source, details: violations.append((source["page"], source["frame"].url, details)),
    )
    context.add_init_script(_CSP_LISTENER)
    return violations


def csp_violations_of(page, violations):
    """What `page` violated so far, after letting its pending violation events fire."""
    if not page.is_closed():
        page.evaluate("() => new Promise((resolve) => setTimeout(resolve, 50))")
    return [(url, details) for where, url, details in violations if where == page]


def format_csp_violations(violations):
    return f"{len(violations)} Content-Security-Policy violation(s):\n" + "\n".join(
        f"- {details['directive']} blocked {details['blocked'] or '(inline)'} on {url}"
        f" ({details['source']}:{details['line']}) {details['sample']!r}"
        for url, details in violations
    )


def sign_in_to_admin(page, site_url, username, password, authenticator):
    """Sign in to the admin as a person does: password, then the authenticator's code."""
    from pirsote.core.staff_auth.testing import current_code

    page.goto(site_url("/admin/login/"))
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    with page.expect_navigation():
        page.click("form button[type=submit]")
    page.fill("input[name=token]", current_code(authenticator))
    with page.expect_navigation():
        page.click("form.login-form button[type=submit]")


# The tables setup_roles changes. Listed parents first: restored in this order, cleared in
# the reverse one.
ROLE_MODELS = (
    "auth.Group",
    "wagtailcore.GroupPagePermission",
    "wagtailcore.GroupCollectionPermission",
    "wagtailcore.Task",
    "wagtailcore.GroupApprovalTask",
    "wagtailcore.Workflow",
    "wagtailcore.WorkflowTask",
    "wagtailcore.WorkflowPage",
    "wagtailcore.WorkflowContentType",
)


@contextmanager
def roles_restored_afterwards():
    """Undo, on leaving, what `setup_roles` committed inside: groups, grants and workflows.

    A browser test's data is committed for the live server, so a module that runs
    setup_roles would otherwise hand the next test on its worker a database without
    Wagtail's default groups and workflow, unlike every other test's.
    """
    models = [apps.get_model(label) for label in ROLE_MODELS]
    saved = {model: serializers.serialize("python", model._base_manager.all()) for model in models}
    try:
        yield
    finally:
        for model in reversed(models):
            kept = [row["pk"] for row in saved[model]]
            model._base_manager.exclude(pk__in=kept).delete()
        for model in models:
            for restored in serializers.deserialize("python", saved[model]):
                restored.save()
