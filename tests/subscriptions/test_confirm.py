"""Confirming (the button on the page the mailed link opens): stored then, only with a good link."""

import time
from unittest import mock

from django.core import mail

import pytest

from news.models import ReleaseType
from news.subscriptions.models import Choices, Subscriber
from news.subscriptions.tokens import make_confirm_token
from tests.core.helpers import get_html, gettext_in, text_of
from tests.factories import SubscriberFactory

from .helpers import body_of, confirm, link_to, path_of, subscribe, url_in

pytestmark = pytest.mark.django_db


def confirm_path(client, address="lukija@example.fi", **data):
    """Subscribe through the form and return the path of the link in the mail."""
    mail.outbox.clear()
    assert subscribe(client, address, **data).status_code == 302
    return path_of(link_to(body_of(mail.outbox[-1]), "confirm"))


def test_confirming_stores_the_subscriber_with_their_choices(client, news_site):
    path = confirm_path(
        client,
        page_language="en",
        release_types=["press-release"],
        projects=[str(news_site.pirsote.pk)],
    )

    page = confirm(client, path)

    subscriber = Subscriber.objects.get()
    assert subscriber.email == "lukija@example.fi"
    assert subscriber.language == "en"
    assert subscriber.release_types == ["press-release"]
    assert not subscriber.all_projects
    assert list(subscriber.projects.all()) == [news_site.pirsote]
    assert page.h1.get_text() == "Your subscription is confirmed"
    choices = text_of(page.select_one(".subscription-choices"))
    assert "Press release" in choices
    assert "Pirkanmaa Health and Social Services Centre of the Future (PirSOTE)" in choices
    assert page.select_one('meta[name="robots"]')["content"].startswith("noindex")


def test_a_subscriber_who_chose_nothing_gets_everything(client, news_site):
    confirm(client, confirm_path(client))

    subscriber = Subscriber.objects.get()
    assert subscriber.language == "fi"
    assert subscriber.release_types == []
    assert subscriber.all_projects


def test_confirming_again_updates_the_choices_of_the_one_subscriber(client, news_site):
    SubscriberFactory(email="lukija@example.fi", language="fi")
    path = confirm_path(client, "LUKIJA@example.fi", page_language="en", release_types=["article"])

    confirm(client, path)
    confirm(client, path)  # a second click changes nothing

    subscriber = Subscriber.objects.get()
    assert subscriber.language == "en"
    assert subscriber.release_types == ["article"]


def test_a_project_unpublished_since_the_mail_is_left_out(client, news_site):
    path = confirm_path(client, projects=[str(news_site.pirsote.pk), str(news_site.komas.pk)])
    news_site.komas.unpublish()

    confirm(client, path)

    assert list(Subscriber.objects.get().projects.all()) == [news_site.pirsote]


@pytest.mark.parametrize("language", ["fi", "en"])
def test_a_tampered_link_gives_a_400_page_in_the_pages_language(client, news_site, language):
    token = make_confirm_token("lukija@example.fi", Choices(language, [], []))
    payload, timestamp, signature = token.rsplit(":", 2)
    other_payload = make_confirm_token("toinen@example.fi", Choices(language, [], [])).split(":")[0]
    bad_signature = signature[:-1] + ("A" if signature[-1] != "A" else "B")

    for bad in (
        f"{other_payload}:{timestamp}:{signature}",
        f"{payload}:{timestamp}:{bad_signature}",
        "not-a-token",
        "x" * 5000,
    ):
        page = get_html(client, url_in(language, "subscriptions:confirm", bad), status=400)
        assert page.html["lang"] == language
        assert page.h1.get_text() == gettext_in(language, "The link does not work")
        assert page.title.get_text().startswith(gettext_in(language, "Error") + ": ")
    assert not Subscriber.objects.exists()


def test_an_expired_link_gives_a_410_page_and_stores_nothing(client, news_site, settings):
    eight_days_ago = time.time() - 8 * 24 * 60 * 60
    with mock.patch("django.core.signing.time.time", return_value=eight_days_ago):
        token = make_confirm_token("lukija@example.fi", Choices("en", [ReleaseType.ARTICLE], []))

    page = get_html(client, url_in("en", "subscriptions:confirm", token), status=410)

    assert page.h1.get_text() == "The link has expired"
    assert not Subscriber.objects.exists()
    # Within the week, the same kind of link works.
    settings.SUBSCRIPTIONS_CONFIRM_MAX_AGE = 9 * 24 * 60 * 60
    confirm(client, url_in("en", "subscriptions:confirm", token))
    assert Subscriber.objects.get().release_types == ["article"]


def test_an_unsubscribe_link_is_not_a_confirmation_link(client, news_site):
    subscribe(client)
    path = path_of(link_to(body_of(mail.outbox[0]), "unsubscribe"))
    token = path.rstrip("/").rsplit("/", 1)[1]

    get_html(client, url_in("fi", "subscriptions:confirm", token), status=400)

    assert not Subscriber.objects.exists()


def test_if_every_chosen_project_is_gone_the_subscriber_gets_everything_and_is_told(
    client, news_site
):
    path = confirm_path(client, page_language="en", projects=[str(news_site.komas.pk)])
    news_site.komas.unpublish()

    page = confirm(client, path)

    assert Subscriber.objects.get().all_projects
    assert "All releases, whatever their project" in text_of(
        page.select_one(".subscription-choices")
    )
