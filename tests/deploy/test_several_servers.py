"""Two app servers behind one proxy share PostgreSQL, Redis and the bucket (issue 14 drill).

The topology, all on loopback ports, started once for the module:

    nginx "lb" --+--> Varnish A --> gunicorn A (MEDIA_ROOT a/)  --+--> PostgreSQL (demo_site)
                 |                                                +--> Redis (the drill's own)
                 +--> Varnish B --> gunicorn B (MEDIA_ROOT b/)  --+--> S3 bucket (moto server)
    nginx "a" ----> Varnish A        nginx "b" ----> Varnish B

Each app server is a machine's worth: gunicorn with the production settings and its own
empty media folder, and its own Varnish; every server purges both Varnishes
(FRONTEND_CACHE_URLS). nginx runs the shipped deploy/nginx/ configuration, TLS with a
self-signed certificate. "lb" balances over both app servers, as the one proxy in front of
them; "a" and "b" are the same configuration with one app server each, standing in for the
balancer sending a visitor to that server, so that a check can say which server does what.
"""

import io
import json
import re
import secrets
import signal
import subprocess
from types import SimpleNamespace

from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

import boto3
import pytest
from PIL import Image

from pirsote.settings.base import SUBSCRIPTIONS_RATE_LIMIT_PER_CLIENT
from tests.deploy import drill
from tests.deploy.conftest import GUNICORN, PYTHON, ROOT, Server, free_port

pytestmark = pytest.mark.postgres

REGION = "eu-north-1"
BUCKET = "pirsote-drill"
USERNAME = "drill-editor"


@pytest.fixture(scope="module")
def site(demo_site, tmp_path_factory):
    """The whole topology, running; stopped (and the demo content put back) afterwards."""
    drill.require_tools()
    folder = tmp_path_factory.mktemp("several-servers")
    ports = SimpleNamespace(
        moto=free_port(),
        redis=free_port(),
        **{f"gunicorn_{name}": free_port() for name in "ab"},
        **{f"varnish_{name}": free_port() for name in "ab"},
        **{f"http_{name}": free_port() for name in ("a", "b", "lb")},
        **{f"https_{name}": free_port() for name in ("a", "b", "lb")},
    )
    entries = {name: f"https://127.0.0.1:{getattr(ports, f'https_{name}')}" for name in "ab"}
    entries["lb"] = f"https://127.0.0.1:{ports.https_lb}"
    endpoint = f"http://127.0.0.1:{ports.moto}"
    params = {
        "username": USERNAME,
        "password": secrets.token_urlsafe(16),
        "totp_key": secrets.token_hex(20),
        "marker": f"drill{secrets.token_hex(4)}",
    }
    # What every app server shares: the database, Redis, the bucket, both caches in front.
    shared = {
        "DJANGO_SETTINGS_MODULE": "pirsote.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(40),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SITE_BASE_URL": entries["lb"],
        # nginx passes Host without the port, browsers send it: the drill's addresses have one.
        "CSRF_TRUSTED_ORIGINS": ",".join(entries.values()),
        "REDIS_URL": f"redis://127.0.0.1:{ports.redis}/0",
        "CACHE_KEY_PREFIX": "drill",
        "AWS_STORAGE_BUCKET_NAME": BUCKET,
        "AWS_S3_ENDPOINT_URL": endpoint,
        "AWS_S3_REGION_NAME": REGION,
        "AWS_ACCESS_KEY_ID": "drill",
        "AWS_SECRET_ACCESS_KEY": "drill",
        "FRONTEND_CACHE_URLS": ",".join(
            f"http://127.0.0.1:{getattr(ports, f'varnish_{n}')}" for n in "ab"
        ),
        "SUBSCRIPTIONS_CLIENT_IP_HEADER": "HTTP_X_REAL_IP",
        "STATIC_ROOT": demo_site.static_root,
    }
    running = []

    def start(server):
        running.append(server)
        return server.start()

    try:
        redis = start(drill.redis_server(folder, port=ports.redis))
        moto = start(drill.moto_server(folder, port=ports.moto))
        env = demo_site.env(**shared)
        collect_static(env, demo_site.static_root)
        apps = {}
        for name in "ab":
            media_root = folder / f"media-{name}"
            media_root.mkdir()
            app_env = demo_site.env(
                **shared,
                MEDIA_ROOT=media_root,
                GUNICORN_BIND=f"127.0.0.1:{getattr(ports, f'gunicorn_{name}')}",
                WEB_CONCURRENCY=1,
                GUNICORN_THREADS=4,
                GUNICORN_ACCESS_LOG=folder / f"access-{name}.log",
            )
            command = [GUNICORN, "-c", str(ROOT / "deploy" / "gunicorn.conf.py")]
            gunicorn = start(Server(f"gunicorn {name}", command, app_env, folder / f"{name}.log"))
            apps[name] = SimpleNamespace(
                gunicorn=gunicorn, media_root=media_root, access_log=folder / f"access-{name}.log"
            )
        # While the app servers boot: the bucket, the editor and the draft to publish.
        drill.wait_for_redis(redis, ports.redis)
        moto.wait_for(endpoint + "/moto-api/")
        boto3.client(
            "s3",
            endpoint_url=endpoint,
            region_name=REGION,
            aws_access_key_id="drill",
            aws_secret_access_key="drill",
        ).create_bucket(Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": REGION})
        setup = json.loads(
            demo_site.manage(
                "shell", "-c", drill.SETUP_SCRIPT, **shared, DRILL_PARAMS=json.dumps(params)
            )
            .strip()
            .splitlines()[-1]
        )
        params.update(page_id=setup["page_id"], title=setup["title"])
        certificate = drill.tls_certificate(folder)
        for name in "ab":
            port = getattr(ports, f"varnish_{name}")
            apps[name].varnish = start(
                drill.varnish_server(
                    folder / f"varnish-{name}",
                    f"varnish {name}",
                    port=port,
                    backend_port=getattr(ports, f"gunicorn_{name}"),
                )
            )
        upstreams = {
            "a": [f"127.0.0.1:{ports.varnish_a}"],
            "b": [f"127.0.0.1:{ports.varnish_b}"],
            "lb": [f"127.0.0.1:{ports.varnish_a}", f"127.0.0.1:{ports.varnish_b}"],
        }
        for name, servers in upstreams.items():
            nginx = start(
                drill.nginx_server(
                    folder / f"nginx-{name}",
                    f"nginx {name}",
                    http_port=getattr(ports, f"http_{name}"),
                    https_port=getattr(ports, f"https_{name}"),
                    upstreams=servers,
                    certificate=certificate,
                    static_root=demo_site.static_root,
                )
            )
            drill.wait_for_port(nginx, getattr(ports, f"https_{name}"))
        for name, app in apps.items():
            app.gunicorn.wait_for(
                f"http://127.0.0.1:{getattr(ports, f'gunicorn_{name}')}/healthz", timeout=90
            )
            app.varnish.wait_for(f"http://127.0.0.1:{getattr(ports, f'varnish_{name}')}/healthz")
        yield SimpleNamespace(
            apps=apps,
            entries=entries,
            certificate=certificate[0],
            bucket_url=f"{endpoint}/{BUCKET}/",
            params=params,
            collection_id=setup["collection_id"],
            page_path=setup["page_path"],
            env=env,
        )
    finally:
        # The demo content as it was (no editor, no drill images, the page's own title), while
        # the servers stop. The development settings purge nothing.
        restore = subprocess.Popen(
            [PYTHON, "manage.py", "shell", "-c", drill.TEARDOWN_SCRIPT],
            cwd=ROOT,
            env=demo_site.env(DRILL_PARAMS=json.dumps(params)),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for server in reversed(running):
            # gunicorn's quick shutdown: nothing is left to finish.
            server.stop(signal.SIGINT if server.name.startswith("gunicorn") else signal.SIGTERM)
        _out, errors = restore.communicate(timeout=120)
        assert restore.returncode == 0, errors[-3000:]


def collect_static(env, static_root):
    """collectstatic once per session into the demo site's STATIC_ROOT (production's manifest)."""
    if (static_root / "staticfiles.json").exists():
        return
    result = subprocess.run(
        [PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]


def browser(site, entry):
    return drill.Browser(site.entries[entry], site.certificate)


@pytest.fixture(scope="module")
def editor(site):
    """An editor signed in through server A: password, then the authenticator's code."""
    browser_a = browser(site, "a")
    signed_in = browser_a.submit(
        "/admin/login/",
        {"username": USERNAME, "password": site.params["password"], "next": "/admin/"},
    )
    assert signed_in.status_code == 302, signed_in.text[-2000:]
    second_step = reverse("staff_auth_second_factor")
    verified = browser_a.submit(
        second_step, {"token": drill.totp_code(site.params["totp_key"]), "next": "/admin/"}
    )
    assert verified.status_code == 302 and verified.headers["Location"] == "/admin/", verified.text
    return browser_a


def png(colour):
    data = io.BytesIO()
    Image.new("RGB", (48, 32), colour).save(data, "PNG")
    return data.getvalue()


def upload_image(editor, site, title, content, **fields):
    """Upload through the admin's image form; the new image's id."""
    response = editor.submit(
        "/admin/images/add/",
        {
            "title": title,
            "description_fi": f"{title} kuvaus",
            "licence": "cc-by-4.0",
            "collection": site.collection_id,
            **fields,
        },
        files={"file": (f"{title}.png", content, "image/png")},
    )
    assert response.status_code == 302, response.text[-3000:]
    listing = editor.get(f"/admin/images/?q={title}")
    ids = set(re.findall(r'href="/admin/images/(\d+)/"', listing.text))
    assert len(ids) == 1, f"{title}: {ids}"
    return ids.pop()


def files_in(folder):
    return [path for path in folder.rglob("*") if path.is_file()]


def test_an_image_uploaded_through_one_server_is_served_by_the_other(site, editor):
    marker = site.params["marker"]
    public_png, private_png = png("blue"), png("orange")
    public_id = upload_image(editor, site, f"{marker}public", public_png, free_for_media_use="on")
    private_id = upload_image(editor, site, f"{marker}private", private_png)
    on_b = browser(site, "b").with_session_of(editor)
    anonymous_b = browser(site, "b")

    # A public image: server B names its original at the bucket, and the bucket serves it.
    detail = anonymous_b.get(f"/api/images/{public_id}/")
    assert detail.status_code == 200, detail.text
    original = detail.json()["meta"]["download_url"]
    assert original.startswith(site.bucket_url)
    fetched = anonymous_b.session.get(original, timeout=10)
    assert (fetched.status_code, fetched.content) == (200, public_png)
    # Server B's admin shows it with a rendition, served too.
    edit_page = on_b.get(f"/admin/images/{public_id}/")
    assert edit_page.status_code == 200
    previews = re.findall(rf'src="({re.escape(site.bucket_url)}images/[^"]+)"', edit_page.text)
    assert previews, edit_page.text[-3000:]
    rendition = anonymous_b.session.get(previews[0], timeout=10)
    assert rendition.status_code == 200
    assert rendition.headers["Content-Type"].startswith("image/")

    # A new upload is private: server B streams it from the bucket, to editors only.
    private_page = on_b.get(f"/admin/images/{private_id}/")
    private_previews = re.findall(r'src="(/media/private/images/[^"]+)"', private_page.text)
    assert private_previews, private_page.text[-3000:]
    original_url = f"/media/private/original_images/{marker}private.png"
    for url in (original_url, private_previews[0]):
        served = on_b.get(url)
        assert served.status_code == 200, url
        assert served.headers["Content-Type"].startswith("image/"), url
        assert anonymous_b.get(url).status_code == 404, url
    assert on_b.get(original_url).content == private_png

    # Nothing of it is on either server's own disk.
    assert files_in(site.apps["a"].media_root) == []
    assert files_in(site.apps["b"].media_root) == []


def test_a_session_made_on_one_server_is_valid_on_the_other(site, editor):
    assert browser(site, "b").get("/admin/").status_code == 302  # no session: to sign in

    on_b = browser(site, "b").with_session_of(editor)
    response = on_b.get("/admin/")

    assert response.status_code == 200
    assert "/admin/logout/" in response.text
    # Signed in (password and code) on server A only.
    second_step = f'"POST {reverse("staff_auth_second_factor")}'
    assert drill.access_log_lines(site.apps["a"].access_log, second_step) == 1
    assert drill.access_log_lines(site.apps["b"].access_log, second_step) == 0


def test_the_subscription_rate_limit_counts_across_both_servers(site):
    with translation.override("fi"):
        form = reverse("subscriptions:subscribe")
    visitors = {name: browser(site, name) for name in "ab"}
    limit = SUBSCRIPTIONS_RATE_LIMIT_PER_CLIENT[0]

    answers = []
    for number in range(limit + 2):
        name = "ab"[number % 2]
        response = visitors[name].submit(
            form, {"email": f"drill{number}@example.fi", "language": "fi"}
        )
        answers.append((name, response.status_code, response.headers.get("Retry-After")))

    # Alternating, each server saw at most 3 of the first 5: only a shared count refuses.
    assert answers[:limit] == [("ab"[n % 2], 302, None) for n in range(limit)]
    period = str(SUBSCRIPTIONS_RATE_LIMIT_PER_CLIENT[1])
    assert answers[limit:] == [("b", 429, period), ("a", 429, period)]
    for name in "ab":
        posts = drill.access_log_lines(site.apps[name].access_log, f'"POST {form}')
        assert posts >= 3, name


def test_a_publish_on_one_server_purges_the_cache_of_both(site, editor):
    path = site.page_path
    # The draft (drill.SETUP_SCRIPT) adds the marker to the page's title.
    title, marker = escape(site.params["title"]), site.params["marker"]
    visitors = {name: browser(site, name) for name in "ab"}
    for visitor in visitors.values():
        visitor.get(path)
        cached = visitor.get(path)
        assert cached.status_code == 200
        assert cached.headers.get("X-Cache") == "HIT"
        assert title in cached.text and marker not in cached.text

    publish = f"/admin/bulk/wagtailcore/page/publish/?id={site.params['page_id']}"
    published = editor.submit(publish, {})
    assert published.status_code == 302, published.text[-3000:]

    for name, visitor in visitors.items():
        fresh = visitor.get(path)
        assert fresh.status_code == 200
        assert fresh.headers.get("X-Cache") == "MISS", name
        assert f"{title} {marker}" in fresh.text, name


def test_the_proxy_in_front_sends_requests_to_both_servers(site, editor):
    through_lb = drill.Browser(site.entries["lb"], site.certificate).with_session_of(editor)
    tag = f"drill={site.params['marker']}"

    for number in range(4):
        # The editor's session is valid whichever server answers.
        assert through_lb.get(f"/admin/?{tag}-{number}").status_code == 200

    for name in "ab":
        assert drill.access_log_lines(site.apps[name].access_log, tag) >= 1, name


def test_the_deploy_check_refuses_production_without_a_shared_cache(site):
    """Without REDIS_URL, `check --deploy` fails and says why; with it, it passes."""
    checks = {}
    for name, env in (
        ("without", {k: v for k, v in site.env.items() if k != "REDIS_URL"}),
        ("with", site.env),
    ):
        checks[name] = subprocess.Popen(
            [PYTHON, "manage.py", "check", "--deploy"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
    results = {}
    for name, process in checks.items():
        out, err = process.communicate(timeout=120)
        results[name] = (process.returncode, out, err)

    code, out, err = results["without"]
    assert code != 0
    assert "pirsote.E001" in err and "REDIS_URL" in err
    code, out, err = results["with"]
    assert "pirsote.E001" not in err + out
    assert code == 0, err
