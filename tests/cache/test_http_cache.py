"""Cache-Control and Vary as the application sends them, without a cache in front."""

from django.conf import settings

import pytest

from tests.factories import ReformPageFactory, SectionIndexPageFactory, StaffUserFactory

PUBLIC = f"public, max-age=0, s-maxage={settings.PAGE_CACHE_SECONDS}"


@pytest.fixture
def pages(home_page):
    section = SectionIndexPageFactory(parent=home_page, title_fi="Sote-uudistus", title_en="Reform")
    ReformPageFactory(parent=section, title_fi="Rahoitus", title_en="Funding")


def cache_control(response):
    return {item.strip() for item in response.get("Cache-Control", "").split(",") if item}


@pytest.mark.parametrize(
    "url", ["/", "/en/", "/sote-uudistus/rahoitus/", "/en/reform/funding/", "/haku/?q=sote"]
)
def test_anonymous_pages_in_both_languages_are_public_until_purged(client, pages, url):
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert cache_control(response) == {
        "public",
        "max-age=0",
        f"s-maxage={settings.PAGE_CACHE_SECONDS}",
    }
    # The language is in the path, and an anonymous page is the same whatever the cookies.
    vary = response.get("Vary", "").lower()
    assert "cookie" not in vary
    assert "accept-language" not in vary


@pytest.mark.parametrize("url", ["/sitemap.xml", "/robots.txt"])
def test_sitemap_and_robots_follow_the_page_policy(client, pages, url):
    response = client.get(url)
    assert response.status_code == 200
    assert "s-maxage" in response["Cache-Control"]
    assert "public" in response["Cache-Control"]


def test_page_cache_seconds_comes_from_the_settings(client, pages, settings):
    settings.PAGE_CACHE_SECONDS = 60
    assert "s-maxage=60" in client.get("/en/reform/funding/")["Cache-Control"]


def test_head_requests_are_public_too(client, pages):
    assert "public" in client.head("/sote-uudistus/")["Cache-Control"]


@pytest.mark.parametrize("url", ["/ei-ole/", "/en/no-such-page/"])
def test_errors_are_never_kept(client, pages, url):
    response = client.get(url)
    assert response.status_code == 404
    assert {"private", "no-cache"} <= cache_control(response)
    assert "public" not in cache_control(response)


def test_a_logged_in_editor_gets_private_pages(client, pages):
    client.force_login(StaffUserFactory(is_superuser=True))
    response = client.get("/sote-uudistus/rahoitus/")
    assert response.status_code == 200
    assert {"private", "no-cache"} <= cache_control(response)
    assert not any(item.startswith("s-maxage") for item in cache_control(response))


def test_the_admin_is_never_stored(client, pages):
    client.force_login(StaffUserFactory(is_superuser=True))
    response = client.get("/admin/")
    assert {"private", "no-store"} <= cache_control(response)


@pytest.mark.parametrize("url", ["/tilaa-tiedotteet/", "/en/subscribe/"])
def test_the_subscription_form_with_its_csrf_token_is_private(client, pages, url):
    response = client.get(url)
    assert response.status_code == 200
    assert settings.CSRF_COOKIE_NAME in response.cookies
    assert "private" in cache_control(response)
    assert "public" not in cache_control(response)


def test_a_view_that_sets_a_cookie_is_private_even_if_it_said_public(rf, settings):
    from django.http import HttpResponse

    from pirsote.core.http_cache import CacheControlMiddleware

    def view(request):
        response = HttpResponse("x")
        response["Cache-Control"] = "public, max-age=300"
        response.set_cookie("tracking", "1")
        return response

    response = CacheControlMiddleware(view)(rf.get("/api/pages/"))
    assert "public" not in cache_control(response)
    assert {"private", "no-cache", "max-age=300"} <= cache_control(response)


def test_posts_are_private(client, pages):
    response = client.post("/tilaa-tiedotteet/", {})
    assert "private" in cache_control(response)


def test_a_views_own_choice_is_kept(client, pages):
    # The API says how long any cache may keep its answers.
    response = client.get("/api/pages/")
    assert response.status_code == 200
    assert cache_control(response) == {"public", "max-age=300"}


def test_documents_are_never_public(client, pages):
    from tests.factories import DocumentFactory

    document = DocumentFactory()
    response = client.get(document.url)
    assert response.status_code == 200
    assert "private" in cache_control(response)
    assert "public" not in cache_control(response)
