"""Time one release mailed to N subscribers through a local SMTP sink; a benchmark, not a test.

    DEBUG=0 DATABASE_URL=postgres://.../scratch manage.py bench_release_mails --subscribers 10000

In the current database it creates N confirmed subscribers (half Finnish, half English)
and one live release, queues the release's mails as publishing does, starts an SMTP sink
(news/subscriptions/smtp_sink.py) in its own process, and runs `send_release_mails` in
another, so that the figures are the worker's alone: mails per second, seconds, CPU
seconds and peak memory. Then it deletes what it created and checks that every table
has as many rows as before. It refuses a database that has subscribers: they would be
mailed (to the sink), and their pending mails swallowed.
"""

import json
import os
import resource
import signal
import socket
import subprocess
import sys
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from wagtail.models import Page, PageLogEntry, Site

from news.models import NewsIndexPage, ReleasePage
from news.subscriptions.models import Delivery, Subscriber
from news.subscriptions.outbox import announce_release

BENCH_DOMAIN = "mailbench.invalid"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def row_counts():
    with connection.cursor() as cursor:
        counts = {}
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
            counts[table] = cursor.fetchone()[0]
        return counts


def resident_mb(pid):
    """The process's resident memory now, from /proc (Linux); None elsewhere."""
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        return None


def wait_with_usage(process, interval=0.5):
    """Wait for `process`: its own resource usage, and its memory sampled meanwhile."""
    samples = []
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            process.returncode = os.waitstatus_to_exitcode(status)
            return usage, samples
        if (resident := resident_mb(process.pid)) is not None:
            samples.append(resident)
        time.sleep(interval)


class Command(BaseCommand):
    help = (
        "Benchmark the release mails: N subscribers, one release, a local SMTP sink; "
        "prints mails/s, seconds, CPU seconds and peak memory, then cleans up."
    )

    def add_arguments(self, parser):
        parser.add_argument("--subscribers", type=int, default=10_000)

    def handle(self, *args, subscribers, **options):
        if Subscriber.objects.exists() or Delivery.objects.pending().exists():
            raise CommandError(
                "This database has subscribers or unsent mails; the benchmark would mail "
                "them. Run it on a scratch database (see the command's docstring)."
            )
        if settings.DEBUG:
            self.stderr.write("DEBUG is on: Django keeps every query. Set DEBUG=0.")
        before = row_counts()
        created = {}
        try:
            self.create_subscribers(subscribers)
            release = self.create_release(created)
            start = time.perf_counter()
            queued = announce_release(release)
            queue_seconds = time.perf_counter() - start
            self.stdout.write(f"Queued {queued} mails in {queue_seconds:.2f} s")
            self.run_sender(queued)
        finally:
            self.clean_up(created)
        after = row_counts()
        changed = {
            table: (before.get(table), rows)
            for table, rows in after.items()
            if rows != before.get(table)
        }
        if changed:
            self.stderr.write(f"Rows left behind (before, after): {changed}")
        else:
            self.stdout.write("Cleaned up: every table has as many rows as before.")

    def create_subscribers(self, count):
        now = timezone.now()
        Subscriber.objects.bulk_create(
            (
                Subscriber(
                    email=f"tilaaja{number}@{BENCH_DOMAIN}",
                    language=("fi", "en")[number % 2],
                    confirmed_at=now,
                    created_at=now,
                )
                for number in range(count)
            ),
            batch_size=1000,
        )

    def create_release(self, created):
        newsroom = NewsIndexPage.objects.first()
        if newsroom is None:
            site = Site.objects.filter(is_default_site=True).first()
            parent = site.root_page if site else Page.get_first_root_node()
            newsroom = parent.add_child(
                instance=NewsIndexPage(title="Uutishuone (mailbench)", slug="mailbench-news")
            )
            created["newsroom"] = newsroom
        now = timezone.now()
        with transaction.atomic():
            release = newsroom.add_child(
                instance=ReleasePage(
                    title_fi="Sote-keskukset avautuvat – mittaus",
                    title_en="Health centres open – benchmark",
                    intro_fi="Uudet sote-keskukset avautuvat Pirkanmaalla.",
                    intro_en="The new health and social services centres open in Pirkanmaa.",
                    slug=f"mailbench-{int(now.timestamp())}",
                    live=True,
                    first_published_at=now,
                    last_published_at=now,
                )
            )
        created["release"] = release
        return release

    def run_sender(self, queued):
        port = free_port()
        sink = subprocess.Popen(
            [sys.executable, "-m", "news.subscriptions.smtp_sink", str(port)],
            cwd=settings.BASE_DIR,
            stdout=subprocess.PIPE,
            text=True,
        )
        try:
            if sink.stdout.readline().strip() != "ready":
                raise CommandError("The SMTP sink did not start (is aiosmtpd installed?)")
            environment = {
                **os.environ,
                "DJANGO_SETTINGS_MODULE": settings.SETTINGS_MODULE,
                "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                "EMAIL_HOST": "127.0.0.1",
                "EMAIL_PORT": str(port),
                "EMAIL_HOST_USER": "",
                "EMAIL_HOST_PASSWORD": "",
                "EMAIL_USE_TLS": "0",
            }
            start = time.perf_counter()
            sender = subprocess.Popen(
                [sys.executable, "manage.py", "send_release_mails"],
                cwd=settings.BASE_DIR,
                env=environment,
            )
            usage, memory = wait_with_usage(sender)
            seconds = time.perf_counter() - start
        finally:
            sink.send_signal(signal.SIGTERM)
            report = sink.communicate(timeout=60)[0].strip()
        counts = json.loads(report.splitlines()[-1]) if report else {}
        cpu = usage.ru_utime + usage.ru_stime
        # ru_maxrss is in kilobytes on Linux.
        peak_mb = usage.ru_maxrss / 1024
        self.stdout.write(
            f"Sent {counts.get('messages', 0)} of {queued} mails in {seconds:.1f} s: "
            f"{counts.get('messages', 0) / seconds:.0f} mails/s\n"
            f"Sender: {cpu:.1f} CPU seconds ({usage.ru_utime:.1f} user, "
            f"{usage.ru_stime:.1f} system), peak RSS {peak_mb:.0f} MB, exit code "
            f"{sender.returncode}\n"
            f"Sender's memory over the run (MB): "
            f"{' → '.join(f'{mb:.0f}' for mb in memory[:: max(1, len(memory) // 8)])}\n"
            f"Sink: {counts.get('recipients', 0)} recipients, "
            f"{counts.get('message_ids', 0)} Message-IDs, "
            f"{counts.get('connections', 0)} SMTP connection(s)\n"
            f"This process: peak RSS "
            f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB"
        )

    def clean_up(self, created):
        Subscriber.objects.filter(email__endswith=f"@{BENCH_DOMAIN}").delete()
        pages = [page.pk for page in created.values()]
        for pk in pages:
            Page.objects.filter(pk=pk).delete()
        # Wagtail keeps the history of deleted pages; these pages never existed for anyone.
        PageLogEntry.objects.filter(page_id__in=pages).delete()
