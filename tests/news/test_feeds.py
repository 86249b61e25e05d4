"""RSS and Atom feeds: valid, live releases only, filtered like the listing, per language."""

import datetime

import feedparser
import pytest

from tests.core.helpers import url_in
from tests.factories import ReleasePageFactory
from tests.news.helpers import publish_scheduled_at

pytestmark = pytest.mark.django_db


def fetch(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return response, feed


@pytest.mark.parametrize("kind", ["rss", "atom"])
@pytest.mark.parametrize("language", ["fi", "en"])
def test_feed_holds_the_live_releases_with_absolute_links_and_dates(
    client, newsroom_site, kind, language
):
    site = newsroom_site
    ReleasePageFactory(parent=site.newsroom, live=False, title_fi="Luonnos")
    scheduled = ReleasePageFactory(parent=site.newsroom, live=False, first_published_at=None)
    scheduled.go_live_at = datetime.datetime.now(tz=datetime.UTC) + datetime.timedelta(days=1)
    scheduled.save_revision().publish()

    response, feed = fetch(client, f"{url_in(site.newsroom, language)}{kind}/")

    expected_type = "application/rss+xml" if kind == "rss" else "application/atom+xml"
    assert response["Content-Type"].startswith(expected_type)
    assert feed.version == ("rss20" if kind == "rss" else "atom10")
    assert feed.feed.language == language if kind == "rss" else True
    links = [entry.link for entry in feed.entries]
    assert links == [
        "http://testserver" + url_in(release, language)
        for release in (site.press_release, site.article, site.blog_post)
    ]
    first = feed.entries[0]
    published = first.published_parsed if kind == "rss" else first.updated_parsed
    assert published[:6] == (2025, 9, 4, 7, 4, 3)
    expected_title = {
        "fi": "Sote-hankkeet aloittavat hyvinvointialueella",
        "en": "The projects start in the wellbeing services county",
    }[language]
    assert first.title == expected_title


def test_atom_entries_carry_their_first_publication_time(client, newsroom_site):
    _, feed = fetch(client, url_in(newsroom_site.newsroom, "fi") + "atom/")

    assert feed.entries[0].published_parsed[:6] == (2025, 9, 4, 7, 4, 3)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("type=article", ["article"]),
        ("keyword=hyvinvointialue", ["press_release"]),
        ("project=komas", ["article"]),
        ("type=press-release&project=pirsote", ["press_release"]),
    ],
)
@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_feeds_per_type_keyword_and_project(client, newsroom_site, query, expected, kind):
    _, feed = fetch(client, f"{url_in(newsroom_site.newsroom, 'en')}{kind}/?{query}")

    assert [entry.link for entry in feed.entries] == [
        "http://testserver" + url_in(getattr(newsroom_site, name), "en") for name in expected
    ]


def test_keyword_feed_is_titled_by_its_keyword_in_the_feeds_language(client, newsroom_site):
    _, feed = fetch(client, url_in(newsroom_site.newsroom, "en") + "rss/?keyword=sote-keskus")

    assert feed.feed.title.endswith(": Health centre")
    assert feed.feed.link == "http://testserver/en/newsroom/?keyword=sote-keskus"


def test_entries_are_categorised_by_type_and_keywords(client, newsroom_site):
    _, feed = fetch(client, url_in(newsroom_site.newsroom, "en") + "rss/?type=article")

    assert {tag.term for tag in feed.entries[0].tags} == {"Article", "Health centre"}


@pytest.mark.parametrize("query", ["type=nonsense", "keyword=%00", "year=" + "9" * 5000])
def test_malformed_feed_filters_give_the_whole_feed(client, newsroom_site, query):
    _, feed = fetch(client, f"{url_in(newsroom_site.newsroom, 'fi')}rss/?{query}")

    assert len(feed.entries) == 3


def test_scheduled_release_enters_the_feed_when_published(client, newsroom_site):
    scheduled = ReleasePageFactory(
        parent=newsroom_site.newsroom, live=False, first_published_at=None, title_fi="Ajastettu"
    )
    scheduled.go_live_at = datetime.datetime.now(tz=datetime.UTC) + datetime.timedelta(hours=1)
    scheduled.save_revision().publish()
    feed_url = url_in(newsroom_site.newsroom, "fi") + "rss/"
    assert "Ajastettu" not in [entry.title for entry in fetch(client, feed_url)[1].entries]

    publish_scheduled_at(scheduled.go_live_at + datetime.timedelta(minutes=1))

    titles = [entry.title for entry in fetch(client, feed_url)[1].entries]
    assert titles[0] == "Ajastettu"
