"""A citizen subscribes from the home page, confirms from the mail and unsubscribes (issue 13).

The mail goes through a real SMTP server (aiosmtpd) and its links are on SITE_BASE_URL, set to
the live server's address, so the browser opens exactly what the citizen's mail says. Opening
the confirmation link stores nothing (mail scanners follow links too); its button does.
"""

from urllib.parse import urlsplit

from django.db import connections
from django.test import override_settings

import pytest

from news.subscriptions.models import Subscriber
from news.subscriptions.tokens import read_unsubscribe_token
from tests.core.helpers import gettext_in
from tests.subscriptions.helpers import SMTPServer, body_of, link_to

from .content import PAGES
from .helpers import axe_violations, format_violations

pytestmark = pytest.mark.browser

ADDRESSES = {"fi": "kansalainen@example.fi", "en": "citizen@example.fi"}


@pytest.fixture(scope="module")
def mail_server(live_server, bilingual_site, django_db_blocker):
    """aiosmtpd receives the site's mails; links in them start with the live server's URL."""
    server = SMTPServer()
    server.start()
    mail_settings = override_settings(
        SITE_BASE_URL=live_server.url,
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=server.port,
        EMAIL_HOST_USER="",
        EMAIL_HOST_PASSWORD="",
        EMAIL_USE_TLS=False,
        EMAIL_USE_SSL=False,
        EMAIL_TIMEOUT=5,
    )
    mail_settings.enable()
    try:
        yield server
    finally:
        mail_settings.disable()
        server.stop()
        with django_db_blocker.unblock():
            Subscriber.objects.filter(email__in=ADDRESSES.values()).delete()
            connections.close_all()


def heading(page):
    return page.locator("main h1").inner_text().strip()


def assert_no_axe_violations(page, where):
    violations = axe_violations(page)
    assert not violations, format_violations(where, violations)


def unsubscribed_address(link):
    """The address an unsubscribe link (a signed, time-stamped token) is for."""
    return read_unsubscribe_token(urlsplit(link).path.rstrip("/").rsplit("/", 1)[-1])


def subscriber(address):
    subscribers = list(Subscriber.objects.filter(email=address))
    connections.close_all()  # see conftest.bilingual_site
    return subscribers


@pytest.mark.parametrize("language", ["fi", "en"])
def test_citizen_subscribes_from_the_home_page_confirms_from_the_mail_and_unsubscribes(
    page, site_url, live_server, mail_server, language
):
    def _(message):
        """What the citizen should see: Finnish on the Finnish pages, not the English msgid."""
        text = gettext_in(language, message)
        assert language == "en" or text != message, f"No Finnish for {message!r}"
        return text

    address = ADDRESSES[language]

    # The home page invites to subscribe; its link opens the form in the same language.
    page.goto(site_url(PAGES[f"home-{language}"].path))
    assert page.get_attribute("html", "lang") == language
    promo = page.locator("main .subscribe-promo")
    assert promo.locator("h2").inner_text() == _("Subscribe to our releases by e-mail")
    with page.expect_navigation():
        promo.get_by_role("link", name=_("Subscribe to releases")).click()
    assert page.url == site_url(PAGES[f"subscribe-{language}"].path)
    assert heading(page) == _("Subscribe to news releases by e-mail")

    # The language of the messages is the page's own until the citizen chooses otherwise.
    page.get_by_label(_("E-mail address")).fill(address)
    language_choice = page.locator(f"input[name=language][value={language}]")
    assert language_choice.is_checked()
    with page.expect_navigation():
        page.get_by_role("button", name=_("Subscribe"), exact=True).click()
    assert page.url == site_url(PAGES[f"subscribe-sent-{language}"].path)
    assert heading(page) == _("Check your e-mail")
    assert subscriber(address) == []

    # One mail, in the chosen language, whose links open on the site itself.
    [message] = [m for m in mail_server.messages if m["To"] == address]
    assert message["Subject"] == _(
        "Confirm your subscription: Pirkanmaa health and social services reform"
    )
    body = body_of(message)
    confirm_link = link_to(body, "confirm")
    unsubscribe_link = link_to(body, "unsubscribe")
    for link in (confirm_link, unsubscribe_link):
        assert link.startswith(live_server.url + "/"), link

    # Opening the link only asks: nothing is stored until the button is pressed.
    response = page.goto(confirm_link)
    assert response.status == 200
    assert page.get_attribute("html", "lang") == language
    assert heading(page) == _("Confirm your subscription")
    assert address in page.locator("main .lead").inner_text()
    assert subscriber(address) == []
    assert_no_axe_violations(page, f"the confirmation page ({language})")
    with page.expect_navigation():
        page.get_by_role("button", name=_("Confirm subscription")).click()
    assert heading(page) == _("Your subscription is confirmed")
    [confirmed] = subscriber(address)
    assert (confirmed.language, confirmed.release_types, confirmed.all_projects) == (
        language,
        [],
        True,
    )

    # The confirmation page offers to unsubscribe at once; the mail's link does the same.
    offered = page.get_by_role("link", name=_("Unsubscribe now")).get_attribute("href")
    assert unsubscribed_address(offered) == unsubscribed_address(unsubscribe_link) == address
    response = page.goto(unsubscribe_link)
    assert response.status == 200
    assert heading(page) == _("Unsubscribe from news releases")
    assert address in page.locator("main .lead").inner_text()
    assert len(subscriber(address)) == 1  # still subscribed until the button
    assert_no_axe_violations(page, f"the unsubscribe page ({language})")
    with page.expect_navigation():
        page.get_by_role("button", name=_("Unsubscribe"), exact=True).click()
    assert heading(page) == _("You have unsubscribed")
    assert subscriber(address) == []

    # No other mail was sent to the citizen along the way.
    assert [m["To"] for m in mail_server.messages].count(address) == 1
