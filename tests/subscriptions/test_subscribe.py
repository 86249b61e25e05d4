"""The subscription form: its page in both languages, the confirmation mail, bad input, limits."""

from django.core import mail
from django.utils import translation

import pytest

from news.subscriptions.models import Subscriber
from tests.core.helpers import get_html, gettext_in, parse_html, text_of
from tests.factories import ReformPageFactory, SiteSettingsFactory, SubscriberFactory

from .helpers import body_of, link_to, path_of, subscribe, subscribe_url, url_in

pytestmark = pytest.mark.django_db


def test_form_page_is_in_finnish_at_the_root_and_in_english_under_en(client, news_site):
    finnish = get_html(client, subscribe_url("fi"))
    english = get_html(client, subscribe_url("en"))

    assert subscribe_url("fi") == "/" + gettext_in("fi", "subscribe/")
    assert subscribe_url("en") == "/en/subscribe/"
    assert finnish.html["lang"] == "fi"
    assert english.html["lang"] == "en"
    assert english.h1.get_text() == "Subscribe to news releases by e-mail"
    # The language of the messages defaults to the page's.
    assert finnish.select_one('input[name="language"][checked]')["value"] == "fi"
    assert english.select_one('input[name="language"][checked]')["value"] == "en"
    # The language switcher leads to the same form in the other language.
    switcher = {a["hreflang"]: a["href"] for a in english.select(".language-switcher a")}
    assert switcher == {"fi": subscribe_url("fi")}


def test_form_groups_its_choices_with_legends_and_offers_the_live_projects(client, news_site):
    news_site.komas.live = False
    news_site.komas.save()

    page = get_html(client, subscribe_url("en"))

    legends = [text_of(legend) for legend in page.select("form fieldset > legend")]
    assert legends == [
        "Language of the messages",
        "Types of release (optional)",
        "Projects (optional)",
    ]
    email_input = page.select_one("#id_email")
    assert page.select_one('label[for="id_email"]').get_text() == "E-mail address"
    assert email_input["type"] == "email"
    assert email_input["autocomplete"] == "email"
    projects = [text_of(label) for label in page.select("#id_projects label")]
    assert projects == ["Pirkanmaa Health and Social Services Centre of the Future (PirSOTE)"]
    assert not page.select(".error-summary")
    assert page.title.get_text().startswith("Subscribe to news releases by e-mail")


def test_privacy_notice_says_what_is_stored_and_links_to_the_privacy_statement(client, news_site):
    page = get_html(client, subscribe_url("en"))
    notice = text_of(page.select_one(".subscription-privacy"))
    assert "We store your e-mail address" in notice
    assert "Nothing is stored until you confirm" in notice
    assert "7 days" in notice
    assert "link to unsubscribe" in notice
    assert not page.select_one(".subscription-privacy a")

    statement = ReformPageFactory(
        parent=news_site.home, title_fi="Tietosuojaseloste", title_en="Privacy statement"
    )
    site_settings = SiteSettingsFactory()
    site_settings.privacy_statement = statement
    site_settings.save()

    page = get_html(client, subscribe_url("en"))
    with translation.override("en"):
        statement_url = statement.url
    assert page.select_one(".subscription-privacy a")["href"] == statement_url


def test_subscribing_sends_one_confirmation_mail_and_stores_nothing(client, news_site, settings):
    response = subscribe(client, "Lukija@Example.FI")

    assert response.status_code == 302
    assert response["Location"] == url_in("fi", "subscriptions:sent")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["Lukija@example.fi"]
    assert message.from_email == settings.DEFAULT_FROM_EMAIL
    confirm = link_to(body_of(message), "confirm")
    assert confirm.startswith("http://testserver/")
    assert not Subscriber.objects.exists()

    page = get_html(client, response["Location"])
    assert page.h1.get_text() == gettext_in("fi", "Check your e-mail")


def test_confirmation_mail_is_in_the_language_chosen_not_the_pages(client, news_site):
    subscribe(client, page_language="fi", language="en")

    message = mail.outbox[0]
    assert message.subject == (
        "Confirm your subscription: Pirkanmaa health and social services reform"
    )
    body = body_of(message)
    assert path_of(link_to(body, "confirm")).startswith("/en/subscribe/confirm/")
    assert path_of(link_to(body, "unsubscribe")).startswith("/en/unsubscribe/")
    assert "Language of the messages: English" in body
    assert "Types of release: All types" in body


def test_the_page_answers_the_same_whether_or_not_the_address_is_subscribed(client, news_site):
    SubscriberFactory(email="tilaaja@example.fi")

    known = subscribe(client, "tilaaja@example.fi", page_language="en")
    unknown = subscribe(client, "uusi@example.fi", page_language="en")

    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert client.get(known["Location"]).content == client.get(unknown["Location"]).content
    # Only the mails, which go to the address's owner, tell the two apart.
    known_mail, unknown_mail = (body_of(message) for message in mail.outbox)
    assert "already subscribed" in known_mail
    assert "already subscribed" not in unknown_mail


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fi", "Syötä kelvollinen sähköpostiosoite."),
        ("en", "Enter a valid email address."),
    ],
)
def test_invalid_address_is_reported_in_the_pages_language(client, news_site, language, expected):
    response = subscribe(client, "ei-osoite", page_language=language)

    assert response.status_code == 200
    page = parse_html(response)
    assert page.title.get_text().startswith(gettext_in(language, "Error") + ": ")
    summary = page.select_one(".error-summary")
    assert summary.get("autofocus") is not None
    link = summary.select_one("a")
    assert link["href"] == "#id_email"
    assert expected in text_of(link)
    email_input = page.select_one("#id_email")
    assert email_input["aria-invalid"] == "true"
    assert "id_email_error" in email_input["aria-describedby"].split()
    assert expected in text_of(page.select_one("#id_email_error"))
    # What the visitor typed is still there to correct.
    assert email_input["value"] == "ei-osoite"
    assert not mail.outbox


def test_errors_in_a_group_of_checkboxes_point_to_its_fieldset(client, news_site):
    response = subscribe(client, page_language="en", release_types=["no-such-type"])

    page = parse_html(response)
    assert response.status_code == 200
    assert page.select_one(".error-summary a")["href"] == "#id_release_types_0"
    fieldset = page.select_one("#id_release_types_0").find_parent("fieldset")
    assert "id_release_types_error" in fieldset["aria-describedby"].split()
    assert text_of(page.select_one("#id_release_types_error")) == (
        "Error: This choice is not available. Choose one of the options."
    )
    assert all(box["aria-invalid"] == "true" for box in fieldset.select("input"))


HOSTILE_INPUTS = {
    "long address": {"email": "a" * 10_240 + "@example.fi"},
    "NUL in address": {"email": "lukija\x00@example.fi"},
    "long language": {"language": "x" * 10_240},
    "NUL in language": {"language": "f\x00i"},
    "unknown type": {"release_types": ["press-release", "gossip"]},
    "long type": {"release_types": ["x" * 10_240]},
    "unknown project": {"projects": ["999999"]},
    "project not a number": {"projects": ["abc"]},
    "NUL in project": {"projects": ["1\x00"]},
    "long project": {"projects": ["9" * 10_240]},
}


@pytest.mark.parametrize("data", HOSTILE_INPUTS.values(), ids=HOSTILE_INPUTS.keys())
def test_hostile_input_gives_a_field_error_never_a_server_error(client, news_site, data):
    response = subscribe(client, page_language="en", **data)

    assert response.status_code == 200
    page = parse_html(response)
    assert page.select(".error-summary li")
    # Messages never repeat the 10 kB value back.
    assert all(len(text_of(error)) < 200 for error in page.select(".field-error"))
    assert not mail.outbox
    assert not Subscriber.objects.exists()


def test_a_client_over_the_rate_limit_gets_429_and_keeps_what_it_typed(client, news_site, settings):
    settings.SUBSCRIPTIONS_RATE_LIMIT_PER_CLIENT = (5, 600)
    for number in range(5):
        assert subscribe(client, f"lukija{number}@example.fi").status_code == 302

    response = subscribe(
        client,
        "kuudes@example.fi",
        page_language="en",
        language="fi",
        release_types=["article"],
        projects=[str(news_site.pirsote.pk)],
    )

    assert response.status_code == 429
    assert response["Retry-After"] == "600"
    page = parse_html(response)
    assert page.title.get_text().startswith("Error: ")
    assert "too many times" in text_of(page.select_one(".error-summary"))
    assert page.select_one("#id_email")["value"] == "kuudes@example.fi"
    checked = {(box["name"], box["value"]) for box in page.select("input[checked]")}
    assert checked == {
        ("language", "fi"),
        ("release_types", "article"),
        ("projects", str(news_site.pirsote.pk)),
    }
    assert len(mail.outbox) == 5
    # Another client is not held back.
    other = subscribe(client, "kuudes@example.fi", ip="192.0.2.7")
    assert other.status_code == 302


def test_behind_a_proxy_clients_are_told_apart_by_the_configured_header(
    client, news_site, settings
):
    settings.SUBSCRIPTIONS_RATE_LIMIT_PER_CLIENT = (1, 600)
    settings.SUBSCRIPTIONS_CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    proxy = {"REMOTE_ADDR": "10.0.0.1"}

    def post(address, forwarded_for):
        data = {"email": address, "language": "fi"}
        return client.post(subscribe_url("fi"), data, HTTP_X_FORWARDED_FOR=forwarded_for, **proxy)

    assert post("eka@example.fi", "192.0.2.1").status_code == 302
    assert post("toka@example.fi", "192.0.2.2").status_code == 302
    # Only the proxy's own entry counts: a client cannot pass for another by prepending one.
    assert post("kolmas@example.fi", "203.0.113.9, 192.0.2.1").status_code == 429


def test_an_address_gets_only_a_few_confirmation_mails_whoever_asks(client, news_site, settings):
    settings.SUBSCRIPTIONS_RATE_LIMIT_PER_ADDRESS = (3, 3600)
    for number in range(3):
        response = subscribe(client, "uhri@example.fi", ip=f"192.0.2.{number}")
        assert response.status_code == 302

    response = subscribe(client, "UHRI@example.fi", page_language="en", ip="192.0.2.99")

    assert response.status_code == 429
    assert "several confirmation messages" in text_of(parse_html(response))
    assert len(mail.outbox) == 3


def test_chosen_types_and_projects_are_listed_in_the_confirmation_mail(client, news_site):
    subscribe(
        client,
        page_language="en",
        release_types=["press-release", "blog-post"],
        projects=[str(news_site.komas.pk)],
    )

    body = body_of(mail.outbox[0])
    assert "Types of release: Press release, Blog post" in body
    assert "Projects: Towards Regional Health and Social Services (KOMAS)" in body


def test_mail_server_down_while_subscribing_gives_503_and_keeps_the_form(
    client, news_site, settings
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = 9  # the discard port: nothing listens there
    settings.EMAIL_TIMEOUT = 2

    response = subscribe(client, "lukija@example.fi", page_language="en")

    assert response.status_code == 503
    page = parse_html(response)
    assert "could not send the confirmation message" in text_of(page.select_one(".error-summary"))
    assert page.select_one("#id_email")["value"] == "lukija@example.fi"
