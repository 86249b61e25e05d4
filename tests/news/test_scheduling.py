"""A release scheduled for later is nowhere public until `publish_scheduled` publishes it."""

import datetime

import pytest

from tests.core.helpers import get_html, text_of, url_in
from tests.factories import ReleasePageFactory
from tests.news.helpers import publish_scheduled_at

pytestmark = pytest.mark.django_db


@pytest.fixture
def scheduled_release(newsroom_site):
    release = ReleasePageFactory(
        parent=newsroom_site.newsroom,
        live=False,
        first_published_at=None,
        last_published_at=None,
        title_fi="Embargoitu tiedote",
        title_en="Embargoed release",
    )
    release.go_live_at = datetime.datetime.now(tz=datetime.UTC) + datetime.timedelta(hours=2)
    release.save_revision().publish()
    release.refresh_from_db()
    return release


def listed_titles(client, newsroom, language="fi"):
    document = get_html(client, url_in(newsroom, language))
    return [text_of(a) for a in document.select(".release-list .card__title a")]


def test_scheduled_release_is_not_public_before_go_live(client, newsroom_site, scheduled_release):
    assert not scheduled_release.live
    for language in ("fi", "en"):
        get_html(client, url_in(scheduled_release, language), status=404)
    assert "Embargoitu tiedote" not in listed_titles(client, newsroom_site.newsroom)
    other = get_html(client, url_in(newsroom_site.article, "fi"))
    assert "Embargoitu tiedote" not in text_of(other.select_one(".publisher-releases"))


def test_publish_scheduled_before_go_live_publishes_nothing(
    client, newsroom_site, scheduled_release
):
    publish_scheduled_at(scheduled_release.go_live_at - datetime.timedelta(minutes=1))

    get_html(client, url_in(scheduled_release, "fi"), status=404)


def test_scheduled_release_goes_public_at_go_live(client, newsroom_site, scheduled_release):
    moment = scheduled_release.go_live_at + datetime.timedelta(seconds=30)

    publish_scheduled_at(moment)

    document = get_html(client, url_in(scheduled_release, "en"))
    published = datetime.datetime.fromisoformat(
        document.select_one(".release__time time")["datetime"]
    )
    assert published == moment
    assert listed_titles(client, newsroom_site.newsroom, "en")[0] == "Embargoed release"


def test_editor_preview_of_a_scheduled_release_shows_it(admin_client, scheduled_release):
    response = admin_client.get(f"/admin/pages/{scheduled_release.pk}/view_draft/")

    assert response.status_code == 200
    assert "Embargoitu tiedote" in response.content.decode()
