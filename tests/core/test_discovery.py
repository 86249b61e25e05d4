"""sitemap.xml lists every live public page in both languages; robots.txt fits the environment."""

import datetime
import json
from xml.etree import ElementTree

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import PageViewRestriction

import pytest

from pirsote.core.sitemaps import PageSitemap
from tests.core.helpers import SITEMAP_NS, get_html, sitemap_entries, url_in
from tests.factories import (
    NewsIndexPageFactory,
    ReformPageFactory,
    ReleasePageFactory,
    SectionIndexPageFactory,
    SiteSettingsFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(home_page):
    section = SectionIndexPageFactory(parent=home_page, title_fi="Osio", title_en="Section")
    page = ReformPageFactory(parent=section, title_fi="Tavoitteet", title_en="Goals")
    untranslated = ReformPageFactory(parent=section, title_fi="Aikataulu", title_en="", slug_en="")
    draft = ReformPageFactory(parent=section, live=False, title_fi="Luonnos")
    under_draft = ReformPageFactory(parent=draft, title_fi="Luonnoksen alla")
    private = ReformPageFactory(parent=section, title_fi="Yksityinen")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    newsroom = NewsIndexPageFactory(parent=home_page)
    scheduled = ReleasePageFactory(parent=newsroom, live=False, first_published_at=None)
    scheduled.go_live_at = datetime.datetime.now(tz=datetime.UTC) + datetime.timedelta(days=1)
    scheduled.save_revision().publish()
    return {
        "public": [home_page, section, page, untranslated, newsroom],
        "hidden": [draft, under_draft, private, scheduled],
    }


def test_sitemap_lists_every_public_page_in_both_languages_with_alternates(client, tree):
    entries = sitemap_entries(client)

    expected = {
        "http://testserver" + url_in(page, language)
        for page in tree["public"]
        for language in ("fi", "en")
    }
    assert set(entries) == expected
    page = tree["public"][2]
    fi, en = ("http://testserver" + url_in(page, language) for language in ("fi", "en"))
    assert entries[en] == {"fi": fi, "en": en, "x-default": fi}


def test_sitemap_leaves_out_drafts_scheduled_and_private_pages(client, tree):
    locations = " ".join(sitemap_entries(client))

    for page in tree["hidden"]:
        for language in ("fi", "en"):
            assert url_in(page, language) not in locations, page.title


def test_every_sitemap_address_answers_in_its_own_language(client, tree):
    entries = sitemap_entries(client)

    for location, alternates in entries.items():
        path = location.removeprefix("http://testserver")
        language = next(code for code, href in alternates.items() if href == location)
        document = get_html(client, path)
        assert document.html["lang"] == language, path


def test_sitemap_is_an_index_of_one_sitemap_per_language(client, tree):
    index = ElementTree.fromstring(client.get("/sitemap.xml").content)
    locations = [loc.text for loc in index.findall("s:sitemap/s:loc", SITEMAP_NS)]

    assert locations == ["http://testserver/sitemap-fi.xml", "http://testserver/sitemap-en.xml"]
    finnish = sitemap_entries_of(client, "/sitemap-fi.xml")
    assert finnish == ["http://testserver" + url_in(page, "fi") for page in tree["public"]]


def sitemap_entries_of(client, path):
    return [
        url.findtext("s:loc", namespaces=SITEMAP_NS)
        for url in ElementTree.fromstring(client.get(path).content).findall("s:url", SITEMAP_NS)
    ]


def test_sitemap_pages_hold_at_most_their_limit_and_the_index_lists_them_all(
    client, home_page, monkeypatch
):
    monkeypatch.setattr(PageSitemap, "limit", 4)
    section = SectionIndexPageFactory(parent=home_page)
    pages = [home_page, section, *ReformPageFactory.create_batch(8, parent=section)]

    index = ElementTree.fromstring(client.get("/sitemap.xml").content)
    locations = [loc.text for loc in index.findall("s:sitemap/s:loc", SITEMAP_NS)]

    assert len(locations) == 2 * 3  # ten pages, four to a sitemap page, per language
    assert "http://testserver/sitemap-en.xml?p=3" in locations
    listed = [
        loc
        for location in locations
        for loc in sitemap_entries_of(client, location.removeprefix("http://testserver"))
    ]
    assert sorted(listed) == sorted(
        "http://testserver" + url_in(page, language) for page in pages for language in ("fi", "en")
    )
    assert client.get("/sitemap-fi.xml?p=4").status_code == 404
    assert client.get("/sitemap-xx.xml").status_code == 404
    assert client.get("/sitemap-fi.xml?p=abc").status_code == 404


def test_sitemap_is_built_once_until_the_site_changes(client, tree):
    first = {path: client.get(path).content for path in ("/sitemap.xml", "/sitemap-en.xml")}

    for path, content in first.items():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).content == content
        # Only the site of the request is looked up: nothing of the sitemap is built again.
        assert [query["sql"] for query in queries] == [
            query["sql"] for query in queries if "wagtailcore_site" in query["sql"]
        ]
        assert len(queries) <= 1

    new = ReformPageFactory(parent=tree["public"][1], title_fi="Uusi", title_en="New", live=False)
    new.save_revision().publish()

    assert ("http://testserver" + url_in(new, "en")).encode() in client.get(
        "/sitemap-en.xml"
    ).content


def test_sitemap_query_count_does_not_grow_with_pages(client, home_page):
    section = SectionIndexPageFactory(parent=home_page)

    def queries(path):
        cache.clear()  # built afresh, as after a change of the site
        with CaptureQueriesContext(connection) as captured:
            assert client.get(path).status_code == 200
        return len(captured)

    def costs():
        return {
            path: queries(path) for path in ("/sitemap.xml", "/sitemap-fi.xml", "/sitemap-en.xml")
        }

    ReformPageFactory.create_batch(3, parent=section)
    few = costs()
    ReformPageFactory.create_batch(40, parent=section)

    assert costs() == few
    assert max(few.values()) <= 8


def test_robots_txt_shuts_crawlers_out_outside_production(client):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response.content.decode().splitlines() == ["User-agent: *", "Disallow: /"]


def test_robots_txt_in_production_invites_crawlers_and_names_the_sitemap(client, settings):
    settings.ROBOTS_ALLOW_INDEXING = True

    lines = client.get("/robots.txt").content.decode().splitlines()

    assert "Disallow: /admin/" in lines
    assert "Disallow: /" not in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


def test_indexing_is_off_unless_the_production_settings_turn_it_on():
    from pirsote.settings import base

    assert base.ROBOTS_ALLOW_INDEXING is False


def meta(document, prop):
    tag = document.select_one(f'meta[property="{prop}"], meta[name="{prop}"]')
    return tag["content"] if tag else None


@pytest.mark.parametrize("language", ["fi", "en"])
def test_page_names_its_canonical_address_and_share_card(client, tree, language):
    page = tree["public"][2]
    document = get_html(client, url_in(page, language))
    own = "http://testserver" + url_in(page, language)

    assert document.select_one('link[rel="canonical"]')["href"] == own
    assert meta(document, "og:url") == own
    assert meta(document, "og:title") == ("Tavoitteet" if language == "fi" else "Goals")
    assert meta(document, "og:type") == "website"
    assert meta(document, "og:locale") == ("fi_FI" if language == "fi" else "en_GB")
    assert meta(document, "og:image").startswith("http://testserver/static/images/share")
    assert meta(document, "twitter:card") == "summary_large_image"
    assert (
        client.get(meta(document, "og:image").removeprefix("http://testserver")).status_code == 200
    )


def test_paginated_listing_is_canonical_to_its_own_page(client, tree):
    section = tree["public"][1]

    document = get_html(client, url_in(section, "fi") + "?page=2&utm_source=x")

    assert document.select_one('link[rel="canonical"]')["href"] == (
        "http://testserver" + url_in(section, "fi") + "?page=2"
    )


def structured(document):
    blocks = document.select('script[type="application/ld+json"]')
    assert len(blocks) <= 1
    return json.loads(blocks[0].string) if blocks else None


@pytest.mark.parametrize("language", ["fi", "en"])
def test_home_page_describes_the_publisher_as_a_government_organisation(
    client, home_page, language
):
    SiteSettingsFactory(phone="+358 3 000 0000")

    data = structured(get_html(client, url_in(home_page, language)))

    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "GovernmentOrganization"
    assert data["name"] == (
        "Pirkanmaan liitto" if language == "fi" else "Council of Tampere Region"
    )
    assert data["telephone"] == "+358 3 000 0000"


def test_pages_without_a_description_of_their_own_have_no_structured_data(client, tree):
    assert structured(get_html(client, url_in(tree["public"][2], "fi"))) is None


def test_structured_data_cannot_end_its_script_element(client, home_page):
    SiteSettingsFactory(publisher_name_fi="</script><script>alert(1)</script>")

    response = client.get(url_in(home_page, "fi"))

    assert b"</script><script>alert(1)" not in response.content
    assert structured(get_html(client, url_in(home_page, "fi")))["name"].startswith("</script>")
