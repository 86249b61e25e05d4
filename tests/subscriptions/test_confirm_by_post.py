"""Confirming takes a button press (POST), not a visit; links in mails are on SITE_BASE_URL.

A mail scanner that follows every link must not subscribe anyone, and the links must work
where the site really is: http://127.0.0.1:8000 in development, not the Site's `localhost`.
"""

import io
from pathlib import Path
from urllib.parse import urlsplit

from django.core import mail
from django.core.management import call_command
from django.test import Client

import pytest

from news.subscriptions.models import Choices, Subscriber
from news.subscriptions.tokens import make_confirm_token
from tests.core.helpers import get_html, gettext_in, parse_html, text_of, url_in
from tests.factories import SubscriberFactory

from .helpers import (
    body_of,
    confirm,
    link_to,
    path_of,
    publish_release,
    subscribe,
    subscribe_url,
)
from .helpers import url_in as url_of_view

pytestmark = pytest.mark.django_db

BASE_URL = "http://127.0.0.1:8000"
TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


def form_data(page):
    """The hidden fields of the page's POST form (its CSRF token)."""
    form = page.select_one("main form[method=post]")
    return {
        field["name"]: field.get("value", "") for field in form.select("input[type=hidden][name]")
    }


def test_the_link_in_a_real_mail_opens_a_page_whose_button_confirms(
    news_site, smtp_server, smtp_settings
):
    smtp_settings.SITE_BASE_URL = BASE_URL
    call_command("sync_site_url", stdout=io.StringIO())
    # A browser on the development server: CSRF checked, host and port as in the link.
    browser = Client(enforce_csrf_checks=True, HTTP_HOST="127.0.0.1:8000")
    form = get_html(browser, subscribe_url("en"))
    data = {**form_data(form), "email": "lukija@example.fi", "language": "en"}
    assert browser.post(subscribe_url("en"), data).status_code == 302

    [message] = smtp_server.messages
    body = body_of(message)
    link = link_to(body, "confirm")
    assert link.startswith(f"{BASE_URL}/en/subscribe/confirm/")
    assert link_to(body, "unsubscribe").startswith(f"{BASE_URL}/en/unsubscribe/")
    assert f"{BASE_URL}/" in body.splitlines()  # the signature's address of the site

    # Opening the link shows a button, and stores nothing: this is all a scanner does.
    response = browser.get(urlsplit(link).path)
    assert response.status_code == 200
    page = parse_html(response)
    assert page.h1.get_text() == "Confirm your subscription"
    assert "lukija@example.fi" in text_of(page.select_one(".lead"))
    assert [text_of(b) for b in page.select("main form button")] == ["Confirm subscription"]
    assert not Subscriber.objects.exists()
    # The page carries this visitor's CSRF token: never kept by a shared cache.
    cache_control = response["Cache-Control"]
    assert "private" in cache_control and "public" not in cache_control

    # A POST without the page's token (a forged form elsewhere) is refused.
    forged = Client(enforce_csrf_checks=True, HTTP_HOST="127.0.0.1:8000")
    assert forged.post(urlsplit(link).path).status_code == 403
    assert not Subscriber.objects.exists()

    page = confirm(browser, urlsplit(link).path)
    assert page.h1.get_text() == "Your subscription is confirmed"
    assert Subscriber.objects.get().language == "en"

    # The release mails the worker sends (no request there) link to the same address.
    release = publish_release(news_site.newsroom, title_en="New health centres open")
    call_command("send_release_mails", stdout=io.StringIO())
    release_mail = smtp_server.messages[-1]
    assert f"{BASE_URL}{url_in(release, 'en')}" in body_of(release_mail).split()
    assert release_mail["List-Unsubscribe"].strip().startswith(f"<{BASE_URL}/en/unsubscribe/")
    assert release_mail["Message-ID"].endswith("@127.0.0.1>")


def test_opening_a_link_changes_no_existing_subscription_until_the_button(client, news_site):
    SubscriberFactory(email="lukija@example.fi", language="fi")
    assert subscribe(client, page_language="en", release_types=["article"]).status_code == 302
    path = path_of(link_to(body_of(mail.outbox[-1]), "confirm"))

    page = get_html(client, path)
    client.head(path)

    subscriber = Subscriber.objects.get()
    assert (subscriber.language, subscriber.release_types) == ("fi", [])
    assert "Article" in text_of(page.select_one(".subscription-choices"))
    confirm(client, path)
    subscriber.refresh_from_db()
    assert (subscriber.language, subscriber.release_types) == ("en", ["article"])


@pytest.mark.parametrize("language", ["fi", "en"])
def test_pressing_the_button_of_a_bad_link_stores_nothing(client, news_site, language):
    token = make_confirm_token("lukija@example.fi", Choices(language, [], []))

    response = client.post(url_of_view(language, "subscriptions:confirm", token[:-2] + "xx"))

    assert response.status_code == 400
    assert parse_html(response).h1.get_text() == gettext_in(language, "The link does not work")
    assert not Subscriber.objects.exists()


@pytest.mark.parametrize("language", ["fi", "en"])
def test_the_home_page_and_the_footer_invite_to_subscribe(client, news_site, language):
    response = client.get(url_in(news_site.home, language))
    page = parse_html(response)
    form_url = url_of_view(language, "subscriptions:subscribe")

    promo = page.select_one("main .subscribe-promo")
    assert promo.h2.get_text() == gettext_in(language, "Subscribe to our releases by e-mail")
    assert promo.select_one("a")["href"] == form_url
    footer_links = {a["href"]: text_of(a) for a in page.select("footer nav a")}
    assert footer_links[form_url] == gettext_in(language, "Subscribe to releases by e-mail")
    # A link, not a form: the home page stays in the shared cache.
    assert "public" in response["Cache-Control"]


def test_the_core_templates_name_no_feature_app():
    for name in ("core/home_page.html", "components/site_footer.html", "base.html"):
        text = (TEMPLATES / name).read_text().lower()
        assert "subscri" not in text and "news" not in text, name
