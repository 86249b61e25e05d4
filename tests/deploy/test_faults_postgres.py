"""Fault drill: PostgreSQL restarted under load, and no request fails once it is back.

The shared PostgreSQL of the test run must not be restarted, so the drill starts a cluster
of its own (initdb, as the `postgres` user when run as root) on a free loopback port, and
restores the demo site (`demo_site`, built once for all the drills) into it with
pg_dump/pg_restore: about 2 s, where migrating a fresh database takes over a minute.
gunicorn serves it with the production configuration (2 workers of 4 threads, persistent
database connections), client threads keep asking for pages and the API, and the cluster
is restarted with `pg_ctl restart -m fast`, which cuts every open connection. Requests
caught by the restart may answer 503 with Retry-After (pirsote/core/availability.py); none
may answer 500, and every request started once the database accepts connections again
must answer 200: each thread's broken connection is found out by Django's health check
(CONN_HEALTH_CHECKS) before the request uses it.
"""

import json
import os
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from .conftest import GUNICORN, Server, free_port, http_get

pytestmark = pytest.mark.postgres

CLIENT_THREADS = 4
WARM_UP_SECONDS = 1.5
LOAD_AFTER_RESTART_SECONDS = 4
DATABASE = "faults"


def postgres_bin():
    """The newest PostgreSQL server programs installed (Debian's layout), or None."""
    found = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda path: int(path.parts[-3])
    )
    return found[-1].parent if found else None


def as_owner(command):
    """initdb and postgres refuse to run as root: run them as the `postgres` user then."""
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *command]
    return command


@dataclass
class Cluster:
    """A PostgreSQL cluster of our own, trust authentication, on a loopback port."""

    bin: Path
    folder: Path
    port: int

    @property
    def data(self):
        return self.folder / "data"

    def url(self, database=DATABASE):
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def pg_ctl(self, *args, timeout=60):
        """pg_ctl, waiting until done; the server logs to postgres.log, pg_ctl to pg_ctl.log.

        Not to a pipe: a server started by pg_ctl would hold it open, and the wait with it.
        """
        server_log = self.folder / "postgres.log"
        command = [self.bin / "pg_ctl", f"--pgdata={self.data}", f"--log={server_log}", "-w"]
        with (self.folder / "pg_ctl.log").open("ab") as log:
            result = subprocess.run(
                as_owner([*map(str, command), "-t", "30", *args]),
                stdout=log,
                stderr=log,
                timeout=timeout,
            )
        assert result.returncode == 0, (self.folder / "pg_ctl.log").read_text()[-2000:]

    def start(self):
        subprocess.run(
            as_owner(
                [
                    str(self.bin / "initdb"),
                    "-D",
                    str(self.data),
                    "--auth=trust",
                    "--username=postgres",
                    "--encoding=UTF8",
                    "--locale=C.UTF-8",
                    "--no-sync",
                ]
            ),
            check=True,
            capture_output=True,
            timeout=60,
        )
        options = (
            f"-c listen_addresses=127.0.0.1 -p {self.port} "
            f"-c unix_socket_directories={self.folder} -c fsync=off"
        )
        self.pg_ctl("-o", options, "start")

    def stop(self):
        if (self.data / "postmaster.pid").exists():
            self.pg_ctl("stop", "-m", "immediate")

    def client_connections(self):
        """Connections to the site's database other than this one."""
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as connection:
            return connection.execute(
                "SELECT count(*) FROM pg_stat_activity"
                " WHERE datname = %s AND pid <> pg_backend_pid()",
                [DATABASE],
            ).fetchone()[0]


@pytest.fixture(scope="module")
def cluster():
    programs = postgres_bin()
    if programs is None or (os.geteuid() == 0 and shutil.which("runuser") is None):
        pytest.skip("needs PostgreSQL's server programs (Debian's postgresql package)")
    folder = Path(tempfile.mkdtemp(prefix="pirsote-faults-pg-"))
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
    own = Cluster(programs, folder, free_port())
    try:
        own.start()
        yield own
    finally:
        try:
            own.stop()
        finally:
            shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="module")
def site_database(cluster, demo_site):
    """The demo site copied into the cluster: the content, not the migrations, is restored."""
    subprocess.run(
        [str(cluster.bin / "createdb"), "--maintenance-db", cluster.url("postgres"), DATABASE],
        check=True,
        timeout=30,
    )
    dump = subprocess.Popen(
        [str(cluster.bin / "pg_dump"), "--format=custom", "--no-owner", demo_site.database_url],
        stdout=subprocess.PIPE,
    )
    restore = subprocess.run(
        [str(cluster.bin / "pg_restore"), "--no-owner", "--no-acl", f"--dbname={cluster.url()}"],
        stdin=dump.stdout,
        capture_output=True,
        timeout=120,
    )
    dump.stdout.close()
    assert dump.wait(timeout=30) == 0
    assert restore.returncode == 0, restore.stderr.decode(errors="replace")[-3000:]
    return cluster.url()


@pytest.fixture(scope="module")
def site(cluster, site_database, demo_site, tmp_path_factory):
    """gunicorn as in production (2 workers of 4 threads) on the cluster; its base URL."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    gunicorn = Server(
        "gunicorn",
        [GUNICORN, "-c", "deploy/gunicorn.conf.py"],
        demo_site.env(
            DATABASE_URL=site_database,
            GUNICORN_BIND=f"127.0.0.1:{port}",
            WEB_CONCURRENCY=2,
            GUNICORN_THREADS=4,
            GUNICORN_LOG_LEVEL="warning",
        ),
        tmp_path_factory.mktemp("faults") / "gunicorn.log",
    )
    try:
        gunicorn.start().wait_for(f"{base}/", timeout=30)
        yield gunicorn, base
    finally:
        gunicorn.stop(signal.SIGINT)  # quick shutdown: nothing to finish


@pytest.fixture(scope="module")
def paths(site):
    """Addresses that each read the database: the home page in both languages, the API,
    and a page deeper down."""
    _gunicorn, base = site
    status, _headers, body = http_get(f"{base}/api/pages/?limit=20")
    assert status == 200
    page_paths = [urlsplit(item["meta"]["html_url"]).path for item in json.loads(body)["items"]]
    deeper = [path for path in page_paths if path.strip("/").count("/") >= 1]
    return ["/", "/en/", "/api/pages/?limit=5", *deeper[:1]]


@dataclass
class Outcome:
    path: str
    started: float
    ended: float
    status: int | None  # None: no HTTP answer at all
    retry_after: str | None = None
    error: str = ""


class Load:
    """Client threads asking for `paths` in turn, as fast as answers come; pause()-able."""

    def __init__(self, base, paths, clients=CLIENT_THREADS):
        self.base, self.paths = base, paths
        self.outcomes = []
        self.stopping, self.paused = threading.Event(), threading.Event()
        self.lock = threading.Lock()
        self.in_flight = 0
        self.threads = [threading.Thread(target=self.ask, daemon=True) for _ in range(clients)]

    def ask(self):
        number = 0
        while not self.stopping.is_set():
            if self.paused.is_set():
                time.sleep(0.01)
                continue
            with self.lock:
                self.in_flight += 1
            path = self.paths[number % len(self.paths)]
            number += 1
            started = time.monotonic()
            try:
                status, headers, _body = http_get(self.base + path, timeout=10)
                outcome = Outcome(path, started, time.monotonic(), status, headers["Retry-After"])
            except OSError as error:
                outcome = Outcome(path, started, time.monotonic(), None, error=repr(error))
            with self.lock:
                self.outcomes.append(outcome)
                self.in_flight -= 1

    def pause(self, timeout=15):
        """Stop asking and wait for the answers still to come: the site is idle."""
        self.paused.set()
        deadline = time.monotonic() + timeout
        while self.in_flight and time.monotonic() < deadline:
            time.sleep(0.01)
        assert not self.in_flight

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc_info):
        self.stopping.set()
        for thread in self.threads:
            thread.join(timeout=15)

    def started_between(self, start, end=float("inf")):
        return [o for o in self.outcomes if start <= o.started < end]


def restart(cluster):
    """`pg_ctl restart -m fast`: (when it began, when the database accepted connections)."""
    began = time.monotonic()
    cluster.pg_ctl("restart", "-m", "fast")
    cluster.client_connections()  # raises unless it accepts connections again
    return began, time.monotonic()


def test_requests_caught_by_a_restart_under_load_get_503_at_worst_and_later_ones_200(
    cluster, site, paths
):
    drill_started = time.monotonic()
    gunicorn, base = site
    with Load(base, paths) as load:
        time.sleep(WARM_UP_SECONDS)
        # The gunicorn threads hold persistent connections: the restart will break them.
        assert cluster.client_connections() >= 1
        restart_began, back = restart(cluster)
        time.sleep(LOAD_AFTER_RESTART_SECONDS)

    before = [o for o in load.outcomes if o.ended < restart_began]
    during = [o for o in load.outcomes if o.started < back and o.ended >= restart_began]
    after = load.started_between(back)
    log = gunicorn.log()[-3000:]
    assert before and all(o.status == 200 for o in before), (before, log)
    # Caught by the restart: "back soon" at worst, never an error page or a dropped answer.
    assert all(o.status in (200, 503) for o in during), (during, log)
    assert all(o.retry_after for o in during if o.status == 503), during
    # Started once the database was back: every one answered, every page.
    assert {o.path for o in after} == set(paths), after
    failed = [o for o in after if o.status != 200]
    assert not failed, (failed, log)
    assert time.monotonic() - drill_started < 40


def test_connections_broken_while_the_site_was_idle_are_replaced_before_a_request_uses_them(
    cluster, site, paths
):
    """Under load, failed requests during the restart discard the broken connections; at
    a quiet moment nothing does, and the first request of each thread must find its
    connection broken (CONN_HEALTH_CHECKS) before it runs a query."""
    drill_started = time.monotonic()
    gunicorn, base = site
    with Load(base, paths, clients=2 * CLIENT_THREADS) as load:
        time.sleep(WARM_UP_SECONDS)
        load.pause()
        held = cluster.client_connections()
        _began, back = restart(cluster)
        load.paused.clear()
        time.sleep(LOAD_AFTER_RESTART_SECONDS / 2)

    # Each gunicorn thread that had answered kept its connection, now broken.
    assert held >= 2
    after = load.started_between(back)
    assert {o.path for o in after} == set(paths), after
    failed = [o for o in after if o.status != 200]
    assert not failed, (failed, gunicorn.log()[-3000:])
    assert time.monotonic() - drill_started < 40
