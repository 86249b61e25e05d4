"""An editor creates, fills in and publishes a new release on the first try (issue 13).

In the Finnish admin, with both languages' fields open, the slugs follow the titles as the
editor types, autosave turns the new page into a draft, and publishing that draft gives the
release its Finnish and English addresses, without a "-2".
"""

from django.contrib.auth import get_user_model
from django.db import connections

from wagtail.users.models import UserProfile

import pytest
from playwright.sync_api import expect

from news.models import NewsIndexPage, ReleasePage
from pirsote.core.staff_auth.testing import enrol

from .helpers import sign_in_to_admin

pytestmark = pytest.mark.browser

USERNAME = "release-editor"
PASSWORD = "tiedote-testi-salasana-Seitsemän-7"
TITLE_FI = "Uusi sote-keskus avautuu Hervantaan"
TITLE_EN = "A new health centre opens in Hervanta"
SLUG_FI = "uusi-sote-keskus-avautuu-hervantaan"
SLUG_EN = "a-new-health-centre-opens-in-hervanta"

WATCH_FOR_EDITS = """
document.addEventListener("w-unsaved:watch-edits", () => { window.pirsoteWatchingEdits = true; });
"""


@pytest.fixture(scope="module")
def release_editor(bilingual_site, django_db_blocker):
    """A superuser whose admin is in Finnish, and the newsroom; the new release is removed."""
    with django_db_blocker.unblock():
        user = get_user_model().objects.create_superuser(
            USERNAME, "release-editor@example.fi", PASSWORD
        )
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = "fi"
        profile.save()
        authenticator = enrol(user)
        newsroom = NewsIndexPage.objects.get()
        connections.close_all()
    yield newsroom, authenticator
    with django_db_blocker.unblock():
        for release in ReleasePage.objects.filter(title_fi=TITLE_FI):
            release.delete()
        user.delete()
        connections.close_all()


def test_editor_publishes_a_new_release_on_the_first_try_with_an_english_address(
    editor_page, site_url, release_editor
):
    newsroom, authenticator = release_editor
    page = editor_page
    sign_in_to_admin(page, site_url, USERNAME, PASSWORD, authenticator)
    # Wagtail watches the form for edits (and autosaves them) from two seconds after load;
    # an editor types no sooner.
    page.add_init_script(WATCH_FOR_EDITS)
    page.goto(site_url(f"/admin/pages/add/news/releasepage/{newsroom.pk}/"))
    page.wait_for_function("() => window.pirsoteWatchingEdits === true")

    # Both languages are open, and the English ones say they are not translated yet.
    title_en = page.locator("#id_title_en")
    assert title_en.is_visible()
    english_title_panel = page.locator("section.w-panel[id$='-title_en-section']")
    expect(english_title_panel.locator(".pirsote-untranslated")).to_have_text(
        "Kääntämättä: sivustolla näkyy suomenkielinen teksti", timeout=30_000
    )

    # The slugs follow the titles as the editor types, each in its own language.
    page.locator("#id_title_fi").press_sequentially(TITLE_FI)
    title_en.press_sequentially(TITLE_EN)
    # (Wagtail's sync waits for a pause in the typing.)
    expect(page.locator("#id_slug_fi")).to_have_value(SLUG_FI)
    expect(page.locator("#id_slug_en")).to_have_value(SLUG_EN)
    expect(english_title_panel.locator(".pirsote-untranslated")).to_have_count(0)

    # Autosave turns the new release into a draft and the form into its edit form.
    page.fill("#id_intro_fi", "Hervannan sote-keskus palvelee syksystä alkaen.")
    page.fill("#id_intro_en", "The Hervanta health centre serves clients from the autumn.")
    page.wait_for_url("**/admin/pages/*/edit/**")

    page.click("footer .w-dropdown__toggle")
    with page.expect_navigation():
        page.click("button[name=action-publish]")
    page.locator(".messages .success").wait_for()

    releases = list(ReleasePage.objects.filter(title_fi=TITLE_FI))
    assert [(r.live, r.slug_fi, r.slug_en) for r in releases] == [(True, SLUG_FI, SLUG_EN)]
    response = page.goto(site_url(f"/en/newsroom/{SLUG_EN}/"))
    assert response.status == 200
    assert page.locator("h1").inner_text() == TITLE_EN
