"""Render every live page in both languages in-process and report time and SQL queries.

A benchmark, not a test: run it on the demo site (`make bench`) before and after a change.
"""

import statistics
import time

from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from wagtail.models import Page


class Command(BaseCommand):
    help = "Render every live page in Finnish and English and report timings and query counts."

    def add_arguments(self, parser):
        parser.add_argument(
            "--repeat", type=int, default=20, help="renders per page (default 20, at least 1)"
        )

    def handle(self, *args, repeat, **options):
        repeat = max(1, repeat)
        client = Client()
        urls = []
        for page in Page.objects.live().public().filter(depth__gt=1).specific():
            for language in ("fi", "en"):
                with translation.override(language):
                    urls.append(page.get_url())
        self.stdout.write(f"{'url':60} {'median ms':>10} {'p90 ms':>8} {'queries':>8}")
        for url in urls:
            client.get(url)  # warm up renditions and caches
            timings = []
            for _ in range(repeat):
                start = time.perf_counter()
                with CaptureQueriesContext(connection) as queries:
                    response = client.get(url)
                timings.append((time.perf_counter() - start) * 1000)
            p90 = statistics.quantiles(timings, n=10)[-1] if len(timings) > 1 else timings[0]
            self.stdout.write(
                f"{url[:60]:60} {statistics.median(timings):10.1f} {p90:8.1f} "
                f"{len(queries.captured_queries):8d}  {response.status_code}"
            )
