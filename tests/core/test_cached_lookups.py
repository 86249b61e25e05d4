"""What pages read from the cache instead of the database is never stale after a change.

The request's site and home page, the restricted branches of the tree and the hidden ones,
the menu and the footer are kept under the content version; every change that could alter
them bumps it, so the very next request sees the change.
"""

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import PageViewRestriction

import pytest

from tests.core.helpers import get_html, text_of, url_in
from tests.factories import ReformPageFactory, SectionIndexPageFactory, SiteSettingsFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def section(home_page):
    section = SectionIndexPageFactory(parent=home_page, title_fi="Osio", title_en="Section")
    ReformPageFactory(parent=section, title_fi="Tavoitteet", title_en="Goals")
    return section


def test_a_page_made_private_asks_for_the_password_at_the_next_request(client, section):
    page = section.get_children().get().specific
    url = url_in(page, "fi")
    assert "Tavoitteet" in text_of(get_html(client, url).select_one("h1"))

    PageViewRestriction.objects.create(page=page, restriction_type="password", password="salasana")

    response = client.get(url)
    assert b"<h1>Tavoitteet</h1>" not in response.content
    assert b'name="password"' in response.content
    # ...and it leaves the section's listing at once too.
    assert "Tavoitteet" not in text_of(get_html(client, url_in(section, "fi")).select_one("main"))


def test_a_private_section_hides_its_pages_from_listings_until_it_is_public_again(
    client, section, home_page
):
    restriction = PageViewRestriction.objects.create(page=section, restriction_type="login")
    assert "Osio" not in text_of(get_html(client, url_in(home_page, "fi")).select_one("main"))

    restriction.delete()

    assert "Osio" in text_of(get_html(client, url_in(home_page, "fi")).select_one("main"))


def test_a_public_page_is_served_without_asking_for_its_site_or_restrictions(client, section):
    SiteSettingsFactory()  # else the first request makes them, which is a change of the site
    url = url_in(section, "en")
    client.get(url)

    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200

    tables = " ".join(query["sql"] for query in queries)
    assert "wagtailcore_site" not in tables
    assert "wagtailcore_pageviewrestriction" not in tables


def test_the_footer_shows_changed_site_settings_at_the_next_request(client, home_page):
    settings = SiteSettingsFactory(publisher_name_fi="Pirkanmaan liitto")
    assert "Pirkanmaan liitto" in text_of(get_html(client, "/").select_one("footer"))

    settings.publisher_name_fi = "Pirkanmaan hyvinvointialue"
    settings.save()

    assert "Pirkanmaan hyvinvointialue" in text_of(get_html(client, "/").select_one("footer"))


def test_the_menu_shows_a_renamed_section_at_the_next_request(client, section):
    get_html(client, "/")
    revision = section.save_revision()
    section.title_fi = "Uudistus"
    revision = section.save_revision()
    revision.publish()

    assert "Uudistus" in text_of(get_html(client, "/").select_one("nav.main-nav"))


def test_a_site_moved_to_another_host_is_found_there_at_the_next_request(client, home_page):
    site = home_page.get_site()
    client.get("/")
    site.hostname, site.is_default_site = "sote.example.fi", False
    site.save()

    assert client.get("/", HTTP_HOST="sote.example.fi").status_code == 200
    assert client.get("/", HTTP_HOST="testserver").status_code == 404
    cache.clear()
    assert client.get("/", HTTP_HOST="testserver").status_code == 404
