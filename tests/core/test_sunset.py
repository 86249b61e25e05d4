"""Sunset mode: the banner on every page, the archive paragraph, the admin locked, switching
on only when confirmed, and `manage.py sunset` (issue 15)."""

import datetime

from django.core.management import CommandError, call_command
from django.urls import reverse

from wagtail.models import Site
from wagtail.test.utils.form_data import nested_form_data, streamfield

import pytest

from pirsote.core.models import SiteSettings
from pirsote.core.roles import COMMUNICATIONS
from tests.core.helpers import parse_html, text_of
from tests.factories import (
    ReformPageFactory,
    RoleUserFactory,
    SiteSettingsFactory,
    StaffUserFactory,
)
from tests.projects.test_admin import admin_form, assert_saved, page_form

ENDED = datetime.date(2022, 12, 31)
COUNTY = "https://www.pirha.fi/"
INNOKYLA = "https://www.innokyla.fi/"


@pytest.fixture
def statement(home_page):
    page = ReformPageFactory(
        parent=home_page,
        title_fi="Saavutettavuusseloste",
        title_en="Accessibility statement",
        slug_en="accessibility-statement",
    )
    SiteSettingsFactory(accessibility_statement=page)
    return page


def switch_on(**fields):
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    values = {
        "sunset_active": True,
        "sunset_date": ENDED,
        "successor_name_fi": "Pirkanmaan hyvinvointialue",
        "successor_name_en": "Pirkanmaa wellbeing services county",
        "successor_url_fi": COUNTY,
        "second_successor_name_fi": "Innokylä",
        "second_successor_url_fi": INNOKYLA,
        **fields,
    }
    for name, value in values.items():
        setattr(settings, name, value)
    settings.save()
    return settings


def banner(client, url):
    response = client.get(url)
    assert response.status_code == 200
    found = parse_html(response).select_one(".sunset-banner")
    return found


@pytest.mark.parametrize(
    ("language", "prefix", "ended", "county"),
    [
        ("fi", "/", "Hanke on päättynyt 31.12.2022.", "Pirkanmaan hyvinvointialue"),
        ("en", "/en/", "This project has ended on 31 December 2022.", "wellbeing services"),
    ],
)
def test_every_page_says_the_project_has_ended_and_where_the_work_continues(
    client, statement, language, prefix, ended, county
):
    assert banner(client, prefix) is None
    switch_on()

    for url in (
        prefix,
        statement.get_url() if language == "fi" else "/en/accessibility-statement/",
    ):
        found = banner(client, url)
        assert found is not None, url
        assert ended in text_of(found)
        assert county in text_of(found)
        links = [a["href"] for a in found.select("a")]
        assert links == [COUNTY, INNOKYLA]


def test_an_english_page_marks_a_successor_name_given_only_in_finnish(client, statement):
    switch_on(successor_name_en="")
    found = banner(client, "/en/")
    link = found.select_one(f'a[href="{COUNTY}"]')
    assert text_of(link) == "Pirkanmaan hyvinvointialue"
    assert link["lang"] == "fi"


def test_an_unsafe_successor_address_never_reaches_the_page(client, statement):
    switch_on(successor_url_fi="javascript:alert(1)")
    found = banner(client, "/")
    assert [a["href"] for a in found.select("a")] == [INNOKYLA]


def test_the_accessibility_statement_gets_its_archive_paragraph_only_in_sunset_mode(
    client, statement
):
    def paragraph(url):
        response = client.get(url)
        return parse_html(response).select_one(".sunset-statement")

    assert paragraph(statement.get_url()) is None
    switch_on()
    text = text_of(paragraph(statement.get_url()))
    assert "31.12.2022" in text
    assert "306/2019" in text
    assert paragraph("/") is None  # only on the statement itself

    call_command("sunset", "--off")
    assert paragraph(statement.get_url()) is None
    assert banner(client, "/") is None


# The admin


@pytest.fixture
def editor(client, statement):
    call_command("setup_roles")
    return RoleUserFactory(username="viestija", groups=[COMMUNICATIONS], preferred_language="fi")


def edit_statement(client, statement, title, publish=False):
    url = reverse("wagtailadmin_pages:edit", args=[statement.pk])
    changes = {"title_fi": title, **({"action-publish": "action-publish"} if publish else {})}
    return client.post(url, page_form(client, url, changes), HTTP_REFERER=f"http://testserver{url}")


def latest_title(page):
    page.refresh_from_db()
    return page.get_latest_revision().content["title_fi"]


def test_in_sunset_mode_only_administrators_change_content(client, statement, editor):
    client.force_login(editor)
    assert_saved(edit_statement(client, statement, "Seloste 1"))
    switch_on()

    refused = edit_statement(client, statement, "Seloste 2")

    assert refused.status_code == 302
    assert latest_title(statement) == "Seloste 1"
    shown = client.get(refused["Location"])
    assert "vain pääkäyttäjät" in shown.content.decode()

    administrator = StaffUserFactory(username="paakayttaja", is_superuser=True)
    client.force_login(administrator)
    assert_saved(edit_statement(client, statement, "Seloste 3", publish=True))
    statement.refresh_from_db()
    assert statement.title_fi == "Seloste 3"


def test_a_locked_autosave_gets_a_reason_not_an_error_page(client, statement, editor):
    switch_on()
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:edit", args=[statement.pk])
    response = client.post(url, {}, HTTP_ACCEPT="application/json")
    assert response.status_code == 403
    assert (
        "administrators" in response.json()["error"] or "pääkäyttäjät" in response.json()["error"]
    )


def test_editors_can_still_sign_out_and_change_their_own_language(client, statement, editor):
    switch_on()
    client.force_login(editor)
    response = client.post(reverse("wagtailadmin_logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


# The settings form


@pytest.fixture
def administrator(client, statement):
    admin = StaffUserFactory(username="paakayttaja", is_superuser=True, preferred_language="en")
    client.force_login(admin)
    return admin


def settings_form(client, changes):
    site = Site.objects.get(is_default_site=True)
    url = reverse("wagtailsettings:edit", args=["core", "sitesettings", site.pk])
    data = admin_form(
        client,
        url,
        "w-editor-form",
        {
            **nested_form_data({"social_links": streamfield([])}),
            "not_found_text_fi": "null",
            "not_found_text_en": "null",
            **changes,
        },
    )
    return url, data


SWITCH_ON = {
    "sunset_active": "on",
    "sunset_date": "2022-12-31",
    "successor_name_fi": "Pirkanmaan hyvinvointialue",
    "successor_url_fi": COUNTY,
}


def test_switching_sunset_mode_on_must_confirm_that_addresses_will_be_deleted(
    client, administrator
):
    url, data = settings_form(client, SWITCH_ON)
    refused = client.post(url, data)
    assert refused.status_code == 200
    assert "confirm_sunset" in refused.context["form"].errors
    assert "addresses will be deleted" in refused.content.decode()
    assert not SiteSettings.objects.get().sunset_active

    url, data = settings_form(client, {**SWITCH_ON, "confirm_sunset": "on"})
    assert_saved(client.post(url, data))
    assert SiteSettings.objects.get().sunset_active


def test_sunset_mode_needs_an_end_date_and_a_successor(client, administrator):
    url, data = settings_form(
        client, {"sunset_active": "on", "confirm_sunset": "on", "sunset_date": ""}
    )
    response = client.post(url, data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert {"sunset_date", "successor_url_fi"} <= set(errors)


# manage.py sunset


def test_the_command_switches_sunset_mode_on_and_off(client, statement):
    call_command(
        "sunset",
        "--successor",
        COUNTY,
        "--name",
        "Pirkanmaan hyvinvointialue",
        "--date",
        "2022-12-31",
    )
    settings = SiteSettings.objects.get()
    assert settings.sunset_active and settings.sunset_date == ENDED
    assert "31.12.2022" in text_of(banner(client, "/"))

    call_command("sunset", "--off")
    assert banner(client, "/") is None
    # Switching on again remembers the successor.
    call_command("sunset")
    assert SiteSettings.objects.get().successor_url_fi == COUNTY


@pytest.mark.parametrize(
    "arguments",
    [[], ["--successor", "javascript:alert(1)"], ["--successor", COUNTY, "--date", "31.12.2022"]],
)
def test_the_command_refuses_what_it_cannot_use_with_a_clear_message(statement, arguments):
    with pytest.raises(CommandError):
        call_command("sunset", *arguments)
    assert not SiteSettings.objects.get().sunset_active
