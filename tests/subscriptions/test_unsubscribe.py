"""Unsubscribing: a page with one button, and POSTs (also RFC 8058 one-click) that delete."""

from django.core import mail
from django.test import Client

import pytest

from news.subscriptions.models import Delivery, Subscriber
from news.subscriptions.tokens import make_unsubscribe_token
from tests.core.helpers import get_html, gettext_in, parse_html, text_of
from tests.factories import SubscriberFactory

from .helpers import body_of, confirm, link_to, path_of, publish_release, subscribe, url_in

pytestmark = pytest.mark.django_db


def unsubscribe_path(address, language="en"):
    return url_in(language, "subscriptions:unsubscribe", make_unsubscribe_token(address))


def test_the_link_shows_a_page_with_one_button_and_unsubscribes_nobody(client, news_site):
    SubscriberFactory(email="lukija@example.fi")

    page = get_html(client, unsubscribe_path("lukija@example.fi"))

    assert page.h1.get_text() == "Unsubscribe from news releases"
    assert "lukija@example.fi" in text_of(page.select_one(".lead"))
    form = page.select_one("main form")
    assert form["method"] == "post"
    assert [text_of(button) for button in form.select("button")] == ["Unsubscribe"]
    assert Subscriber.objects.count() == 1


def test_the_button_deletes_the_subscriber_and_their_pending_mails(client, news_site):
    subscriber = SubscriberFactory(email="Lukija@example.fi", projects=[news_site.pirsote])
    publish_release(news_site.newsroom, projects=[news_site.pirsote])
    assert Delivery.objects.filter(subscriber=subscriber).count() == 1

    response = client.post(unsubscribe_path("lukija@example.fi"))

    assert response.status_code == 200
    assert parse_html(response).h1.get_text() == "You have unsubscribed"
    assert not Subscriber.objects.exists()
    assert not Delivery.objects.exists()
    assert not Subscriber.projects.through.objects.exists()


def test_a_mail_clients_one_click_post_works_without_a_csrf_token(news_site):
    SubscriberFactory(email="lukija@example.fi")
    client = Client(enforce_csrf_checks=True)

    response = client.post(
        unsubscribe_path("lukija@example.fi", "fi"),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 200
    assert not Subscriber.objects.exists()


def test_unsubscribing_only_deletes_the_links_own_address(client, news_site):
    SubscriberFactory(email="lukija@example.fi")
    SubscriberFactory(email="toinen@example.fi")

    client.post(unsubscribe_path("lukija@example.fi"))

    assert list(Subscriber.objects.values_list("email", flat=True)) == ["toinen@example.fi"]


def test_an_address_already_unsubscribed_gets_the_same_answer(client, news_site):
    SubscriberFactory(email="lukija@example.fi")
    first = client.post(unsubscribe_path("lukija@example.fi"))
    second = client.post(unsubscribe_path("lukija@example.fi"))

    assert first.status_code == second.status_code == 200
    assert first.content == second.content


@pytest.mark.parametrize("language", ["fi", "en"])
def test_a_tampered_link_gives_a_400_page_and_deletes_nothing(client, news_site, language):
    SubscriberFactory(email="lukija@example.fi")
    token = make_unsubscribe_token("lukija@example.fi")
    bad = token[:-1] + ("A" if token[-1] != "A" else "B")

    for method in (client.get, client.post):
        response = method(url_in(language, "subscriptions:unsubscribe", bad))
        assert response.status_code == 400
        page = parse_html(response)
        assert page.h1.get_text() == gettext_in(language, "The link does not work")
    assert Subscriber.objects.count() == 1


def test_the_link_in_a_confirmation_mail_unsubscribes_once_confirmed(client, news_site):
    subscribe(client, page_language="en")
    body = body_of(mail.outbox[0])
    confirm(client, path_of(link_to(body, "confirm")))
    assert Subscriber.objects.count() == 1

    client.post(path_of(link_to(body, "unsubscribe")))

    assert not Subscriber.objects.exists()
