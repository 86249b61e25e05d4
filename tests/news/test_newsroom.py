"""The newsroom listing: newest first, filters that combine, clean addresses, bad input."""

import datetime

import pytest

from tests.core.helpers import get_html, gettext_in, text_of, url_in
from tests.factories import ImageFactory, MediaVideoFactory, ReleasePageFactory

pytestmark = pytest.mark.django_db


def listed(document):
    return [a["href"] for a in document.select(".release-list .card__title a")]


def robots(document):
    meta = document.select_one('meta[name="robots"]')
    return meta["content"] if meta else ""


@pytest.mark.parametrize("language", ["fi", "en"])
def test_newsroom_lists_live_releases_newest_first(client, newsroom_site, language):
    site = newsroom_site
    ReleasePageFactory(parent=site.newsroom, live=False, title_fi="Luonnos")

    document = get_html(client, url_in(site.newsroom, language))

    assert listed(document) == [
        url_in(site.press_release, language),
        url_in(site.article, language),
        url_in(site.blog_post, language),
    ]
    assert document.html["lang"] == language
    assert robots(document) == ""


def test_card_shows_type_and_finnish_time(client, newsroom_site):
    document = get_html(client, url_in(newsroom_site.newsroom, "fi"))

    first = document.select_one(".release-list .release-card")

    assert text_of(first.select_one(".release-card__meta")) == "4.9.2025 10.04 EEST | Tiedote"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("type=article", ["article"]),
        ("type=press-release", ["press_release"]),
        ("keyword=sote-keskus", ["press_release", "article"]),
        ("keyword=hyvinvointialue", ["press_release"]),
        ("project=komas", ["article"]),
        ("year=2024", ["blog_post"]),
        ("year=2025&keyword=sote-keskus", ["press_release", "article"]),
        ("year=2025&keyword=sote-keskus&project=pirsote", ["press_release"]),
        ("type=blog-post&keyword=sote-keskus", []),
    ],
)
def test_filters_combine(client, newsroom_site, query, expected):
    document = get_html(client, f"{url_in(newsroom_site.newsroom, 'fi')}?{query}")

    assert listed(document) == [url_in(getattr(newsroom_site, name), "fi") for name in expected]


def test_one_filter_is_indexable_and_a_combination_is_not(client, newsroom_site):
    base = url_in(newsroom_site.newsroom, "fi")

    assert robots(get_html(client, f"{base}?keyword=sote-keskus")) == ""
    assert "noindex" in robots(get_html(client, f"{base}?keyword=sote-keskus&year=2025"))


def test_empty_filters_from_the_form_redirect_to_a_clean_address(client, newsroom_site):
    base = url_in(newsroom_site.newsroom, "en")

    response = client.get(f"{base}?type=&keyword=sote-keskus&project=&year=2025")

    assert response.status_code == 302
    assert response["Location"] == f"{base}?keyword=sote-keskus&year=2025"


def test_year_choices_are_the_years_with_releases(client, newsroom_site):
    document = get_html(client, url_in(newsroom_site.newsroom, "fi"))

    years = [option["value"] for option in document.select("select[name=year] option")]

    assert years == ["", "2025", "2024"]


def test_keyword_choices_are_named_in_the_pages_language(client, newsroom_site):
    document = get_html(client, url_in(newsroom_site.newsroom, "en"))

    names = [text_of(option) for option in document.select("select[name=keyword] option")][1:]

    assert sorted(names) == ["Health centre", "Wellbeing county"]


@pytest.mark.parametrize(
    "query",
    [
        "type=nonsense",
        "keyword=" + "x" * 10_000,
        "project=%00",
        "year=99999999999999999999999",
        "year=abc",
        "page=abc",
        "page=999999999999999999999",
        "page=%00&type=%00",
    ],
)
@pytest.mark.parametrize("language", ["fi", "en"])
def test_malformed_parameters_give_a_normal_page(client, newsroom_site, query, language):
    document = get_html(client, f"{url_in(newsroom_site.newsroom, language)}?{query}")

    assert document.select_one(".release-list")
    if not query.startswith("page="):
        summary = document.select_one(".error-summary")
        assert summary is not None
        assert gettext_in(language, "Some filters could not be used") in text_of(summary)
        assert "x" * 100 not in document.decode()


def test_listing_paginates_and_keeps_the_filters(client, newsroom_site, settings):
    for number in range(12):
        ReleasePageFactory(
            parent=newsroom_site.newsroom, release_type="article", title_fi=f"A{number}"
        )
    base = url_in(newsroom_site.newsroom, "fi")

    first = get_html(client, f"{base}?type=article")
    second = get_html(client, f"{base}?type=article&page=2")

    assert len(listed(first)) == 10
    assert len(listed(second)) == 3
    assert first.select_one('a[rel="next"]')["href"] == "?type=article&page=2"
    assert "noindex" in robots(second)


def test_feed_autodiscovery_follows_the_filters(client, newsroom_site):
    document = get_html(client, f"{url_in(newsroom_site.newsroom, 'en')}?type=article")

    feeds = {
        link["type"]: link["href"] for link in document.select('head link[rel="alternate"][type]')
    }

    assert feeds == {
        "application/rss+xml": "/en/newsroom/rss/?type=article",
        "application/atom+xml": "/en/newsroom/atom/?type=article",
    }


def test_media_bank_lists_only_images_free_for_media_use(client, newsroom_site):
    ImageFactory(title="Yksityinen kuva", free_for_media_use=False)
    MediaVideoFactory(title_fi="Esittelyvideo", credit="Pirkanmaan liitto")

    document = get_html(client, url_in(newsroom_site.newsroom, "fi"))
    bank = document.select_one(".media-bank")

    titles = [text_of(t) for t in bank.select(".media-item__title")]
    assert sorted(titles) == ["Esittelyvideo", "Hankejohtaja puhuu"]
    assert bank.select_one("a[download]")["href"] == newsroom_site.image.file.url
    assert bank.select_one("video track[kind=captions]")


def test_media_bank_page_paginates_images(client, newsroom_site):
    for _ in range(25):
        ImageFactory(free_for_media_use=True)
    base = url_in(newsroom_site.newsroom, "en") + "media/"

    first = get_html(client, base)
    last = get_html(client, base + "?page=2")

    assert len(first.select(".media-item")) == 24
    assert len(last.select(".media-item")) == 2
    assert first.html["lang"] == "en"


def test_year_filter_uses_helsinki_time(client, newsroom_site):
    # 1 January 2026 at 00.30 in Helsinki is still 2025 in UTC.
    new_year = ReleasePageFactory(
        parent=newsroom_site.newsroom,
        first_published_at=datetime.datetime(2025, 12, 31, 22, 30, tzinfo=datetime.UTC),
    )

    document = get_html(client, f"{url_in(newsroom_site.newsroom, 'fi')}?year=2026")

    assert listed(document) == [url_in(new_year, "fi")]


def test_language_switcher_of_the_media_bank_leads_to_the_other_languages_media_bank(
    client, newsroom_site
):
    document = get_html(client, url_in(newsroom_site.newsroom, "fi") + "media/")

    switch = document.select_one('.language-switcher a[hreflang="en"]')

    assert switch["href"] == "/en/newsroom/media/"
