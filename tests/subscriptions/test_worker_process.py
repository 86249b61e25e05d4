"""The worker as operators run it: its own process, stopped or killed halfway, started again.

The worker reads the test database, so these tests commit their data (a transactional
database, restored afterwards) and need PostgreSQL: SQLite's test database lives in the
memory of the test process. Mails go to a real SMTP server (aiosmtpd) in this process,
which keeps each mail in flight for a few milliseconds so that a signal can land
halfway through the queue, and can hold its reply to one mail until the worker is killed.
"""

import collections
import os
import signal
import subprocess
import time
from pathlib import Path

from django.db import connection, transaction
from django.utils import timezone

import pytest

from news.subscriptions.models import Delivery, Subscriber

from .helpers import SMTPServer, publish_release

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

BASE_DIR = Path(__file__).resolve().parents[2]
VENV_PYTHON = BASE_DIR / ".venv" / "bin" / "python"
PYTHON = str(VENV_PYTHON) if VENV_PYTHON.exists() else "python"
SUBSCRIBERS = 200


@pytest.fixture(scope="module", autouse=True)
def _restore_migrated_data(django_db_setup, django_db_blocker):
    """Put back what the migrations created (the root page, the locales) at the end.

    pytest-django empties the database after a transactional test, and puts the data
    back only before the next such test: the tests that follow, and a later run with
    --reuse-db, would find no root page.
    """
    yield
    with django_db_blocker.unblock():
        if contents := getattr(connection, "_test_serialized_contents", None):
            connection.creation.deserialize_db_from_string(contents)


@pytest.fixture
def slow_smtp_server():
    server = SMTPServer(delay=0.005)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def queued_release(news_site):
    """A release queued for SUBSCRIBERS subscribers, committed for the worker to see."""
    Subscriber.objects.bulk_create(
        Subscriber(email=f"tilaaja{number}@example.fi", language=("fi", "en")[number % 2])
        for number in range(SUBSCRIBERS)
    )
    release = publish_release(news_site.newsroom)
    assert Delivery.objects.pending().count() == SUBSCRIBERS
    return release


def start_worker(smtp_server, *args):
    """`manage.py send_release_mails` in its own process, on the test database."""
    database = connection.settings_dict
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.subscriptions.worker_settings",
        "DATABASE_URL": (
            f"postgres://{database['USER']}@{database['HOST'] or '127.0.0.1'}:"
            f"{database['PORT'] or 5432}/{database['NAME']}"
        ),
        "TEST_SMTP_PORT": str(smtp_server.port),
    }
    return subprocess.Popen(
        [PYTHON, "manage.py", "send_release_mails", *args],
        cwd=BASE_DIR,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def wait_for(condition, timeout=30):
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("Timed out waiting")
        time.sleep(0.005)


def stop_halfway(smtp_server, sig):
    """Start a worker, send it `sig` once a quarter of the mails are out; its output."""
    worker = start_worker(smtp_server, "--loop", "--interval=60")
    try:
        wait_for(lambda: len(smtp_server.messages) >= SUBSCRIBERS // 4)
        worker.send_signal(sig)
        output = worker.communicate(timeout=30)[0]
    finally:
        if worker.poll() is None:
            worker.kill()
            worker.wait()
    return worker.returncode, output


def mails_by_recipient(smtp_server):
    return collections.Counter(message["To"] for message in smtp_server.messages)


def run_worker_until_all_sent(smtp_server):
    worker = start_worker(smtp_server, "--loop", "--interval=0.2")
    try:
        wait_for(lambda: not Delivery.objects.pending().exists())
        worker.send_signal(signal.SIGTERM)
        return worker.communicate(timeout=30)[0]
    finally:
        if worker.poll() is None:
            worker.kill()
            worker.wait()


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_a_worker_stopped_halfway_and_started_again_sends_each_subscriber_one_mail(
    queued_release, slow_smtp_server, sig
):
    returncode, output = stop_halfway(slow_smtp_server, sig)

    assert returncode == 0, output
    assert "Stopped on request" in output
    sent_before_restart = len(slow_smtp_server.messages)
    assert SUBSCRIBERS // 4 <= sent_before_restart < SUBSCRIBERS
    # The mail in flight when the signal came was finished and recorded: nothing more.
    assert Delivery.objects.filter(sent_at__isnull=False).count() == sent_before_restart

    worker = start_worker(slow_smtp_server)
    output = worker.communicate(timeout=60)[0]
    assert worker.returncode == 0, output

    assert set(mails_by_recipient(slow_smtp_server).values()) == {1}
    assert len(mails_by_recipient(slow_smtp_server)) == SUBSCRIBERS
    message_ids = {message["Message-ID"] for message in slow_smtp_server.messages}
    assert len(message_ids) == SUBSCRIBERS
    assert not Delivery.objects.pending().exists()


def kill_with_a_mail_in_flight(smtp_server, *, server_keeps_it):
    """Start a worker and SIGKILL it while the server holds its reply to a mail's DATA."""
    smtp_server.hold_reply(after=SUBSCRIBERS // 4, keep=server_keeps_it)
    worker = start_worker(smtp_server, "--loop", "--interval=60")
    try:
        assert smtp_server.holding.wait(timeout=30), "no mail reached the server"
        worker.kill()
        worker.wait(timeout=10)
    finally:
        if worker.poll() is None:
            worker.kill()
            worker.wait()
    # The server sees the connection close and gives the held mail up (or keeps it).
    wait_for(lambda: smtp_server.abandoned or len(smtp_server.messages) > SUBSCRIBERS // 4)
    return worker.returncode


def test_a_worker_killed_halfway_through_a_send_and_started_again_sends_each_mail_once(
    queued_release, slow_smtp_server
):
    """SIGKILL while the mail server has the mail but has not yet accepted it (no "250").

    Every mail accepted before was recorded sent, the one in flight was not, and a new
    worker sends it and the rest: nothing is lost, and no mail is accepted twice.
    """
    server = slow_smtp_server
    assert kill_with_a_mail_in_flight(server, server_keeps_it=False) == -signal.SIGKILL
    (in_flight,) = server.abandoned
    assert Delivery.objects.filter(sent_at__isnull=False).count() == len(server.messages)
    assert Delivery.objects.pending().filter(subscriber__email=in_flight["To"]).exists()

    # PostgreSQL may hold the killed worker's lock for a moment: keep running, as under
    # systemd's Restart=always, until every mail is out.
    run_worker_until_all_sent(server)

    received = mails_by_recipient(server)
    assert len(received) == SUBSCRIBERS
    assert set(received.values()) == {1}
    assert received[in_flight["To"]] == 1
    assert Delivery.objects.filter(sent_at__isnull=False).count() == SUBSCRIBERS


def test_a_mail_the_server_took_before_the_worker_died_comes_again_with_the_same_message_id(
    queued_release, slow_smtp_server
):
    """The window SMTP leaves: the server has taken the mail, the worker has not recorded it.

    A server that queues a mail before it replies, and delivers it even though the client
    never got the reply (RFC 1047), gets that one mail a second time from the next
    worker: SMTP cannot take a mail back nor say whether it has one. The copy has the same
    Message-ID, so that the receiving side can drop it; every other mail comes once.
    """
    server = slow_smtp_server
    assert kill_with_a_mail_in_flight(server, server_keeps_it=True) == -signal.SIGKILL
    in_flight = server.messages[-1]
    assert Delivery.objects.filter(sent_at__isnull=False).count() == len(server.messages) - 1

    run_worker_until_all_sent(server)

    received = mails_by_recipient(server)
    assert len(received) == SUBSCRIBERS
    assert [address for address, count in received.items() if count > 1] == [in_flight["To"]]
    assert received[in_flight["To"]] == 2
    copies = [message for message in server.messages if message["To"] == in_flight["To"]]
    assert len({message["Message-ID"] for message in copies}) == 1
    assert Delivery.objects.filter(sent_at__isnull=False).count() == SUBSCRIBERS


def test_a_second_worker_skips_the_mail_another_worker_holds_and_leaves_it_to_that_worker(
    queued_release, smtp_server
):
    held = Delivery.objects.order_by("pk")[SUBSCRIBERS // 2]
    with transaction.atomic():
        # As another worker does while the mail server takes its mail.
        Delivery.objects.select_for_update().get(pk=held.pk)
        worker = start_worker(smtp_server)
        output = worker.communicate(timeout=60)[0]
        assert worker.returncode == 0, output
        # The worker did not wait for the held mail.
        assert len(smtp_server.messages) == SUBSCRIBERS - 1
        Delivery.objects.filter(pk=held.pk).update(sent_at=timezone.now())

    assert held.subscriber.email not in mails_by_recipient(smtp_server)
    assert not Delivery.objects.pending().exists()
