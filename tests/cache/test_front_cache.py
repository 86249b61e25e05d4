"""The site behind a real Varnish with the shipped VCL: cached, purged on publish, never stale.

One varnishd per module, in front of pytest-django's live server. The site is committed to
the database so that the live server's thread sees it (as in tests/browser/), built once for
the module and deleted afterwards; each test changes content the way editors do and reads
the result through Varnish as a visitor would, on the very next request.
"""

import os
import shutil
import socket
import subprocess
import time
from datetime import timedelta
from http.client import HTTPConnection
from pathlib import Path
from types import SimpleNamespace

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.db import connections
from django.test import Client, override_settings
from django.utils import timezone

from wagtail.models import Page

import pytest

from funding.models import Grant
from pirsote.core.models import ContactPerson
from projects.models import Organisation
from tests.factories import (
    ContactPersonFactory,
    FundingPageFactory,
    GrantFactory,
    HomePageFactory,
    NewsIndexPageFactory,
    ProjectContactFactory,
    ProjectIndexPageFactory,
    ProjectPageFactory,
    ReleasePageFactory,
    SiteFactory,
    SiteSettingsFactory,
    StaffUserFactory,
)

REPO = Path(__file__).resolve().parents[2]
VCL_DIR = REPO / "deploy" / "varnish"
VARNISHD = shutil.which("varnishd") or "/usr/sbin/varnishd"
EDITOR = "varnish-test-editor"


def _require_varnishd():
    if Path(VARNISHD).exists():
        return
    if os.environ.get("CI") or os.environ.get("REQUIRE_POSTGRES") == "1":
        pytest.fail(f"varnishd not found at {VARNISHD} (apt-get install varnish)")
    pytest.skip("varnishd not installed (apt-get install varnish)")


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_the_shipped_vcl_compiles(tmp_path):
    _require_varnishd()
    result = subprocess.run(
        [
            *(VARNISHD, "-C", "-j", "none", "-n", str(tmp_path / "n")),
            *("-p", f"vcl_path={VCL_DIR}", "-f", str(VCL_DIR / "default.vcl")),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr[-2000:]


@pytest.fixture(scope="module")
def varnish(live_server, tmp_path_factory):
    """varnishd with deploy/varnish/default.vcl in front of the live server; always stopped."""
    _require_varnishd()
    workdir = tmp_path_factory.mktemp("varnish")
    backend_port = live_server.url.rsplit(":", 1)[1]
    (workdir / "backend.vcl").write_text(
        f'backend default {{ .host = "127.0.0.1"; .port = "{backend_port}"; }}\n'
    )
    port = _free_port()
    process = subprocess.Popen(
        [
            *(VARNISHD, "-F", "-j", "none", "-n", str(workdir / "n"), "-T", "none"),
            *("-a", f"127.0.0.1:{port}", "-f", str(VCL_DIR / "default.vcl")),
            *("-p", f"vcl_path={workdir}:{VCL_DIR}", "-s", "malloc,32m"),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            if process.poll() is not None:
                pytest.fail("varnishd stopped: " + process.stdout.read().decode()[-2000:])
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail("varnishd did not start listening")
                time.sleep(0.1)
        yield SimpleNamespace(port=port, url=f"http://127.0.0.1:{port}")
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture
def transactional_db(django_db_blocker):
    """Database access for the live server without a flush after each test (see the module)."""
    with django_db_blocker.unblock():
        yield


@pytest.fixture(scope="module")
def site(varnish, django_db_setup, django_db_blocker):
    """The site, purging this Varnish; its Site is the one requests through Varnish reach."""
    purging = override_settings(
        WAGTAILFRONTENDCACHE={
            "varnish": {
                "BACKEND": "pirsote.core.frontend_cache.VarnishBackend",
                "LOCATION": varnish.url,
            }
        }
    )
    purging.enable()
    with django_db_blocker.unblock():
        home = HomePageFactory(parent=Page.get_first_root_node(), slug_fi="vcl", slug_en="vcl")
        site = SiteFactory(
            hostname="127.0.0.1", port=varnish.port, root_page=home, is_default_site=False
        )
        SiteSettingsFactory(site=site, publisher_name_fi="Pirkanmaan liitto")
        newsroom = NewsIndexPageFactory(parent=home)
        projects = ProjectIndexPageFactory(parent=home)
        project = ProjectPageFactory(parent=projects, acronym="Varnish")
        person = ContactPersonFactory(name="Eeva Esimerkki", job_title_fi="Hankejohtaja")
        ProjectContactFactory(page=project, person=person)
        release = ReleasePageFactory(
            parent=newsroom,
            title_fi="Ensimmäinen tiedote",
            title_en="First release",
            slug_fi="ensimmainen",
            slug_en="first",
            projects=[project],
        )
        funding = FundingPageFactory(parent=home)
        grant = GrantFactory(project=project, title_fi="Alkuperäinen avustus")
        connections.close_all()
    try:
        yield SimpleNamespace(
            site=site,
            home=home,
            newsroom=newsroom,
            project=project,
            person=person,
            release=release,
            funding=funding,
            grant=grant,
        )
    finally:
        with django_db_blocker.unblock():
            site.delete()
            organisations = [grant.funder_id, grant.recipient_id]
            Grant.objects.filter(project=project).delete()
            Page.objects.get(pk=home.pk).delete()
            ContactPerson.objects.filter(pk=person.pk).delete()
            Organisation.objects.filter(pk__in=organisations).delete()
            get_user_model().objects.filter(username__startswith=EDITOR).delete()
            Session.objects.all().delete()
            connections.close_all()
        purging.disable()


def fetch(varnish, path, *, method="GET", cookies=None):
    connection = HTTPConnection("127.0.0.1", varnish.port, timeout=30)
    headers = {"Accept-Language": "en-GB,en;q=0.9"}
    if cookies:
        headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in cookies.items())
    connection.request(method, path, headers=headers)
    response = connection.getresponse()
    body = response.read().decode("utf-8", "replace")
    result = SimpleNamespace(
        status=response.status,
        headers=response.headers,
        text=body,
        cache=response.headers.get("X-Cache"),
    )
    connection.close()
    return result


def warm(varnish, *paths):
    """Request each path until the cache holds it."""
    for path in paths:
        fetch(varnish, path)
        assert fetch(varnish, path).cache == "HIT", path


def publish(page, **changes):
    page = Page.objects.get(pk=page.pk).specific
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return page


def test_the_second_anonymous_request_is_a_hit(varnish, site):
    first = fetch(varnish, "/uutishuone/ensimmainen/")
    assert first.status == 200
    second = fetch(varnish, "/uutishuone/ensimmainen/")
    assert (first.cache, second.cache) == ("MISS", "HIT")
    assert "public" in second.headers["Cache-Control"]
    assert f"s-maxage={settings.PAGE_CACHE_SECONDS}" in second.headers["Cache-Control"]
    assert "x-path" not in {name.lower() for name in second.headers}
    assert second.text == first.text


def test_a_published_change_shows_at_once_wherever_the_release_is(varnish, site):
    places = [
        "/uutishuone/ensimmainen/",
        "/en/newsroom/first/",
        "/uutishuone/",
        "/uutishuone/?type=press-release",
        "/uutishuone/rss/",
        "/en/newsroom/atom/",
        "/hankkeet/varnish/",
        "/en/projects/varnish/",
    ]
    warm(varnish, *places)
    publish(site.release, title_fi="Korjattu tiedote", title_en="Corrected release")
    for path in places:
        response = fetch(varnish, path)
        assert response.status == 200, path
        assert response.cache == "MISS", path
        expected = "Corrected release" if path.startswith("/en/") else "Korjattu tiedote"
        assert expected in response.text, path


def test_a_new_english_slug_is_served_and_the_old_address_is_gone(varnish, site):
    page = ReleasePageFactory(
        parent=site.newsroom, title_fi="Osoite", title_en="Address", slug_en="address"
    )
    warm(varnish, "/en/newsroom/address/")
    publish(page, slug_en="new-address")
    assert fetch(varnish, "/en/newsroom/new-address/").status == 200
    assert fetch(varnish, "/en/newsroom/address/").status == 404


def test_an_unpublished_release_is_gone_from_the_cache(varnish, site):
    page = ReleasePageFactory(parent=site.newsroom, title_fi="Poistuva", slug_fi="poistuva")
    warm(varnish, "/uutishuone/poistuva/", "/uutishuone/")
    assert "Poistuva" in fetch(varnish, "/uutishuone/").text
    Page.objects.get(pk=page.pk).unpublish()
    assert fetch(varnish, "/uutishuone/poistuva/").status == 404
    assert "Poistuva" not in fetch(varnish, "/uutishuone/").text


def test_an_editor_is_never_served_from_or_stored_in_the_cache(varnish, site):
    client = Client()
    client.force_login(StaffUserFactory(username=EDITOR, is_superuser=True))
    session = {settings.SESSION_COOKIE_NAME: client.cookies[settings.SESSION_COOKIE_NAME].value}
    warm(varnish, "/hankkeet/varnish/")
    as_editor = fetch(varnish, "/hankkeet/varnish/", cookies=session)
    assert as_editor.status == 200
    assert as_editor.cache == "PASS"
    assert "private" in as_editor.headers["Cache-Control"]
    # An editor's first request of a page does not put their version in the cache.
    fetch(varnish, "/en/projects/varnish/?from=editor", cookies=session)
    assert fetch(varnish, "/en/projects/varnish/?from=editor").cache == "MISS"
    preview = fetch(varnish, f"/admin/pages/{site.release.pk}/edit/preview/", cookies=session)
    assert preview.cache == "PASS"
    assert fetch(varnish, f"/admin/pages/{site.release.pk}/edit/preview/").cache == "PASS"


def test_the_subscription_form_is_never_cached(varnish, site):
    first = fetch(varnish, "/tilaa-tiedotteet/", cookies={"csrftoken": "x" * 32})
    second = fetch(varnish, "/tilaa-tiedotteet/")
    assert first.status == second.status == 200
    assert first.cache != "HIT" and second.cache != "HIT"
    tokens = [r.headers["Set-Cookie"] for r in (first, second)]
    assert all(settings.CSRF_COOKIE_NAME in token for token in tokens)
    assert tokens[0] != tokens[1], "each visitor gets a token of their own"


def test_a_scheduled_release_appears_in_the_newsroom_at_go_live(varnish, site):
    page = ReleasePageFactory(
        parent=site.newsroom, live=False, title_fi="Ajastettu tiedote", slug_fi="ajastettu"
    )
    page.go_live_at = timezone.now() + timedelta(hours=1)
    page.save_revision().publish()  # scheduled, not live
    warm(varnish, "/uutishuone/", "/uutishuone/rss/")
    assert "Ajastettu tiedote" not in fetch(varnish, "/uutishuone/").text
    later = timezone.now() + timedelta(hours=2)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(timezone, "now", lambda: later)
        call_command("publish_scheduled", verbosity=0)
    assert "Ajastettu tiedote" in fetch(varnish, "/uutishuone/").text
    assert "Ajastettu tiedote" in fetch(varnish, "/uutishuone/rss/").text
    assert fetch(varnish, "/uutishuone/ajastettu/").status == 200


def test_editing_a_contact_person_and_the_footer_shows_on_the_next_request(varnish, site):
    warm(varnish, "/hankkeet/varnish/", "/en/newsroom/")
    person = ContactPerson.objects.get(pk=site.person.pk)
    person.job_title_fi = "Muutosjohtaja"
    person.save()
    assert "Muutosjohtaja" in fetch(varnish, "/hankkeet/varnish/").text
    from pirsote.core.models import SiteSettings

    footer = SiteSettings.for_site(site.site)
    footer.publisher_name_en = "Council of Tampere Region, renamed"
    footer.save()
    assert "Council of Tampere Region, renamed" in fetch(varnish, "/en/newsroom/").text


def test_a_grant_change_shows_on_the_funding_page_and_the_project_page(varnish, site):
    warm(varnish, "/rahoitus/", "/hankkeet/varnish/", "/en/projects/varnish/")
    grant = Grant.objects.get(pk=site.grant.pk)
    grant.title_fi = "Muutettu avustus"
    grant.title_en = "Changed grant"
    grant.save()
    assert "Muutettu avustus" in fetch(varnish, "/rahoitus/").text
    assert "Muutettu avustus" in fetch(varnish, "/hankkeet/varnish/").text
    assert "Changed grant" in fetch(varnish, "/en/projects/varnish/").text


def test_bans_take_only_plain_paths(varnish, site):
    assert fetch(varnish, "/uutis%20huone/", method="BAN").status == 400
    assert fetch(varnish, "/", method="BAN").status == 200
