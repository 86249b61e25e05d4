"""The second sign-in step (TOTP): no admin page answers a session that has only passed the
password, and such a session is anonymous on the public site."""

import re

from django.contrib.auth import SESSION_KEY
from django.core.management import call_command
from django.urls import reverse

from wagtail.models import ModelLogEntry

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from pirsote.core.staff_auth import two_factor
from pirsote.core.staff_auth.testing import ORIGINAL_LOGIN, current_code, enrol, mark_verified
from tests.factories import StaffUserFactory

PASSWORD = "testi-salasana-123"
VERIFY_URL = reverse("staff_auth_second_factor")
SETUP_URL = reverse("staff_auth_second_factor_setup")

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _real_logins(monkeypatch):
    """Undo tests/conftest.py's helper: here a login has passed the password only."""
    monkeypatch.setattr("django.test.Client._login", ORIGINAL_LOGIN)


@pytest.fixture
def admin_urls(home_page):
    return [
        reverse("wagtailadmin_home"),
        reverse("wagtailadmin_pages:edit", args=[home_page.pk]),
        reverse("wagtailadmin_explore", args=[home_page.pk]),
        reverse("wagtailimages:index"),
        reverse("wagtaildocs:index"),
        reverse("wagtailusers_users:index"),
        reverse("wagtailsettings:edit", args=["core", "sitesettings", home_page.get_site().pk]),
        reverse("wagtailadmin_reports:site_history"),
        reverse("staff_auth_locked_sign_ins"),
        "/admin/api/main/pages/",
        f"/admin/api/main/pages/{home_page.pk}/",
        reverse("wagtailadmin_account"),
    ]


def sign_in(client, username):
    response = client.post(
        reverse("wagtailadmin_login"), {"username": username, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert SESSION_KEY in client.session
    return response


@pytest.fixture
def enrolled(client):
    user = StaffUserFactory(username="toimittaja", is_superuser=True)
    device = enrol(user)
    sign_in(client, "toimittaja")
    return device


def test_no_admin_url_answers_before_the_second_step(client, enrolled, admin_urls):
    for url in admin_urls:
        for method in (client.get, client.post):
            response = method(url)
            assert response.status_code == 302, url
            assert response.url.startswith(VERIFY_URL + "?next="), url


def test_without_an_authenticator_every_admin_url_leads_to_enrolment(client, home_page):
    StaffUserFactory(username="uusi", is_superuser=True)
    sign_in(client, "uusi")

    for url in (
        reverse("wagtailadmin_home"),
        "/admin/api/main/pages/",
        reverse("wagtailimages:index"),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(SETUP_URL + "?next=")


def test_the_right_code_opens_the_admin_and_a_wrong_one_does_not(client, enrolled, admin_urls):
    wrong = client.post(
        VERIFY_URL, {"token": "000000" if current_code(enrolled) != "000000" else "111111"}
    )
    assert wrong.status_code == 200
    assert client.get(reverse("wagtailadmin_home")).status_code == 302
    assert ModelLogEntry.objects.filter(action=two_factor.SECOND_FACTOR_FAILED).count() == 1

    enrolled.refresh_from_db()
    enrolled.throttle_reset()
    response = client.post(
        VERIFY_URL, {"token": current_code(enrolled), "next": reverse("wagtailimages:index")}
    )

    assert response.status_code == 302
    assert response.url == reverse("wagtailimages:index")
    for url in admin_urls:
        assert client.get(url).status_code == 200, url


def test_guessing_codes_is_throttled(client, enrolled):
    client.post(VERIFY_URL, {"token": "000001"})
    client.post(VERIFY_URL, {"token": "000002"})

    response = client.post(VERIFY_URL, {"token": current_code(enrolled)})

    assert response.status_code == 200
    assert client.get(reverse("wagtailadmin_home")).status_code == 302


def test_a_next_address_elsewhere_is_not_followed(client, enrolled):
    response = client.post(
        VERIFY_URL, {"token": current_code(enrolled), "next": "https://evil.example/"}
    )
    assert response.url == reverse("wagtailadmin_home")


def test_enrolment_shows_a_qr_code_made_here_and_confirms_with_the_first_code(client, home_page):
    user = StaffUserFactory(username="uusi")
    sign_in(client, "uusi")

    page = client.get(SETUP_URL)
    html = page.content.decode()
    assert page.status_code == 200
    assert "<svg" in html
    assert not re.search(r'src="https?://|<link[^>]+href="https?://', html)
    assert "href" not in html[html.index("<svg") : html.index("</svg>")]
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    key = re.search(r"<code>([A-Z2-7 ]+)</code>", html).group(1).replace(" ", "")
    assert key and key in device.config_url

    assert client.post(SETUP_URL, {"token": "12345x"}).status_code == 200
    response = client.post(SETUP_URL, {"token": current_code(device)})

    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(reverse("wagtailadmin_home")).status_code == 200
    assert ModelLogEntry.objects.filter(
        action=two_factor.SECOND_FACTOR_ENROLLED, object_id=str(user.pk)
    ).exists()


def test_a_password_alone_cannot_add_a_second_authenticator(client, enrolled):
    response = client.get(SETUP_URL)

    assert response.status_code == 302
    assert response.url.startswith(VERIFY_URL)
    assert client.post(SETUP_URL, {"token": "123456"}).status_code == 302
    assert TOTPDevice.objects.filter(user=enrolled.user).count() == 1


def test_a_password_only_session_is_anonymous_on_the_public_site(client, enrolled):
    response = client.get("/")

    assert response.status_code == 200
    assert not response.wsgi_request.user.is_authenticated


def test_signing_out_is_possible_before_the_second_step(client, enrolled):
    response = client.post(reverse("wagtailadmin_logout"))

    assert response.status_code == 302
    assert SESSION_KEY not in client.session


def test_an_administrator_removes_a_lost_authenticator(client, enrolled):
    call_command("reset_second_factor", "toimittaja")

    assert not TOTPDevice.objects.filter(user=enrolled.user).exists()
    assert client.get(reverse("wagtailadmin_home")).url.startswith(SETUP_URL)


def test_the_test_helper_marks_force_logged_in_sessions_verified(client, home_page):
    user = StaffUserFactory()
    client.force_login(user)
    assert client.get(reverse("wagtailadmin_home")).status_code == 302

    mark_verified(client, user)

    assert client.get(reverse("wagtailadmin_home")).status_code == 200
