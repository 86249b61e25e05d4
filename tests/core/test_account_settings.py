"""A new admin user saves their account settings at once, with real sign-ins and POSTs.

`createsuperuser` makes a user without a first or last name; Wagtail's account form required
both, so choosing the admin's language failed until they were filled in
(pirsote/core/account.py).
"""

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from wagtail.test.utils.form_data import querydict_from_html
from wagtail.users.models import UserProfile

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from pirsote.core.staff_auth.testing import ORIGINAL_LOGIN, current_code
from tests.core.helpers import gettext_in, parse_html, text_of

pytestmark = pytest.mark.django_db

USERNAME = "paakayttaja"
PASSWORD = "uusi-Paakayttajan-salasana-42"
ACCOUNT_URL = reverse("wagtailadmin_account")


@pytest.fixture(autouse=True)
def _real_logins(monkeypatch):
    """Sign in as a person does: password, then the second step."""
    monkeypatch.setattr("django.test.Client._login", ORIGINAL_LOGIN)


@pytest.fixture
def new_superuser(home_page, monkeypatch):
    """A superuser made as `make superuser` makes one: no first or last name."""
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", PASSWORD)
    call_command("createsuperuser", "--noinput", username=USERNAME, email="admin@example.fi")
    user = get_user_model().objects.get(username=USERNAME)
    assert (user.first_name, user.last_name) == ("", "")
    return user


def sign_in_first_time(client, user):
    """The first sign-in: the password, then adding an authenticator app with its first code."""
    response = client.post(
        reverse("wagtailadmin_login"), {"username": USERNAME, "password": PASSWORD}
    )
    assert response.status_code == 302
    setup = reverse("staff_auth_second_factor_setup")
    assert client.get(reverse("wagtailadmin_home"))["Location"].startswith(setup)
    assert client.get(setup).status_code == 200
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    assert client.post(setup, {"token": current_code(device)}).status_code == 302
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


def account_form(client, changes):
    response = client.get(ACCOUNT_URL)
    assert response.status_code == 200
    data = querydict_from_html(response.content.decode(), form_index=0)
    assert "locale-preferred_language" in data, "not the account form"
    for name, value in changes.items():
        data[name] = value
    return data


def test_a_new_superuser_without_a_name_switches_the_admin_to_english(client, new_superuser):
    sign_in_first_time(client, new_superuser)
    data = account_form(client, {"locale-preferred_language": "en"})
    assert data["name_email-first_name"] == data["name_email-last_name"] == ""

    response = client.post(ACCOUNT_URL, data)

    assert response.status_code == 302, "the account settings were not saved"
    assert UserProfile.get_for_user(new_superuser).get_preferred_language() == "en"
    dashboard = parse_html(client.get(reverse("wagtailadmin_home")))
    assert dashboard.html["lang"] == "en"
    new_superuser.refresh_from_db()
    assert (new_superuser.first_name, new_superuser.last_name) == ("", "")


def test_a_name_can_still_be_given_and_a_bad_email_is_refused_with_a_message(client, new_superuser):
    sign_in_first_time(client, new_superuser)
    refused = client.post(
        ACCOUNT_URL,
        account_form(client, {"locale-preferred_language": "en", "name_email-email": "ei-osoite"}),
    )
    assert refused.status_code == 200
    # Said in the admin's language, Finnish until the user chooses another.
    assert gettext_in("fi", "Enter a valid email address.") in text_of(parse_html(refused))
    assert UserProfile.get_for_user(new_superuser).get_preferred_language() != "en"

    saved = client.post(
        ACCOUNT_URL,
        account_form(client, {"name_email-first_name": "Pää", "name_email-last_name": "Käyttäjä"}),
    )
    assert saved.status_code == 302
    new_superuser.refresh_from_db()
    assert new_superuser.get_full_name() == "Pää Käyttäjä"
