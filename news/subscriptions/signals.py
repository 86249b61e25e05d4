"""Releases going live queue their mails: Wagtail's page_published, from the admin or cron.

Wagtail sends page_published also when a future go-live is merely scheduled (the page
is then not live): announce_release() ignores those, and `publish_scheduled` sends the
signal again when the time comes.
"""

import logging

from django.db import DatabaseError, transaction

from wagtail.signals import page_published

from news.models import ReleasePage

from .outbox import announce_release

logger = logging.getLogger(__name__)


def queue_release_mails(sender, instance, **kwargs):
    try:
        # A savepoint: a failure here leaves the publishing transaction usable.
        with transaction.atomic():
            announce_release(instance)
    except DatabaseError:
        # Publishing must not fail because of the mails; the error is for the logs.
        logger.exception("Could not queue the subscriber mails of release %s", instance.pk)


def connect():
    page_published.connect(
        queue_release_mails, sender=ReleasePage, dispatch_uid="subscriptions_release_mails"
    )
