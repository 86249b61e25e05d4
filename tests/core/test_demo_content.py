"""The demo-data command builds the whole bilingual site, and building it again changes nothing."""

import io

from django.core.management import call_command
from django.utils import translation

from wagtail.models import Page, Revision, Site

import pytest

from pirsote.core.models import ContactPerson, CustomImage, HomePage, SiteSettings

REAL_CONTACT_DETAILS = ["044 422 2246", "0444222246", "444 2246", "eeva.halme@pirha.fi"]


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def demo_site(db, media_root):
    """The demo site loaded into the test database; returns its home page."""
    call_command("load_initial_data", stdout=io.StringIO())
    return HomePage.objects.get()


def site_snapshot(media_root):
    """What the command is responsible for, in a comparable form."""
    return {
        "pages": sorted(
            (page.depth, page.specific_class.__name__, page.slug_fi, page.slug_en, page.live)
            for page in Page.objects.filter(depth__gt=1)
        ),
        "images": sorted(CustomImage.objects.values_list("title", "file", "file_hash")),
        "people": sorted(ContactPerson.objects.values_list("name", "phone", "email")),
        "files": sorted(str(path.relative_to(media_root)) for path in media_root.rglob("*")),
        "revisions": Revision.objects.count(),
        "sites": list(Site.objects.values_list("hostname", "root_page__slug_fi")),
        "settings": SiteSettings.objects.count(),
    }


def demo_urls(home):
    """Every demo page's URL in Finnish and in English."""
    urls = []
    for page in home.get_descendants(inclusive=True).specific():
        for language in ("fi", "en"):
            with translation.override(language):
                urls.append((language, page, page.get_url()))
    return urls


def get(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_loading_twice_gives_the_same_site_without_duplicates(demo_site, media_root):
    first = site_snapshot(media_root)
    call_command("load_initial_data", stdout=io.StringIO())
    second = site_snapshot(media_root)

    assert second == first
    slugs = [(depth, slug) for depth, _, slug, _, _ in first["pages"]]
    assert len(slugs) == len(set(slugs)) == 10
    assert len(first["images"]) == len({title for title, *_ in first["images"]}) == 9
    assert [name for name, *_ in first["people"]] == [
        "Eeva Halme",
        "Maija Esimerkki",
        "Matti Meikäläinen",
    ]
    assert first["settings"] == 1


def test_home_page_replaces_wagtails_welcome_page_as_the_site_root(demo_site):
    site = Site.objects.get(is_default_site=True)
    assert site.root_page_id == demo_site.pk
    assert not Page.objects.filter(depth=2).exclude(pk=demo_site.pk).exists()


def test_page_tree_has_its_slugs_in_both_languages(demo_site):
    urls = {(language, page.slug_fi): url for language, page, url in demo_urls(demo_site)}
    assert urls["fi", "etusivu"] == "/"
    assert urls["en", "etusivu"] == "/en/"
    assert urls["fi", "rahoitus"] == "/sote-uudistus/rahoitus/"
    assert urls["en", "rahoitus"] == "/en/reform/funding/"
    assert urls["fi", "saavutettavuusseloste"] == "/tietoa-sivustosta/saavutettavuusseloste/"
    assert urls["en", "tietosuojaseloste"] == "/en/about-this-site/privacy-statement/"
    menu = Page.objects.child_of(demo_site).in_menu()
    assert [page.slug_fi for page in menu] == ["sote-uudistus"]


def test_every_demo_page_answers_in_finnish_and_english(client, demo_site):
    for language, page, url in demo_urls(demo_site):
        html = get(client, url)
        assert f'<html lang="{language}">' in html
        assert f"<h1>{getattr(page, f'title_{language}')}</h1>" in html
        # Every text has an English version: nothing falls back to Finnish.
        assert "notice--translation" not in html


def test_funding_page_shows_the_sums_in_each_languages_style(client, demo_site):
    assert "5\xa0921\xa0081\xa0€" in get(client, "/sote-uudistus/rahoitus/")
    assert "9\xa0329\xa0760\xa0€" in get(client, "/sote-uudistus/rahoitus/")
    english = get(client, "/en/reform/funding/")
    assert "€5,921,081" in english
    assert "€9,329,760" in english


def test_real_contact_details_appear_nowhere_on_the_site(client, demo_site):
    pages = [get(client, url) for _, _, url in demo_urls(demo_site)]
    pages.append(client.get("/ei-ole-olemassa/").content.decode())
    pages.append(client.get("/en/does-not-exist/").content.decode())
    for html in pages:
        for detail in REAL_CONTACT_DETAILS:
            assert detail not in html
    assert "eeva.halme@example.fi" in get(client, "/sote-uudistus/valmistelijat/")


def test_footer_links_the_accessibility_statement_in_both_languages(client, demo_site):
    finnish_footer = get(client, "/").split("<footer", 1)[1]
    assert (
        '<a href="/tietoa-sivustosta/saavutettavuusseloste/">Saavutettavuusseloste</a>'
        in finnish_footer
    )
    english_footer = get(client, "/en/").split("<footer", 1)[1]
    assert (
        '<a href="/en/about-this-site/accessibility-statement/">Accessibility statement</a>'
        in english_footer
    )


def test_not_found_page_uses_the_site_settings_text(client, demo_site):
    assert "Sivua ei löytynyt" in client.get("/ei-ole-olemassa/").content.decode()
    assert "Page not found" in client.get("/en/does-not-exist/").content.decode()


def test_vision_image_is_credited_to_the_ministry_in_each_language(client, demo_site):
    finnish = get(client, "/sote-uudistus/visio/")
    assert "demo-vision-fi" in finnish
    assert "sosiaali- ja terveysministeriö" in finnish
    english = get(client, "/en/reform/vision/")
    assert "demo-vision-en" in english
    assert "seven days" in english
    assert "Ministry of Social Affairs and Health" in english


def test_demo_data_fits_the_database_constraints(demo_site):
    # SQLite ignores max_length; PostgreSQL does not. Validate what was saved on both.

    for model in (CustomImage, ContactPerson, SiteSettings):
        for obj in model.objects.all():
            obj.full_clean()
    for page in Page.objects.filter(depth__gt=1).specific():
        page.full_clean()
