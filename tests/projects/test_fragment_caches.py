"""The project pages' cached fragments: read once, and never stale after a change.

The project page's body, the goals and the service model facts are kept under the content
version (pirsote.core.content_version). A second view reads none of their rows; any change
they show makes the very next view show it, in both languages; a preview never uses them.
"""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from tests.core.helpers import get_html, text_of, url_in
from tests.factories import GrantFactory, SiteSettingsFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _site_settings(home_page):
    # Else the first view makes them, which is a change of the site like any other.
    SiteSettingsFactory()


def _sql_of_request(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return " ".join(query["sql"] for query in queries)


@pytest.mark.parametrize("language", ["fi", "en"])
def test_a_second_view_of_a_project_reads_none_of_what_its_body_shows(
    client, project_site, language
):
    url = url_in(project_site.pirsote, language)
    first = _sql_of_request(client, url)
    second = _sql_of_request(client, url)

    for table in ("projects_servicemodelpage", "projects_projectcontact", "core_contactperson"):
        assert table in first
        assert table not in second


def test_a_renamed_contact_person_shows_on_the_project_at_the_next_view(client, project_site):
    url = url_in(project_site.pirsote, "fi")
    assert project_site.lead_person.name in text_of(get_html(client, url).select_one("main"))

    project_site.lead_person.name = "Uusi Nimi"
    project_site.lead_person.save()

    assert "Uusi Nimi" in text_of(get_html(client, url).select_one(".project-contacts"))


def test_a_new_grant_shows_on_the_project_at_the_next_view(client, project_site):
    url = url_in(project_site.pirsote, "en")
    get_html(client, url)

    GrantFactory(
        project=project_site.pirsote,
        title_fi="Uusi avustus",
        title_en="A new grant",
    )

    assert "A new grant" in text_of(get_html(client, url).select_one("main"))


@pytest.mark.parametrize("language", ["fi", "en"])
def test_a_renamed_goal_shows_on_the_goals_page_at_the_next_view(client, project_site, language):
    url = url_in(project_site.goal_index, language)
    get_html(client, url)
    goal = project_site.goals.access
    assert "projects_projectpage" not in _sql_of_request(client, url)

    setattr(goal, f"name_{language}", f"Renamed {language}")
    goal.save()

    headings = [text_of(h2) for h2 in get_html(client, url).select("section.goal h2")]
    assert f"Renamed {language}" in headings


def test_a_renamed_target_group_shows_on_the_service_model_at_the_next_view(client, project_site):
    url = url_in(project_site.home_care, "en")
    facts = ".service-model-facts__target-groups"
    assert "Older people" in text_of(get_html(client, url).select_one(facts))

    project_site.target_groups.older.name_en = "Senior citizens"
    project_site.target_groups.older.save()

    assert "Senior citizens" in text_of(get_html(client, url).select_one(facts))


def test_a_service_model_published_under_a_project_shows_on_its_page_at_the_next_view(
    client, project_site
):
    url = url_in(project_site.pirsote, "fi")
    assert "Keskeneräinen malli" not in text_of(get_html(client, url).select_one("main"))

    project_site.draft.save_revision().publish()

    assert "Keskeneräinen malli" in text_of(get_html(client, url).select_one("main"))


def test_a_preview_shows_the_draft_not_the_cached_page(client, project_site):
    url = url_in(project_site.pirsote, "fi")
    get_html(client, url)  # the live page's fragments are cached now

    page = project_site.pirsote
    page.body_fi = [("paragraph", "<p>Luonnoksen uusi kappale</p>")]
    response = page.make_preview_request()

    assert b"Luonnoksen uusi kappale" in response.render().content
    # ...and the live page is still what was published.
    assert "Luonnoksen uusi kappale" not in text_of(get_html(client, url).select_one("main"))
