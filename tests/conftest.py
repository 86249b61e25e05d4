"""Shared fixtures: a clean cache per test, a site with a home page, PostgreSQL enforcement."""

import os

from django.core.cache import cache
from django.db import connection
from django.utils import translation

from wagtail.models import Page

import pytest

from pirsote.core.staff_auth.testing import verified_logins
from tests.factories import HomePageFactory, SiteFactory


def commits_to_live_server(item):
    path = str(item.fspath).replace(os.sep, "/")
    return "tests/browser/" in path or path.endswith("tests/cache/test_front_cache.py")


@pytest.hookimpl(trylast=True)
def pytest_itemcollected(item):
    """Tests that share data run on one pytest-xdist worker (`make test`), which builds it
    once: the browser and Varnish tests, which commit their site to the live server's
    database, and the tests of a class or module with data of its own (setUpTestData, a
    class- or module-scoped fixture). Last, after tests/deploy/'s own group, and before
    pytest-xdist reads the groups (when the collection is done)."""
    if commits_to_live_server(item):
        item.add_marker(pytest.mark.xdist_group("browser"))
    elif not item.get_closest_marker("xdist_group") and (scope := shared_setup(item)):
        item.add_marker(pytest.mark.xdist_group(scope))


def shared_setup(item):
    """The class or module whose data a test shares with its neighbours (setUpTestData, a
    class- or module-scoped fixture), or None."""
    cls = getattr(item, "cls", None)
    if cls is not None and "setUpTestData" in vars(cls):
        return item.nodeid.rsplit("::", 1)[0]
    fixtures = getattr(item, "_fixtureinfo", None)
    for definitions in fixtures.name2fixturedefs.values() if fixtures else ():
        # Ours only: a plugin's (pytest-django's per-class unittest setup) have no base id.
        if definitions[-1].scope in ("class", "module") and definitions[-1].baseid:
            return item.nodeid.split("::", 1)[0]
    return None


def pytest_collection_modifyitems(config, items):
    """Without pytest-xdist the browser and Varnish tests run last. Under it their group,
    the largest, runs first on its worker, which then takes other tests: so the group's
    fixtures undo what they commit (the site, and the roles of the manager's journey)."""
    items.sort(key=commits_to_live_server)


@pytest.fixture(autouse=True)
def _clear_cache_and_language():
    # Wagtail caches site root paths per language; a rolled-back site must not linger.
    cache.clear()
    translation.activate("fi")
    yield
    translation.deactivate()
    cache.clear()


@pytest.fixture(autouse=True)
def _second_sign_in_step_for_test_logins(monkeypatch):
    """force_login()/login() sessions have passed the second sign-in step (TOTP), as a
    real sign-in must before the admin opens; tests/core/test_second_factor.py undoes it."""
    verified_logins(monkeypatch)


@pytest.fixture(scope="session", autouse=True)
def _require_postgres_in_ci(django_db_setup, django_db_blocker):
    """CI sets REQUIRE_POSTGRES=1: running on SQLite there is a failure, not a skip."""
    if os.environ.get("REQUIRE_POSTGRES") == "1":
        with django_db_blocker.unblock():
            vendor = connection.vendor
        if vendor != "postgresql":
            pytest.exit("REQUIRE_POSTGRES=1 but the tests run on " + vendor, returncode=3)


def make_home_page():
    """Replace Wagtail's placeholder "Welcome" page with our home page as the default site root."""
    Page.objects.filter(depth=2, content_type__model="page").delete()
    home = HomePageFactory()
    SiteFactory(root_page=home)
    return home


@pytest.fixture
def home_page(db):
    """A bilingual home page as the default site's root."""
    return make_home_page()


def pytest_runtest_setup(item):
    if item.get_closest_marker("postgres") and connection.vendor != "postgresql":
        if os.environ.get("REQUIRE_POSTGRES") == "1":
            pytest.fail("PostgreSQL-only test reached on " + connection.vendor)
        pytest.skip("needs PostgreSQL (set DATABASE_URL)")
