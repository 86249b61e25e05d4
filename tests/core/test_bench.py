"""`bench_pages`: one page of every kind in both languages, picked from the data, measured."""

import io
import json

from django.core.management import call_command
from django.utils import translation

from wagtail.models import Site

import pytest

from news.models import ReleasePage
from pirsote.core.management.commands import bench_pages
from pirsote.core.visibility import visible_pages
from tests.factories import NewsIndexPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def bench_site(settings):
    """The demo site with 25 releases: every kind of page has an example, the newsroom 3 pages."""
    settings.ALLOW_SYNTHETIC_CONTENT = True
    call_command("load_initial_data", stdout=io.StringIO())
    call_command("generate_releases", total=25, seed=1, stdout=io.StringIO())
    return Site.objects.get(is_default_site=True)


def run_bench(tmp_path, name="run.json", **options):
    path = tmp_path / name
    output = io.StringIO()
    call_command("bench_pages", repeat=1, cold=1, save=str(path), stdout=output, **options)
    return json.loads(path.read_text()), output.getvalue()


def test_bench_measures_every_kind_of_page_in_both_languages(bench_site, tmp_path):
    run, output = run_bench(tmp_path, label="small")
    rows = {(row["kind"], row["language"]): row for row in run["rows"]}
    page_kinds = [kind for kind, _label in bench_pages.PAGE_KINDS]
    for language in ("fi", "en"):
        for kind in page_kinds + [
            kind for kind in bench_pages.OTHER_KINDS if kind != "sitemap-index"
        ]:
            row = rows[(kind, language)]
            assert row["status"] == 200, f"{kind} {language}: {row['url']} gave {row['status']}"
        for kind in page_kinds:
            row = rows[(kind, language)]
            assert row["first_queries"] > 0 and row["cpu_ms"] > 0, f"{kind} {language}"
            # Right after a publish every cached fragment is stale: never cheaper than warm.
            assert row["cold_queries"] >= row["queries"], f"{kind} {language}"
    assert rows[("sitemap-index", "-")]["status"] == 200
    assert all(row["status"] == 200 for row in run["rows"])
    assert run["meta"]["releases"] == ReleasePage.objects.count()
    assert "small: " in output

    # The addresses come from the data: the newest release, the newsroom's last page.
    newest = visible_pages(bench_site, ReleasePage).order_by("-first_published_at", "-pk").first()
    for language in ("fi", "en"):
        with translation.override(language):
            assert rows[("release", language)]["url"] == newest.url
            assert rows[("home", language)]["url"] == bench_site.root_page.url
        last_page = -(-visible_pages(bench_site, ReleasePage).count() // 10)
        assert rows[("newsroom-last-page", language)]["url"].endswith(f"?page={last_page}")


def test_compare_reports_growth_between_two_runs(settings, home_page, tmp_path):
    settings.ALLOW_SYNTHETIC_CONTENT = True
    NewsIndexPageFactory(parent=home_page)
    call_command("generate_releases", 5, seed=1, stdout=io.StringIO())
    run_bench(tmp_path, "before.json", label="before")
    call_command("generate_releases", 10, seed=2, stdout=io.StringIO())
    after, _output = run_bench(tmp_path, "after.json", label="after")
    output = io.StringIO()
    call_command(
        "bench_pages",
        compare=[str(tmp_path / "before.json"), str(tmp_path / "after.json")],
        stdout=output,
    )
    lines = output.getvalue().splitlines()
    assert "before → after (5 → 15 releases" in lines[1]
    reported = {tuple(line.split()[:2]) for line in lines[3:]}
    assert reported == {(row["kind"], row["language"]) for row in after["rows"]}
    # Kinds this small site has no page of are reported, not left out.
    assert any(line.split()[2:] == ["missing"] for line in lines[3:])
