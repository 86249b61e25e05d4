"""The shipped deployment (deploy/, docs/deployment.md) checked with the real tools.

`nginx -t`, `varnishd -C` and `systemd-analyze verify` on the shipped files; nginx run with
the shipped site in front of a small echoing upstream; and deploy/install.sh run as the
runbook says, on loopback in a temporary prefix, up to TLS, after which the installed site
answers when started the way its systemd unit starts it.
"""

import http.client
import itertools
import json
import os
import posixpath
import re
import secrets
import shutil
import signal
import socket
import ssl
import subprocess
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest

REPO = Path(__file__).resolve().parents[2]
DEPLOY = REPO / "deploy"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
VARNISHD = shutil.which("varnishd") or "/usr/sbin/varnishd"
SYSTEMD_ANALYZE = shutil.which("systemd-analyze") or "/usr/bin/systemd-analyze"
OPENSSL = shutil.which("openssl") or "/usr/bin/openssl"
MIME_TYPES = Path("/etc/nginx/mime.types")
SITE_NAME = "runbook.example.test"
UNITS = [
    "pirsote-web.service",
    "pirsote-mail.service",
    "pirsote-publish-scheduled.service",
    "pirsote-publish-scheduled.timer",
]


def require(tool, package):
    if Path(tool).exists():
        return
    if os.environ.get("CI") or os.environ.get("REQUIRE_POSTGRES") == "1":
        pytest.fail(f"{tool} not found (apt-get install {package})")
    pytest.skip(f"{tool} not installed (apt-get install {package})")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port, process, timeout=30.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"the server exited with {process.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"nothing listens on port {port} after {timeout} s")


def stop(process):
    """End a process group of ours, however it is doing."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=5)


def self_signed_certificate(folder):
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            *(OPENSSL, "req", "-x509", "-nodes", "-days", "1", "-subj", f"/CN={SITE_NAME}"),
            *("-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1"),
            *("-keyout", str(key), "-out", str(cert)),
        ],
        check=True,
        capture_output=True,
        timeout=30,
    )
    return cert, key


def site_conf(*, static_root, media_root, log_dir):
    """deploy/nginx/site.conf with this machine's values, as install.sh writes it."""
    text = (DEPLOY / "nginx" / "site.conf").read_text()
    text = re.sub(r"^server_name .*;$", f"server_name {SITE_NAME};", text, flags=re.M)
    text = text.replace("/srv/pirsote/staticfiles", str(static_root))
    text = text.replace("/srv/pirsote/media", str(media_root))
    return text.replace("/var/log/nginx", str(log_dir))


def main_nginx_conf(prefix, site_file="pirsote.conf"):
    """A main nginx.conf in `prefix` that includes the site as Debian's sites-enabled/ does."""
    temp = prefix / "temp"
    temp.mkdir(exist_ok=True)
    temp_paths = "".join(
        f"    {kind}_temp_path {temp / kind};\n"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    # Run as root, the workers must be root too to read pytest's private temporary folders.
    user = "user root;\n" if os.geteuid() == 0 else ""
    (prefix / "nginx.conf").write_text(
        f"{user}worker_processes 1;\npid {prefix / 'nginx.pid'};\n"
        f"error_log {prefix / 'error.log'};\nevents {{ worker_connections 128; }}\n"
        f"http {{\n    include {MIME_TYPES};\n    default_type application/octet-stream;\n"
        f"{temp_paths}    include pirsote/{site_file};\n}}\n"
    )
    return [
        NGINX,
        "-e",
        str(prefix / "error.log"),
        "-p",
        str(prefix),
        "-c",
        str(prefix / "nginx.conf"),
    ]


def shipped_site(prefix, *, static_root, media_root, upstream=None, ports=None, archive_root=None):
    """deploy/nginx/ in `prefix`/pirsote/ with this machine's own files, as install.sh does;
    with `archive_root`, archive.conf serving that export is the site (see docs/archive.md)."""
    site_file = "archive.conf" if archive_root else "pirsote.conf"
    site = prefix / "pirsote"
    shutil.copytree(DEPLOY / "nginx", site)
    (site / "site.conf").write_text(
        site_conf(static_root=static_root, media_root=media_root, log_dir=prefix)
    )
    cert, key = self_signed_certificate(prefix)
    (site / "certificate.conf").write_text(f"ssl_certificate {cert};\nssl_certificate_key {key};\n")
    if upstream:
        (site / "upstream.conf").write_text(
            f"upstream pirsote_app {{\n    server {upstream};\n    keepalive 4;\n}}\n"
        )
    if archive_root:
        text = (site / site_file).read_text()
        (site / site_file).write_text(text.replace("/srv/archive/site", str(archive_root)))
    if ports:
        # Only the listen addresses differ from the shipped file: loopback ports of the test's.
        text = (site / site_file).read_text()
        text = re.sub(r"^\s*listen \[::\]:\d+[^;]*;\n", "", text, flags=re.M)
        text, plain = re.subn(r"\blisten 80;", f"listen 127.0.0.1:{ports[0]};", text)
        text, secure = re.subn(r"\blisten 443 ", f"listen 127.0.0.1:{ports[1]} ", text)
        assert (plain, secure) == (1, 1)
        (site / site_file).write_text(text)
    return cert


# --- The tools' own checks --------------------------------------------------------------------


def test_nginx_accepts_the_shipped_site(tmp_path):
    require(NGINX, "nginx-light")
    for folder in ("static", "media"):
        (tmp_path / folder).mkdir()
    shipped_site(tmp_path, static_root=tmp_path / "static", media_root=tmp_path / "media")
    # pirsote.conf, snippets/ and upstream.conf exactly as shipped.
    for name in ("pirsote.conf", "upstream.conf", "snippets/proxy.conf", "snippets/tls.conf",
                 "snippets/log-format.conf"):  # fmt: skip
        assert (tmp_path / "pirsote" / name).read_bytes() == (DEPLOY / "nginx" / name).read_bytes()
    result = subprocess.run(
        [*main_nginx_conf(tmp_path), "-t"], capture_output=True, text=True, timeout=30
    )
    assert result.returncode == 0, result.stderr
    assert "test is successful" in result.stderr
    assert "[warn]" not in result.stderr, result.stderr


def test_nginx_accepts_the_site_in_debians_own_configuration(tmp_path):
    """As installed: /etc/nginx/nginx.conf of the package, the site in sites-enabled/."""
    require(NGINX, "nginx-light")
    debian = Path("/etc/nginx")
    if not (debian / "nginx.conf").exists():
        pytest.skip("no /etc/nginx/nginx.conf")
    etc = tmp_path / "etc-nginx"
    shutil.copytree(debian, etc, symlinks=True)
    for folder in ("static", "media"):
        (tmp_path / folder).mkdir()
    shutil.rmtree(etc / "pirsote", ignore_errors=True)
    shipped_site(etc, static_root=tmp_path / "static", media_root=tmp_path / "media")
    # install.sh: the site enabled, Debian's welcome site disabled.
    for enabled in (etc / "sites-enabled").iterdir():
        enabled.unlink()
    (etc / "sites-enabled" / "pirsote.conf").symlink_to(etc / "pirsote" / "pirsote.conf")
    conf = (etc / "nginx.conf").read_text().replace("/etc/nginx/", f"{etc}/")
    (etc / "nginx.conf").write_text(conf)
    result = subprocess.run(
        # The package's prefix: its modules-enabled/ load modules/*.so relative to it.
        [NGINX, "-t", "-p", "/usr/share/nginx/", "-c", str(etc / "nginx.conf")],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 0, result.stderr
    assert "[warn]" not in result.stderr, result.stderr


def test_varnish_compiles_the_shipped_vcl(tmp_path):
    require(VARNISHD, "varnish")
    result = subprocess.run(
        [
            *(VARNISHD, "-C", "-j", "none", "-n", str(tmp_path / "n")),
            # backend.vcl and purgers.vcl are found next to default.vcl, as the drop-in does.
            *("-p", f"vcl_path={DEPLOY / 'varnish'}:/usr/share/varnish/vcl"),
            *("-f", str(DEPLOY / "varnish" / "default.vcl")),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "VGC_function_vcl_recv" in result.stdout + result.stderr


def installed_units(folder, *, app_dir, media_root):
    """The units with the paths install.sh puts in, here pointing at things that exist."""
    folder.mkdir(parents=True, exist_ok=True)
    for unit in UNITS:
        text = (DEPLOY / "systemd" / unit).read_text()
        text = text.replace("ReadWritePaths=/srv/pirsote/media", f"ReadWritePaths={media_root}")
        (folder / unit).write_text(text.replace("/srv/pirsote", str(app_dir)))
    return folder


def test_systemd_accepts_the_units(tmp_path):
    require(SYSTEMD_ANALYZE, "systemd")
    (tmp_path / "media").mkdir()
    units = installed_units(tmp_path / "units", app_dir=REPO, media_root=tmp_path / "media")
    # The varnish drop-in on Debian's own varnish.service, when the package is installed.
    debian_varnish = Path("/lib/systemd/system/varnish.service")
    checked = [str(units / unit) for unit in UNITS]
    if debian_varnish.exists():
        shutil.copy(debian_varnish, units / "varnish.service")
        shutil.copytree(DEPLOY / "systemd" / "varnish.service.d", units / "varnish.service.d")
        checked.append("varnish.service")
    result = subprocess.run(
        [SYSTEMD_ANALYZE, "verify", *checked],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "SYSTEMD_UNIT_PATH": f"{units}:"},
        cwd=units,
    )
    # Unknown keys and bad values are only warnings for systemd: none may concern our files.
    ours = [line for line in result.stderr.splitlines() if str(units) in line or "pirsote" in line]
    assert result.returncode == 0 and not ours, result.stderr


def test_the_timer_publishes_every_minute():
    require(SYSTEMD_ANALYZE, "systemd")
    timer = (DEPLOY / "systemd" / "pirsote-publish-scheduled.timer").read_text()
    calendar = re.search(r"^OnCalendar=(.+)$", timer, flags=re.M).group(1)
    result = subprocess.run(
        [SYSTEMD_ANALYZE, "calendar", "--iterations=3", calendar],
        capture_output=True,
        text=True,
        timeout=30,
        env={**os.environ, "TZ": "UTC"},
    )
    assert result.returncode == 0, result.stderr
    # "Next elapse: Sun 2026-12-06 15:20:00 UTC", then "Iter. #2: ...".
    elapses = re.findall(
        r"(?:Next elapse|Iter\. #\d+): \w+ [\d-]+ (\d\d):(\d\d):(\d\d)", result.stdout
    )
    assert len(elapses) == 3 and {second for _h, _m, second in elapses} == {"00"}, result.stdout
    minutes = [int(hour) * 60 + int(minute) for hour, minute, _s in elapses]
    assert [(b - a) % 1440 for a, b in itertools.pairwise(minutes)] == [1, 1], result.stdout


def test_the_environment_example_lists_every_variable_production_reads():
    read = re.compile(
        r'(?:environ\.get|environ\[|env_bool|env_list|getenv)\(?\s*"([A-Z][A-Z0-9_]+)"'
    )
    sources = [
        REPO / "pirsote" / "settings" / "base.py",
        REPO / "pirsote" / "settings" / "production.py",
        DEPLOY / "gunicorn.conf.py",
    ]
    # dj_database_url reads DATABASE_URL itself.
    names = {"DATABASE_URL"} | {name for path in sources for name in read.findall(path.read_text())}
    listed = set(
        re.findall(r"^#?([A-Z][A-Z0-9_]+)=", (DEPLOY / "pirsote.env.example").read_text(), re.M)
    )
    assert {"SECRET_KEY", "REDIS_URL", "GUNICORN_BIND", "SITE_BASE_URL"} <= names
    assert names - listed == set(), "add these to deploy/pirsote.env.example"


# --- nginx in front of an upstream ---------------------------------------------------------------


class EchoHandler(BaseHTTPRequestHandler):
    """Answers every request with the path and headers it got, as JSON."""

    protocol_version = "HTTP/1.1"
    seen = []

    def _answer(self):
        length = int(self.headers.get("Content-Length") or 0)
        while length > 0:
            chunk = self.rfile.read(min(length, 1 << 20))
            if not chunk:
                break
            length -= len(chunk)
        record = {"method": self.command, "path": self.path, "headers": dict(self.headers)}
        self.seen.append(record)
        body = json.dumps(record).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = do_HEAD = _answer

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def site_behind_nginx(tmp_path_factory):
    """nginx with the shipped site on loopback ports, in front of the echoing upstream."""
    require(NGINX, "nginx-light")
    prefix = tmp_path_factory.mktemp("nginx")
    static, media = prefix / "static", prefix / "media"
    (static / "css").mkdir(parents=True)
    (static / "css" / "site.0123456789ab.css").write_text("body{color:#111}")
    (static / "robots-note.txt").write_text("unhashed")
    for folder, name, content in [
        ("images", "photo.jpg", "PUBLIC-IMAGE"),
        ("private/images", "draft.jpg", "EMBARGOED-IMAGE"),
        ("documents", "report.pdf", "EMBARGOED-DOCUMENT"),
    ]:
        (media / folder).mkdir(parents=True)
        (media / folder / name).write_text(content)

    upstream = ThreadingHTTPServer(("127.0.0.1", 0), EchoHandler)
    threading.Thread(target=upstream.serve_forever, daemon=True).start()
    http_port, https_port = free_port(), free_port()
    cert = shipped_site(
        prefix,
        static_root=static,
        media_root=media,
        upstream=f"127.0.0.1:{upstream.server_address[1]}",
        ports=(http_port, https_port),
    )
    command = main_nginx_conf(prefix)
    process = subprocess.Popen(
        [*command, "-g", "daemon off;"],
        stdout=subprocess.DEVNULL,
        stderr=(prefix / "out.log").open("wb"),
        start_new_session=True,
    )
    try:
        wait_for_port(https_port, process)
        context = ssl.create_default_context(cafile=str(cert))
        context.check_hostname = False
        yield {"http": http_port, "https": https_port, "tls": context, "seen": EchoHandler.seen}
    finally:
        stop(process)
        upstream.shutdown()
        upstream.server_close()


def request(site, method, path, *, tls=True, headers=None, body=None):
    """(status, headers, body) of one request to nginx, with the site's host name."""
    if tls:
        connection = http.client.HTTPSConnection(
            "127.0.0.1", site["https"], context=site["tls"], timeout=30
        )
    else:
        connection = http.client.HTTPConnection("127.0.0.1", site["http"], timeout=30)
    try:
        connection.request(method, path, body=body, headers={"Host": SITE_NAME, **(headers or {})})
        response = connection.getresponse()
        return response.status, response.headers, response.read()
    finally:
        connection.close()


def upstream_saw(site, path):
    return [record for record in site["seen"] if record["path"] == path]


def test_http_is_redirected_to_https_at_the_site_name(site_behind_nginx):
    status, headers, _ = request(
        site_behind_nginx, "GET", "/uutishuone/?type=blog", tls=False, headers={"Host": "evil.test"}
    )
    assert status == 301
    assert headers["Location"] == f"https://{SITE_NAME}/uutishuone/?type=blog"


def test_the_application_gets_the_client_address_scheme_and_a_request_id(site_behind_nginx):
    status, headers, body = request(
        site_behind_nginx,
        "GET",
        "/en/newsroom/",
        # What a client claims about itself is not passed on as its address.
        headers={"X-Real-IP": "203.0.113.9", "X-Forwarded-Proto": "http"},
    )
    assert status == 200
    got = {name.lower(): value for name, value in json.loads(body)["headers"].items()}
    assert got["host"] == SITE_NAME
    assert got["x-real-ip"] == "127.0.0.1"
    assert got["x-forwarded-for"].split(",")[-1].strip() == "127.0.0.1"
    assert got["x-forwarded-proto"] == "https"
    assert re.fullmatch(r"[0-9a-f]{32}", got["x-request-id"])
    # The same id in the answer, for a visitor's or a monitor's report.
    assert headers["X-Request-ID"] == got["x-request-id"]


def test_static_files_come_from_disk_hashed_ones_cached_for_a_year(site_behind_nginx):
    status, headers, body = request(site_behind_nginx, "GET", "/static/css/site.0123456789ab.css")
    assert (status, body) == (200, b"body{color:#111}")
    assert headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert headers["Content-Type"].startswith("text/css")
    status, headers, _ = request(site_behind_nginx, "GET", "/static/robots-note.txt")
    assert status == 200 and "immutable" not in headers["Cache-Control"]
    assert not upstream_saw(site_behind_nginx, "/static/css/site.0123456789ab.css")


def test_public_media_come_from_disk(site_behind_nginx):
    status, headers, body = request(site_behind_nginx, "GET", "/media/images/photo.jpg")
    assert (status, body) == (200, b"PUBLIC-IMAGE")
    assert headers["Content-Type"] == "image/jpeg"
    assert not upstream_saw(site_behind_nginx, "/media/images/photo.jpg")


@pytest.mark.parametrize(
    "path", ["/media/private/images/draft.jpg", "/media/images/../private/images/draft.jpg"]
)
def test_embargoed_media_go_to_the_application_never_from_disk(site_behind_nginx, path):
    status, _headers, body = request(site_behind_nginx, "GET", path)
    # The echo: the application decided (it serves editors only), not the file on disk.
    assert status == 200 and b"EMBARGOED" not in body
    # nginx passes the address as sent; the application normalises it as nginx did.
    assert posixpath.normpath(json.loads(body)["path"]) == "/media/private/images/draft.jpg"


@pytest.mark.parametrize(
    "path",
    [
        "/media/documents/report.pdf",
        "/media/images/../documents/report.pdf",
        "/media/%64ocuments/report.pdf",
        "/media//documents/report.pdf",
    ],
)
def test_documents_are_refused_by_their_file_path(site_behind_nginx, path):
    before = len(site_behind_nginx["seen"])
    status, _headers, body = request(site_behind_nginx, "GET", path)
    assert status == 404 and b"EMBARGOED" not in body
    assert len(site_behind_nginx["seen"]) == before


def test_an_upload_over_the_limit_is_refused_and_a_large_document_passes(site_behind_nginx):
    # Announced larger than 55 MB: refused before any of it is read.
    status, _headers, _ = request(
        site_behind_nginx,
        "POST",
        "/admin/documents/multiple/add/",
        headers={"Content-Length": str(56 * 1024 * 1024), "Content-Type": "application/pdf"},
        body=b"%PDF-1.4\n",
    )
    assert status == 413
    # A 50 MB document (Django's limit) with its form reaches the application.
    status, _headers, body = request(
        site_behind_nginx,
        "POST",
        "/admin/documents/multiple/add/",
        headers={"Content-Type": "application/octet-stream"},
        body=b"x" * (50 * 1024 * 1024 + 64 * 1024),
    )
    assert status == 200 and json.loads(body)["method"] == "POST"


# --- The runbook on a clean prefix ----------------------------------------------------------


def read_env_file(path):
    """KEY=VALUE lines, as systemd's EnvironmentFile= reads them."""
    values = {}
    for line in Path(path).read_text().splitlines():
        line = line.strip()
        if line and not line.startswith("#") and "=" in line:
            key, value = line.split("=", 1)
            values[key.strip()] = value.strip()
    return values


def unit_settings(path):
    settings = {}
    for line in Path(path).read_text().splitlines():
        if "=" in line and not line.startswith("#"):
            key, value = line.split("=", 1)
            settings.setdefault(key, []).append(value)
    return settings


@pytest.fixture
def runbook_database():
    """Admin access to PostgreSQL and a fresh database and role name; both dropped afterwards."""
    admin = urlsplit(os.environ.get("DATABASE_URL") or "postgres://root@127.0.0.1:5432/postgres")
    psql = [
        *("psql", "-h", admin.hostname or "127.0.0.1", "-p", str(admin.port or 5432)),
        *("-U", admin.username or "root", "-d", "postgres", "-v", "ON_ERROR_STOP=1", "-qtA"),
    ]
    name = f"pirsote_runbook_{secrets.token_hex(4)}"
    yield psql, name
    subprocess.run(
        [*psql, "-c", f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"],
        capture_output=True,
        timeout=60,
    )
    subprocess.run([*psql, "-c", f"DROP ROLE IF EXISTS {name}"], capture_output=True, timeout=60)


@pytest.fixture
def runbook_redis():
    """A Redis database number other than 0 and a key prefix of our own, cleaned afterwards."""
    import redis

    number, prefix = 2 + secrets.randbelow(12), f"pirsote-runbook-{secrets.token_hex(4)}"
    yield f"redis://127.0.0.1:6379/{number}", prefix
    client = redis.Redis(host="127.0.0.1", port=6379, db=number)
    keys = list(client.scan_iter(match=f"*{prefix}*", count=1000))
    if keys:
        client.delete(*keys)


def copy_of_the_checkout(target):
    """What `git clone` gives the operator: the sources, without installed or generated files."""
    ignore = shutil.ignore_patterns(
        ".git", ".venv", ".tools", "node_modules", "media", "staticfiles", "*.sqlite3",
        "__pycache__", ".pytest_cache", ".ruff_cache",
    )  # fmt: skip
    shutil.copytree(REPO, target, symlinks=True, ignore=ignore)
    # uv itself (make install fetches it once with pip; here it is the one already fetched).
    if (REPO / ".tools" / "bin" / "uv").exists():
        (target / ".tools").symlink_to(REPO / ".tools")


@pytest.mark.postgres
def test_the_runbook_up_to_tls_gives_a_site_that_answers(tmp_path, runbook_database, runbook_redis):
    require(NGINX, "nginx-light")
    psql, name = runbook_database
    redis_url, prefix = runbook_redis
    app = tmp_path / "srv" / "pirsote"
    copy_of_the_checkout(app)
    etc = tmp_path / "etc"
    env = {
        "PATH": os.environ.get("PATH", "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin"),
        "HOME": os.environ.get("HOME", "/root"),
        "LANG": "C.UTF-8",
        "SITE_DOMAIN": SITE_NAME,
        "ENV_FILE": str(etc / "pirsote" / "pirsote.env"),
        "DB_NAME": name,
        "DB_USER": name,
        "PG_ADMIN": " ".join(psql[:9]),
        "REDIS_URL": redis_url,
        "CACHE_KEY_PREFIX": prefix,
        "NGINX_DIR": str(etc / "nginx"),
        "VARNISH_DIR": str(etc / "varnish"),
        "SYSTEMD_DIR": str(etc / "systemd" / "system"),
        "CERT_DIR": str(etc / "ssl" / "pirsote"),
        "ACME_DIR": str(tmp_path / "acme"),
    }
    # docs/deployment.md: "run deploy/install.sh" (here without root's parts, in a prefix).
    result = subprocess.run(
        [str(app / "deploy" / "install.sh"), "--no-root"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]

    # nginx accepts the site as installed, with the certificate install.sh made.
    command = main_nginx_conf(etc / "nginx")
    check = subprocess.run([*command, "-t"], capture_output=True, text=True, timeout=30)
    assert check.returncode == 0, check.stderr

    # Started as pirsote-web.service starts it: its directory, environment and command line.
    unit = unit_settings(etc / "systemd" / "system" / "pirsote-web.service")
    environment = {
        "PATH": env["PATH"],
        **dict(item.split("=", 1) for item in unit["Environment"]),
        **read_env_file(unit["EnvironmentFile"][0]),
    }
    port = free_port()
    environment.update(GUNICORN_BIND=f"127.0.0.1:{port}", WEB_CONCURRENCY="1")
    gunicorn = subprocess.Popen(
        unit["ExecStart"][0].split(),
        cwd=unit["WorkingDirectory"][0],
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=(tmp_path / "gunicorn.log").open("wb"),
        start_new_session=True,
    )
    try:
        wait_for_port(port, gunicorn, timeout=60)
        site = {"http": port}
        # As nginx passes it on: HTTPS, the site's name.
        status, _headers, body = request(
            site, "GET", "/", tls=False, headers={"X-Forwarded-Proto": "https"}
        )
        assert status == 200, (tmp_path / "gunicorn.log").read_text()[-3000:]
        assert b"<html" in body
        # Anything that did not come through the TLS proxy is sent there.
        status, headers, _ = request(site, "GET", "/", tls=False)
        assert status == 301 and headers["Location"] == f"https://{SITE_NAME}/"
    finally:
        stop(gunicorn)
