"""The Wagtail admin: editors' own language, contact people snippets, login required."""

from django.urls import reverse
from django.utils import translation

import pytest

from pirsote.core.models import ContactPerson
from tests.core.helpers import get_html, gettext_in, parse_html, text_of
from tests.factories import StaffUserFactory

pytestmark = pytest.mark.django_db


def add_contact_person_url():
    return reverse(ContactPerson.snippet_viewset.get_url_name("add"))


@pytest.mark.parametrize(
    ("preferred", "browser"), [("fi", "en"), ("en", "fi")], ids=["finnish", "english"]
)
def test_staff_user_sees_admin_dashboard_in_preferred_language(client, preferred, browser):
    client.force_login(StaffUserFactory(preferred_language=preferred))
    # The browser asks for the other language: the profile's preference must win.
    document = get_html(client, reverse("wagtailadmin_home"), HTTP_ACCEPT_LANGUAGE=browser)

    assert document.html["lang"] == preferred
    dashboard = gettext_in(preferred, "Dashboard")
    assert dashboard in document.title.string
    assert dashboard != gettext_in(browser, "Dashboard")


def test_anonymous_visitor_is_sent_to_login_from_admin(client):
    response = client.get("/admin/")

    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_login") + "?next=/admin/"


def test_anonymous_visitor_cannot_open_snippet_form(client):
    response = client.get(add_contact_person_url())

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))
    assert not ContactPerson.objects.exists()


def contact_person_form(**overrides):
    data = {
        "name": "Eeva Esimerkki",
        "job_title_fi": "Hankejohtaja",
        "job_title_en": "Programme director",
        "organisation_fi": "Pirkanmaan hyvinvointialue",
        "organisation_en": "Pirkanmaa wellbeing services county",
        "phone": "+358 40 123 4567",
        "email": "eeva.esimerkki@example.fi",
        "photo": "",
    }
    return {**data, **overrides}


def test_superuser_adds_contact_person_with_job_title_in_both_languages(admin_client):
    response = admin_client.post(add_contact_person_url(), contact_person_form())

    assert response.status_code == 302, response.content.decode()[:2000]
    person = ContactPerson.objects.get()
    assert (person.name, person.email) == ("Eeva Esimerkki", "eeva.esimerkki@example.fi")
    assert person.job_title_fi == "Hankejohtaja"
    assert person.job_title_en == "Programme director"
    assert person.organisation_en == "Pirkanmaa wellbeing services county"
    with translation.override("en"):
        assert person.job_title == "Programme director"


def test_contact_person_form_without_name_shows_error_and_saves_nothing(admin_client):
    response = admin_client.post(add_contact_person_url(), contact_person_form(name=""))

    assert response.status_code == 200
    assert not ContactPerson.objects.exists()
    document = parse_html(response)
    name_input = document.select_one("#id_name")
    name_error = name_input.find_parent(attrs={"data-field-wrapper": True}).select_one(
        ".error-message"
    )
    assert name_input["aria-invalid"] == "true"
    # No profile language: the admin speaks the site's default language, Finnish.
    assert text_of(name_error) == gettext_in("fi", "This field is required.")
    assert document.select_one("#id_job_title_en")["value"] == "Programme director"
