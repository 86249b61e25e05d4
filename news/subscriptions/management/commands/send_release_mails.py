"""Send the release mails that are due: once, or as a long-running worker with `--loop`.

In production two things run beside the web server:

* `manage.py publish_scheduled` every minute (cron or a systemd timer), which makes
  scheduled releases live; a release's first go-live queues its subscribers' mails.
* `manage.py send_release_mails --loop` as a long-running service (e.g. a systemd unit
  with `Restart=always`), which sends the queued mails every SUBSCRIPTIONS_WORKER_INTERVAL
  seconds. On SIGTERM or SIGINT (systemd stopping it, Ctrl-C) it finishes and records
  the mail in flight and exits; started again, it sends only the mails not yet sent.

Each run also sends the admin's queued password-reset mails (pirsote/core/staff_auth/reset.py).

Mails that fail (mail server down, connection refused, a temporary refusal) stay queued
and are tried again later with exponential back-off; `--retry-now` tries them at once.
Several workers may run: each mail is locked while it is being sent (on PostgreSQL), so
no mail is sent twice. A run sends all its mails over one SMTP connection. Run once
without `--loop`, the command exits with an error when any mail failed, so that cron or
a systemd timer reports it.
"""

import contextlib
import logging
import signal
import threading

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, close_old_connections, connection

from news.subscriptions.farewell import send_farewells
from news.subscriptions.outbox import send_due_deliveries
from pirsote.core.staff_auth.reset import send_password_reset_mails

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Send the release mails that are due to subscribers (once, or --loop as a worker)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--loop", action="store_true", help="Keep running, sending due mails at intervals."
        )
        parser.add_argument(
            "--interval",
            type=float,
            default=None,
            help="Seconds between runs with --loop (default SUBSCRIPTIONS_WORKER_INTERVAL).",
        )
        parser.add_argument(
            "--max-runs", type=int, default=None, help="With --loop, stop after this many runs."
        )
        parser.add_argument(
            "--retry-now",
            action="store_true",
            help="Try failed mails now instead of waiting for their next attempt time.",
        )
        parser.add_argument(
            "--limit", type=int, default=None, help="Send at most this many mails per run."
        )

    def handle(self, *args, **options):
        stop = threading.Event()
        with stop_on_signals(stop):
            if options["loop"]:
                self.loop(stop, options)
                return
            result = self.run_once(options["retry_now"], options["limit"], stop)
        if result.failed or result.given_up:
            raise CommandError(
                f"{result.failed} mail(s) could not be sent and will be retried; "
                f"{result.given_up} refused for good."
            )

    def loop(self, stop, options):
        interval = options["interval"]
        if interval is None:
            interval = settings.SUBSCRIPTIONS_WORKER_INTERVAL
        runs = 0
        retry_now = options["retry_now"]
        while not stop.is_set():
            # As Django does between requests: drop a connection that broke or aged
            # (never inside a transaction, such as a test's).
            if not connection.in_atomic_block:
                close_old_connections()
            try:
                self.run_once(retry_now, options["limit"], stop)
            except DatabaseError:
                # E.g. the database restarting: the next run reconnects.
                logger.exception("Sending release mails failed; trying again later")
            retry_now = False  # only the first run skips the back-off
            runs += 1
            if options["max_runs"] and runs >= options["max_runs"]:
                break
            stop.wait(interval)

    def run_once(self, retry_now, limit, stop):
        # The admin's password-reset mails go first: someone is waiting for each.
        resets_sent, resets_failed = send_password_reset_mails()
        if resets_sent or resets_failed:
            self.stdout.write(
                f"Sent {resets_sent} password reset mail(s); {resets_failed} failed and will "
                "be retried."
            )
        result = send_due_deliveries(retry_now=retry_now, limit=limit, should_stop=stop.is_set)
        if result.sent or result.failed or result.given_up:
            self.stdout.write(
                f"Sent {result.sent} release mail(s); {result.failed} failed and will be "
                f"retried; {result.given_up} given up."
            )
        # Sunset mode: every subscriber's last mail, then their address is deleted.
        farewells = send_farewells(should_stop=stop.is_set)
        if farewells.sent or farewells.refused:
            self.stdout.write(
                f"Sent {farewells.sent} farewell mail(s), {farewells.refused} refused; "
                "those subscribers are deleted."
            )
        if result.stopped_early or farewells.failed:
            self.stderr.write("The mail server could not be reached; the rest wait for later.")
        if result.interrupted:
            self.stdout.write("Stopped on request; the rest wait for the next run.")
        return result


@contextlib.contextmanager
def stop_on_signals(stop):
    """SIGTERM and SIGINT set `stop`: the worker finishes the mail in flight, then exits."""
    if threading.current_thread() is not threading.main_thread():
        # Only the main thread may handle signals (e.g. not a test's or a task's thread).
        yield
        return
    previous = {
        sig: signal.signal(sig, lambda *_args: stop.set())
        for sig in (signal.SIGTERM, signal.SIGINT)
    }
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
