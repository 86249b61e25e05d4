"""Sunset mode in the newsroom: the feeds end with a final item, the subscriptions close
(issue 15)."""

from django.core.management import call_command
from django.urls import reverse

import feedparser
import pytest

from news.subscriptions.models import Subscriber
from tests.core.helpers import parse_html, text_of, url_in

pytestmark = pytest.mark.django_db

COUNTY = "https://www.pirha.fi/"


def sunset():
    call_command("sunset", "--successor", COUNTY, "--name", "Pirha", "--date", "2022-12-31")


def feed(client, newsroom, language, kind):
    response = client.get(f"{url_in(newsroom, language)}{kind}/")
    assert response.status_code == 200
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    return parsed


@pytest.mark.parametrize("kind", ["rss", "atom"])
@pytest.mark.parametrize(
    ("language", "title"), [("fi", "Hanke on päättynyt"), ("en", "The project has ended")]
)
def test_the_feeds_end_with_one_final_item_pointing_to_the_successor(
    client, newsroom_site, kind, language, title
):
    newsroom = newsroom_site.newsroom
    before = [entry.link for entry in feed(client, newsroom, language, kind).entries]
    sunset()

    entries = feed(client, newsroom, language, kind).entries
    first = entries[0]
    assert first.title == title
    assert first.link == COUNTY
    assert "Pirha" in first.summary
    assert first.published_parsed[:3] == (2022, 12, 31) if kind == "rss" else True
    assert [entry.link for entry in entries[1:]] == before
    # One final item, with an id of its own that stays the same.
    again = feed(client, newsroom, language, kind).entries
    assert [entry.id for entry in again].count(first.id) == 1

    call_command("sunset", "--off")
    assert [entry.link for entry in feed(client, newsroom, language, kind).entries] == before


@pytest.mark.parametrize("language", ["fi", "en"])
def test_the_subscription_form_closes_with_an_explanation(client, newsroom_site, language):
    url = reverse("subscriptions:subscribe") if language == "fi" else "/en/subscribe/"
    sunset()

    page = client.get(url)
    assert page.status_code == 200
    html = parse_html(page)
    assert not html.select("form.subscription-form")
    assert "Pirha" in text_of(html.select_one("main"))

    sent = client.post(url, {"email": "tilaaja@example.fi", "language": language})
    assert sent.status_code == 410
    assert not Subscriber.objects.exists()

    home = parse_html(client.get("/" if language == "fi" else "/en/"))
    promo = home.select_one(".subscribe-promo")
    assert promo is None or not promo.select(f'a[href="{url}"]')
    assert not home.select(f'footer a[href="{url}"]')

    call_command("sunset", "--off")
    assert parse_html(client.get(url)).select("form.subscription-form")
    home = parse_html(client.get("/" if language == "fi" else "/en/"))
    assert home.select(f'footer a[href="{url}"]')
