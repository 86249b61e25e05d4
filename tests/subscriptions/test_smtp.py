"""End to end through a real SMTP server (aiosmtpd): subscribe, confirm, mail, unsubscribe."""

import io

from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

import pytest

from news.subscriptions.models import Delivery, Subscriber
from tests.factories import SubscriberFactory

from .helpers import (
    SMTPServer,
    body_of,
    confirm,
    link_to,
    path_of,
    publish_release,
    subscribe,
)

pytestmark = pytest.mark.django_db


def send_mails(*args):
    output = io.StringIO()
    call_command("send_release_mails", *args, stdout=output, stderr=output)
    return output.getvalue()


def test_from_the_form_to_one_release_mail_and_a_one_click_unsubscribe(
    client, news_site, smtp_server, smtp_settings
):
    response = subscribe(
        client,
        "lukija@example.fi",
        page_language="en",
        release_types=["press-release"],
        projects=[str(news_site.pirsote.pk)],
    )
    assert response.status_code == 302
    [confirmation] = smtp_server.messages
    assert confirmation["To"] == "lukija@example.fi"
    assert confirmation["From"] == smtp_settings.DEFAULT_FROM_EMAIL
    assert not Subscriber.objects.exists()

    confirm(client, path_of(link_to(body_of(confirmation), "confirm")))
    assert Subscriber.objects.get().email == "lukija@example.fi"

    release = publish_release(
        news_site.newsroom,
        title_en="New health centres open",
        projects=[news_site.pirsote],
    )
    publish_release(news_site.newsroom, release_type="blog-post", projects=[news_site.pirsote])
    publish_release(news_site.newsroom, projects=[news_site.komas])
    send_mails()

    assert len(smtp_server.messages) == 2
    release_mail = smtp_server.messages[1]
    # Made from the delivery, so that a copy sent again after a crash can be recognised.
    delivery = Delivery.objects.get(release=release)
    assert release_mail["Message-ID"] == f"<release-{release.pk}.mail-{delivery.pk}@testserver>"
    assert release_mail["To"] == "lukija@example.fi"
    assert release_mail["Subject"] == "Press release: New health centres open"
    assert release_mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    # The long header may be folded onto a second line: unfolded, it starts with a space.
    unsubscribe = release_mail["List-Unsubscribe"].strip().removeprefix("<").removesuffix(">")
    assert unsubscribe == link_to(body_of(release_mail), "unsubscribe")

    # What a mail client does for RFC 8058: a POST with no cookie and no CSRF token.
    response = Client(enforce_csrf_checks=True).post(
        path_of(unsubscribe),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert not Subscriber.objects.filter(email__iexact="lukija@example.fi").exists()
    assert not Delivery.objects.exists()


def test_mails_wait_while_the_smtp_server_is_down_and_go_out_once_when_it_is_back(
    news_site, smtp_server, smtp_settings
):
    SubscriberFactory(email="lukija@example.fi", language="fi")
    smtp_server.stop()
    publish_release(news_site.newsroom, title_fi="Sote-keskukset avautuvat – äö")

    with pytest.raises(CommandError, match="will be retried"):
        send_mails()

    delivery = Delivery.objects.get()
    assert delivery.sent_at is None
    assert delivery.attempts == 1
    assert "Connection" in delivery.last_error

    smtp_server.start()
    send_mails("--retry-now")
    send_mails("--retry-now")
    send_mails()

    [release_mail] = smtp_server.messages
    assert release_mail["To"] == "lukija@example.fi"
    assert release_mail["Subject"].endswith(": Sote-keskukset avautuvat – äö")
    delivery.refresh_from_db()
    assert delivery.sent_at is not None


def test_a_server_that_closes_connections_after_some_mails_gets_the_rest_on_new_ones(
    news_site, settings, smtp_settings
):
    # Some servers take only so many mails per connection, then answer 421 and hang up.
    server = SMTPServer(max_per_connection=2)
    server.start()
    settings.EMAIL_PORT = server.port
    try:
        SubscriberFactory.create_batch(5)
        publish_release(news_site.newsroom)

        send_mails()
    finally:
        server.stop()

    assert len({message["To"] for message in server.messages}) == 5
    assert len(server.messages) == 5
    assert server.connections == 3
    assert not Delivery.objects.exclude(attempts=0).exists()
    assert not Delivery.objects.pending().exists()
