"""Pages are shared on social media with their own image, never one under embargo.

A page with a listing image shares a fill-1200x630 rendition of it, with its real size and
its description in the page's language as alt text; without one, or while the image is under
embargo, the page shares the site's static image. Releases and projects name the same
rendition in their JSON-LD.
"""

import json

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wagtail.models import PageViewRestriction

import pytest
from PIL import Image as PILImage

from pirsote.core.embargo import refresh_media_privacy, set_image_privacy
from pirsote.core.sharing import SHARE_FILTER
from tests.core.helpers import get_html, parse_html, text_of, url_in
from tests.factories import (
    ImageFactory,
    ProjectIndexPageFactory,
    ProjectPageFactory,
    ReformPageFactory,
    ReleasePageFactory,
    SectionIndexPageFactory,
    SiteSettingsFactory,
    scheduled_release,
)

pytestmark = pytest.mark.django_db

SITE_NAME = {"fi": "Pirkanmaan sote-uudistus", "en": "Pirkanmaa health and social services reform"}
STATIC_SHARE_IMAGE = "http://testserver/static/images/share.png"


def meta(document, name):
    tag = document.select_one(f'meta[property="{name}"], meta[name="{name}"]')
    return tag["content"] if tag else None


def share_card(document):
    return {
        name: meta(document, name)
        for name in ("og:image", "og:image:width", "og:image:height", "og:image:alt")
    }


def structured(document):
    (block,) = document.select('script[type="application/ld+json"]')
    return json.loads(block.string)


@pytest.fixture
def image():
    return ImageFactory(
        file__width=1600,
        file__height=1000,
        description_fi="Sote-keskuksen aula",
        description_en="The lobby of a health centre",
    )


@pytest.mark.parametrize("language", ["fi", "en"])
def test_page_is_shared_with_a_rendition_of_its_own_listing_image(
    client, home_page, image, language
):
    page = ReformPageFactory(parent=home_page, listing_image=image)

    card = share_card(get_html(client, url_in(page, language)))

    rendition = image.get_rendition(SHARE_FILTER)
    assert card == {
        "og:image": "http://testserver" + rendition.url,
        "og:image:width": "1200",
        "og:image:height": "630",
        "og:image:alt": image.description_fi if language == "fi" else image.description_en,
    }
    assert "fill-1200x630" in rendition.file.name
    response = client.get(rendition.url)
    assert response.status_code == 200
    with PILImage.open(rendition.file) as picture:
        assert picture.size == (1200, 630)


def test_twitter_card_has_the_same_alt_text(client, home_page, image):
    page = ReformPageFactory(parent=home_page, listing_image=image)

    document = get_html(client, url_in(page, "en"))

    assert meta(document, "twitter:card") == "summary_large_image"
    assert meta(document, "twitter:image:alt") == "The lobby of a health centre"


def test_a_smaller_original_is_shared_at_the_size_its_rendition_has(client, home_page):
    small = ImageFactory(file__width=600, file__height=600)
    page = ReformPageFactory(parent=home_page, listing_image=small)

    card = share_card(get_html(client, url_in(page, "fi")))

    rendition = small.get_rendition(SHARE_FILTER)
    # Cropped to the 1200:630 shape, not enlarged.
    assert rendition.width == 600
    assert rendition.height == pytest.approx(315, abs=1)
    assert (card["og:image:width"], card["og:image:height"]) == (
        str(rendition.width),
        str(rendition.height),
    )


def test_alt_text_falls_back_to_the_finnish_description(client, home_page):
    untranslated = ImageFactory(description_fi="Kaavio palveluista", description_en="")
    page = ReformPageFactory(parent=home_page, listing_image=untranslated)

    assert share_card(get_html(client, url_in(page, "en")))["og:image:alt"] == "Kaavio palveluista"


@pytest.mark.parametrize("language", ["fi", "en"])
def test_page_without_an_image_is_shared_with_the_sites_image(client, home_page, language):
    page = ReformPageFactory(parent=home_page)

    card = share_card(get_html(client, url_in(page, language)))

    assert card == {
        "og:image": STATIC_SHARE_IMAGE,
        "og:image:width": "1200",
        "og:image:height": "630",
        "og:image:alt": SITE_NAME[language],
    }
    assert client.get(card["og:image"].removeprefix("http://testserver")).status_code == 200


def test_image_under_embargo_is_never_shared(client, home_page, image):
    page = ReformPageFactory(parent=home_page, listing_image=image)
    set_image_privacy(image, True)

    response = client.get(url_in(page, "fi"))

    assert share_card(parse_html(response))["og:image"] == STATIC_SHARE_IMAGE
    assert b"/media/private/" not in response.content


def test_page_whose_image_file_is_missing_is_shared_with_the_sites_image(client, home_page, image):
    page = ReformPageFactory(parent=home_page, listing_image=image)
    image.file.storage.delete(image.file.name)

    response = client.get(url_in(page, "fi"))

    assert response.status_code == 200
    assert share_card(parse_html(response))["og:image"] == STATIC_SHARE_IMAGE


def test_preview_of_a_scheduled_release_does_not_share_its_embargoed_image(
    admin_client, newsroom, image, committed
):
    with committed():
        release = scheduled_release(newsroom, listing_image=image)
    refresh_media_privacy()
    image.refresh_from_db()
    assert image.is_private

    preview = admin_client.get(reverse("wagtailadmin_pages:view_draft", args=[release.pk]))

    assert preview.status_code == 200
    document = parse_html(preview)
    assert share_card(document)["og:image"] == STATIC_SHARE_IMAGE
    assert "image" not in structured(document)
    shared = " ".join(tag["content"] for tag in document.select("meta[content]"))
    assert "/media/" not in shared


def test_new_focal_point_shares_the_new_crop(client, home_page, image):
    page = ReformPageFactory(parent=home_page, listing_image=image)
    before = share_card(get_html(client, url_in(page, "fi")))["og:image"]
    image.focal_point_x, image.focal_point_y = 1400, 500
    image.focal_point_width = image.focal_point_height = 100
    image.save()
    cache.clear()

    after = share_card(get_html(client, url_in(page, "fi")))["og:image"]

    assert after != before
    assert after == "http://testserver" + image.get_rendition(SHARE_FILTER).url


# JSON-LD


@pytest.mark.parametrize("language", ["fi", "en"])
def test_release_names_its_share_image_in_its_news_article(client, newsroom, image, language):
    release = ReleasePageFactory(parent=newsroom, listing_image=image)

    document = get_html(client, url_in(release, language))

    assert structured(document)["image"] == {
        "@type": "ImageObject",
        "url": meta(document, "og:image"),
        "width": 1200,
        "height": 630,
    }
    assert meta(document, "og:type") == "article"


def test_project_names_its_share_image(client, home_page, image):
    project = ProjectPageFactory(
        parent=ProjectIndexPageFactory(parent=home_page), listing_image=image
    )

    document = get_html(client, url_in(project, "fi"))

    assert structured(document)["@type"] == "Project"
    assert structured(document)["image"]["url"] == meta(document, "og:image")


def test_json_ld_leaves_out_the_sites_generic_image(client, newsroom, home_page, image):
    SiteSettingsFactory()
    release = ReleasePageFactory(parent=newsroom)
    home_page.listing_image = image
    home_page.save()

    assert "image" not in structured(get_html(client, url_in(release, "fi")))
    # The publisher's image would be its logo, not the home page's illustration.
    assert "image" not in structured(get_html(client, url_in(home_page, "fi")))


# What sharing costs


def queries_of(client, url):
    client.get(url)
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_own_share_image_costs_one_query_with_its_rendition(client, home_page, image):
    with_image = ReformPageFactory(parent=home_page, listing_image=image)
    without = ReformPageFactory(parent=home_page)

    assert (
        queries_of(client, url_in(with_image, "fi"))
        == queries_of(client, url_in(without, "fi")) + 1
    )


def test_main_menu_leaves_out_private_sections_in_its_own_query(client, home_page):
    # The menu no longer reads every view restriction first (that query pays for the
    # share image): what it lists must not change.
    SectionIndexPageFactory(parent=home_page, title_fi="Julkinen", title_en="Public")
    private = SectionIndexPageFactory(parent=home_page, title_fi="Sisäinen", title_en="Internal")
    PageViewRestriction.objects.create(page=private, restriction_type="login")

    menu = [text_of(a) for a in get_html(client, url_in(home_page, "fi")).select(".main-nav a")]

    assert menu == ["Julkinen"]


def test_main_menu_is_empty_when_the_whole_site_is_private(admin_client, home_page):
    SectionIndexPageFactory(parent=home_page, title_fi="Julkinen")
    PageViewRestriction.objects.create(page=home_page, restriction_type="login")

    document = get_html(admin_client, url_in(home_page, "fi"))

    assert document.select(".main-nav a") == []
