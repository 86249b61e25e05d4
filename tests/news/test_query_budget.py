"""The newsroom costs a fixed number of SQL queries, with 10 releases and with 500.

Measured for an anonymous visitor with a cold cache, every release with a listing image,
keywords and projects, unfiltered and filtered, in Finnish and in English:

    NewsIndexPage (10 cards a page, filters, media bank preview)    NEWSROOM_BUDGET
    ReleasePage (keywords, projects, contacts, images, 5 more)      RELEASE_BUDGET
    RSS feed (30 items)                                             FEED_BUDGET

A count that grows with the releases is a missing select_related or prefetch_related in
news/models.py or news/feeds.py: fix the query there. Raise a budget only knowingly.
"""

from unittest import mock

from wagtail.signal_handlers import disable_reference_index_auto_update

import pytest

from news.models import ReleasePage
from tests.core.helpers import queries_to_render, url_in
from tests.factories import (
    ImageFactory,
    KeywordFactory,
    NewsIndexPageFactory,
    ProjectIndexPageFactory,
    ProjectPageFactory,
    ReleaseContactFactory,
    ReleaseImageFactory,
    ReleasePageFactory,
)

pytestmark = pytest.mark.django_db

NEWSROOM_BUDGET = 24
RELEASE_BUDGET = 25
FEED_BUDGET = 16
FEW, MANY = 10, 500


@pytest.fixture(autouse=True)
def _no_search_indexing(settings, tmp_path):
    # Indexing hundreds of pages for search would only slow these tests down.
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {"BACKEND": "wagtail.search.backends.database", "AUTO_UPDATE": False}
    }
    settings.MEDIA_ROOT = tmp_path / "media"


def build_newsroom(home_page, count):
    projects = ProjectIndexPageFactory(parent=home_page)
    project = ProjectPageFactory(parent=projects, acronym="PirSOTE")
    newsroom = NewsIndexPageFactory(parent=home_page)
    keywords = KeywordFactory.create_batch(3)
    image = ImageFactory(free_for_media_use=True)
    # Validating each new page's slug against all its siblings makes building 500 quadratic;
    # the factory's slugs are unique anyway.
    skip_validation = mock.patch.object(ReleasePage, "full_clean", lambda *args, **kwargs: None)
    with disable_reference_index_auto_update(), skip_validation:
        releases = [
            ReleasePageFactory(
                parent=newsroom,
                listing_image=image,
                release_type=("press-release", "article", "blog-post")[number % 3],
            )
            for number in range(count)
        ]
    # Relations in bulk: hundreds of page saves would only slow the test down.
    ReleasePage.keywords.through.objects.bulk_create(
        ReleasePage.keywords.through(releasepage=release, keyword=keyword)
        for release in releases
        for keyword in keywords
    )
    ReleasePage.projects.through.objects.bulk_create(
        ReleasePage.projects.through(releasepage=release, projectpage=project)
        for release in releases
    )
    release = releases[0]
    ReleaseContactFactory(page=release)
    ReleaseImageFactory(page=release, image=image)
    return newsroom, release


@pytest.mark.parametrize("count", [FEW, MANY])
def test_newsroom_query_count_does_not_grow_with_releases(client, home_page, count):
    newsroom, release = build_newsroom(home_page, count)
    keyword = release.keywords.first().slug

    for language in ("fi", "en"):
        url = url_in(newsroom, language)
        filtered = f"{url}?keyword={keyword}&project=pirsote"
        assert queries_to_render(client, url) <= NEWSROOM_BUDGET
        assert queries_to_render(client, filtered) <= NEWSROOM_BUDGET
        assert queries_to_render(client, url_in(release, language)) <= RELEASE_BUDGET
        assert queries_to_render(client, url + "rss/") <= FEED_BUDGET
        assert queries_to_render(client, url + "atom/") <= FEED_BUDGET
