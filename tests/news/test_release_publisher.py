"""A release names its publisher grammatically and leaves the publisher's story to the footer;
the media bank's breadcrumb ends with the media bank itself."""

from types import SimpleNamespace

import pytest

from tests.core.helpers import get_html, text_of, url_in
from tests.factories import NewsIndexPageFactory, ReleasePageFactory, SiteSettingsFactory

ABOUT = {
    "fi": "Pirkanmaan liitto julkaisee sote-hankkeiden tiedotteet.",
    "en": "The Council of Tampere Region publishes the releases.",
}


@pytest.fixture
def releases(home_page):
    SiteSettingsFactory(publisher_description_fi=ABOUT["fi"], publisher_description_en=ABOUT["en"])
    newsroom = NewsIndexPageFactory(parent=home_page)
    first = ReleasePageFactory(parent=newsroom)
    ReleasePageFactory(parent=newsroom)
    return SimpleNamespace(newsroom=newsroom, release=first)


@pytest.mark.parametrize("language", ["fi", "en"])
def test_a_release_leaves_the_publishers_description_to_the_footer(client, releases, language):
    document = get_html(client, url_in(releases.release, language))

    assert text_of(document).count(ABOUT[language]) == 1
    assert ABOUT[language] in text_of(document.select_one(".site-footer"))


@pytest.mark.parametrize(
    ("language", "heading"),
    [
        # The name in the nominative: "Lue lisää julkaisijalta Pirkanmaan liitto" was not Finnish.
        ("fi", "Muita tiedotteita: Pirkanmaan liitto"),
        ("en", "More releases from Council of Tampere Region"),
    ],
)
def test_the_publishers_other_releases_are_headed_grammatically(
    client, releases, language, heading
):
    document = get_html(client, url_in(releases.release, language))

    assert text_of(document.select_one("#publisher-releases-heading")) == heading


@pytest.mark.parametrize(
    ("language", "address", "current"),
    [("fi", "media/", "Mediapankki"), ("en", "media/", "Media bank")],
)
def test_the_media_banks_breadcrumb_ends_with_the_media_bank(
    client, releases, language, address, current
):
    newsroom_url = url_in(releases.newsroom, language)
    document = get_html(client, newsroom_url + address)

    items = document.select(".breadcrumbs li")
    assert text_of(items[-1]) == current
    assert items[-1].select_one('[aria-current="page"]') is not None
    assert items[-2].select_one("a")["href"] == newsroom_url
    assert len(document.select('.breadcrumbs [aria-current="page"]')) == 1


def test_the_newsroom_itself_is_still_the_current_breadcrumb(client, releases):
    document = get_html(client, url_in(releases.newsroom, "fi"))

    current = document.select('.breadcrumbs [aria-current="page"]')
    assert [text_of(item) for item in current] == [releases.newsroom.title]
