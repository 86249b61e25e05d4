"""Staff sign-in to the admin: lockouts, the audit log, password rules, session limits and
password resets, through real requests to the admin."""

import datetime
import re

from django.contrib.auth import SESSION_KEY, get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext

from wagtail.models import ModelLogEntry

import pytest
from axes.models import AccessAttempt

from pirsote.core.staff_auth import audit, lockout, sessions
from pirsote.core.staff_auth.models import PasswordResetRequest
from tests.factories import StaffUserFactory

PASSWORD = "testi-salasana-123"
LOGIN_URL = reverse("wagtailadmin_login")
ADMIN_HOME = reverse("wagtailadmin_home")
RESET_URL = reverse("wagtailadmin_password_reset")

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _lockout_settings(settings):
    settings.AXES_FAILURE_LIMIT = 5
    settings.AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
    settings.TRUSTED_PROXY_COUNT = 0
    settings.TRUSTED_PROXY_IPS = ["127.0.0.1"]


def sign_in(client, username, password, ip="192.0.2.10", **headers):
    return client.post(
        LOGIN_URL,
        {"username": username, "password": password, "next": ADMIN_HOME},
        REMOTE_ADDR=ip,
        **headers,
    )


def signed_in(client):
    return SESSION_KEY in client.session


def fail(client, username, times, ip="192.0.2.10", **headers):
    for _ in range(times):
        response = sign_in(client, username, "väärä-salasana-999", ip=ip, **headers)
        assert not signed_in(client)
    return response


# Lockout


def test_an_account_is_locked_after_five_failures_whatever_the_client_address(client):
    StaffUserFactory(username="toimittaja")
    for number in range(5):
        sign_in(client, "toimittaja", "väärä-salasana-999", ip=f"198.51.100.{number}")

    response = sign_in(client, "toimittaja", PASSWORD, ip="203.0.113.7")

    assert response.status_code == 429
    assert not signed_in(client)
    assert f'href="{LOGIN_URL}"' in response.content.decode()


def test_four_failures_do_not_lock_and_the_right_password_still_works(client):
    StaffUserFactory(username="toimittaja")
    fail(client, "toimittaja", 4)

    response = sign_in(client, "toimittaja", PASSWORD)

    assert response.status_code == 302
    assert signed_in(client)


def test_a_client_address_is_locked_after_five_failures_on_any_accounts(client):
    StaffUserFactory(username="toimittaja")
    for number in range(5):
        sign_in(client, f"arvaus{number}", "väärä-salasana-999", ip="192.0.2.66")

    # Another account, the right password, the same address: refused.
    response = sign_in(client, "toimittaja", PASSWORD, ip="192.0.2.66")
    assert response.status_code == 429
    assert not signed_in(client)
    # From elsewhere the account is fine.
    assert sign_in(client, "toimittaja", PASSWORD, ip="192.0.2.67").status_code == 302


def test_a_changing_x_forwarded_for_does_not_reset_the_count_without_a_trusted_proxy(client):
    StaffUserFactory(username="toimittaja")
    for number in range(5):
        sign_in(
            client,
            f"arvaus{number}",
            "väärä-salasana-999",
            ip="192.0.2.66",
            HTTP_X_FORWARDED_FOR=f"10.0.0.{number}",
        )

    response = sign_in(
        client, "toimittaja", PASSWORD, ip="192.0.2.66", HTTP_X_FORWARDED_FOR="10.9.9.9"
    )

    assert response.status_code == 429
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"192.0.2.66"}


def test_behind_a_trusted_proxy_the_client_is_the_address_the_proxy_appended(client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    StaffUserFactory(username="toimittaja")
    # The client forges the left part of the header; our proxy appends what it saw.
    for number in range(5):
        sign_in(
            client,
            f"arvaus{number}",
            "väärä-salasana-999",
            ip="127.0.0.1",
            HTTP_X_FORWARDED_FOR=f"10.0.0.{number}, 198.51.100.5",
        )

    locked = sign_in(
        client,
        "toimittaja",
        PASSWORD,
        ip="127.0.0.1",
        HTTP_X_FORWARDED_FOR="10.1.2.3, 198.51.100.5",
    )
    assert locked.status_code == 429
    # Another client behind the same proxy is not locked.
    other = sign_in(
        client, "toimittaja", PASSWORD, ip="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.6"
    )
    assert other.status_code == 302
    assert signed_in(client)


def test_x_forwarded_for_from_an_untrusted_peer_is_ignored(client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    fail(client, "arvaus", 1, ip="192.0.2.99", HTTP_X_FORWARDED_FOR="198.51.100.5")
    assert AccessAttempt.objects.get().ip_address == "192.0.2.99"


def test_the_lockout_page_is_the_admins_sign_in_page_in_finnish(client):
    response = fail(client, "arvaus", 5, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 429
    html = response.content.decode()
    # The admin's pages before signing in are in the site's default language.
    assert '<html lang="fi"' in html
    assert 'class="login' in html
    assert "wagtailadmin/css/core" in html
    with translation.override("fi"):
        assert gettext("Sign-in locked") in html
        assert (
            ngettext(
                "Signing in failed %(limit)s time in a row.",
                "Signing in failed %(limit)s times in a row.",
                5,
            )
            % {"limit": 5}
            in html
        )


def test_an_administrator_unlocks_an_account_in_the_admin(client):
    StaffUserFactory(username="toimittaja")
    admin = StaffUserFactory(username="paakayttaja", is_superuser=True)
    fail(client, "toimittaja", 5, ip="198.51.100.1")
    client.force_login(admin)

    page = client.get(reverse("staff_auth_locked_sign_ins"))
    assert page.status_code == 200
    assert "toimittaja" in page.content.decode()
    assert "198.51.100.1" in page.content.decode()
    response = client.post(reverse("staff_auth_locked_sign_ins"), {"username": "toimittaja"})
    assert response.status_code == 302

    client.logout()
    assert sign_in(client, "toimittaja", PASSWORD, ip="203.0.113.1").status_code == 302
    assert ModelLogEntry.objects.filter(action=lockout.UNLOCKED, user=admin).exists()


def test_an_administrator_unlocks_a_client_address(client):
    StaffUserFactory(username="toimittaja")
    admin = StaffUserFactory(is_superuser=True)
    for number in range(5):
        sign_in(client, f"arvaus{number}", "väärä-salasana-999", ip="198.51.100.2")
    client.force_login(admin)

    client.post(reverse("staff_auth_locked_sign_ins"), {"ip_address": "198.51.100.2"})

    client.logout()
    assert sign_in(client, "toimittaja", PASSWORD, ip="198.51.100.2").status_code == 302


def test_editors_may_not_see_or_lift_lockouts(client):
    StaffUserFactory(username="toimittaja")
    fail(client, "toimittaja", 5, ip="198.51.100.1")
    client.force_login(StaffUserFactory())

    assert client.get(reverse("staff_auth_locked_sign_ins")).status_code in {302, 403}
    client.post(reverse("staff_auth_locked_sign_ins"), {"username": "toimittaja"})
    menu = client.get(ADMIN_HOME).content.decode()

    assert "locked-sign-ins" not in menu
    assert AccessAttempt.objects.filter(username="toimittaja").exists()


def test_the_reset_command_lifts_a_lockout(client):
    StaffUserFactory(username="toimittaja")
    fail(client, "toimittaja", 5)

    call_command("axes_reset_username", "toimittaja")

    assert sign_in(client, "toimittaja", PASSWORD, ip="203.0.113.9").status_code == 302


# Audit log


def entries(action):
    return ModelLogEntry.objects.filter(action=action)


def test_sign_ins_failures_sign_outs_and_lockouts_are_in_the_audit_log(client):
    user = StaffUserFactory(username="toimittaja")
    fail(client, "toimittaja", 2, ip="198.51.100.3")
    fail(client, "ei-ketaan", 1, ip="198.51.100.3")  # no account to log it on
    sign_in(client, "toimittaja", PASSWORD, ip="198.51.100.4")
    client.post(reverse("wagtailadmin_logout"), REMOTE_ADDR="198.51.100.4")
    fail(client, "toimittaja", 5, ip="198.51.100.5")

    failed = entries(audit.SIGN_IN_FAILED)
    assert failed.count() == 7
    assert {entry.object_id for entry in failed} == {str(user.pk)}
    assert failed.filter(data__ip="198.51.100.3").count() == 2
    # This user's (tests that commit, such as the browser journeys, leave other users' too).
    signed_in_entry = entries(audit.SIGN_IN).get(object_id=str(user.pk))
    assert signed_in_entry.user == user
    assert signed_in_entry.data == {"ip": "198.51.100.4"}
    assert entries(audit.SIGN_OUT).get(object_id=str(user.pk)).user == user
    assert entries(audit.LOCKED_OUT).filter(object_id=str(user.pk)).exists()


def test_administrators_read_the_sign_ins_in_site_history(client):
    StaffUserFactory(username="toimittaja")
    fail(client, "toimittaja", 1, ip="198.51.100.3")
    client.force_login(StaffUserFactory(is_superuser=True, preferred_language="en"))

    response = client.get(reverse("wagtailadmin_reports:site_history"))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Failed sign-in from 198.51.100.3" in html
    assert "toimittaja" in html


# Passwords


@pytest.mark.parametrize(
    "password",
    [
        "kissa123",
        "Summer2025",
        "Summer2025!!",
        "Kesä2025!!!!",
        "kesa2025!!!!",
        "2024Salasana",
        "salasana1234",
        "Hyvinvointialue",
        "perkele12345",
        "Joulukuu2024!",
        "Pirkanmaa2026",
        "matti19850101",
        "123456789012",
    ],
)
def test_short_common_and_word_with_numbers_passwords_are_refused(password):
    with pytest.raises(ValidationError):
        validate_password(password)


@pytest.mark.parametrize(
    "password", ["vihreä-kivi-polku-42", "Correct horse battery staple", "kesäinen Näsijärvi 7"]
)
def test_long_uncommon_passwords_are_accepted(password):
    validate_password(password)


def test_passwords_under_twelve_characters_are_refused():
    with translation.override("en"), pytest.raises(ValidationError) as error:
        validate_password("Xq7#mVb2!pL")
    assert error.value.messages == ["This password is too short: use at least 12 characters."]


def test_the_word_with_numbers_rule_names_its_reason(settings):
    with pytest.raises(ValidationError) as error:
        validate_password("Summer2025!!")
    codes = {e.code for e in error.value.error_list}
    assert "password_common_word_with_numbers" in codes


def test_an_administrator_cannot_give_a_new_user_a_season_and_year_password(client):
    client.force_login(StaffUserFactory(is_superuser=True, preferred_language="en"))

    response = client.post(
        reverse("wagtailusers_users:add"),
        {
            "username": "uusi",
            "email": "uusi@example.fi",
            "first_name": "Uusi",
            "last_name": "Käyttäjä",
            "password1": "Summer2025!!",
            "password2": "Summer2025!!",
        },
    )

    assert response.status_code == 200
    assert "such as a season and a year" in response.content.decode()
    assert not get_user_model().objects.filter(username="uusi").exists()


# Session limits


def age_session(client, *, signed_in_ago=0, idle_for=0):
    session = client.session
    now = int(timezone.now().timestamp())
    session[sessions.SIGNED_IN_AT] = now - signed_in_ago
    session[sessions.LAST_SEEN_AT] = now - idle_for
    session.save()


def test_an_admin_session_idle_for_thirty_minutes_is_signed_out(client):
    client.force_login(StaffUserFactory(preferred_language="en"))
    age_session(client, signed_in_ago=3600, idle_for=30 * 60)

    response = client.get(reverse("wagtailimages:index"))

    assert response.status_code == 302
    assert response.url.startswith(LOGIN_URL + "?next=")
    assert not signed_in(client)
    login_page = client.get(response.url).content.decode()
    with translation.override("fi"):
        assert (
            gettext("You were signed out after a period of inactivity. Please sign in again.")
            in login_page
        )


def test_an_admin_session_in_use_lasts(client):
    client.force_login(StaffUserFactory())
    age_session(client, signed_in_ago=11 * 3600, idle_for=29 * 60)

    assert client.get(ADMIN_HOME).status_code == 200
    # The request counted as activity.
    assert client.session[sessions.LAST_SEEN_AT] > timezone.now().timestamp() - 5


def test_an_admin_session_ends_twelve_hours_after_signing_in_however_busy(client):
    client.force_login(StaffUserFactory())
    age_session(client, signed_in_ago=12 * 3600, idle_for=10)

    response = client.get(ADMIN_HOME)

    assert response.status_code == 302
    assert not signed_in(client)


def test_a_session_without_the_times_is_not_trusted(client):
    client.force_login(StaffUserFactory())
    session = client.session
    del session[sessions.SIGNED_IN_AT]
    session.save()

    assert client.get(ADMIN_HOME).status_code == 302
    assert not signed_in(client)


def test_the_limits_come_from_settings(client, settings):
    settings.STAFF_SESSION_IDLE_TIMEOUT = 60
    client.force_login(StaffUserFactory())
    age_session(client, idle_for=61)

    assert client.get(ADMIN_HOME).status_code == 302


def test_the_public_site_sets_no_cookie_for_visitors(client, home_page):
    response = client.get("/")

    assert response.status_code == 200
    assert not response.cookies
    assert "Cookie" not in response.get("Vary", "")


# Password reset


def ask_reset(client, email, ip="192.0.2.20"):
    return client.post(RESET_URL, {"email": email}, REMOTE_ADDR=ip)


def rate_limit_message():
    """The refusal as the (Finnish) reset page shows it."""
    with translation.override("fi"):
        return gettext(
            "Too many password reset requests. Please wait a while and try again; if you "
            "already asked, check your e-mail."
        )


def run_worker():
    call_command("send_release_mails")


def test_a_reset_mail_is_sent_by_the_worker_not_in_the_request(client):
    user = StaffUserFactory(email="toimittaja@example.fi", preferred_language="en")

    response = ask_reset(client, "Toimittaja@example.fi")

    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_password_reset_done")
    assert mail.outbox == []
    assert PasswordResetRequest.objects.count() == 1

    run_worker()

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["toimittaja@example.fi"]
    assert message.subject == "Password reset"
    link = re.search(r"http://testserver(/admin/password_reset/confirm/\S+)", message.body)
    assert link
    assert user.username in message.body
    assert PasswordResetRequest.objects.count() == 0
    # The link works: it leads to the form for a new password.
    followed = client.get(link.group(1), follow=True)
    assert followed.status_code == 200
    assert "new_password1" in followed.content.decode()

    run_worker()
    assert len(mail.outbox) == 1


def test_an_unknown_address_gets_the_same_answer_by_the_same_path_and_no_mail(client):
    StaffUserFactory(email="toimittaja@example.fi")
    client.get(RESET_URL)  # the request's site, looked up once and kept in the cache

    with CaptureQueriesContext(connection) as known_queries:
        known = ask_reset(client, "toimittaja@example.fi", ip="192.0.2.21")
    known_count = len(known_queries.captured_queries)
    with CaptureQueriesContext(connection) as unknown_queries:
        unknown = ask_reset(client, "ei-ketaan@example.fi", ip="192.0.2.22")

    assert (unknown.status_code, unknown.url) == (known.status_code, known.url)
    assert len(unknown_queries.captured_queries) == known_count
    assert mail.outbox == []
    run_worker()
    assert [message.to for message in mail.outbox] == [["toimittaja@example.fi"]]


def test_resets_are_limited_per_address(client):
    StaffUserFactory(email="toimittaja@example.fi")
    for number in range(3):
        assert (
            ask_reset(client, "toimittaja@example.fi", ip=f"198.51.100.{number}").status_code == 302
        )

    response = ask_reset(client, "TOIMITTAJA@example.fi", ip="198.51.100.9")

    assert response.status_code == 429
    assert rate_limit_message() in response.content.decode()
    assert PasswordResetRequest.objects.count() == 3


def test_resets_are_limited_per_client(client):
    for number in range(5):
        assert (
            ask_reset(client, f"osoite{number}@example.fi", ip="198.51.100.50").status_code == 302
        )

    refused = ask_reset(client, "osoite9@example.fi", ip="198.51.100.50")
    assert refused.status_code == 429
    assert rate_limit_message() in refused.content.decode()
    assert ask_reset(client, "osoite9@example.fi", ip="198.51.100.51").status_code == 302


def test_a_reset_the_mail_server_refused_is_retried_later(client, settings):
    StaffUserFactory(email="toimittaja@example.fi")
    ask_reset(client, "toimittaja@example.fi")
    settings.EMAIL_BACKEND = "tests.core.test_staff_auth.BrokenBackend"

    run_worker()

    reset = PasswordResetRequest.objects.get()
    assert reset.attempts == 1
    assert reset.next_attempt_at > timezone.now()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    PasswordResetRequest.objects.update(next_attempt_at=timezone.now())
    run_worker()
    assert len(mail.outbox) == 1


def test_a_reset_queued_over_an_hour_ago_is_dropped(client):
    StaffUserFactory(email="toimittaja@example.fi")
    ask_reset(client, "toimittaja@example.fi")
    PasswordResetRequest.objects.update(created_at=timezone.now() - datetime.timedelta(hours=2))

    run_worker()

    assert mail.outbox == []
    assert not PasswordResetRequest.objects.exists()


class BrokenBackend:
    """A mail backend whose server is down."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("the mail server is down")
