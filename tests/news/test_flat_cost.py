"""Pages, feeds, the search, the sitemap and the API cost the same with 10 releases and 1 000.

The site is built once for the module: a newsroom of 10 synthetic releases
(`generate_releases`), every address below measured in both languages, then 990 more releases
and every address measured again. Each measurement is an anonymous GET with a cold cache.
A count that differs is work that grows with the newsroom: a missing select_related or
prefetch_related, a listing that is not paginated in the database, or a lookup that scans
the releases (see the routing test at the end).
"""

from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, transaction
from django.db.models.signals import post_init
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from wagtail.models import Page

import pytest

from news.models import Keyword, ReleasePage
from tests.conftest import make_home_page
from tests.core.helpers import url_in
from tests.factories import (
    KeywordFactory,
    NewsIndexPageFactory,
    ProjectIndexPageFactory,
    ProjectPageFactory,
    ReleasePageFactory,
)

# The data is built by the module's fixture; pytest-django sets the test database up only
# for a session with database tests.
# One worker builds the module's releases once, rather than each worker its own copy.
pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("flat_cost")]

FEW, MANY = 10, 1000
LANGUAGES = ("fi", "en")


def addresses(newsroom, project):
    """{name: URL} of every kind of view whose cost must not grow, in both languages."""
    release = ReleasePage.objects.child_of(newsroom).order_by("-first_published_at").first()
    last_page = -(-ReleasePage.objects.child_of(newsroom).count() // newsroom.releases_per_page)
    keyword = Keyword.objects.filter(releases__isnull=False).first().slug
    year = release.first_published_at.year
    sitemap_pages = -(-Page.objects.filter(depth__gt=1).count() // 1000)
    urls = {}
    for language in LANGUAGES:
        room = url_in(newsroom, language)
        # A word of the newest release's title, so that the search has results.
        word = max(getattr(release, f"title_{language}").split(), key=len)
        prefix = "" if language == "fi" else "/en"
        search = "/haku/" if language == "fi" else "/en/search/"
        urls |= {
            f"home {language}": url_in(newsroom.get_parent(), language),
            f"release {language}": url_in(release, language),
            f"project page {language}": url_in(project, language),
            f"newsroom {language}": room,
            f"newsroom last page {language}": f"{room}?page={last_page}",
            f"newsroom by keyword {language}": f"{room}?keyword={keyword}",
            f"newsroom by type and year {language}": f"{room}?type=article&year={year}",
            f"rss {language}": f"{room}rss/",
            f"atom by project {language}": f"{room}atom/?project={project.acronym.lower()}",
            f"media bank {language}": f"{room}media/",
            f"search {language}": f"{search}?q={word}",
            f"search releases {language}": f"{search}?q={word}&type=release",
            f"sitemap {language}": f"/sitemap-{language}.xml?p={sitemap_pages}",
            f"api pages {language}": f"{prefix}/api/pages/?type=news.ReleasePage",
            f"api pages of newsroom {language}": f"{prefix}/api/pages/?child_of={newsroom.pk}",
        }
    urls["sitemap index"] = "/sitemap.xml"
    return urls


def generate_releases(count, seed):
    # The command refuses to run on settings that do not allow synthetic content.
    with override_settings(ALLOW_SYNTHETIC_CONTENT=True):
        call_command("generate_releases", count, seed=seed, verbosity=0)


class PageCounter:
    """How many page objects a request makes: a scan of the releases makes hundreds."""

    def __init__(self):
        self.count = 0

    def __call__(self, sender, **kwargs):
        if issubclass(sender, Page):
            self.count += 1


def measure(urls):
    client = Client()
    results = {}
    for name, url in urls.items():
        assert client.get(url).status_code == 200, url  # renditions, first-time work
        cache.clear()
        counter = PageCounter()
        post_init.connect(counter)
        try:
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
        finally:
            post_init.disconnect(counter)
        assert response.status_code == 200, url
        results[name] = {
            "queries": len(queries),
            "pages": counter.count,
            # The search's own matching queries (full-text on PostgreSQL, words elsewhere).
            "searches": sum("core_searchentry" in query["sql"] for query in queries),
        }
    return results


def explain_search(word, language="fi"):
    """PostgreSQL's plan of the site search's result query for `word`."""
    from wagtail.models import Site

    from pirsote.core.search.query import SearchQueryText, search

    results, _counts = search(
        SearchQueryText(word), language=language, site=Site.objects.get(is_default_site=True)
    )
    sql, params = results[:10].query.sql_with_params()
    with connection.cursor() as cursor:
        # Statistics as autovacuum keeps them after a bulk load.
        cursor.execute("ANALYZE core_searchentry")
        cursor.execute("EXPLAIN " + sql, params)
        return "\n".join(row[0] for row in cursor.fetchall())


@pytest.fixture(scope="module")
def costs(django_db_setup, django_db_blocker, tmp_path_factory):
    """{size: {view: {"queries": n, "pages": n}}} for FEW and MANY releases, built once."""
    from django.conf import settings

    media_root = settings.MEDIA_ROOT
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")
    with django_db_blocker.unblock(), transaction.atomic():
        home = make_home_page()
        projects = ProjectIndexPageFactory(parent=home)
        project = ProjectPageFactory(parent=projects, acronym="PirSOTE")
        ProjectPageFactory(parent=projects, acronym="KOMAS")
        newsroom = NewsIndexPageFactory(parent=home)
        KeywordFactory.create_batch(4)
        generate_releases(FEW, seed=1)
        urls = addresses(newsroom, project)
        few = measure(urls)
        generate_releases(MANY - FEW, seed=2)
        assert ReleasePage.objects.child_of(newsroom).count() == MANY
        many = measure(addresses(newsroom, project))
        rare = ReleasePageFactory(
            parent=newsroom, title_fi="Kuohuvaaraniemen terveysasema avautuu", live=False
        )
        rare.save_revision().publish()
        plan = explain_search("kuohuvaaraniemi") if connection.vendor == "postgresql" else ""
        transaction.set_rollback(True)
    settings.MEDIA_ROOT = media_root
    cache.clear()
    return {FEW: few, MANY: many, "plan": plan}


VIEWS = [
    "home",
    "release",
    "project page",
    "newsroom",
    "newsroom last page",
    "newsroom by keyword",
    "newsroom by type and year",
    "rss",
    "atom by project",
    "media bank",
    "search",
    "search releases",
    "sitemap",
    "api pages",
    "api pages of newsroom",
]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("view", VIEWS)
def test_query_count_is_the_same_with_10_and_1000_releases(costs, view, language):
    name = f"{view} {language}"

    assert costs[MANY][name]["queries"] == costs[FEW][name]["queries"], name


def test_sitemap_index_costs_the_same_with_10_and_1000_releases(costs):
    assert costs[MANY]["sitemap index"] == costs[FEW]["sitemap index"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_release_address_resolves_without_loading_its_siblings(costs, language):
    few, many = costs[FEW][f"release {language}"], costs[MANY][f"release {language}"]

    # The page itself, its parents and the few releases the page shows; never the thousand.
    assert many["pages"] == few["pages"]
    assert many["pages"] < 30


@pytest.mark.parametrize("language", LANGUAGES)
def test_search_runs_its_matching_query_twice_not_three_times(costs, language):
    # Once for the counts by type, once for the page of results: never a third count.
    assert costs[MANY][f"search {language}"]["searches"] == 2
    assert costs[MANY][f"search releases {language}"]["searches"] == 2


@pytest.mark.postgres
def test_search_matches_through_the_gin_index_among_a_thousand_releases(costs):
    plan = costs["plan"]

    assert "core_searchentry_vector_gin" in plan, plan
    assert "Seq Scan on core_searchentry" not in plan, plan
