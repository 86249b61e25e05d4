"""Machinery of the several-app-servers drill (tests/deploy/test_several_servers.py).

Everything runs on loopback ports of its own, as an operator would run it, from the shipped
configurations: nginx from deploy/nginx/ (only the listen addresses, and the files that
install.sh writes for each machine, are the drill's), Varnish from deploy/varnish/ with a
backend.vcl of the drill's, gunicorn from deploy/gunicorn.conf.py. The S3 endpoint is moto in
server mode, Redis a redis-server of the drill's own (the shared one is never touched).
"""

import os
import re
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis
import requests
from django_otp.oath import TOTP

from tests.deploy.conftest import ROOT, Server

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
VARNISHD = shutil.which("varnishd") or "/usr/sbin/varnishd"
REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"
MOTO_SERVER = str(Path(sys.executable).with_name("moto_server"))
OPENSSL = shutil.which("openssl") or "/usr/bin/openssl"
NGINX_DIR = ROOT / "deploy" / "nginx"
VCL_DIR = ROOT / "deploy" / "varnish"
MIME_TYPES = Path("/etc/nginx/mime.types")

CSRF_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def require_tools():
    """Fail in CI, skip elsewhere, when a program the drill runs is not installed."""
    tools = (NGINX, VARNISHD, REDIS_SERVER, MOTO_SERVER, OPENSSL)
    missing = [tool for tool in tools if not Path(tool).exists()]
    if not missing:
        return
    message = f"the drill needs {', '.join(missing)} (apt-get install nginx-light varnish)"
    if os.environ.get("CI") or os.environ.get("REQUIRE_POSTGRES") == "1":
        pytest.fail(message)
    pytest.skip(message)


def tls_certificate(folder):
    """A self-signed certificate for 127.0.0.1: (certificate, key). Clients verify against it."""
    certificate, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            *(OPENSSL, "req", "-x509", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1"),
            *("-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1"),
            *("-addext", "subjectAltName=IP:127.0.0.1"),
            *("-keyout", str(key), "-out", str(certificate)),
        ],
        check=True,
        capture_output=True,
        timeout=30,
    )
    return certificate, key


def render_site_config(text, *, http_port, https_port):
    """deploy/nginx/pirsote.conf listening on loopback ports instead of 80 and 443."""
    text = re.sub(r"^\s*listen\s+\[::\]:\d+[^;]*;\n", "", text, flags=re.MULTILINE)
    text, plain = re.subn(r"\blisten\s+80\b", f"listen 127.0.0.1:{http_port}", text)
    text, secure = re.subn(r"\blisten\s+443\b", f"listen 127.0.0.1:{https_port}", text)
    assert (plain, secure) == (1, 1), "deploy/nginx/pirsote.conf: expected one listen 80 and 443"
    return text


def nginx_server(folder, name, *, http_port, https_port, upstreams, certificate, static_root):
    """nginx with the shipped site configuration, proxying to `upstreams` (host:port)."""
    folder.mkdir()
    site = folder / "pirsote"
    site.mkdir()
    shutil.copytree(NGINX_DIR / "snippets", site / "snippets")
    (site / "pirsote.conf").write_text(
        render_site_config(
            (NGINX_DIR / "pirsote.conf").read_text(), http_port=http_port, https_port=https_port
        )
    )
    # The machine's own files, as install.sh writes them (from the shipped copies but for
    # upstream.conf: the drill's app servers).
    servers = "".join(f"    server {upstream};\n" for upstream in upstreams)
    (site / "upstream.conf").write_text(
        f"upstream pirsote_app {{\n{servers}    keepalive 16;\n}}\n"
    )
    (site / "site.conf").write_text(
        _replace(
            (NGINX_DIR / "site.conf").read_text(),
            (r"^server_name .*;$", "server_name 127.0.0.1;"),
            ("/srv/pirsote/staticfiles", str(static_root)),
            # Public uploads are in the bucket: nothing of the drill's is on this disk.
            ("/srv/pirsote/media", str(folder / "media")),
            ("/var/log/nginx", str(folder)),
        )
    )
    cert, key = certificate
    (site / "certificate.conf").write_text(
        _replace(
            (NGINX_DIR / "certificate.conf").read_text(),
            (r"^ssl_certificate .*;$", f"ssl_certificate {cert};"),
            (r"^ssl_certificate_key .*;$", f"ssl_certificate_key {key};"),
        )
    )
    temp = folder / "temp"
    temp.mkdir()
    temp_paths = "".join(
        f"    {kind}_temp_path {temp / kind};\n"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    mime_types = f"    include {MIME_TYPES};\n" if MIME_TYPES.exists() else ""
    # Run as root (CI), the workers must be root too to read the drill's private temp folders.
    user = "user root;\n" if os.geteuid() == 0 else ""
    (folder / "nginx.conf").write_text(
        f"{user}worker_processes 1;\npid {folder / 'nginx.pid'};\n"
        f"error_log {folder / 'error.log'};\nevents {{ worker_connections 256; }}\n"
        f"http {{\n{mime_types}    default_type application/octet-stream;\n{temp_paths}"
        "    include pirsote/pirsote.conf;\n}\n"
    )
    command = [NGINX, "-e", str(folder / "error.log"), "-p", str(folder)]
    command += ["-c", str(folder / "nginx.conf"), "-g", "daemon off;"]
    test = subprocess.run([*command, "-t"], capture_output=True, text=True, timeout=30)
    assert test.returncode == 0, f"nginx -t ({name}):\n{test.stderr}"
    return Server(
        name, command, env={"PATH": "/usr/sbin:/usr/bin:/bin"}, log_path=folder / "out.log"
    )


def _replace(text, *replacements):
    """`text` with each (pattern, value) replaced; a pattern that no longer matches fails."""
    for pattern, value in replacements:
        if pattern.startswith("^"):
            text, count = re.subn(pattern, value, text, flags=re.MULTILINE)
        else:
            text, count = text.replace(pattern, value), text.count(pattern)
        assert count, f"deploy/nginx/: {pattern!r} not found"
    return text


def varnish_server(folder, name, *, port, backend_port):
    """varnishd with deploy/varnish/default.vcl in front of the gunicorn at `backend_port`."""
    folder.mkdir()
    (folder / "backend.vcl").write_text(
        f'backend default {{ .host = "127.0.0.1"; .port = "{backend_port}"; }}\n'
    )
    command = [
        *(VARNISHD, "-F", "-j", "none", "-n", str(folder / "n"), "-T", "none"),
        *("-a", f"127.0.0.1:{port}", "-f", str(VCL_DIR / "default.vcl")),
        *("-p", f"vcl_path={folder}:{VCL_DIR}", "-s", "malloc,32m"),
    ]
    return Server(name, command, env={"PATH": "/usr/sbin:/usr/bin:/bin"}, log_path=folder / "log")


def redis_server(folder, *, port):
    command = [REDIS_SERVER, "--port", str(port), "--bind", "127.0.0.1"]
    command += ["--save", "", "--appendonly", "no", "--dir", str(folder)]
    return Server("redis", command, env={}, log_path=folder / "redis.log")


def wait_for_redis(server, port, timeout=20):
    deadline = time.monotonic() + timeout
    while True:
        try:
            if redis.Redis(port=port, socket_connect_timeout=1).ping():
                return
        except redis.ConnectionError:
            pass
        assert server.process.poll() is None, f"redis-server exited:\n{server.log()[-2000:]}"
        assert time.monotonic() < deadline, "redis-server did not answer"
        time.sleep(0.05)


def wait_for_port(server, port, timeout=30):
    """Wait until `server` accepts connections on `port` (nginx's plain port only redirects)."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return server
        except OSError:
            pass
        assert server.process.poll() is None, f"{server.name} exited:\n{server.log()[-2000:]}"
        assert time.monotonic() < deadline, f"{server.name} did not listen on {port}"
        time.sleep(0.05)


def moto_server(folder, *, port):
    command = [MOTO_SERVER, "-H", "127.0.0.1", "-p", str(port)]
    return Server("moto", command, env={"PATH": "/usr/bin:/bin"}, log_path=folder / "moto.log")


def totp_code(key_hex):
    """The code an authenticator app with this TOTPDevice key shows now."""
    return f"{TOTP(bytes.fromhex(key_hex)).token():06d}"


def access_log_lines(path, needle):
    """How many lines of a gunicorn access log name `needle` (e.g. "GET /healthz?x")."""
    if not path.exists():
        return 0
    return sum(needle in line for line in path.read_text(errors="replace").splitlines())


class Browser:
    """A visitor's browser at one address of the site: cookies, CSRF tokens, no redirects."""

    def __init__(self, base_url, certificate):
        self.base_url = base_url
        self.session = requests.Session()
        # Per request: REQUESTS_CA_BUNDLE in the environment would override the session's.
        self.verify = str(certificate)

    def get(self, path, **kwargs):
        return self.session.get(
            self.base_url + path, allow_redirects=False, timeout=30, verify=self.verify, **kwargs
        )

    def submit(self, path, data, *, files=None, form_path=None):
        """POST a form as a browser does: the token from the form's page, and its Referer."""
        form_url = self.base_url + (form_path or path)
        page = self.session.get(form_url, allow_redirects=False, timeout=30, verify=self.verify)
        match = CSRF_TOKEN.search(page.text)
        assert match, f"no CSRF token in {form_url} ({page.status_code})"
        return self.session.post(
            self.base_url + path,
            data={**data, "csrfmiddlewaretoken": match.group(1)},
            files=files,
            headers={"Referer": form_url},
            allow_redirects=False,
            timeout=60,
            verify=self.verify,
        )

    def with_session_of(self, other):
        """This browser, carrying the session cookie `other` got (nothing else of it)."""
        self.session.cookies.set(
            "sessionid", other.session.cookies["sessionid"], domain="127.0.0.1", secure=True
        )
        return self


# Scripts run by `manage.py shell -c` in an app server's environment; parameters come as JSON
# in DRILL_PARAMS, results go out as one JSON line.

SETUP_SCRIPT = """
import json, os
from django.contrib.auth import get_user_model
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import Collection
from pirsote.core.models import ReformPage

params = json.loads(os.environ["DRILL_PARAMS"])
user = get_user_model().objects.create_superuser(
    params["username"], f"{params['username']}@example.fi", params["password"]
)
TOTPDevice.objects.create(user=user, name="drill", key=params["totp_key"], confirmed=True)
page = ReformPage.objects.live().public().order_by("path").first().specific
original_title = page.title_fi
site_id, root, path = page.get_url_parts()
# A draft with a new title, which the drill publishes through the admin.
page.title_fi = f"{original_title} {params['marker']}"
page.save_revision(user=user)
print(json.dumps({
    "page_id": page.pk,
    "page_path": path,
    "title": original_title,
    "collection_id": Collection.get_first_root_node().pk,
}))
"""

TEARDOWN_SCRIPT = """
import json, os
from django.contrib.auth import get_user_model
from wagtail.images import get_image_model
from wagtail.models import Page

params = json.loads(os.environ["DRILL_PARAMS"])
get_image_model().objects.filter(title__startswith=params["marker"]).delete()
if params.get("page_id"):
    page = Page.objects.get(pk=params["page_id"]).specific
    page.title_fi = params["title"]
    page.save_revision().publish()
get_user_model().objects.filter(username=params["username"]).delete()
"""
