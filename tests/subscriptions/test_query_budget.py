"""The worker's cost per mail: one UPDATE, over one SMTP connection, however long the queue."""

import io

from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from news.subscriptions.models import Delivery, Subscriber

from .helpers import publish_release

pytestmark = pytest.mark.django_db


def add_subscribers(count):
    """`count` confirmed subscribers to every release, half of them in English."""
    first = Subscriber.objects.count()
    Subscriber.objects.bulk_create(
        Subscriber(email=f"tilaaja{first + number}@example.fi", language=("fi", "en")[number % 2])
        for number in range(count)
    )


def worker_statements():
    """Run the worker once; the SQL it ran, but the savepoints of each mail's transaction.

    In a test each transaction is a savepoint inside the test's; in production it is a
    BEGIN and a COMMIT, which Django does not log either. The cache is emptied first,
    as in a worker just started: Wagtail caches the sites' root paths there.
    """
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        call_command("send_release_mails", stdout=io.StringIO())
    return [q["sql"] for q in queries.captured_queries if "SAVEPOINT" not in q["sql"]]


def split_updates(statements):
    marks = [sql for sql in statements if sql.startswith('UPDATE "subscriptions_delivery"')]
    return marks, [sql for sql in statements if sql not in marks]


def test_a_ten_times_longer_queue_costs_only_one_update_per_extra_mail(
    news_site, smtp_server, smtp_settings
):
    add_subscribers(20)
    publish_release(news_site.newsroom, projects=[news_site.pirsote])
    short_queue = worker_statements()
    assert len(smtp_server.messages) == 20

    add_subscribers(180)
    publish_release(news_site.newsroom, release_type="article")
    long_queue = worker_statements()
    assert len(smtp_server.messages) == 20 + 200

    short_marks, short_reads = split_updates(short_queue)
    long_marks, long_reads = split_updates(long_queue)
    assert (len(short_marks), len(long_marks)) == (20, 200)
    # Reading the queue, the release and the site, and asking whether the project has ended
    # (sunset mode's farewell mails): the same few queries for 20 or 200 mails.
    assert len(long_reads) == len(short_reads)
    assert len(long_reads) <= 9
    assert not Delivery.objects.pending().exists()


def test_a_run_sends_all_its_mails_over_one_smtp_connection(news_site, smtp_server, smtp_settings):
    add_subscribers(30)
    publish_release(news_site.newsroom)
    publish_release(news_site.newsroom, release_type="article")

    call_command("send_release_mails", stdout=io.StringIO())

    assert len(smtp_server.messages) == 60
    assert smtp_server.connections == 1
