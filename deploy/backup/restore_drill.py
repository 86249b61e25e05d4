"""Restore drill: restore a backup into a fresh database and media folder, serve both copies,
and check that the restored site answers every public address exactly as the original does.

    .venv/bin/python deploy/backup/restore_drill.py [BACKUP_FOLDER] [--keep] [--json REPORT]

Run with the site's environment. Without BACKUP_FOLDER it first makes a backup (backup.py) in
a temporary folder. Then it

1. checks the backup against its manifest, creates a database of a new name on the server of
   DATABASE_URL (the role needs CREATEDB, or set DRILL_DATABASE_URL to one that has it) and a
   new media folder, and restores both with restore.py's code;
2. starts two gunicorn processes (deploy/gunicorn.conf.py) on loopback ports with the same
   settings except DATABASE_URL and MEDIA_ROOT (both with their own in-process cache, no
   Redis, no purges, Django serving /media/);
3. fetches from both: robots.txt, security.txt, every address of the sitemaps (each language's
   sitemap, with the hreflang alternates), the feeds the pages link to, the API's list
   endpoints in both languages (from its OpenAPI schema), and every /media/ and /documents/
   file the pages and the API name;
4. compares status, redirect target and body byte for byte, after blanking CSRF tokens (form
   fields and meta tags: a fresh random value per response). Nothing else differs between two
   processes of this site: it has no CSP nonces, and dates are in headers, not compared;
5. prints every difference with a diff excerpt and exits 1 if there is any (or if nothing was
   compared); drops the database and the folder (kept with --keep).

The original is the live database: run the drill right after a backup (the default), since
edits made after the backup show up as differences. The original's uploads must be on disk
(MEDIA_ROOT); docs/backup.md says how to drill a site whose uploads are in a bucket.
"""

import argparse
import concurrent.futures
import difflib
import hashlib
import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit
from xml.etree import ElementTree

from backup import ROOT, BackupError, database_settings, make_backup, verify_backup
from restore import connection_arguments, restore_database, restore_media

FETCH_THREADS = 4
FETCH_TIMEOUT = 30
START_TIMEOUT = 60
# Environment that would make the two processes share state or reach beyond the drill.
UNSHARED = ("REDIS_URL", "FRONTEND_CACHE_URLS", "VARNISH_URL", "GUNICORN_ACCESS_LOG")

# Values that are new in every response: the form's CSRF token (masked afresh each time).
CSRF_PATTERNS = [
    re.compile(rb'(name="csrfmiddlewaretoken"\s+value=")[^"]*(")'),
    re.compile(rb'(value=")[^"]*("\s+name="csrfmiddlewaretoken")'),
    re.compile(rb'(<meta\s+name="csrf-token"\s+content=")[^"]*(")'),
]
MEDIA_LINK = re.compile(rb"""(?:https?://[^/"'\s<>]+)?(/(?:media|documents)/[^"'\s<>,)\\]+)""")
FEED_LINK = re.compile(
    rb"""<link\s[^>]*type="application/(?:rss|atom)\+xml"[^>]*href="([^"]+)\"""", re.I
)
SITEMAP_NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "xhtml": "http://www.w3.org/1999/xhtml",
}


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Response:
    status: int
    location: str
    content_type: str
    body: bytes


@dataclass
class Site:
    """One of the two copies, served by gunicorn on a loopback port."""

    name: str
    env: dict
    log_path: Path
    port: int = field(default_factory=free_port)
    process: subprocess.Popen = None

    def start(self):
        self.env["GUNICORN_BIND"] = f"127.0.0.1:{self.port}"
        self._log = open(self.log_path, "ab")  # noqa: SIM115 (closed by stop())
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py"],
            cwd=ROOT,
            env=self.env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def wait(self, headers):
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise BackupError(f"the {self.name} site exited:\n{self.log_tail()}")
            try:
                if self.get("/robots.txt", headers).status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise BackupError(f"the {self.name} site did not answer:\n{self.log_tail()}")

    def get(self, path, headers):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=FETCH_TIMEOUT)
        try:
            connection.request("GET", path, headers=headers)
            response = connection.getresponse()
            return Response(
                response.status,
                response.getheader("Location", ""),
                response.getheader("Content-Type", ""),
                response.read(),
            )
        finally:
            connection.close()

    def log_tail(self):
        return Path(self.log_path).read_text(errors="replace")[-3000:]

    def stop(self):
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        if getattr(self, "_log", None):
            self._log.close()


def normalise(body):
    for pattern in CSRF_PATTERNS:
        body = pattern.sub(rb"\1\2", body)
    return body


def is_text(content_type):
    return content_type.startswith("text/") or any(
        kind in content_type for kind in ("json", "xml", "javascript")
    )


def difference(path, original, restored):
    """A description of how the restored answer differs, or None."""
    if original.status != restored.status:
        return f"{path}: status {original.status} on the original, {restored.status} restored"
    if original.location != restored.location:
        return f"{path}: redirects to {original.location!r}, restored to {restored.location!r}"
    before, after = normalise(original.body), normalise(restored.body)
    if before == after:
        return None
    if is_text(original.content_type):
        lines = list(
            difflib.unified_diff(
                before.decode(errors="replace").splitlines(),
                after.decode(errors="replace").splitlines(),
                "original",
                "restored",
                n=1,
                lineterm="",
            )
        )
        excerpt = "\n".join(line[:300] for line in lines[:30])
        return f"{path}: bodies differ\n{excerpt}"
    return (
        f"{path}: bodies differ ({len(before)} B sha256 {hashlib.sha256(before).hexdigest()[:16]}"
        f" original, {len(after)} B sha256 {hashlib.sha256(after).hexdigest()[:16]} restored)"
    )


class Drill:
    """Fetches each address from both sites once, and keeps the differences."""

    def __init__(self, original, restored, headers, tamper_media=None):
        self.original, self.restored, self.headers = original, restored, headers
        self.seen = {}
        self.differences = []
        self.kinds = {}
        self.tamper_media = tamper_media
        self.pool = concurrent.futures.ThreadPoolExecutor(FETCH_THREADS)

    def fetch(self, paths, kind):
        """Compare `paths` not seen yet; return {path: original Response} of those."""
        paths = [path for path in dict.fromkeys(paths) if path not in self.seen]
        if kind == "media" and paths and self.tamper_media:
            self.tamper_media(sorted(paths))
            self.tamper_media = None
        originals = self.pool.map(lambda path: self.original.get(path, self.headers), paths)
        restoreds = self.pool.map(lambda path: self.restored.get(path, self.headers), paths)
        answers = {}
        for path, original, restored in zip(paths, originals, restoreds, strict=True):
            self.seen[path] = kind
            self.kinds[kind] = self.kinds.get(kind, 0) + 1
            problem = difference(path, original, restored)
            if original.status >= 500:
                # Two copies failing alike prove nothing about the restore.
                problem = f"{path}: the original answers {original.status}; nothing to compare"
            if problem:
                self.differences.append(problem)
            answers[path] = original
        return answers

    def run(self):
        answers = self.fetch(
            ["/robots.txt", "/.well-known/security.txt", "/sitemap.xml"], "discovery"
        )
        sections = [local(loc) for loc in sitemap_locations(answers["/sitemap.xml"])]
        if not sections:
            self.differences.append("/sitemap.xml lists no sitemap: nothing to compare")
        pages = []
        for section in self.fetch(sections, "sitemap").values():
            pages += [local(loc) for loc in page_locations(section)]
        page_answers = self.fetch(pages, "page")
        schemas = self.fetch(["/api/openapi.json", "/en/api/openapi.json"], "api")
        api_lists = []
        for path, schema in schemas.items():
            api_lists += api_list_paths(path, schema)
        api_answers = self.fetch(api_lists, "api")
        feeds, media = [], []
        for path, answer in {**page_answers, **api_answers}.items():
            feeds += [urljoin(path, href.decode()) for href in FEED_LINK.findall(answer.body)]
            media += [link.decode() for link in MEDIA_LINK.findall(answer.body)]
        self.fetch([local(feed.replace("&amp;", "&")) for feed in feeds], "feed")
        self.fetch(media, "media")
        self.pool.shutdown()
        return self


def local(url):
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def parse_xml(response):
    if response.status != 200:
        return None
    try:
        return ElementTree.fromstring(response.body)
    except ElementTree.ParseError:
        return None


def sitemap_locations(response):
    tree = parse_xml(response)
    return (
        [] if tree is None else [loc.text for loc in tree.findall("sm:sitemap/sm:loc", SITEMAP_NS)]
    )


def page_locations(response):
    tree = parse_xml(response)
    if tree is None:
        return []
    locations = [loc.text for loc in tree.findall("sm:url/sm:loc", SITEMAP_NS)]
    locations += [link.get("href") for link in tree.findall("sm:url/xhtml:link", SITEMAP_NS)]
    return [location for location in locations if location]


def api_list_paths(schema_path, response):
    """The GET endpoints without path parameters (lists, and the API's root) of an OpenAPI schema,
    under the prefix of the language the schema was fetched in."""
    if response.status != 200:
        return []
    prefix = schema_path[: -len("/api/openapi.json")]
    paths = json.loads(response.body).get("paths", {})
    found = []
    for path, operations in paths.items():
        if "{" in path or "get" not in operations:
            continue
        # The schema names the Finnish addresses; the English ones are the same under /en/.
        if prefix and not path.startswith(prefix + "/"):
            path = prefix + path
        found.append(path)
    return found


def admin_connection(config):
    import psycopg

    return psycopg.connect(**connection_arguments(config, name="postgres"), autocommit=True)


def tamper_database(config, name):
    """For the drill's own test: change one live page's title in the restored database."""
    import psycopg

    with psycopg.connect(**connection_arguments(config, name=name), autocommit=True) as db:
        columns = {
            row[0]
            for row in db.execute(
                "SELECT column_name FROM information_schema.columns "
                "WHERE table_name = 'wagtailcore_page'"
            )
        }
        titles = [column for column in ("title", "title_fi", "title_en") if column in columns]
        assignments = ", ".join(f"{column} = {column} || ' [tampered]'" for column in titles)
        db.execute(
            f"UPDATE wagtailcore_page SET {assignments} WHERE id = (SELECT id FROM "
            "wagtailcore_page WHERE live AND depth = 3 ORDER BY path LIMIT 1)"
        )


def site_environment(**changes):
    env = {key: value for key, value in os.environ.items() if key not in UNSHARED}
    env.update(SERVE_MEDIA="1", WEB_CONCURRENCY=os.environ.get("DRILL_WORKERS", "2"))
    env.update(changes)
    return env


def request_headers():
    """What nginx would pass on: the public host, and HTTPS (production redirects plain HTTP)."""
    base = urlsplit(os.environ.get("SITE_BASE_URL", "") or "http://127.0.0.1")
    return {
        "Host": base.netloc or "127.0.0.1",
        "X-Forwarded-Proto": base.scheme or "http",
        "Accept-Encoding": "identity",
    }


START = time.monotonic()


def step(message):
    print(f"[{time.monotonic() - START:5.1f} s] {message}", flush=True)


def drill(args):
    config = database_settings(os.environ.get("DATABASE_URL", ""))
    if os.environ.get("AWS_STORAGE_BUCKET_NAME"):
        raise BackupError(
            "The media are in a bucket: the drill compares sites with uploads on disk only. "
            "See docs/backup.md, 'Object storage'."
        )
    admin_config = database_settings(
        os.environ.get("DRILL_DATABASE_URL") or os.environ["DATABASE_URL"]
    )
    work = Path(tempfile.mkdtemp(prefix="pirsote-drill-"))
    fresh_name = f"{config['NAME'][:40]}_drill_{uuid.uuid4().hex[:8]}"
    media_root = work / "media"
    sites = []
    created = False
    try:
        folder = args.backup
        if folder is None:
            step("making a backup")
            folder = make_backup(work / "backups")
        manifest = verify_backup(folder)
        step(f"backup {folder}: {manifest['started_at']}, commit {manifest['git_commit']}")
        # The original boots while the copy is restored.
        original = Site("original", site_environment(), work / "original.log")
        sites.append(original)
        original.start()
        with admin_connection(admin_config) as connection:
            # Owned by the site's role, as the original is, when another role creates it.
            owner = f' OWNER "{config["USER"]}"' if config.get("USER") else ""
            connection.execute(f'CREATE DATABASE "{fresh_name}"{owner}')
        created = True
        fresh_url = database_url_with_name(os.environ["DATABASE_URL"], fresh_name)
        restore_database(folder, fresh_url)
        step("database restored")
        restored_env = site_environment(DATABASE_URL=fresh_url, MEDIA_ROOT=str(media_root))
        media = restore_media(folder, restored_env)
        step(f"restored into database {fresh_name} and {media_root} ({media['files']} files)")
        if args.tamper_for_test:
            tamper_database(admin_config, fresh_name)

        def tamper_media(paths):
            victims = [path for path in paths if path.startswith("/media/images/")]
            if victims:
                (media_root / victims[0][len("/media/") :]).unlink()

        restored = Site("restored", restored_env, work / "restored.log")
        sites.append(restored)
        restored.start()
        headers = request_headers()
        for site in sites:
            site.wait(headers)
        step("both sites answer; comparing")
        started = time.monotonic()
        result = Drill(
            original, restored, headers, tamper_media if args.tamper_for_test else None
        ).run()
        elapsed = time.monotonic() - started
    finally:
        for site in sites:
            site.stop()
        if created and not args.keep:
            with admin_connection(admin_config) as connection:
                connection.execute(f'DROP DATABASE IF EXISTS "{fresh_name}" WITH (FORCE)')
        if args.keep:
            print(f"kept: database {fresh_name}, folder {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    return result, elapsed


def database_url_with_name(url, name):
    parts = urlsplit(url)
    return parts._replace(path=f"/{name}").geturl()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("backup", nargs="?", type=Path, help="a backup folder; default: make one")
    parser.add_argument("--keep", action="store_true", help="keep the restored database and folder")
    parser.add_argument("--json", type=Path, help="also write the result here as JSON")
    parser.add_argument(
        "--tamper-for-test",
        action="store_true",
        help="damage the restored copy (one page title, one image file): the drill must fail",
    )
    args = parser.parse_args()
    import psycopg

    try:
        result, elapsed = drill(args)
    except (BackupError, psycopg.Error) as error:
        print(f"restore drill FAILED: {error}", file=sys.stderr)
        sys.exit(1)
    compared = len(result.seen)
    kinds = ", ".join(f"{count} {kind}" for kind, count in sorted(result.kinds.items()))
    for problem in result.differences:
        print(f"DIFFERENCE {problem}\n")
    if not result.kinds.get("page"):
        result.differences.append("no page was compared")
    print(
        f"compared {compared} addresses ({kinds}) in {elapsed:.1f} s: "
        f"{len(result.differences)} differences"
    )
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "compared": compared,
                    "kinds": result.kinds,
                    "paths": sorted(result.seen),
                    "differences": result.differences,
                },
                indent=2,
            )
        )
    sys.exit(1 if result.differences else 0)


if __name__ == "__main__":
    main()
