"""One representative address of every kind of page, in both languages: SQL and CPU per request.

A benchmark, not a test: `make bench` runs it on a database of its own with 10 and with
10 000 releases and prints how each kind of page grows with the data (docs/performance.md).

The addresses are picked from the data (the newest release, the keyword with the most
releases, the newsroom's last page, whatever the sitemap index and the API index link to).
Each is requested in-process with Django's test client: once to warm caches and renditions,
then `--repeat` times. Per request it reads the SQL queries and the time spent inside them
(a database execute wrapper) and the process's CPU time, which a busy machine disturbs much
less than wall time; the medians are reported. Then three more, each right after a bump of
the content version, as after a publish: "cold", with every cached fragment stale.

The core names no feature app: their models are looked up by label, and kinds whose app or
data is absent are reported as missing.
"""

import json
import re
import statistics
import time
from collections import Counter
from urllib.parse import urlencode, urlsplit

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.models import Count, Q
from django.test import Client
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation

from wagtail.models import Site

from pirsote.core import content_version
from pirsote.core.visibility import visible_pages

LANGUAGES = [code for code, _name in settings.LANGUAGES]
# Kinds in the order they are reported; (kind, language) identifies a row.
PAGE_KINDS = [
    ("home", None),
    ("section-index", "core.SectionIndexPage"),
    ("reform-page", "core.ReformPage"),
    ("newsroom", "news.NewsIndexPage"),
    ("newsroom-last-page", "news.NewsIndexPage"),
    ("newsroom-keyword", "news.NewsIndexPage"),
    ("release", "news.ReleasePage"),
    ("rss-feed", "news.NewsIndexPage"),
    ("atom-feed", "news.NewsIndexPage"),
    ("media-bank", "news.NewsIndexPage"),
    ("project-index", "projects.ProjectIndexPage"),
    ("project", "projects.ProjectPage"),
    ("service-model", "projects.ServiceModelPage"),
    ("goals", "projects.GoalIndexPage"),
    ("funding", "funding.FundingPage"),
]
OTHER_KINDS = [
    "open-data-json",
    "open-data-csv",
    "search-word",
    "search-10-words",
    "sitemap-index",
    "sitemap-first",
    "sitemap-last",
    "api-index",
    "api-releases",
]
SEARCH_WORD_LENGTH = 6
LONG_QUERY_WORDS = 10
# Warm-up CPU above which a kind is requested fewer times (a sitemap of 20 000 addresses).
SLOW_REQUEST_BUDGET_S = 6.0
# Requests measured after a content version bump (the first view after a publish).
COLD_REPEAT = 3


class QueryMeter:
    """Counts the queries run through the connection and the wall time spent in them."""

    def __init__(self):
        self.queries = 0
        self.seconds = 0.0

    def __call__(self, execute, sql, params, many, context):
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - start
            self.queries += 1


def measure_request(client, url):
    meter = QueryMeter()
    cpu = time.process_time()
    with connection.execute_wrapper(meter):
        response = client.get(url)
        body = b"".join(response.streaming_content) if response.streaming else response.content
    return {
        "status": response.status_code,
        "cpu_ms": (time.process_time() - cpu) * 1000,
        "sql_ms": meter.seconds * 1000,
        "queries": meter.queries,
        "bytes": len(body),
        "body": body,
    }


class Command(BaseCommand):
    help = (
        "Request one page of every kind in Finnish and English and report SQL queries, SQL "
        "time and CPU time per request; --save the figures and --compare two saved runs."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--repeat", type=int, default=5, help="measured requests per page after a warm-up"
        )
        parser.add_argument(
            "--cold",
            type=int,
            default=COLD_REPEAT,
            help="measured requests per page right after a content version bump",
        )
        parser.add_argument("--save", metavar="FILE", help="write the figures as JSON here")
        parser.add_argument("--label", help="what this run is, e.g. '10 releases'")
        parser.add_argument(
            "--compare",
            nargs=2,
            metavar=("BEFORE", "AFTER"),
            help="print how two saved runs differ instead of running",
        )

    def handle(self, *args, repeat, cold, save, label, compare, **options):
        if compare:
            self.print_comparison(*(load_run(path) for path in compare))
            return
        if settings.DEBUG:
            self.stderr.write("DEBUG is on: figures include the debug machinery's overhead.")
        repeat = max(1, repeat)
        # A failing page is reported with its status, not the end of the run.
        client = Client(raise_request_exception=False)
        rows = []
        for kind, language, url in representative_urls(client):
            if url is None:
                rows.append({"kind": kind, "language": language, "url": None, "status": None})
                continue
            warm = measure_request(client, url)
            times = repeat
            if warm["cpu_ms"] * repeat > SLOW_REQUEST_BUDGET_S * 1000:
                times = max(1, int(SLOW_REQUEST_BUDGET_S * 1000 // max(warm["cpu_ms"], 1)))
            samples = [measure_request(client, url) for _ in range(times)]
            # The first request after a publish: every fragment cached under the content
            # version is stale then, as if the page had never been asked for.
            cold_samples = []
            for _ in range(max(1, cold)):
                content_version.bump()
                cold_samples.append(measure_request(client, url))
            rows.append(
                {
                    "kind": kind,
                    "language": language,
                    "url": url,
                    "status": samples[-1]["status"],
                    "first_queries": warm["queries"],
                    "queries": statistics.median(s["queries"] for s in samples),
                    "cpu_ms": statistics.median(s["cpu_ms"] for s in samples),
                    "cold_queries": statistics.median(s["queries"] for s in cold_samples),
                    "cold_cpu_ms": statistics.median(s["cpu_ms"] for s in cold_samples),
                    "sql_ms": statistics.median(s["sql_ms"] for s in samples),
                    "bytes": samples[-1]["bytes"],
                    "repeats": times,
                }
            )
        run = {"meta": run_meta(label, repeat), "rows": rows}
        self.print_run(run)
        if save:
            with open(save, "w", encoding="utf-8") as file:
                json.dump(run, file, indent=1)

    def print_run(self, run):
        meta = run["meta"]
        self.stdout.write(
            f"\n{meta['label'] or 'bench'}: {meta['releases']} releases, {meta['pages']} pages, "
            f"{meta['database']}, {meta['settings']}, median of {meta['repeat']} after a warm-up"
        )
        self.stdout.write(
            f"{'kind':20} {'lang':4} {'status':>6} {'queries':>7} {'cpu ms':>8} {'sql ms':>8} "
            f"{'kB':>7} {'cold q':>6} {'cold cpu':>8}  url"
        )
        for row in run["rows"]:
            if row["url"] is None:
                self.stdout.write(f"{row['kind']:20} {row['language']:4} {'missing':>6}")
                continue
            self.stdout.write(
                f"{row['kind']:20} {row['language']:4} {row['status']:>6} {row['queries']:>7g} "
                f"{row['cpu_ms']:>8.1f} {row['sql_ms']:>8.1f} {row['bytes'] / 1024:>7.1f} "
                f"{row.get('cold_queries', 0):>6g} {row.get('cold_cpu_ms', 0):>8.1f}  "
                f"{row['url'][:70]}"
            )

    def print_comparison(self, before, after):
        self.stdout.write(
            f"\n{before['meta']['label']} → {after['meta']['label']} "
            f"({before['meta']['releases']} → {after['meta']['releases']} releases, "
            f"{after['meta']['database']}); x: after / before"
        )
        self.stdout.write(
            f"{'kind':20} {'lang':4} {'queries':>15} {'x':>5} {'cpu ms':>17} {'x':>6} "
            f"{'sql ms':>17} {'x':>6} {'cold cpu ms':>17} {'x':>6}"
        )
        earlier = {(row["kind"], row["language"]): row for row in before["rows"]}
        for row in after["rows"]:
            old = earlier.get((row["kind"], row["language"]))
            if not old or old["url"] is None or row["url"] is None:
                self.stdout.write(f"{row['kind']:20} {row['language']:4} {'missing':>15}")
                continue
            self.stdout.write(
                f"{row['kind']:20} {row['language']:4} "
                f"{old['queries']:>7g} → {row['queries']:<5g} {ratio(row, old, 'queries'):>5} "
                f"{old['cpu_ms']:>7.1f} → {row['cpu_ms']:<7.1f} {ratio(row, old, 'cpu_ms'):>6} "
                f"{old['sql_ms']:>7.1f} → {row['sql_ms']:<7.1f} {ratio(row, old, 'sql_ms'):>6} "
                f"{old.get('cold_cpu_ms', 0):>7.1f} → {row.get('cold_cpu_ms', 0):<7.1f} "
                f"{ratio(row, old, 'cold_cpu_ms'):>6}"
                + ("" if row["status"] == 200 else f"  status {row['status']}")
            )


def ratio(row, old, key):
    return f"{row[key] / old[key]:.1f}" if old.get(key) and key in row else "–"


def load_run(path):
    try:
        with open(path, encoding="utf-8") as file:
            return json.load(file)
    except (OSError, ValueError) as error:
        raise CommandError(f"Cannot read {path}: {error}") from error


def run_meta(label, repeat):
    release_model = _model("news.ReleasePage")
    return {
        "label": label,
        "date": timezone.now().isoformat(timespec="seconds"),
        "releases": release_model.objects.count() if release_model else 0,
        "pages": Site.objects.get(is_default_site=True).root_page.get_descendants().count() + 1,
        "database": f"{connection.vendor} {connection.settings_dict['NAME']}",
        "settings": settings.SETTINGS_MODULE,
        "repeat": repeat,
    }


def _model(label):
    try:
        return apps.get_model(label)
    except LookupError:
        return None


def representative_urls(client):
    """(kind, language, url or None) for every kind, in each language."""
    site = Site.objects.get(is_default_site=True)
    rows = []
    for language in LANGUAGES:
        with translation.override(language):
            rows += [(kind, language, url) for kind, url in _page_urls(site, language)]
            rows += [(kind, language, url) for kind, url in _other_urls(site, client, language)]
    # One sitemap index for every language.
    rows += _sitemap_urls(client)
    return rows


def _first(site, label, order=("path",)):
    model = _model(label)
    if model is None:
        return None
    return visible_pages(site, model).order_by(*order).first()


def _page_urls(site, language):
    newsroom = _first(site, "news.NewsIndexPage")
    urls = {"home": site.root_page.specific.url}
    for kind, label in PAGE_KINDS[1:]:
        if label != "news.NewsIndexPage":
            order = ("-first_published_at", "-pk") if kind == "release" else ("path",)
            page = _first(site, label, order)
            urls[kind] = page.url if page else None
    if newsroom is None:
        urls.update(
            dict.fromkeys([kind for kind, label in PAGE_KINDS if label == "news.NewsIndexPage"])
        )
    else:
        releases = visible_pages(site, _model("news.ReleasePage")).child_of(newsroom)
        last_page = max(1, -(-releases.count() // newsroom.releases_per_page))
        keyword = (
            _model("news.Keyword")
            .objects.annotate(count=Count("releases", filter=Q(releases__in=releases)))
            .order_by("-count", "slug")
            .first()
        )
        urls.update(
            {
                "newsroom": newsroom.url,
                "newsroom-last-page": f"{newsroom.url}?{urlencode({'page': last_page})}",
                "newsroom-keyword": (
                    f"{newsroom.url}?{urlencode({'keyword': keyword.slug})}" if keyword else None
                ),
                "rss-feed": newsroom.url + newsroom.reverse_subpage("rss"),
                "atom-feed": newsroom.url + newsroom.reverse_subpage("atom"),
                "media-bank": newsroom.url + newsroom.reverse_subpage("media_bank"),
            }
        )
    return [(kind, urls.get(kind)) for kind, _label in PAGE_KINDS]


def _reverse(name):
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


def _other_urls(site, client, language):
    urls = {
        "open-data-json": _reverse("funding:grants_json"),
        "open-data-csv": _reverse("funding:grants_csv"),
    }
    search = _reverse("search:search")
    words = common_words(site, language)
    urls["search-word"] = f"{search}?{urlencode({'q': words[0]})}" if search and words else None
    urls["search-10-words"] = (
        f"{search}?{urlencode({'q': ' '.join(words[:LONG_QUERY_WORDS])})}"
        if search and len(words) >= LONG_QUERY_WORDS
        else None
    )
    api_index = _reverse("pirsote_api:index")
    urls["api-index"] = api_index
    endpoints = {}
    if api_index:
        response = client.get(api_index)
        if response.status_code == 200:
            endpoints = response.json().get("endpoints", {})
    pages = endpoints.get("pages")
    urls["api-releases"] = (
        f"{_path(pages)}?{urlencode({'type': 'news.ReleasePage'})}"
        if pages and _model("news.ReleasePage")
        else None
    )
    rows = [(kind, urls.get(kind)) for kind in OTHER_KINDS if not kind.startswith("sitemap")]
    rows += [(f"api-{name}", _path(url)) for name, url in endpoints.items()]
    return rows


def _path(url):
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def common_words(site, language):
    """Words of the releases' titles (or of any page's), the most common first."""
    model = _model("news.ReleasePage") or _model("wagtailcore.Page")
    titles = visible_pages(site, model).values_list(f"title_{language}", "title")
    counts = Counter(
        word
        for translated, title in titles.iterator()
        for word in re.findall(rf"\w{{{SEARCH_WORD_LENGTH},}}", (translated or title).lower())
    )
    return [word for word, _count in counts.most_common()]


def _sitemap_urls(client):
    index = _reverse("sitemap")
    if index is None:
        return [("sitemap-index", "-", None)]
    rows = [("sitemap-index", "-", index)]
    response = client.get(index)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if b"<sitemapindex" in body:
        locs = [_path(loc) for loc in re.findall(r"<loc>([^<]+)</loc>", body.decode())]
        for language in LANGUAGES:
            mine = [loc for loc in locs if f"-{language}." in loc] or locs
            rows.append(("sitemap-first", language, mine[0] if mine else None))
            rows.append(("sitemap-last", language, mine[-1] if mine else None))
    return rows
