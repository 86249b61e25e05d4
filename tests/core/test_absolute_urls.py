"""Every absolute URL starts with SITE_BASE_URL, and the default Wagtail Site follows it."""

import io
import runpy
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from wagtail.models import Site

import feedparser
import pytest

from pirsote.core import checks
from pirsote.core.absolute_urls import absolute_url, base_url, page_url, sync_default_site
from pirsote.demo.builder import DemoSiteBuilder
from tests.api.helpers import api_path, get_json
from tests.core.helpers import url_in
from tests.factories import (
    GrantFactory,
    NewsIndexPageFactory,
    ProjectIndexPageFactory,
    ProjectPageFactory,
    ReleasePageFactory,
    SiteFactory,
)

PUBLIC = "https://sote.example.fi"
SETTINGS_DIR = Path(__file__).resolve().parents[2] / "pirsote" / "settings"


# The one function


def test_paths_go_on_the_configured_base_url_whatever_the_requests_host(settings):
    settings.SITE_BASE_URL = "HTTPS://Sote.Example.fi:443/"
    request = RequestFactory().get("/", HTTP_HOST="10.0.0.5:8000")

    assert base_url(request) == PUBLIC
    assert absolute_url("/en/newsroom/?type=blog", request) == f"{PUBLIC}/en/newsroom/?type=blog"
    assert absolute_url("/uutishuone/") == f"{PUBLIC}/uutishuone/"
    # Another site's page or an external address is left as it is.
    assert absolute_url("http://other.example/x/") == "http://other.example/x/"
    with pytest.raises(ValueError, match="Not an absolute path"):
        absolute_url("relative/path/")


def test_without_the_setting_the_request_then_the_default_site_gives_the_address(
    settings, home_page
):
    settings.SITE_BASE_URL = ""
    request = RequestFactory().get("/", HTTP_HOST="127.0.0.1:8000")

    assert absolute_url("/haku/", request) == "http://127.0.0.1:8000/haku/"
    assert absolute_url("/haku/") == "http://testserver/haku/"
    Site.objects.all().delete()
    with pytest.raises(ImproperlyConfigured, match="SITE_BASE_URL"):
        absolute_url("/haku/")


def test_development_settings_link_to_where_make_run_serves_the_site(monkeypatch):
    monkeypatch.delenv("SITE_BASE_URL", raising=False)
    monkeypatch.delenv("WAGTAILADMIN_BASE_URL", raising=False)

    base = runpy.run_path(str(SETTINGS_DIR / "base.py"))

    assert base["SITE_BASE_URL"] == "http://127.0.0.1:8000"
    assert base["WAGTAILADMIN_BASE_URL"] == "http://127.0.0.1:8000"


# Checks


@pytest.mark.parametrize(
    "value",
    ["sote.example.fi", "ftp://sote.example.fi", "https://sote.example.fi/sote/", "https://:80"],
)
def test_a_base_url_that_is_not_an_origin_is_a_system_check_error(settings, value):
    settings.SITE_BASE_URL = value

    [error] = checks.site_base_url(None)

    assert error.id == "pirsote.E003"
    assert "SITE_BASE_URL" in error.msg


@pytest.mark.parametrize(
    ("value", "problem"),
    [("", "is not set"), ("http://sote.example.fi", "is not https")],
)
def test_deploy_check_wants_an_https_base_url(settings, value, problem):
    settings.SITE_BASE_URL = value

    [error] = checks.public_site_base_url(None)

    assert error.id == "pirsote.E004"
    assert problem in error.msg and "sync_site_url" in error.hint
    settings.SITE_BASE_URL = PUBLIC
    assert checks.public_site_base_url(None) == []
    assert checks.site_base_url(None) == []


# The default Site in step


def run_sync():
    output = io.StringIO()
    call_command("sync_site_url", stdout=output, stderr=output)
    return output.getvalue()


def test_sync_site_url_gives_the_default_site_the_base_urls_host_and_port(settings, home_page):
    settings.SITE_BASE_URL = "http://127.0.0.1:8000"
    [warning] = checks.default_site_in_step(None, databases=["default"])
    assert warning.id == "pirsote.W001" and "http://testserver" in warning.msg
    # Only where a database is named (migrate, check --database): no query otherwise.
    assert checks.default_site_in_step(None) == []

    assert "now at http://127.0.0.1:8000" in run_sync()

    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port, site.root_page_id) == ("127.0.0.1", 8000, home_page.pk)
    assert checks.default_site_in_step(None, databases=["default"]) == []
    assert "already" in run_sync()
    # Wagtail's own full URLs follow.
    assert home_page.get_full_url() == "http://127.0.0.1:8000/"


def test_sync_site_url_says_what_it_cannot_do(settings, home_page):
    settings.SITE_BASE_URL = "https://sote.example.fi:8443"
    assert "use port 443 for https" in run_sync()
    assert checks.default_site_in_step(None, databases=["default"])[0].id == "pirsote.W001"

    SiteFactory(hostname="other.example.fi", port=80, is_default_site=False, root_page=home_page)
    settings.SITE_BASE_URL = "http://other.example.fi"
    with pytest.raises(CommandError, match="Another Wagtail site"):
        run_sync()
    settings.SITE_BASE_URL = ""
    with pytest.raises(CommandError, match="SITE_BASE_URL is not set"):
        run_sync()


def test_the_demo_site_gets_the_base_urls_host_and_port(settings, home_page):
    settings.SITE_BASE_URL = "http://127.0.0.1:8000"

    DemoSiteBuilder().load_site(home_page)

    assert Site.objects.get(is_default_site=True).root_url == "http://127.0.0.1:8000"


# Where absolute URLs are given out


def test_feeds_open_data_and_the_api_link_to_the_base_url(client, settings, home_page):
    newsroom = NewsIndexPageFactory(parent=home_page)
    release = ReleasePageFactory(parent=newsroom, slug_fi="tiedote", slug_en="release")
    projects = ProjectIndexPageFactory(parent=home_page)
    project = ProjectPageFactory(parent=projects, acronym="PirSOTE")
    GrantFactory(project=project)
    settings.SITE_BASE_URL = PUBLIC
    sync_default_site()

    for language in ("fi", "en"):
        feed = feedparser.parse(client.get(f"{url_in(newsroom, language)}rss/").content)
        assert [entry.link for entry in feed.entries] == [PUBLIC + url_in(release, language)]
        assert feed.feed.link == PUBLIC + url_in(newsroom, language)

        with translation.override(language):
            grants_url = reverse("funding:grants_json")
            assert page_url(project) == PUBLIC + url_in(project, language)
        [grant] = get_json(client, grants_url)["grants"]
        assert grant["url"] == PUBLIC + url_in(project, language)
        assert grant["dataSource"] == PUBLIC + grants_url

        api_project = get_json(client, api_path(language, f"projects/{project.pk}/"))
        assert api_project["url"] == PUBLIC + url_in(project, language)
        [api_release] = get_json(client, api_path(language, "pages/?type=news.ReleasePage"))[
            "items"
        ]
        assert api_release["meta"]["html_url"] == PUBLIC + url_in(release, language)


def test_production_deploy_check_refuses_to_run_without_a_base_url():
    from tests.core.test_settings_deploy import production_environment, run_deploy_check

    environment = production_environment()
    del environment["SITE_BASE_URL"]
    returncode, output = run_deploy_check(**environment)

    assert returncode != 0
    assert "pirsote.E004" in output and "SITE_BASE_URL is not set" in output, output
