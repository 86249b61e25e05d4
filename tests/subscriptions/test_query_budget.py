"""The worker's queries grow by a small constant per mail, whatever the releases and languages."""

import io

from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from tests.factories import SubscriberFactory

from .helpers import publish_release

pytestmark = pytest.mark.django_db

# Lock and read the next due mail with its subscriber and release; mark it sent.
QUERIES_PER_MAIL = 2


def queries_to_send_two_releases(news_site, new_subscribers):
    """Add subscribers in both languages, publish two releases, count the worker's queries."""
    for number in range(new_subscribers):
        SubscriberFactory(language=("fi", "en")[number % 2])
    publish_release(news_site.newsroom, projects=[news_site.pirsote])
    publish_release(news_site.newsroom, release_type="article")
    mail.outbox.clear()
    with CaptureQueriesContext(connection) as queries:
        call_command("send_release_mails", stdout=io.StringIO())
    # Each mail's transaction is a savepoint inside the test's; not a query of the worker.
    statements = [q["sql"] for q in queries.captured_queries if "SAVEPOINT" not in q["sql"]]
    return len(mail.outbox), len(statements)


def test_sending_more_mails_costs_only_the_queries_of_each_mail(news_site):
    few_mails, few_queries = queries_to_send_two_releases(news_site, 2)
    many_mails, many_queries = queries_to_send_two_releases(news_site, 4)

    assert (few_mails, many_mails) == (4, 12)
    assert many_queries - few_queries <= QUERIES_PER_MAIL * (many_mails - few_mails)
