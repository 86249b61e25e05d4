"""The outbox: a release going live queues one mail per matching subscriber; a worker sends.

Queueing happens in the publishing transaction, so that a release rolled back queues
nothing, and the ReleaseNotification row (one per release) makes a release queue mails
once however often it is published again. Sending happens outside web requests, in
`manage.py send_release_mails`, one delivery per transaction: the row is locked (other
workers skip it), the mail is sent, and the row is marked sent in the same transaction.
A failure leaves the row pending with a later `next_attempt_at`.
"""

import contextlib
import datetime
import logging
import smtplib
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import get_connection
from django.db import transaction
from django.utils import timezone

from news.models import live_releases

from .mail import ReleaseMailer
from .models import Delivery, ReleaseNotification, Subscriber

logger = logging.getLogger(__name__)


def announce_release(release):
    """Queue the release's mails if this is its first time live; the number queued, or None.

    Call it when `release` has just been published. Edits of a live release, releases
    published again after being unpublished, and releases behind a privacy setting queue
    nothing.
    """
    first_time_live = release.first_published_at == release.last_published_at
    if not (release.live and first_time_live):
        return None
    if not live_releases().filter(pk=release.pk).exists():
        return None
    with transaction.atomic():
        notification, created = ReleaseNotification.objects.get_or_create(release=release)
        if not created:
            return None
        subscriber_ids = Subscriber.objects.matching_ids(release)
        now = timezone.now()
        Delivery.objects.bulk_create(
            [
                Delivery(subscriber_id=pk, release=release, created_at=now, next_attempt_at=now)
                for pk in subscriber_ids
            ],
            batch_size=500,
            ignore_conflicts=True,
        )
        notification.recipient_count = len(subscriber_ids)
        notification.save(update_fields=["recipient_count"])
    logger.info("Release %s queued for %d subscribers", release.pk, len(subscriber_ids))
    return len(subscriber_ids)


def concerns_only_this_message(error):
    """True when the server refused this message; other errors would fail every message."""
    return isinstance(error, (smtplib.SMTPRecipientsRefused, smtplib.SMTPDataError))


def is_permanent(error):
    """True for a 5xx refusal of this very message (RFC 5321): not worth many more tries."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _message in error.recipients.values())
    return isinstance(error, smtplib.SMTPDataError) and error.smtp_code >= 500


def retry_delay(attempts):
    """Exponential back-off: the base delay, doubled after each failure, up to a maximum."""
    delay = settings.SUBSCRIPTIONS_RETRY_BASE_DELAY * 2 ** min(attempts - 1, 30)
    return datetime.timedelta(seconds=min(delay, settings.SUBSCRIPTIONS_RETRY_MAX_DELAY))


@dataclass
class SendResult:
    sent: int = 0
    failed: int = 0
    given_up: int = 0
    stopped_early: bool = False


def describe_error(error):
    """The error for the delivery row and the log, without the recipient's address."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        code, message = next(iter(error.recipients.values()))
        return f"SMTPRecipientsRefused: {code} {message.decode(errors='replace')}"
    return f"{type(error).__name__}: {error}"


def record_failure(delivery, error, now, result):
    delivery.attempts += 1
    delivery.last_error = describe_error(error)[:500]
    delivery.next_attempt_at = now + retry_delay(delivery.attempts)
    if is_permanent(error) and delivery.attempts >= settings.SUBSCRIPTIONS_MAX_ATTEMPTS:
        delivery.failed_at = now
        result.given_up += 1
        logger.error("Delivery %s refused %d times; given up", delivery.pk, delivery.attempts)
    else:
        result.failed += 1
        logger.warning(
            "Delivery %s failed (attempt %d), next try at %s: %s",
            delivery.pk,
            delivery.attempts,
            delivery.next_attempt_at.isoformat(),
            delivery.last_error,
        )
    delivery.save(update_fields=["attempts", "last_error", "next_attempt_at", "failed_at"])


def send_due_deliveries(*, retry_now=False, limit=None):
    """Send the pending mails that are due; `retry_now` makes every pending one due."""
    now = timezone.now()
    if retry_now:
        Delivery.objects.pending().update(next_attempt_at=now)
    # Releases unpublished or made private since they were queued wait, unsent.
    due = (
        Delivery.objects.due(now)
        .filter(release__in=live_releases().values("pk"))
        .select_related("subscriber", "release")
        .order_by("next_attempt_at", "pk")
    )
    result = SendResult()
    mailer = ReleaseMailer()
    connection = get_connection()
    try:
        while limit is None or result.sent + result.failed + result.given_up < limit:
            with transaction.atomic():
                delivery = due.select_for_update(skip_locked=True, of=("self",)).first()
                if delivery is None:
                    break
                message = mailer.message(delivery.subscriber, delivery.release)
                message.connection = connection
                try:
                    message.send()
                except (smtplib.SMTPException, OSError) as error:
                    record_failure(delivery, error, now, result)
                    if not concerns_only_this_message(error):
                        # The server is down or misconfigured: try again in a later run.
                        result.stopped_early = True
                        break
                else:
                    delivery.sent_at = timezone.now()
                    delivery.save(update_fields=["sent_at"])
                    result.sent += 1
    finally:
        # A server gone away cannot take a QUIT; nothing is left unsent on the connection.
        with contextlib.suppress(smtplib.SMTPException, OSError):
            connection.close()
    return result
