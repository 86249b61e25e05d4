"""`generate_releases`: bulk synthetic releases, served, listed and found like real ones."""

import io
from collections import Counter

from django.core.management import CommandError, call_command

from wagtail.models import Page
from wagtail.search.backends import get_search_backend

import pytest

from news.models import ReleasePage
from pirsote.core.models import SearchEntry
from tests.core.helpers import get_html, text_of, url_in
from tests.search.helpers import result_titles, search

pytestmark = pytest.mark.django_db
COUNT = 25


@pytest.fixture(autouse=True)
def _synthetic_content_allowed(settings):
    settings.ALLOW_SYNTHETIC_CONTENT = True


def generate(count=COUNT, **options):
    """Run the command; return the releases it added, oldest id first."""
    before = set(ReleasePage.objects.values_list("pk", flat=True))
    call_command("generate_releases", count, stdout=io.StringIO(), **options)
    return list(ReleasePage.objects.exclude(pk__in=before).order_by("pk"))


def listed(document):
    return [a["href"] for a in document.select(".release-list .card__title a")]


@pytest.mark.parametrize("language", ["fi", "en"])
def test_generated_releases_are_served_in_both_languages(client, newsroom_site, language):
    releases = generate(seed=1)
    assert len(releases) == COUNT
    for release in releases:
        document = get_html(client, url_in(release, language))
        assert text_of(document.select_one("h1")) == getattr(release, f"title_{language}")


def test_generated_releases_are_listed_in_the_newsroom(client, newsroom_site):
    releases = generate(seed=2)
    newsroom_url = url_in(newsroom_site.newsroom, "fi")
    listed_urls = []
    page_number = 1
    while True:
        urls = listed(get_html(client, newsroom_url, data={"page": page_number}))
        listed_urls += urls
        if len(urls) < newsroom_site.newsroom.releases_per_page:
            break
        page_number += 1
    assert {url_in(release, "fi") for release in releases} <= set(listed_urls)
    assert len(listed_urls) == ReleasePage.objects.live().count()


def test_the_tree_stays_valid_and_slugs_unique_after_two_runs(newsroom_site):
    first = generate(seed=3)
    second = generate(seed=3)  # the same titles again: slugs must still differ
    assert len(first) == len(second) == COUNT
    assert all(problems == [] for problems in Page.find_problems())
    newsroom = Page.objects.get(pk=newsroom_site.newsroom.pk)
    assert newsroom.numchild == newsroom.get_children().count() == 3 + 2 * COUNT
    siblings = ReleasePage.objects.child_of(newsroom)
    for language in ("fi", "en"):
        slugs = Counter(
            getattr(page, f"slug_{language}") or page.slug_fi for page in siblings.iterator()
        )
        assert slugs.most_common(1)[0][1] == 1, f"repeated {language} slug"
        for page in first + second:
            parent_path = getattr(newsroom, f"url_path_{language}")
            expected = parent_path + getattr(page, f"slug_{language}") + "/"
            assert getattr(page, f"url_path_{language}") == expected


def test_generated_releases_are_bilingual_live_and_varied(newsroom_site):
    releases = generate(seed=4)
    assert all(release.live and release.first_published_at for release in releases)
    assert all(release.title_fi and release.title_en and release.intro_en for release in releases)
    assert all(release.body_fi and release.body_en for release in releases)
    assert len({release.release_type for release in releases}) > 1
    assert any(release.keywords.exists() for release in releases)
    assert any(release.projects.exists() for release in releases)
    years = {release.first_published_at.year for release in releases}
    assert len(years) > 1


def test_site_search_finds_a_generated_release(client, newsroom_site):
    release = generate(seed=5)[-1]
    for language in ("fi", "en"):
        title = getattr(release, f"title_{language}")
        # Words of five letters or more: an English stop word ("the", "in", "out") in the
        # query makes the site search find nothing at all (a bug of its own).
        query = " ".join(word for word in title.split() if len(word) >= 5)
        assert title in result_titles(search(client, query, language))


def test_bulk_index_writes_what_the_site_backend_writes(newsroom_site):
    release = generate(seed=6)[0]
    # Every column the backend writes, so that a field added to it is noticed here.
    fields = [field.attname for field in SearchEntry._meta.concrete_fields if not field.primary_key]

    def entries():
        return list(SearchEntry.objects.filter(page=release).order_by("language").values(*fields))

    bulk = entries()
    SearchEntry.objects.filter(page=release).delete()
    get_search_backend("site").add(ReleasePage.objects.get(pk=release.pk))
    assert bulk == entries()
    assert len(bulk) == 2


def test_no_index_leaves_the_site_search_alone(newsroom_site):
    releases = generate(count=3, no_index=True)
    assert not SearchEntry.objects.filter(page__in=releases).exists()


def test_refuses_production_settings(settings, newsroom_site):
    settings.DEBUG = False
    settings.ALLOW_SYNTHETIC_CONTENT = False
    with pytest.raises(CommandError, match="production settings"):
        call_command("generate_releases", 1, stdout=io.StringIO())
