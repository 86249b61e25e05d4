"""Availability: 503 with Retry-After while the database is unreachable; gunicorn's
threaded workers keep answering while idle clients hold connections open.

The database tests point Django's connection at a local port where nothing listens, as a
PostgreSQL restart does, and make real requests through the whole middleware stack. They run
outside a test transaction (a closed connection would lose it) and write nothing, so there is
nothing to roll back or flush.
"""

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from contextlib import contextmanager, suppress
from pathlib import Path

from django.db import connection
from django.test import Client, RequestFactory

import pytest

from pirsote.core.availability import DatabaseUnavailableMiddleware
from pirsote.core.sites import CachedSiteMiddleware

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).with_name("gunicorn")


@pytest.fixture
def transactional_db(django_db_setup, django_db_blocker):
    """The test database, without a test transaction and without pytest-django's flush."""
    with django_db_blocker.unblock():
        yield


@contextmanager
def database_unreachable():
    """The default connection aims at a closed local port until the block ends."""
    saved = dict(connection.settings_dict)
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))  # bound, never listening: connections are refused
        connection.close()
        connection.settings_dict.update(HOST="127.0.0.1", PORT=str(closed.getsockname()[1]))
        try:
            yield
        finally:
            connection.close()
            connection.settings_dict.clear()
            connection.settings_dict.update(saved)


def assert_unavailable(response, content_type="text/html"):
    assert response.status_code == 503, response.status_code
    assert response["Retry-After"] == "30"
    assert response["Cache-Control"] == "no-store"
    assert response["Content-Type"].startswith(content_type)
    assert "Set-Cookie" not in response


@pytest.fixture
def client():
    # A 500 stays a 500 in the response instead of being raised into the test.
    return Client(raise_request_exception=False)


@pytest.mark.postgres
def test_pages_api_and_admin_answer_503_while_the_database_is_unreachable(client, transactional_db):
    with database_unreachable():
        # The failure in a middleware before the view: the cached site lookup.
        home = client.get("/")
        english = client.get("/en/")
        api = client.get("/api/pages/")
        admin_login = client.get("/admin/login/")
        sign_in = client.post("/admin/login/", {"username": "editor", "password": "x" * 12})
        # With a session cookie: the session behind request.user, read by the middleware.
        client.cookies["sessionid"] = "a" * 32
        admin = client.get("/admin/")
        page_with_session = client.get("/")

    assert_unavailable(home)
    assert home["Content-Language"] == "fi"
    assert '<html lang="fi">' in home.text
    assert_unavailable(english)
    assert english["Content-Language"] == "en"
    assert '<html lang="en">' in english.text
    assert "Service temporarily unavailable" in english.text
    assert_unavailable(api, "application/json")
    assert "detail" in api.json()
    for response in (admin_login, sign_in, admin, page_with_session):
        assert_unavailable(response)


@pytest.mark.postgres
def test_a_failing_view_answers_503(client, transactional_db, monkeypatch):
    # No site lookup in the middleware: the API view is the first to query.
    monkeypatch.setattr(
        CachedSiteMiddleware, "__call__", lambda self, request: self.get_response(request)
    )
    with database_unreachable():
        response = client.get("/en/api/pages/")
    assert_unavailable(response, "application/json")
    assert response["Content-Language"] == "en"


@pytest.mark.postgres
def test_the_site_answers_again_once_the_database_is_back(client, transactional_db):
    with database_unreachable():
        assert client.get("/robots.txt").status_code == 503
    assert client.get("/robots.txt").status_code == 200


def test_other_exceptions_are_not_turned_into_503():
    def broken_view(request):
        raise ValueError("a bug, not an outage")

    middleware = DatabaseUnavailableMiddleware(broken_view)
    request = RequestFactory().get("/")
    assert middleware.process_exception(request, ValueError()) is None
    with pytest.raises(ValueError):
        middleware(request)


# gunicorn with deploy/gunicorn.conf.py


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(port, path, timeout):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


@pytest.fixture
def gunicorn_server(tmp_path):
    """gunicorn with the production configuration: 1 worker of 4 threads, test settings."""
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "pirsote.settings.test",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": "1",
        "GUNICORN_THREADS": "4",
        "GUNICORN_LOG_LEVEL": "warning",
    }
    env.pop("DATABASE_URL", None)  # a static file is served without any database
    log = (tmp_path / "gunicorn.log").open("w")
    process = subprocess.Popen(
        [str(GUNICORN), "-c", "deploy/gunicorn.conf.py"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 20
        while True:
            with suppress(OSError):
                if get(port, "/static/css/site.css", timeout=2) == 200:
                    break
            assert process.poll() is None, (tmp_path / "gunicorn.log").read_text()
            assert time.monotonic() < deadline, "gunicorn did not start"
            time.sleep(0.1)
        yield port
    finally:
        process.send_signal(signal.SIGINT)  # quick shutdown: nothing to finish gracefully
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def test_idle_and_slow_clients_do_not_stall_gunicorn(gunicorn_server):
    port = gunicorn_server
    idle = [socket.create_connection(("127.0.0.1", port)) for _ in range(2)]
    slow = socket.create_connection(("127.0.0.1", port))
    slow.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # and never the rest
    try:
        time.sleep(0.3)  # the worker has accepted them all
        started = time.monotonic()
        assert get(port, "/static/css/site.css", timeout=5) == 200
        assert time.monotonic() - started < 4  # a stalled worker would not answer at all
    finally:
        for sock in [*idle, slow]:
            sock.close()
