"""/healthz: what a load balancer sees when everything answers, and when a part does not.

The cache-down case points a real django-redis client, configured as in production (errors
ignored so that pages still render), at a local port where nothing listens.
"""

import json
import socket

from django.test import Client

import pytest

from pirsote.settings.base import redis_caches
from tests.core.helpers import sitemap_entries
from tests.core.test_availability import database_unreachable


@pytest.fixture
def closed_port():
    """A local port that refuses connections (bound, never listening)."""
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        yield closed.getsockname()[1]


@pytest.fixture
def redis_down(settings, closed_port):
    settings.CACHES = redis_caches(f"redis://127.0.0.1:{closed_port}/0", "healthz-test")


def assert_never_stored_and_cookieless(response):
    assert response["Cache-Control"] == "no-store"
    assert "Set-Cookie" not in response
    assert not response.cookies
    assert "Vary" not in response
    assert response["Content-Type"] == "application/json"


@pytest.mark.django_db
def test_healthz_answers_200_naming_each_part_without_cookies_or_caching():
    # A browser-like probe with a session, a CSRF cookie and languages changes nothing.
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.cookies["sessionid"] = "a" * 32
    client.cookies["csrftoken"] = "b" * 32

    response = client.get("/healthz")

    assert response.status_code == 200
    assert json.loads(response.content) == {"status": "ok", "database": "ok", "cache": "ok"}
    assert_never_stored_and_cookieless(response)


@pytest.mark.django_db
def test_healthz_answers_any_host_over_plain_http_where_pages_refuse_or_redirect(settings):
    settings.ALLOWED_HOSTS = ["sote.example.fi"]
    settings.SECURE_SSL_REDIRECT = True
    client = Client()

    # A balancer probing an app server by its address, over plain HTTP.
    probe = client.get("/healthz", HTTP_HOST="10.0.0.7:8000")
    page_by_address = client.get("/", HTTP_HOST="10.0.0.7:8000")
    page_by_name = client.get("/", HTTP_HOST="sote.example.fi")

    assert probe.status_code == 200
    assert page_by_address.status_code == 400
    assert page_by_name.status_code == 301
    assert page_by_name["Location"].startswith("https://")


@pytest.mark.django_db
def test_healthz_answers_503_naming_the_cache_when_redis_is_down(client, redis_down, caplog):
    response = client.get("/healthz")

    assert response.status_code == 503
    assert json.loads(response.content) == {"status": "fail", "database": "ok", "cache": "fail"}
    assert_never_stored_and_cookieless(response)
    assert any(record.name == "pirsote.health" for record in caplog.records)


@pytest.mark.postgres
def test_healthz_answers_503_naming_the_database_when_it_is_unreachable(transactional_db):
    client = Client(raise_request_exception=False)
    with database_unreachable():
        response = client.get("/healthz")
        head = client.head("/healthz")

    assert response.status_code == 503
    assert json.loads(response.content) == {"status": "fail", "database": "fail", "cache": "ok"}
    assert_never_stored_and_cookieless(response)
    assert head.status_code == 503


@pytest.fixture
def transactional_db(django_db_setup, django_db_blocker):
    """The test database without a test transaction (a closed connection would lose it)."""
    with django_db_blocker.unblock():
        yield


@pytest.mark.django_db
def test_healthz_has_one_address_takes_only_get_and_head_and_is_not_in_the_sitemap(
    client, home_page
):
    head = client.head("/healthz")
    post = client.post("/healthz")

    assert head.status_code == 200 and head.content == b""
    assert post.status_code == 405 and post["Allow"] == "GET, HEAD"
    assert client.get("/en/healthz", follow=True).status_code == 404
    assert client.get("/healthz/").status_code == 404
    addresses = sitemap_entries(client)
    assert addresses  # the home page is there
    assert not [address for address in addresses if "healthz" in address]
