"""An editor signs in, edits a page, previews and publishes it under the admin policy.

The `editor_page` fixture fails the test on any Content-Security-Policy violation: on the
admin's pages, in the preview panel and on the public page with Wagtail's user bar.
"""

from django.contrib.auth import get_user_model
from django.db import connections

import pytest

from pirsote.core.models import ReformPage
from pirsote.core.staff_auth.testing import enrol
from tests.csp import parse_csp
from tests.factories import ReformPageFactory

from .helpers import sign_in_to_admin

pytestmark = pytest.mark.browser

USERNAME = "csp-editor"
PASSWORD = "csp-testi-salasana-Kuusi-7"
NEW_INTRO = "Päivitetty johdanto CSP-testissä."


@pytest.fixture(scope="module")
def editable_page(bilingual_site, django_db_blocker):
    """A page with every body block (the admin's richest form), and a superuser to edit it.

    Returns the page and the superuser's authenticator (the sign-in's second step)."""
    with django_db_blocker.unblock():
        model = ReformPage.objects.get(slug_fi="tavoitteet")
        page = ReformPageFactory(
            parent=bilingual_site["home"],
            title_fi="CSP-testisivu",
            slug_fi="csp-testisivu",
            title_en="CSP test page",
            slug_en="csp-test-page",
            show_in_menus=False,
            body_fi=model.body_fi.raw_data,
            body_en=model.body_en.raw_data,
        )
        user = get_user_model().objects.create_superuser(
            USERNAME, "csp-editor@example.fi", PASSWORD
        )
        authenticator = enrol(user)
        connections.close_all()
    yield page, authenticator
    with django_db_blocker.unblock():
        ReformPage.objects.get(pk=page.pk).delete()
        user.delete()  # and its authenticator
        connections.close_all()


def _policy(response):
    return parse_csp(response.headers["content-security-policy"])


def test_editor_signs_in_edits_previews_and_publishes_without_csp_violations(
    editor_page, site_url, editable_page
):
    edited, authenticator = editable_page
    page = editor_page
    sign_in_to_admin(page, site_url, USERNAME, PASSWORD, authenticator)
    assert page.locator("input[name=token]").count() == 0, "the second step refused the code"

    edit_view = page.goto(site_url(f"/admin/pages/{edited.pk}/edit/"))
    assert edit_view.status == 200
    policy = _policy(edit_view)
    assert "'unsafe-eval'" not in policy["script-src"]
    assert policy["frame-ancestors"] == ["'none'"]
    page.fill("#id_intro_fi", NEW_INTRO)

    # The preview panel frames the edited page, rendered by the admin under the public policy.
    with page.expect_response(lambda r: "/preview/" in r.url and r.request.method == "GET") as p:
        page.click("[data-side-panel-toggle='preview']")
    preview_policy = _policy(p.value)
    assert preview_policy["frame-ancestors"] == ["'self'"]
    assert "'unsafe-inline'" not in preview_policy["script-src"]
    preview = page.frame_locator("#w-preview-iframe")
    preview.locator("main .lead").filter(has_text=NEW_INTRO).wait_for()

    page.click("footer .w-dropdown__toggle")
    with page.expect_navigation():
        page.click("button[name=action-publish]")
    page.locator(".messages .success").wait_for()

    # The published page with the editor's user bar, opened.
    response = page.goto(site_url("/csp-testisivu/"))
    assert response.status == 200
    assert page.locator("main .lead").inner_text() == NEW_INTRO
    page.locator("#wagtail-userbar-trigger").click()
    page.locator("#wagtail-userbar-items").wait_for()
    page.wait_for_load_state("networkidle")
