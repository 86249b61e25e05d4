"""Sunset mode's last mail, through a real SMTP server (aiosmtpd): exactly one per
subscriber, in their language, then the addresses are deleted (issue 15)."""

import io

from django.core.management import call_command

import pytest

from news.subscriptions.models import Subscriber
from tests.factories import SubscriberFactory

from .helpers import body_of

pytestmark = pytest.mark.django_db

COUNTY = "https://www.pirha.fi/"


def run_worker():
    output = io.StringIO()
    call_command("send_release_mails", stdout=output, stderr=output)
    return output.getvalue()


def sunset():
    call_command(
        "sunset",
        "--successor",
        COUNTY,
        "--name",
        "Pirkanmaan hyvinvointialue",
        "--name-en",
        "Pirkanmaa wellbeing services county",
        "--date",
        "2022-12-31",
    )


@pytest.fixture
def subscribers(news_site):
    return [
        SubscriberFactory(email="lukija@example.fi", language="fi"),
        SubscriberFactory(email="reader@example.fi", language="en"),
        SubscriberFactory(email="toinen@example.fi", language="fi"),
    ]


def test_nothing_is_sent_or_deleted_before_sunset_mode(subscribers, smtp_server, smtp_settings):
    run_worker()
    assert smtp_server.messages == []
    assert Subscriber.objects.count() == 3


def test_every_subscriber_gets_one_last_mail_in_their_language_and_is_deleted(
    subscribers, smtp_server, smtp_settings
):
    sunset()
    output = run_worker()
    run_worker()  # a second run finds nobody left

    assert "3 farewell" in output
    mails = {mail["To"]: mail for mail in smtp_server.messages}
    assert sorted(mails) == sorted(s.email for s in subscribers)
    assert len(smtp_server.messages) == 3
    finnish, english = body_of(mails["lukija@example.fi"]), body_of(mails["reader@example.fi"])
    assert "päättyi 31.12.2022" in finnish
    assert "Pirkanmaan hyvinvointialue: https://www.pirha.fi/" in finnish
    assert "ended on 31 December 2022" in english
    assert "Pirkanmaa wellbeing services county: https://www.pirha.fi/" in english
    assert "/en/" in english
    assert not Subscriber.objects.exists()

    # Switching sunset mode off brings back everything but the deleted addresses.
    call_command("sunset", "--off")
    run_worker()
    assert len(smtp_server.messages) == 3
    assert not Subscriber.objects.exists()


def test_with_the_mail_server_down_nobody_is_deleted_until_their_mail_is_sent(
    subscribers, smtp_server, smtp_settings
):
    sunset()
    smtp_server.stop()
    run_worker()
    assert Subscriber.objects.count() == 3

    smtp_server.start()
    run_worker()
    assert sorted(mail["To"] for mail in smtp_server.messages) == sorted(
        s.email for s in subscribers
    )
    assert not Subscriber.objects.exists()


def test_an_address_the_server_refuses_for_good_is_deleted_and_the_others_get_theirs(
    subscribers, smtp_server, smtp_settings
):
    smtp_server.refused.add("reader@example.fi")
    sunset()
    output = run_worker()

    assert sorted(mail["To"] for mail in smtp_server.messages) == [
        "lukija@example.fi",
        "toinen@example.fi",
    ]
    assert "Sent 2 farewell mail(s), 1 refused" in output
    # The privacy statement promises deletion; a mailbox that is gone does not hold it back.
    assert not Subscriber.objects.exists()
