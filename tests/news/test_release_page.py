"""A release page: each type with all its blocks and furniture, in both languages."""

import datetime
import json

import pytest

from tests.core.helpers import get_html, gettext_in, text_of, url_in
from tests.factories import ReleasePageFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", ["press_release", "article", "blog_post"])
@pytest.mark.parametrize("language", ["fi", "en"])
def test_every_release_type_renders_with_its_type_and_time(client, newsroom_site, name, language):
    release = getattr(newsroom_site, name)
    document = get_html(client, url_in(release, language))

    assert document.html["lang"] == language
    header = document.select_one(".release .page-header")
    type_label = gettext_in(
        language, dict(type(release).release_type.field.choices)[release.release_type]
    )
    assert text_of(header.select_one(".release__type")) == type_label
    published = datetime.datetime.fromisoformat(header.select_one("time")["datetime"])
    assert published == release.first_published_at


def test_finnish_time_is_written_with_dots_and_the_zone(client, newsroom_site):
    document = get_html(client, url_in(newsroom_site.press_release, "fi"))

    assert text_of(document.select_one(".release__time")) == "4.9.2025 10.04 EEST"


def test_english_time_is_written_out_with_the_zone(client, newsroom_site):
    document = get_html(client, url_in(newsroom_site.press_release, "en"))

    assert text_of(document.select_one(".release__time")) == "4 September 2025, 10:04 EEST"


def test_winter_time_shows_eet(client, newsroom_site):
    release = ReleasePageFactory(
        parent=newsroom_site.newsroom,
        first_published_at=datetime.datetime(2025, 12, 1, 8, 0, tzinfo=datetime.UTC),
    )

    document = get_html(client, url_in(release, "fi"))

    assert text_of(document.select_one(".release__time")) == "1.12.2025 10.00 EET"


@pytest.mark.parametrize("name", ["press_release", "article", "blog_post"])
@pytest.mark.parametrize("language", ["fi", "en"])
def test_every_release_type_shows_every_body_block(client, newsroom_site, name, language):
    release = getattr(newsroom_site, name)
    if release != newsroom_site.press_release:
        release.body_fi = newsroom_site.press_release.body_fi.raw_data
        release.body_en = newsroom_site.press_release.body_en.raw_data
        release.save()
    document = get_html(client, url_in(release, language))
    stream = document.select_one(".release .stream")

    for selector in (
        "h2.block-heading",
        ".block-text",
        "figure.block-image img",
        ".block-quote",
        ".block-facts",
        ".block-links",
        "video",
        ".block-contacts",
    ):
        assert stream.select_one(selector), f"{selector} missing in {language}"
    heading = "Hyvinvointialueuudistuksen tavoitteet" if language == "fi" else "Goals of"
    assert heading in text_of(stream)


@pytest.mark.parametrize("language", ["fi", "en"])
def test_press_release_shows_its_furniture(client, newsroom_site, language):
    site = newsroom_site
    document = get_html(client, url_in(site.press_release, language))

    keywords = document.select(".release-keywords a")
    expected_names = {
        "fi": {"Sote-keskus", "Hyvinvointialue"},
        "en": {"Health centre", "Wellbeing county"},
    }
    assert {text_of(a) for a in keywords} == expected_names[language]
    assert all(
        a["href"].startswith(url_in(site.newsroom, language) + "?keyword=") for a in keywords
    )

    assert [a["href"] for a in document.select(".release-projects a")] == [
        url_in(site.pirsote, language)
    ]
    assert "Eeva Esimerkki" in text_of(document.select_one(".release-contacts"))
    job_title = "Hankejohtaja" if language == "fi" else "Programme director"
    assert job_title in text_of(document.select_one(".release-contacts"))

    images = document.select_one(".release-images")
    caption = "Hankejohtaja Eeva Esimerkki" if language == "fi" else "Programme director Eeva"
    assert caption in text_of(images)
    assert "Kuvaaja Esimerkki" in text_of(images)
    assert "CC BY 4.0" in text_of(images)
    download = images.select_one("a[download]")
    assert download["href"] == site.image.file.url

    # About the publisher: in the footer, once (tests/news/test_release_publisher.py).
    about = "julkaisee sote-hankkeiden" if language == "fi" else "publishes the releases"
    assert about in text_of(document.select_one(".site-footer"))

    correction = document.select_one(".corrections")
    corrected = (
        "Korjattu hankkeen nimi." if language == "fi" else "The project's name was corrected."
    )
    assert corrected in text_of(correction)
    assert correction.select_one("time")["datetime"].startswith("2025-09-05")


def test_more_from_the_publisher_lists_the_other_releases_newest_first(client, newsroom_site):
    site = newsroom_site
    document = get_html(client, url_in(site.press_release, "fi"))

    links = [a["href"] for a in document.select(".publisher-releases .card__title a")]

    assert links == [url_in(site.article, "fi"), url_in(site.blog_post, "fi")]
    assert "Pirkanmaan liitto" in text_of(document.select_one("#publisher-releases-heading"))


def test_untranslated_release_is_shown_in_finnish_with_a_notice(client, newsroom_site):
    document = get_html(client, url_in(newsroom_site.blog_post, "en"))

    assert document.html["lang"] == "en"
    assert document.select_one("h1")["lang"] == "fi"
    assert document.select_one(".notice--translation")


def test_release_page_links_the_newsrooms_feeds_in_its_head(client, newsroom_site):
    document = get_html(client, url_in(newsroom_site.press_release, "en"))

    feeds = {
        link["type"]: link["href"] for link in document.select('head link[rel="alternate"][type]')
    }

    assert feeds == {
        "application/rss+xml": "/en/newsroom/rss/",
        "application/atom+xml": "/en/newsroom/atom/",
    }


def test_draft_release_is_not_found(client, newsroom_site):
    draft = ReleasePageFactory(parent=newsroom_site.newsroom, live=False)

    get_html(client, url_in(draft, "fi"), status=404)


def test_unpublished_related_project_is_not_linked(client, newsroom_site):
    newsroom_site.pirsote.unpublish()

    document = get_html(client, url_in(newsroom_site.press_release, "fi"))

    assert document.select_one(".release-projects") is None


def test_release_without_furniture_has_no_empty_sections(client, newsroom_site):
    document = get_html(client, url_in(newsroom_site.blog_post, "fi"))

    for selector in (".corrections", ".release-keywords", ".release-contacts", ".release-images"):
        assert document.select_one(selector) is None


def test_release_is_shared_as_an_article_with_its_publication_time(client, newsroom_site):
    document = get_html(client, url_in(newsroom_site.press_release, "en"))

    og_type = document.select_one('meta[property="og:type"]')["content"]
    published = document.select_one('meta[property="article:published_time"]')["content"]

    assert og_type == "article"
    assert (
        datetime.datetime.fromisoformat(published) == newsroom_site.press_release.first_published_at
    )


def test_release_describes_itself_as_a_news_article(client, newsroom_site):
    document = get_html(client, url_in(newsroom_site.press_release, "en"))
    data = json.loads(document.select_one('script[type="application/ld+json"]').string)

    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "The projects start in the wellbeing services county"
    assert data["inLanguage"] == "en"
    assert data["url"] == "http://testserver" + url_in(newsroom_site.press_release, "en")
    published = datetime.datetime.fromisoformat(data["datePublished"])
    assert published == newsroom_site.press_release.first_published_at
    assert sorted(data["keywords"]) == ["Health centre", "Wellbeing county"]
    assert data["publisher"]["@type"] == "GovernmentOrganization"
    assert data["publisher"]["name"] == "Council of Tampere Region"
