"""Redis: production refuses to run without a shared cache, and survives losing it.

The fault test starts its own redis-server on a free loopback port, points both caches at it
configured as in production (pirsote.settings.base.redis_caches), serves pages, then kills
that server and serves them again: they still render, the visitor sees no error, and the
error is in the log.
"""

import shutil
import socket
import subprocess
import time
from types import SimpleNamespace

from django.core import mail
from django.core.cache import caches
from django.urls import reverse
from django.utils import translation

import pytest
import redis

from pirsote.core import content_version
from pirsote.core.checks import shared_cache
from pirsote.settings.base import redis_caches
from tests.core.helpers import parse_html, text_of
from tests.factories import (
    NewsIndexPageFactory,
    ReleasePageFactory,
    SiteSettingsFactory,
    StaffUserFactory,
)

REDIS_SERVER = shutil.which("redis-server")
# A request may take this long at most, with or without Redis.
MAX_SECONDS = 3


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def redis_server(tmp_path):
    """A redis-server of this test's own, killed at the end whatever happens."""
    if REDIS_SERVER is None:
        pytest.skip("redis-server is not installed")
    port = free_port()
    process = subprocess.Popen(
        [REDIS_SERVER, "--bind", "127.0.0.1", "--port", str(port), "--save", "",
         "--appendonly", "no", "--dir", str(tmp_path)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        client = redis.Redis(host="127.0.0.1", port=port, socket_connect_timeout=0.2)
        deadline = time.monotonic() + 10
        while True:
            try:
                client.ping()
                break
            except redis.ConnectionError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise
                time.sleep(0.05)
        client.close()
        yield SimpleNamespace(url=f"redis://127.0.0.1:{port}/0", process=process, client=client)
    finally:
        process.kill()
        process.wait(timeout=10)


@pytest.fixture
def redis_caches_at(settings, redis_server):
    """Both caches in the test's Redis; Django's CACHES signal resets the cache handlers."""
    settings.CACHES = redis_caches(redis_server.url, "redis-down-test")
    yield redis_server
    for alias in ("default", "renditions"):
        caches[alias].close()


@pytest.fixture
def cache_log_throttle():
    """The filter that logs a dead Redis once a minute, reset: this test's first is logged."""
    import logging

    from pirsote.core.logs import OncePerInterval

    # Logging configured again by another test (settings changes do) adds its filter again.
    throttles = [
        found
        for found in logging.getLogger("pirsote.cache").filters
        if isinstance(found, OncePerInterval)
    ]
    assert throttles
    for throttle in throttles:
        throttle.reset()
    yield throttles[0]
    for throttle in throttles:
        throttle.reset()


@pytest.fixture
def site(home_page):
    newsroom = NewsIndexPageFactory(parent=home_page)
    release = ReleasePageFactory(parent=newsroom, title_fi="Sote-keskukset avautuvat")
    SiteSettingsFactory()
    StaffUserFactory(username="toimittaja", email="toimittaja@example.fi")
    return SimpleNamespace(home=home_page, newsroom=newsroom, release=release)


def visit_everything(client, site):
    """Each address a visitor or an editor uses, with its answer; each within MAX_SECONDS."""
    with translation.override("fi"):
        subscribe = reverse("subscriptions:subscribe")
    requests = [
        ("GET", "/", {}),
        ("GET", site.release.url, {}),
        ("GET", site.newsroom.url, {}),
        ("GET", "/en/newsroom/", {}),
        ("GET", "/api/pages/", {}),
        ("POST", subscribe, {"email": "lukija@example.fi", "language": "fi"}),
        # The staff sign-in (django-axes' lockout) and the rate-limited password reset.
        ("POST", "/admin/login/", {"username": "toimittaja", "password": "väärä-salasana-1"}),
        ("POST", "/admin/password_reset/", {"email": "toimittaja@example.fi"}),
    ]
    answers = {}
    for method, path, data in requests:
        started = time.monotonic()
        response = client.post(path, data) if method == "POST" else client.get(path)
        elapsed = time.monotonic() - started
        assert elapsed < MAX_SECONDS, f"{method} {path} took {elapsed:.1f} s"
        answers[f"{method} {path}"] = response
    return answers


def assert_served(answers):
    statuses = {request: response.status_code for request, response in answers.items()}
    expected = {request: 302 if request.startswith("POST /tilaa") else 200 for request in answers}
    # A wrong password gives the sign-in form again (200); a reset request goes on (302).
    expected["POST /admin/password_reset/"] = 302
    assert statuses == expected


@pytest.mark.django_db
def test_pages_still_render_when_redis_stops_and_the_error_is_logged_not_shown(
    client, site, redis_caches_at, cache_log_throttle, caplog
):
    with_redis = visit_everything(client, site)
    assert_served(with_redis)
    # The cache was really Redis: the requests left the site's keys there.
    assert any(redis.Redis.from_url(redis_caches_at.url).keys("redis-down-test:*"))
    assert not [record for record in caplog.records if record.name == "pirsote.cache"]
    mail.outbox.clear()

    redis_caches_at.process.kill()
    redis_caches_at.process.wait(timeout=10)
    without_redis = visit_everything(client, site)

    assert_served(without_redis)
    # The same pages for the visitor, no word of the failure.
    for request in ("GET /", f"GET {site.release.url}", f"GET {site.newsroom.url}"):
        before, after = parse_html(with_redis[request]), parse_html(without_redis[request])
        assert text_of(after.h1) == text_of(before.h1)
        assert text_of(after.select_one("main")) == text_of(before.select_one("main"))
    assert text_of(parse_html(without_redis[f"GET {site.release.url}"]).h1) == (
        "Sote-keskukset avautuvat"
    )
    for response in without_redis.values():
        body = response.content.decode()
        assert "Redis" not in body and "ConnectionError" not in body and "Traceback" not in body
    # The subscription form let the citizen through (the limit could not count) and said so
    # in the log; the confirmation mail went out.
    assert len(mail.outbox) == 1
    assert any(
        record.name == "pirsote.ratelimit" and "not applied" in record.getMessage()
        for record in caplog.records
    )
    # The cache's error is logged with its cause, once, not on each of the many cache calls.
    cache_errors = [record for record in caplog.records if record.name == "pirsote.cache"]
    assert len(cache_errors) == 1, [record.getMessage() for record in cache_errors]
    assert isinstance(cache_errors[0].exc_info[1].__cause__, redis.ConnectionError)
    assert cache_errors[0].levelname == "ERROR"
    # And the load balancer is told.
    assert client.get("/healthz").status_code == 503
    # A publish meanwhile cannot make Redis's fragments stale: the operator is told.
    content_version.bump()
    assert any(record.name == "pirsote.content_version" for record in caplog.records)


@pytest.mark.parametrize(
    "backend",
    [
        "django.core.cache.backends.locmem.LocMemCache",
        "django.core.cache.backends.dummy.DummyCache",
        "django.core.cache.backends.filebased.FileBasedCache",
    ],
)
def test_deploy_check_refuses_a_cache_that_processes_do_not_share(settings, backend, tmp_path):
    settings.DEBUG = False
    settings.CACHES = {"default": {"BACKEND": backend, "LOCATION": str(tmp_path)}}

    (error,) = shared_cache(None)

    assert error.id == "pirsote.E001"
    assert error.hint.startswith("Set REDIS_URL: several app servers and workers must share")
    assert "rate limits" in error.hint


def test_deploy_check_accepts_the_production_redis_caches(settings):
    settings.DEBUG = False
    settings.CACHES = redis_caches("redis://127.0.0.1:6379/15", "not-connected")

    assert shared_cache(None) == []
