"""The headers Mozilla's HTTP Observatory grades, on every kind of answer the site gives.

Content-Security-Policy is parsed and judged directive by directive; HSTS, the redirect to
HTTPS and the cookies' flags are checked under the production settings.
"""

import datetime
import importlib.util
import os

from django.core.checks import run_checks
from django.core.exceptions import ImproperlyConfigured

import pytest

from pirsote.core import security_txt
from tests.csp import parse_csp
from tests.factories import ReformPageFactory, StaffUserFactory, UserFactory

PUBLIC_PAGES = ["/", "/en/", "/tavoitteet/", "/en/goals/"]
NOT_FOUND = ["/ei-ole/", "/en/no-such-page/"]
API = ["/api/", "/en/api/", "/api/pages/", "/en/api/pages/", "/api/no-such-list/"]
OPEN_DATA = ["/avoin-data/avustukset.json", "/en/open-data/grants.csv"]
UNSAFE_SOURCES = {"'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "*", "http:", "https:"}
# Observatory's "private" referrer policies: no full address (path, query) leaves the site.
PRIVATE_REFERRER_POLICIES = {
    "no-referrer",
    "same-origin",
    "strict-origin",
    "strict-origin-when-cross-origin",
}
DENIED_FEATURES = ["camera", "microphone", "geolocation", "payment", "usb", "browsing-topics"]
PASSWORD = "Salasana-turvallisuus-2026"


@pytest.fixture
def public_site(home_page):
    ReformPageFactory(parent=home_page, title_fi="Tavoitteet", title_en="Goals")
    return home_page


@pytest.fixture
def superuser(db):
    return UserFactory(is_staff=True, is_superuser=True, password=PASSWORD)


def csp(response):
    assert response.has_header("Content-Security-Policy"), response.headers
    return parse_csp(response["Content-Security-Policy"])


def source_list(policy, directive):
    """The sources that govern `directive`: its own, else default-src's."""
    return policy.get(directive, policy.get("default-src"))


def assert_no_unsafe_sources(policy):
    for directive in ("default-src", "script-src", "style-src", "img-src", "connect-src"):
        sources = set(source_list(policy, directive) or ())
        assert not sources & UNSAFE_SOURCES, f"{directive}: {sources & UNSAFE_SOURCES}"


def assert_strict_public_policy(policy):
    assert policy["default-src"] == ["'self'"]
    assert source_list(policy, "script-src") == ["'self'"]
    assert source_list(policy, "style-src") == ["'self'"]
    assert source_list(policy, "img-src") == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["frame-src"] == ["'none'"]
    assert_no_unsafe_sources(policy)


def assert_common_headers(response):
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] in PRIVATE_REFERRER_POLICIES
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    features = dict(
        item.strip().split("=", 1) for item in response["Permissions-Policy"].split(",")
    )
    for feature in DENIED_FEATURES:
        assert features.get(feature) == "()", f"{feature}: {features.get(feature)}"


def assert_not_frameable(response):
    assert response["X-Frame-Options"] == "DENY"
    assert csp(response)["frame-ancestors"] == ["'none'"]


# The public site


@pytest.mark.parametrize("url", PUBLIC_PAGES + NOT_FOUND)
def test_public_pages_have_a_strict_policy_and_every_graded_header(client, public_site, url):
    response = client.get(url)

    assert response.status_code == (404 if url in NOT_FOUND else 200)
    assert_strict_public_policy(csp(response))
    assert_not_frameable(response)
    assert_common_headers(response)
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"


def test_editors_user_bar_does_not_loosen_the_public_policy(client, public_site):
    client.force_login(StaffUserFactory())

    response = client.get("/")

    assert b"wagtail-userbar" in response.content
    assert_strict_public_policy(csp(response))
    assert_not_frameable(response)


def test_static_files_are_for_this_site_only(client, db):
    response = client.get("/static/css/site.css")

    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"


# The admin


def test_admin_sign_in_page_has_the_admin_policy(client, db):
    response = client.get("/admin/login/")

    assert response.status_code == 200
    policy = csp(response)
    assert "'unsafe-eval'" not in policy["script-src"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]
    assert_not_frameable(response)
    assert_common_headers(response)


def test_admin_edit_view_has_the_admin_policy(client, public_site, superuser):
    client.force_login(superuser)

    response = client.get(f"/admin/pages/{public_site.pk}/edit/")

    assert response.status_code == 200
    policy = csp(response)
    assert "'unsafe-eval'" not in policy["script-src"]
    # Only what Wagtail's editor needs on top of the public policy: inline scripts and styles.
    assert set(policy["script-src"]) == {"'self'", "'unsafe-inline'"}
    assert set(policy["img-src"]) <= {"'self'", "data:", "blob:"}
    assert policy["frame-src"] == ["'self'"]  # the preview panel
    assert policy["object-src"] == ["'none'"]
    assert_not_frameable(response)
    assert_common_headers(response)


def test_preview_has_the_public_policy_and_may_be_framed_by_the_admin_only(
    client, public_site, superuser
):
    client.force_login(superuser)

    response = client.get(f"/admin/pages/{public_site.pk}/view_draft/")

    assert response.status_code == 200
    policy = csp(response)
    assert policy["frame-ancestors"] == ["'self'"]
    assert_strict_public_policy(policy)


# The API and the open data


@pytest.mark.parametrize("url", API)
def test_api_loads_nothing_and_any_site_may_read_it(client, public_site, url):
    response = client.get(url)

    assert response.status_code == (404 if "no-such" in url else 200)
    assert response["Content-Type"].startswith("application/json")
    policy = csp(response)
    assert policy["default-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response
    assert response["Cross-Origin-Resource-Policy"] == "cross-origin"
    assert_common_headers(response)


def test_api_schema_is_readable_by_other_sites(client, public_site):
    response = client.get("/api/openapi.json")

    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Cross-Origin-Resource-Policy"] == "cross-origin"


@pytest.mark.parametrize("url", OPEN_DATA)
def test_open_data_downloads_are_readable_by_other_sites(client, public_site, url):
    response = client.get(url)

    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Cross-Origin-Resource-Policy"] == "cross-origin"
    assert_no_unsafe_sources(csp(response))
    assert_common_headers(response)


# Production: HTTPS only, HSTS, secure cookies


def _production_module():
    """pirsote/settings/production.py executed afresh, as a web process would read it."""
    spec = importlib.util.find_spec("pirsote.settings.production")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _is_security_setting(name):
    return name.startswith(
        ("SECURE_", "SESSION_COOKIE_", "CSRF_COOKIE_", "CONTENT_SECURITY_POLICY", "PERMISSIONS_")
    ) or name in ("X_FRAME_OPTIONS", "MIDDLEWARE", "DEBUG")


@pytest.fixture
def production(settings, monkeypatch):
    """The production settings' security choices, with their defaults (no overrides)."""
    monkeypatch.setenv("SECRET_KEY", "production-test-" + "k" * 50)
    for name in list(os.environ):
        if name.startswith(("SECURE_", "SESSION_", "CSRF_")):
            monkeypatch.delenv(name)
    module = _production_module()
    for name in filter(_is_security_setting, dir(module)):
        setattr(settings, name, getattr(module, name))
    return settings


def test_production_redirects_http_to_https_on_the_same_host(client, public_site, production):
    response = client.get("/en/goals/?a=1")

    assert response.status_code == 301
    assert response["Location"] == "https://testserver/en/goals/?a=1"


def test_production_sends_hsts_for_a_year_with_subdomains_and_preload(
    client, public_site, production
):
    response = client.get("/", secure=True)

    assert response.status_code == 200
    directives = [part.strip().lower() for part in response["Strict-Transport-Security"].split(";")]
    max_age = int(next(d for d in directives if d.startswith("max-age="))[len("max-age=") :])
    assert max_age >= 365 * 24 * 60 * 60
    assert "includesubdomains" in directives
    assert "preload" in directives
    # The same policy as everywhere: production enforces it, it does not only report.
    assert_strict_public_policy(csp(response))
    assert "Content-Security-Policy-Report-Only" not in response


def test_production_csrf_cookie_is_secure_and_same_site(client, public_site, production):
    response = client.get("/tilaa-tiedotteet/", secure=True)

    cookie = response.cookies["csrftoken"]
    assert cookie["secure"] is True
    assert cookie["samesite"] == "Lax"


def test_production_session_cookie_is_secure_http_only_and_same_site(client, superuser, production):
    response = client.post(
        "/admin/login/", {"username": superuser.username, "password": PASSWORD}, secure=True
    )

    assert response.status_code == 302, response.content[:500]
    cookie = response.cookies["sessionid"]
    assert cookie["secure"] is True
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"


def test_production_enforces_every_policy(production):
    for name in ("CONTENT_SECURITY_POLICY", "CONTENT_SECURITY_POLICY_ADMIN"):
        assert getattr(production, name)["DIRECTIVES"]["default-src"], name
    assert not getattr(production, "CONTENT_SECURITY_POLICY_REPORT_ONLY", None)


# security.txt


def test_security_txt_names_the_contact_a_future_expiry_languages_and_itself(client, db, settings):
    settings.SECURITY_CONTACT = ["tietoturva@example.fi", "https://example.fi/tietoturva"]

    response = client.get("/.well-known/security.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    fields = [line.split(": ", 1) for line in response.content.decode().splitlines()]
    assert fields[:2] == [
        ["Contact", "mailto:tietoturva@example.fi"],
        ["Contact", "https://example.fi/tietoturva"],
    ]
    values = dict(fields)
    expires = datetime.datetime.fromisoformat(values["Expires"])
    now = datetime.datetime.now(datetime.UTC)
    # In the future, and less than a year ahead as RFC 9116 recommends.
    assert now + datetime.timedelta(days=300) < expires < now + datetime.timedelta(days=365)
    assert values["Preferred-Languages"] == "fi, en"
    assert values["Canonical"] == "http://testserver/.well-known/security.txt"
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"


def test_security_txt_expiry_moves_with_the_date():
    day = datetime.datetime(2030, 3, 1, 12, tzinfo=datetime.UTC)

    assert security_txt.expires(day) == "2031-02-28T00:00:00Z"


def test_security_txt_refuses_to_be_posted_to(client, db):
    assert client.post("/.well-known/security.txt").status_code == 405


@pytest.mark.parametrize("contact", [["http://example.fi/"], ["tietoturva"], []])
def test_unusable_security_contact_is_a_system_check_error(settings, contact):
    settings.SECURITY_CONTACT = contact

    with pytest.raises(ImproperlyConfigured):
        security_txt.contact_uris()
    assert "pirsote.E002" in [error.id for error in run_checks()]
