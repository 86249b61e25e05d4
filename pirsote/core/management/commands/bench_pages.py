"""Render every live page and the search in both languages; report time and SQL queries.

A benchmark, not a test: run it on the demo site (`make bench`) before and after a change.
"""

import statistics
import time

from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode

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
        # The site search: a common word, and a ten-word query near the length limit.
        long_query = urlencode({"q": " ".join(["hyvinvointialueen", "sosiaalipalveluiden"] * 5)})
        for language, word in (("fi", "palvelu"), ("en", "services")):
            with translation.override(language):
                search_url = reverse("search:search")
            urls += [f"{search_url}?q={word}", f"{search_url}?{long_query}"]
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
