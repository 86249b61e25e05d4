"""A project's page shows its latest releases and leads to the rest in the newsroom."""

import pytest

from tests.core.helpers import get_html, url_in
from tests.factories import ReleasePageFactory

pytestmark = pytest.mark.django_db


def release_links(document):
    return [a["href"] for a in document.select(".project-releases .compact-list__title a")]


def test_project_page_lists_its_live_releases(client, newsroom_site):
    ReleasePageFactory(parent=newsroom_site.newsroom, live=False, projects=[newsroom_site.komas])

    document = get_html(client, url_in(newsroom_site.komas, "en"))

    assert release_links(document) == [url_in(newsroom_site.article, "en")]
    assert document.select_one(".project-releases .more-link") is None


def test_project_page_shows_the_latest_three_and_links_to_the_rest(client, newsroom_site):
    site = newsroom_site
    newer = [
        ReleasePageFactory(parent=site.newsroom, projects=[site.komas], first_published_at=when)
        for when in (
            site.article.first_published_at.replace(year=2026),
            site.article.first_published_at.replace(year=2027),
            site.article.first_published_at.replace(year=2028),
        )
    ]

    document = get_html(client, url_in(site.komas, "fi"))

    assert release_links(document) == [url_in(release, "fi") for release in reversed(newer)]
    more = document.select_one(".project-releases .more-link a")
    assert more["href"] == url_in(site.newsroom, "fi") + "?project=komas"


def test_project_without_releases_has_no_releases_section(client, newsroom_site):
    newsroom_site.article.unpublish()

    document = get_html(client, url_in(newsroom_site.komas, "fi"))

    assert document.select_one(".project-releases") is None
