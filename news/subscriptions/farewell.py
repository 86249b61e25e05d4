"""Sunset mode's last mail: each subscriber is told where to follow the work, in their
language, and their address is then deleted, as the privacy statement promises.

The mail worker (`send_release_mails`) sends them on every run while sunset mode is on
(pirsote.core.sunset). Each subscriber is locked, sent their mail and deleted in one
transaction: a second worker skips a subscriber another one holds, and a worker stopped
before the server accepted the mail leaves the subscriber for the next run. A mail the
server refuses for good (5xx) still ends the subscription: the address is deleted anyway.
The only window for a second copy is the moment between the server's acceptance and the
commit; the Message-ID is the same for both, so mail systems can tell.
"""

import logging
import smtplib
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import DatabaseError, transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.crypto import salted_hmac

from pirsote.core.absolute_urls import base_url
from pirsote.core.sunset import is_sunset, site_settings

from .models import Subscriber
from .outbox import MailConnection, describe_error, is_permanent

logger = logging.getLogger(__name__)


@dataclass
class FarewellResult:
    sent: int = 0
    refused: int = 0
    failed: bool = False


def message_id(subscriber):
    digest = salted_hmac("farewell", f"{subscriber.pk}:{subscriber.email}").hexdigest()[:24]
    domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2] or "localhost"
    return f"<farewell.{digest}@{domain}>"


def farewell_message(subscriber, site_settings):
    with translation.override(subscriber.language):
        language_prefix = "" if subscriber.language == settings.LANGUAGE_CODE else "/en"
        context = {
            "ended": site_settings.sunset_date,
            "successors": site_settings.successors,
            "home_url": f"{base_url()}{language_prefix}/",
        }
        subject = render_to_string("subscriptions/email/farewell_subject.txt", context)
        body = render_to_string("subscriptions/email/farewell_body.txt", context)
    return EmailMessage(
        subject=" ".join(subject.split()),
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[subscriber.email],
        headers={"Message-ID": message_id(subscriber)},
    )


def send_farewells(should_stop=lambda: False):
    """Send every remaining subscriber the last mail and delete them; nothing outside sunset
    mode. Stops at the first error that is not about one address (the server is down)."""
    result = FarewellResult()
    if not is_sunset():
        return result
    settings_now = site_settings()
    with MailConnection() as connection:
        while not should_stop():
            try:
                with transaction.atomic():
                    subscriber = (
                        Subscriber.objects.select_for_update(skip_locked=True)
                        .order_by("pk")
                        .first()
                    )
                    if subscriber is None:
                        break
                    try:
                        connection.send(farewell_message(subscriber, settings_now))
                        result.sent += 1
                    except smtplib.SMTPException as error:
                        if not is_permanent(error):
                            raise
                        logger.warning("Farewell mail refused for good: %s", describe_error(error))
                        result.refused += 1
                    subscriber.delete()
            except (smtplib.SMTPException, OSError, DatabaseError) as error:
                logger.warning("Farewell mails stopped, retried on the next run: %s", error)
                result.failed = True
                break
    if result.sent or result.refused:
        logger.info(
            "Sunset: %d farewell mail(s) sent, %d refused; those subscribers are deleted",
            result.sent,
            result.refused,
        )
    return result
