"""The newsroom's cached fragments and feeds: read once, and never stale after a change.

The release cards, the filters, the counts, the feeds and a release's body are kept under
the content version (pirsote.core.content_version). A second view reads no release rows; a
publish, a correction or a renamed contact shows at the very next view, in both languages.
"""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import feedparser
import pytest

from tests.core.helpers import get_html, text_of, url_in
from tests.factories import ReleaseCorrectionFactory, ReleasePageFactory

pytestmark = pytest.mark.django_db


def _sql_of_request(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return [query["sql"] for query in queries]


def _card_titles(client, url):
    return [text_of(a) for a in get_html(client, url).select(".release-list .card__title a")]


@pytest.mark.parametrize("language", ["fi", "en"])
def test_a_second_view_of_the_newsroom_reads_no_release_rows_nor_counts_them(
    client, newsroom_site, language
):
    url = url_in(newsroom_site.newsroom, language)
    first = _sql_of_request(client, url)
    second = _sql_of_request(client, url)

    def reads_releases(sql):
        return "news_releasepage" in sql and "COUNT(" not in sql.upper()

    assert any(reads_releases(sql) for sql in first)
    assert len(second) < len(first)
    assert not any("COUNT(" in sql.upper() for sql in second)


@pytest.mark.parametrize("language", ["fi", "en"])
def test_a_published_release_is_on_the_newsroom_and_in_the_feeds_at_the_next_view(
    client, newsroom_site, language
):
    newsroom = newsroom_site.newsroom
    url = url_in(newsroom, language)
    rss, atom = f"{url}rss/", f"{url}atom/"
    before = _card_titles(client, url)
    count_before = text_of(get_html(client, url).select_one("#results-heading"))
    client.get(rss), client.get(atom)

    release = ReleasePageFactory(
        parent=newsroom,
        title_fi="Aivan uusi tiedote",
        title_en="A brand new release",
        first_published_at=timezone.now(),
    )
    title = release.title_fi if language == "fi" else release.title_en

    after = _card_titles(client, url)
    assert after[0] == title and after[1:] == before
    assert text_of(get_html(client, url).select_one("#results-heading")) != count_before
    for feed_url in (rss, atom):
        entries = feedparser.parse(client.get(feed_url).content).entries
        assert entries[0].title == title


def test_a_filtered_listing_counts_again_after_a_publish(client, newsroom_site):
    url = f"{url_in(newsroom_site.newsroom, 'fi')}?keyword=sote-keskus"
    assert len(_card_titles(client, url)) == 2

    ReleasePageFactory(
        parent=newsroom_site.newsroom,
        title_fi="Kolmas",
        keywords=[newsroom_site.centre],
        first_published_at=timezone.now(),
    )

    assert _card_titles(client, url)[0] == "Kolmas"
    assert "3" in text_of(get_html(client, url).select_one("#results-heading"))


def test_an_unpublished_release_leaves_the_listing_and_feed_at_the_next_view(client, newsroom_site):
    url = url_in(newsroom_site.newsroom, "en")
    title = newsroom_site.article.title_en
    assert title in _card_titles(client, url)
    client.get(f"{url}rss/")

    newsroom_site.article.unpublish()

    assert title not in _card_titles(client, url)
    entries = feedparser.parse(client.get(f"{url}rss/").content).entries
    assert title not in [entry.title for entry in entries]


def test_a_feed_asked_at_another_address_names_that_address(client, newsroom_site):
    url = url_in(newsroom_site.newsroom, "fi") + "atom/"
    plain = feedparser.parse(client.get(url).content)
    filtered = feedparser.parse(client.get(f"{url}?keyword=sote-keskus").content)

    assert plain.feed.title != filtered.feed.title
    assert len(filtered.entries) < len(plain.entries)
    assert client.get(url)["Content-Type"].startswith("application/atom+xml")


@pytest.mark.parametrize("language", ["fi", "en"])
def test_a_correction_and_a_renamed_contact_show_on_the_release_at_the_next_view(
    client, newsroom_site, language
):
    release = newsroom_site.press_release
    url = url_in(release, language)
    get_html(client, url)

    ReleaseCorrectionFactory(page=release, text_fi="Uusi korjaus", text_en="A new correction")
    release.save_revision().publish()
    newsroom_site.person.name = "Eeva Uusinimi"
    newsroom_site.person.save()

    page = get_html(client, url)
    expected = "Uusi korjaus" if language == "fi" else "A new correction"
    assert expected in text_of(page.select_one(".corrections"))
    assert "Eeva Uusinimi" in text_of(page.select_one(".release-contacts"))


def test_a_release_preview_shows_the_draft_not_the_cached_page(client, newsroom_site):
    release = newsroom_site.press_release
    get_html(client, url_in(release, "fi"))

    release.body_fi = [("paragraph", "<p>Luonnoksen kappale</p>")]
    response = release.make_preview_request()

    assert b"Luonnoksen kappale" in response.render().content
