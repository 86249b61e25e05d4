"""Release mails: queued when a matching release first goes live, sent once by the worker."""

import datetime
import io
import smtplib
from unittest import mock

from django.core import mail
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from wagtail.models import PageViewRestriction

import pytest

from news.subscriptions.models import Delivery, ReleaseNotification
from tests.factories import SubscriberFactory

from .helpers import body_of, link_to, path_of, publish_release

pytestmark = pytest.mark.django_db

LOCMEM_SEND = "django.core.mail.backends.locmem.EmailBackend.send_messages"


def send_mails(*args):
    """Run the worker once; what it printed."""
    output = io.StringIO()
    call_command("send_release_mails", *args, stdout=output, stderr=output)
    return output.getvalue()


def test_a_matching_release_is_mailed_once_in_each_subscribers_language(client, news_site):
    finnish = SubscriberFactory(email="lukija@example.fi", language="fi")
    english = SubscriberFactory(
        email="reader@example.com",
        language="en",
        release_types=["press-release"],
        projects=[news_site.pirsote],
    )
    release = publish_release(
        news_site.newsroom,
        title_fi="Sote-keskukset avautuvat",
        title_en="Health centres open",
        intro_fi="Uudet sote-keskukset avautuvat.",
        intro_en="The new centres open.",
        projects=[news_site.pirsote],
    )

    assert Delivery.objects.filter(release=release).count() == 2
    assert not mail.outbox  # nothing is sent in the publishing request

    send_mails()

    by_address = {message.to[0]: message for message in mail.outbox}
    assert sorted(by_address) == sorted([english.email, finnish.email])
    english_mail, finnish_mail = by_address[english.email], by_address[finnish.email]
    assert english_mail.subject == "Press release: Health centres open"
    assert finnish_mail.subject.endswith(": Sote-keskukset avautuvat")
    english_body = body_of(english_mail)
    assert "The new centres open." in english_body
    with translation.override("en"):
        assert release.get_full_url() in english_body
        assert release.get_full_url().startswith("http://testserver/en/")
    with translation.override("fi"):
        assert release.get_full_url() in body_of(finnish_mail)
    for message, subscriber in ((english_mail, english), (finnish_mail, finnish)):
        unsubscribe = link_to(body_of(message), "unsubscribe")
        assert message.extra_headers["List-Unsubscribe"] == f"<{unsubscribe}>"
        assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert path_of(unsubscribe).startswith("/en/" if subscriber.language == "en" else "/")
    assert not Delivery.objects.filter(sent_at__isnull=True).exists()

    send_mails()
    assert len(mail.outbox) == 2


@pytest.mark.parametrize(
    "release_data",
    [
        {"release_type": "blog-post"},
        {"release_type": "press-release", "projects": "komas"},
        {"release_type": "press-release"},
    ],
    ids=["other type", "other project", "no project"],
)
def test_a_release_outside_the_subscribers_choices_is_not_mailed(news_site, release_data):
    SubscriberFactory(release_types=["press-release"], projects=[news_site.pirsote])
    if release_data.get("projects"):
        release_data = {**release_data, "projects": [news_site.komas]}

    release = publish_release(news_site.newsroom, **release_data)
    send_mails()

    assert not Delivery.objects.exists()
    assert not mail.outbox
    # The release was considered, and will not be considered again.
    assert ReleaseNotification.objects.get(release=release).recipient_count == 0


def test_editing_a_published_release_sends_nothing_more(news_site):
    SubscriberFactory()
    release = publish_release(news_site.newsroom)
    send_mails()
    assert len(mail.outbox) == 1

    release.title_fi = "Korjattu otsikko"
    release.save_revision().publish()
    release.unpublish()
    release.save_revision().publish()
    send_mails()

    assert len(mail.outbox) == 1
    assert Delivery.objects.count() == 1


def test_a_release_that_was_live_before_subscriptions_existed_is_not_mailed_when_edited(
    news_site,
):
    SubscriberFactory()
    release = publish_release(news_site.newsroom)
    ReleaseNotification.objects.all().delete()
    Delivery.objects.all().delete()

    release.save_revision().publish()
    send_mails()

    assert not mail.outbox


def test_a_scheduled_release_is_mailed_when_publish_scheduled_makes_it_live(news_site):
    SubscriberFactory(language="en")
    go_live = timezone.now() + datetime.timedelta(hours=1)
    release = publish_release(news_site.newsroom, go_live_at=go_live, title_en="Scheduled news")

    assert not release.live
    send_mails()
    assert not Delivery.objects.exists()
    assert not mail.outbox

    # An hour later: the scheduled revision is due.
    revision = release.latest_revision
    past = timezone.now() - datetime.timedelta(minutes=1)
    revision.approved_go_live_at = past
    revision.content["go_live_at"] = past.isoformat()
    revision.save()
    call_command("publish_scheduled", stdout=io.StringIO())
    release.refresh_from_db()
    assert release.live

    send_mails()
    assert [message.subject for message in mail.outbox] == ["Press release: Scheduled news"]


def test_a_release_behind_a_privacy_setting_is_not_mailed(news_site):
    SubscriberFactory()
    PageViewRestriction.objects.create(
        page=news_site.newsroom, restriction_type=PageViewRestriction.LOGIN
    )

    publish_release(news_site.newsroom)
    send_mails()

    assert not Delivery.objects.exists()
    assert not mail.outbox


def test_mails_of_a_release_unpublished_before_sending_wait_until_it_is_live_again(news_site):
    SubscriberFactory()
    release = publish_release(news_site.newsroom)
    release.unpublish()

    send_mails()
    assert not mail.outbox
    assert Delivery.objects.get().sent_at is None

    release.save_revision().publish()
    send_mails()
    assert len(mail.outbox) == 1


def test_a_failed_mail_stays_queued_with_back_off_and_is_sent_once_later(news_site, settings):
    settings.SUBSCRIPTIONS_RETRY_BASE_DELAY = 60
    SubscriberFactory()
    publish_release(news_site.newsroom)

    with (
        mock.patch(LOCMEM_SEND, side_effect=ConnectionRefusedError("refused")),
        pytest.raises(CommandError, match="1 mail"),
    ):
        send_mails()

    delivery = Delivery.objects.get()
    assert delivery.sent_at is None
    assert delivery.attempts == 1
    assert "ConnectionRefusedError" in delivery.last_error
    wait = delivery.next_attempt_at - timezone.now()
    assert datetime.timedelta(seconds=50) < wait <= datetime.timedelta(seconds=60)

    send_mails()  # not due yet
    assert not mail.outbox

    with (
        mock.patch(LOCMEM_SEND, side_effect=smtplib.SMTPServerDisconnected("gone")),
        pytest.raises(CommandError),
    ):
        send_mails("--retry-now")
    delivery.refresh_from_db()
    assert delivery.attempts == 2
    wait = delivery.next_attempt_at - timezone.now()
    assert datetime.timedelta(seconds=110) < wait <= datetime.timedelta(seconds=120)

    send_mails("--retry-now")
    send_mails("--retry-now")
    assert len(mail.outbox) == 1
    delivery.refresh_from_db()
    assert delivery.sent_at is not None


def test_the_server_being_down_stops_the_run_without_touching_the_other_mails(news_site):
    SubscriberFactory.create_batch(3)
    publish_release(news_site.newsroom)

    with (
        mock.patch(LOCMEM_SEND, side_effect=OSError("network unreachable")) as send,
        pytest.raises(CommandError),
    ):
        send_mails()

    assert send.call_count == 1
    assert sorted(Delivery.objects.values_list("attempts", flat=True)) == [0, 0, 1]


def test_a_refused_recipient_does_not_hold_back_the_others_and_is_given_up_in_the_end(
    news_site, settings
):
    settings.SUBSCRIPTIONS_MAX_ATTEMPTS = 2
    refused = SubscriberFactory(email="poistunut@example.fi")
    SubscriberFactory(email="lukija@example.fi")
    publish_release(news_site.newsroom)
    real_send = LocmemBackend.send_messages

    def refuse_one(backend, messages):
        if messages[0].to == [refused.email]:
            raise smtplib.SMTPRecipientsRefused({refused.email: (550, b"No such user")})
        return real_send(backend, messages)

    with mock.patch(LOCMEM_SEND, autospec=True, side_effect=refuse_one):
        with pytest.raises(CommandError, match="1 mail"):
            send_mails()
        assert [message.to for message in mail.outbox] == [["lukija@example.fi"]]
        with pytest.raises(CommandError, match="1 refused for good"):
            send_mails("--retry-now")
        send_mails("--retry-now")  # given up: not tried again

    delivery = Delivery.objects.get(subscriber=refused)
    assert delivery.last_error == "SMTPRecipientsRefused: 550 No such user"
    assert delivery.failed_at is not None
    assert delivery.sent_at is None
    assert delivery.attempts == 2
    assert len(mail.outbox) == 1


def test_the_worker_loop_sends_and_stops_after_its_runs(news_site):
    SubscriberFactory()
    publish_release(news_site.newsroom)

    send_mails("--loop", "--interval=0", "--max-runs=2")

    assert len(mail.outbox) == 1


def test_the_worker_loop_survives_a_failed_run(news_site):
    SubscriberFactory()
    publish_release(news_site.newsroom)

    with mock.patch(LOCMEM_SEND, side_effect=ConnectionRefusedError("refused")):
        output = send_mails("--loop", "--interval=0", "--max-runs=2")

    assert Delivery.objects.get().attempts == 1
    assert "could not be reached" in output


@pytest.mark.postgres
def test_workers_lock_the_mail_they_send_and_skip_the_ones_others_hold(news_site):
    SubscriberFactory()
    publish_release(news_site.newsroom)

    with CaptureQueriesContext(connection) as queries:
        send_mails()

    locking = [q["sql"] for q in queries.captured_queries if "FOR UPDATE" in q["sql"]]
    # One statement per mail: it marks the mail sent if it can lock it at once.
    [claim] = locking
    assert claim.startswith('UPDATE "subscriptions_delivery" SET "sent_at"')
    assert claim.endswith("FOR UPDATE SKIP LOCKED)")
