"""The outbox: a release going live queues one mail per matching subscriber; a worker sends.

Queueing happens in the publishing transaction, so that a release rolled back queues
nothing, and the ReleaseNotification row (one per release) makes a release queue mails
once however often it is published again.

Sending happens outside web requests, in `manage.py send_release_mails`. A run reads the
due deliveries a chunk at a time and sends them all over one SMTP connection, each in
its own transaction: the row is marked sent and locked (other workers skip it), the mail
is sent, and the transaction commits as soon as the server has accepted the mail. A
failure leaves the row pending with a later `next_attempt_at`.

What a worker stopped or killed at any moment leaves: every mail the server accepted
before is recorded sent, and nothing is lost. Stopped by SIGTERM, it finishes the mail in
flight first. Killed, its transaction dies with its database connection: the mail in
flight, whose claim was never committed, is sent by the next run, exactly once if the
server had not yet accepted it. The one window for a copy is between the server taking
the mail (its "250" reply to DATA, or the end of DATA for a server that queues before it
replies) and our COMMIT, one database round trip later: SMTP cannot take a mail back or
tell whether it has one. A committed "sending" mark would not shrink that window; it
would only choose between sending such a mail again and losing it, for a second commit
per mail. The copy carries the same Message-ID (ReleaseMailer.message_id), so that the
receiving side can drop it. Tested in tests/subscriptions/test_worker_process.py.
"""

import contextlib
import datetime
import logging
import smtplib
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import get_connection
from django.db import connection, transaction
from django.utils import timezone

from news.models import live_releases

from .mail import ReleaseMailer
from .models import Delivery, ReleaseNotification, Subscriber

logger = logging.getLogger(__name__)

QUEUE_BATCH_SIZE = 1000


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
        # A batch of rows at a time: not one model instance per subscriber at once.
        for start in range(0, len(subscriber_ids), QUEUE_BATCH_SIZE):
            Delivery.objects.bulk_create(
                [
                    Delivery(subscriber_id=pk, release=release, created_at=now, next_attempt_at=now)
                    for pk in subscriber_ids[start : start + QUEUE_BATCH_SIZE]
                ],
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
    # The mail server could not be reached: the rest wait for a later run.
    stopped_early: bool = False
    # Asked to stop (SIGTERM): the mail in flight was finished and recorded.
    interrupted: bool = False

    @property
    def tried(self):
        return self.sent + self.failed + self.given_up


class MailConnection:
    """One SMTP connection for a whole run: opened for the first mail, closed at the end.

    A server may close a connection that has carried mails (an idle timeout, a limit of
    mails per connection): the mail is then tried once more on a new connection. A
    connection that fails before carrying any mail means that the server is unwell, and
    the error goes to the caller.
    """

    def __init__(self):
        self.backend = get_connection()
        self.is_open = False
        self.carried = 0

    def open(self):
        self.backend.open()
        self.is_open = True
        self.carried = 0

    def close(self):
        if self.is_open:
            # A server gone away cannot take a QUIT; nothing is left unsent on the connection.
            with contextlib.suppress(smtplib.SMTPException, OSError):
                self.backend.close()
            self.is_open = False

    def send(self, message):
        if not self.is_open:
            self.open()
        try:
            self.backend.send_messages([message])
        except (smtplib.SMTPException, OSError) as error:
            if concerns_only_this_message(error) or not self.carried:
                raise
            logger.info("The mail server closed the connection (%s); reconnecting", error)
            self.close()
            self.open()
            self.backend.send_messages([message])
        self.carried += 1

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()


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
    delivery.save(
        update_fields=["sent_at", "attempts", "last_error", "next_attempt_at", "failed_at"]
    )


def due_in_chunks(now, chunk_size):
    """The due deliveries with their subscribers, read `chunk_size` at a time, in pk order.

    Rows are not locked here: Claim does that, one mail at a time. Memory holds one
    chunk, whatever the length of the queue.
    """
    # Releases unpublished or made private since they were queued wait, unsent (from the
    # next chunk on, when that happens during a run).
    due = (
        Delivery.objects.due(now)
        .filter(release__in=live_releases().values("pk"))
        .select_related("subscriber")
        .order_by("pk")
    )
    last_pk = 0
    while chunk := list(due.filter(pk__gt=last_pk)[:chunk_size]):
        yield chunk
        last_pk = chunk[-1].pk


class Claim:
    """Marks a delivery sent and locks it until the transaction ends; False if it is taken.

    One UPDATE: its subquery locks the row, skipping it when another worker holds it
    (on PostgreSQL), and checks that the mail is still due, not sent meanwhile. Use it
    in a transaction that sends the mail and then commits: the mark becomes visible
    only once the mail server has accepted the mail.

    The statement is written out once: building it with the ORM for every mail cost as
    much CPU as making the mail (measured with bench_release_mails).
    """

    def __init__(self, now):
        meta = Delivery._meta
        quote = connection.ops.quote_name
        table = quote(meta.db_table)
        pk = quote(meta.pk.column)
        sent_at, failed_at, next_attempt_at = (
            quote(meta.get_field(name).column)
            for name in ("sent_at", "failed_at", "next_attempt_at")
        )
        skip_locked = connection.features.has_select_for_update_skip_locked
        self.sql = (
            f"UPDATE {table} SET {sent_at} = %s WHERE {pk} IN ("
            f"SELECT {pk} FROM {table} WHERE {pk} = %s AND {sent_at} IS NULL"
            f" AND {failed_at} IS NULL AND {next_attempt_at} <= %s"
            f"{' FOR UPDATE SKIP LOCKED' if skip_locked else ''})"
        )
        self.now = connection.ops.adapt_datetimefield_value(now)

    def __call__(self, delivery):
        delivery.sent_at = timezone.now()
        sent_at = connection.ops.adapt_datetimefield_value(delivery.sent_at)
        with connection.cursor() as cursor:
            cursor.execute(self.sql, [sent_at, delivery.pk, self.now])
            return cursor.rowcount == 1


def send_due_deliveries(*, retry_now=False, limit=None, should_stop=None, chunk_size=200):
    """Send the pending mails that are due; `retry_now` makes every pending one due.

    All mails of a run go over one SMTP connection. Each is sent in its own transaction,
    committed as soon as the server has accepted it: a worker killed at any moment has
    recorded every mail but the one in flight. `should_stop()`, asked before each mail,
    ends the run early (the worker's SIGTERM handler).
    """
    now = timezone.now()
    if retry_now:
        Delivery.objects.pending().update(next_attempt_at=now)
    result = SendResult()
    mailer = ReleaseMailer()
    claim = Claim(now)
    with MailConnection() as mail_connection:
        for chunk in due_in_chunks(now, chunk_size):
            mailer.load_releases({delivery.release_id for delivery in chunk})
            for delivery in chunk:
                if limit is not None and result.tried >= limit:
                    return result
                if should_stop and should_stop():
                    result.interrupted = True
                    return result
                if not send_one(delivery, mailer, mail_connection, claim, now, result):
                    # The server is down or misconfigured: try again in a later run.
                    result.stopped_early = True
                    return result
    return result


def send_one(delivery, mailer, mail_connection, claim, now, result):
    """Send one delivery unless another worker has it; False when the server failed."""
    with transaction.atomic():
        if not claim(delivery):
            # Sent or being sent by another worker, or deleted with its subscriber.
            return True
        message = mailer.delivery_message(delivery)
        try:
            mail_connection.send(message)
        except (smtplib.SMTPException, OSError) as error:
            delivery.sent_at = None
            record_failure(delivery, error, now, result)
            return concerns_only_this_message(error)
        result.sent += 1
    return True
