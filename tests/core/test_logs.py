"""Logs: one JSON object per line with LOG_FORMAT=json, and the request id nginx passes on.

The last test runs gunicorn with the deployment's configuration and LOG_FORMAT=json, and
reads what an operator would: its access lines and the application's lines, all JSON, all
naming the request id sent in X-Request-ID.
"""

import datetime
import http.client
import json
import logging
import os
import re
import signal
import subprocess
import sys
import time
from contextlib import suppress
from pathlib import Path

import pytest

from pirsote.core.logs import JsonFormatter, OncePerInterval, RequestIdFilter

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).with_name("gunicorn")
HEX_ID = re.compile(r"[0-9a-f]{32}")


def record(message="Sivu %s", args=("ääkköset",), *, name="pirsote.test", **attributes):
    if "%" not in message:
        args = ()
    entry = logging.LogRecord(name, logging.WARNING, __file__, 1, message, args, None)
    entry.__dict__.update(attributes)
    return entry


def test_json_line_has_utc_time_level_logger_message_and_exception():
    try:
        raise ValueError("rikki\nkahdella rivillä")
    except ValueError:
        failed = record(exc_info=sys.exc_info())
    failed.created = datetime.datetime(2026, 3, 1, 12, 0, 5, 250000, datetime.UTC).timestamp()

    line = JsonFormatter().format(failed)

    assert "\n" not in line
    entry = json.loads(line)
    assert entry["time"] == "2026-03-01T12:00:05.250Z"
    assert entry["level"] == "WARNING"
    assert entry["logger"] == "pirsote.test"
    assert entry["message"] == "Sivu ääkköset"
    assert entry["exception"].startswith("Traceback")
    assert "ValueError: rikki\nkahdella rivillä" in entry["exception"]
    assert "request_id" not in entry  # logged outside any request


def test_text_format_stays_the_default_plain_message(settings):
    console = settings.LOGGING["handlers"]["console"]
    assert "formatter" not in console or os.environ.get("LOG_FORMAT") == "json"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("sent", "kept"),
    [
        ("f3a9c0de12ab34cd56ef7890aa11bb22", True),  # nginx's $request_id
        ("lb-probe.01_A", True),
        ("a" * 65, False),  # too long
        ("id with spaces", False),
        ('"><script>', False),
        ("", False),
    ],
)
def test_request_id_from_the_proxy_is_kept_only_when_sane(client, sent, kept):
    response = client.get("/healthz", HTTP_X_REQUEST_ID=sent)

    if kept:
        assert response["X-Request-ID"] == sent
    else:
        assert HEX_ID.fullmatch(response["X-Request-ID"])


@pytest.mark.django_db
def test_lines_logged_in_a_request_name_its_id(client, caplog, home_page):
    response = client.get("/ei-ole-olemassa/", HTTP_X_REQUEST_ID="req-42")
    # Outside a request: no id.
    logging.getLogger("pirsote.test").warning("between requests")

    assert response.status_code == 404
    formatter, ids = JsonFormatter(), RequestIdFilter()
    lines = [json.loads(formatter.format(entry)) for entry in caplog.records if ids.filter(entry)]
    not_found = [line for line in lines if line["logger"] == "django.request"]
    assert not_found and not_found[0]["request_id"] == "req-42"
    between = [line for line in lines if line["message"] == "between requests"]
    assert between and "request_id" not in between[0]


def test_a_repeating_error_is_logged_once_per_interval_then_counted():
    throttle = OncePerInterval(seconds=0.2)

    first = throttle.filter(record("Exception ignored", name="pirsote.cache"))
    repeats = [throttle.filter(record("Exception ignored", name="pirsote.cache")) for _ in range(5)]
    other = throttle.filter(record("Another error", name="pirsote.cache"))
    time.sleep(0.25)
    later = record("Exception ignored", name="pirsote.cache")

    assert first and other and not any(repeats)
    assert throttle.filter(later)
    assert later.getMessage() == "Exception ignored (5 more like this left out of the log)"


def free_port():
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(port, path, **headers):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        response.read()
        return response
    finally:
        connection.close()


@pytest.fixture
def json_gunicorn(tmp_path):
    """gunicorn with deploy/gunicorn.conf.py and LOG_FORMAT=json; its output in a file.

    An empty SQLite database: /healthz answers, pages meet missing tables (503, logged).
    """
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "pirsote.settings.test",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'empty.sqlite3'}",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": "1",
        "GUNICORN_THREADS": "2",
        "GUNICORN_ACCESS_LOG": "-",
        "LOG_FORMAT": "json",
    }
    output = tmp_path / "gunicorn.log"
    with output.open("w") as log:
        process = subprocess.Popen(
            [str(GUNICORN), "-c", "deploy/gunicorn.conf.py"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            deadline = time.monotonic() + 30
            while True:
                with suppress(OSError):
                    if get(port, "/healthz").status == 200:
                        break
                assert process.poll() is None, output.read_text()
                assert time.monotonic() < deadline, "gunicorn did not start"
                time.sleep(0.1)
            yield port, output
        finally:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def test_gunicorn_and_the_application_log_json_lines_with_the_request_id(json_gunicorn):
    port, output = json_gunicorn

    probe = get(port, "/healthz", **{"X-Request-ID": "nginx-probe-1"})
    page = get(port, "/", **{"X-Request-ID": "nginx-page-2"})
    time.sleep(0.3)  # the access line is written after the response

    assert probe.status == 200 and probe.getheader("X-Request-ID") == "nginx-probe-1"
    assert page.status == 503  # no tables in the empty database
    text = output.read_text()
    lines = [json.loads(line) for line in text.splitlines() if line.strip()]  # all JSON
    assert {"time", "level", "logger", "message"} <= set(lines[0])
    access = {line["request_id"]: line for line in lines if line["logger"] == "gunicorn.access"}
    assert access["nginx-probe-1"]["method"] == "GET"
    assert access["nginx-probe-1"]["path"] == "/healthz"
    assert access["nginx-probe-1"]["status"] == 200
    assert access["nginx-page-2"]["status"] == 503
    # The application's own line about the failed page: its request id and its exception.
    (failure,) = [line for line in lines if line["logger"] == "pirsote.availability"]
    assert failure["request_id"] == "nginx-page-2"
    assert failure["level"] == "ERROR"
    assert "OperationalError" in failure["exception"]
    assert failure["time"].endswith("Z")
