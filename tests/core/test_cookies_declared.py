"""Every cookie the public site sets is named in the privacy statement, in each language.

The demo site is built once for the module (in a transaction rolled back at its end), and a
first-time visitor (a new test client for every address) opens one page of each page type,
the newsroom's routable views, the search, the subscription pages and the error page, in
Finnish and in English. The statement checked is the demo's own privacy statement page, as
the site settings link it, read in the same language.
"""

import io

from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import translation

from wagtail.images import get_image_model
from wagtail.models import Page, Site

import pytest
from PIL import Image as PILImage

from news.models import NewsIndexPage
from news.subscriptions.models import Choices
from news.subscriptions.tokens import make_confirm_token, make_unsubscribe_token
from pirsote.core.models import SiteSettings
from tests.core.helpers import parse_html, text_of, url_in

pytestmark = pytest.mark.django_db

LANGUAGES = ["fi", "en"]
# Cookies that only signed-in editors get: the statement must name them too.
STAFF_COOKIES = {"messages"}


@pytest.fixture(scope="module")
def demo_media(tmp_path_factory):
    return tmp_path_factory.mktemp("cookies-demo-media")


@pytest.fixture(autouse=True)
def _media_in_tmp_path(settings, demo_media):
    # Overrides tests/core/conftest.py's: the module's images live in one directory.
    settings.MEDIA_ROOT = demo_media


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, demo_media):
    """The demo site, built once for the module in a transaction rolled back at its end."""
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=demo_media):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            call_command("load_initial_data", stdout=io.StringIO())
            shrink_images()
            yield Site.objects.get(is_default_site=True)
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def shrink_images():
    """Every image 16 by 9 pixels: pages make the renditions they miss, and making full-size
    ones took most of this module's time. Images set no cookies."""
    buffer = io.BytesIO()
    PILImage.new("RGB", (16, 9), "white").save(buffer, "PNG")
    for image in get_image_model().objects.all():
        with image.file.storage.open(image.file.name, "wb") as file:
            file.write(buffer.getvalue())
    get_image_model().objects.update(
        width=16,
        height=9,
        focal_point_x=None,
        focal_point_y=None,
        focal_point_width=None,
        focal_point_height=None,
    )


def public_addresses(site, language):
    """One address of each page type, the routable views and the site's own views."""
    pages, seen = [], set()
    for page in Page.objects.live().public().descendant_of(site.root_page, inclusive=True):
        if page.content_type_id not in seen:
            seen.add(page.content_type_id)
            pages.append(page.specific)
    addresses = [url_in(page, language) for page in pages]
    newsroom = NewsIndexPage.objects.live().first()
    with translation.override(language):
        root = url_in(newsroom, language)
        addresses += [
            root + newsroom.reverse_subpage(name) for name in ("media_bank", "rss", "atom")
        ]
        confirm = make_confirm_token("visitor@example.com", Choices(language))
        addresses += [
            reverse("search:search") + "?q=sote",
            reverse("subscriptions:subscribe"),
            reverse("subscriptions:sent"),
            reverse("subscriptions:confirm", args=[confirm]),
            reverse("subscriptions:unsubscribe", args=[make_unsubscribe_token("a@example.com")]),
            url_in(site.root_page, language) + "no-such-page/",
        ]
    return addresses


def cookies_set(addresses):
    """{cookie name: first address that set it} for a first-time visitor of each address."""
    found = {}
    for address in addresses:
        response = Client().get(address)
        assert response.status_code in (200, 404), f"{address}: {response.status_code}"
        for name in response.cookies:
            found.setdefault(name, address)
    return found


def privacy_statement_text(site, language):
    statement = SiteSettings.for_site(site).privacy_statement
    assert statement is not None, "the site settings link no privacy statement"
    response = Client().get(url_in(statement.specific, language))
    assert response.status_code == 200
    return text_of(parse_html(response).select_one("main"))


def not_named(cookies, text):
    return {name: address for name, address in cookies.items() if name not in text}


@pytest.fixture(scope="module")
def crawled(demo, django_db_blocker):
    """{language: (cookies set, privacy statement text)}, crawled once for the module."""
    with django_db_blocker.unblock():
        return {
            language: (
                cookies_set(public_addresses(demo, language)),
                privacy_statement_text(demo, language),
            )
            for language in LANGUAGES
        }


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_cookie_a_public_page_sets_is_named_in_the_privacy_statement(crawled, language):
    cookies, text = crawled[language]

    # Not vacuous: the subscription form sets its CSRF cookie.
    assert settings.CSRF_COOKIE_NAME in cookies
    missing = not_named(cookies, text)
    assert missing == {}, f"cookies not named in the {language} privacy statement: {missing}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_cookies_editors_get_are_named_in_the_privacy_statement(crawled, language):
    _cookies, text = crawled[language]

    for name in {settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME, *STAFF_COOKIES}:
        assert name in text, f"{name} is not named in the {language} privacy statement"


def test_a_cookie_the_statement_does_not_name_is_found(crawled, demo, settings):
    settings.CSRF_COOKIE_NAME = "pirsote_form_token"
    _cookies, text = crawled["fi"]

    cookies = cookies_set([reverse("subscriptions:subscribe")])

    assert not_named(cookies, text) == {"pirsote_form_token": "/tilaa-tiedotteet/"}


def test_the_csrf_cookie_ends_with_the_browser_session(demo):
    response = Client().get(reverse("subscriptions:subscribe"))

    cookie = response.cookies[settings.CSRF_COOKIE_NAME]
    assert (cookie["max-age"], cookie["expires"]) == ("", "")
