"""Fixtures for the deployment drills: real servers on loopback ports, a demo site built once.

The drills run the site as operators do, in processes of its own (gunicorn, the mail worker,
manage.py), against a PostgreSQL database of their own: `demo_site` builds one with the demo
content once per test session and drops it at the end. The tests that use it run on one
pytest-xdist worker (the "deploy" group), so it is built only once.
"""

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
PYTHON = str(BIN / "python")
GUNICORN = str(BIN / "gunicorn")
POSTGRES_URL = os.environ.get("DATABASE_URL", "")


def pytest_itemcollected(item):
    # As each test is collected, before pytest-xdist reads the groups (see tests/conftest.py).
    if "/tests/deploy/" in str(item.fspath).replace(os.sep, "/"):
        item.add_marker(pytest.mark.xdist_group("deploy"))


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def http_get(url, timeout=5, headers=None):
    """(status, headers, body) of a GET, whatever the status."""
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


@dataclass
class Server:
    """A process of ours, in its own process group, logging to a file; stop() ends it all."""

    name: str
    command: list
    env: dict
    log_path: Path
    cwd: Path = ROOT
    process: subprocess.Popen = field(default=None, init=False)

    def start(self):
        self._log = self.log_path.open("ab")
        self.process = subprocess.Popen(
            self.command,
            cwd=self.cwd,
            env=self.env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        return self

    def log(self):
        return self.log_path.read_text(errors="replace")

    def wait_for(self, url, timeout=30, ok=(200,)):
        """Wait until `url` answers with a status in `ok`; fail with the log if it dies."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                status, _, _ = http_get(url, timeout=2)
                if status in ok:
                    return self
            except OSError:
                pass
            assert self.process.poll() is None, f"{self.name} exited:\n{self.log()[-3000:]}"
            assert time.monotonic() < deadline, f"{self.name} did not answer:\n{self.log()[-3000:]}"
            time.sleep(0.1)

    def stop(self, sig=signal.SIGTERM, timeout=10):
        if self.process is None or self.process.poll() is not None:
            self._close_log()
            return
        try:
            os.killpg(self.process.pid, sig)
            self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        except ProcessLookupError:
            pass
        self._close_log()

    def _close_log(self):
        if getattr(self, "_log", None) and not self._log.closed:
            self._log.close()


@pytest.fixture
def servers():
    """Start servers with servers.start(Server(...)); all of them are stopped afterwards."""

    class Servers(list):
        def start(self, server):
            self.append(server)
            return server.start()

    started = Servers()
    yield started
    for server in reversed(started):
        server.stop()


def _admin_connection():
    import psycopg

    base = POSTGRES_URL.rsplit("/", 1)[0]
    return psycopg.connect(f"{base}/postgres", autocommit=True)


def create_database(name):
    with _admin_connection() as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    return f"{POSTGRES_URL.rsplit('/', 1)[0]}/{name}"


def drop_database(name):
    with _admin_connection() as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@dataclass
class DemoSite:
    """The demo content in a PostgreSQL database and a media folder of its own."""

    database_name: str
    database_url: str
    media_root: Path
    static_root: Path

    def env(self, **extra):
        """The environment of a process serving this site with the test settings."""
        environment = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("PYTEST", "DJANGO_", "REDIS_URL", "AWS_"))
        }
        environment.update(
            DJANGO_SETTINGS_MODULE="pirsote.settings.dev",
            DEBUG="0",
            DATABASE_URL=self.database_url,
            MEDIA_ROOT=str(self.media_root),
            STATIC_ROOT=str(self.static_root),
            EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
            PYTHONUNBUFFERED="1",
        )
        environment.update({key: str(value) for key, value in extra.items()})
        return environment

    def manage(self, *args, timeout=300, **extra_env):
        result = subprocess.run(
            [PYTHON, "manage.py", *args],
            cwd=ROOT,
            env=self.env(**extra_env),
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        assert result.returncode == 0, f"manage.py {' '.join(args)}:\n{result.stderr[-3000:]}"
        return result.stdout


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory):
    """The demo content, migrated and loaded once per session, in a database of its own.

    Tests must leave it as they found it (or work on a copy: `create_database(name)` with
    `TEMPLATE` is not possible while the demo site's database has connections).
    """
    if not POSTGRES_URL.startswith("postgres"):
        pytest.skip("the deployment drills need PostgreSQL (DATABASE_URL)")
    name = f"pirsote_demo_{uuid.uuid4().hex[:10]}"
    folder = tmp_path_factory.mktemp("demo-site")
    site = DemoSite(name, create_database(name), folder / "media", folder / "static")
    try:
        site.manage("migrate", "--noinput")
        site.manage("load_initial_data")
        site.manage("update_index", "--backend", "site")
        site.manage("setup_roles")
        yield site
    finally:
        drop_database(name)
        shutil.rmtree(folder, ignore_errors=True)
