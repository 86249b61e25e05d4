"""The goals page: each goal with exactly the live projects and service models pursuing it."""

import pytest

from tests.core.helpers import get_html, text_of, url_in
from tests.factories import ProjectPageFactory, ServiceModelPageFactory

pytestmark = pytest.mark.django_db


def goal_sections(document):
    """{goal heading: section} of the goals page."""
    return {text_of(section.select_one("h2")): section for section in document.select(".goal")}


def hrefs(section, selector):
    return [link["href"] for link in section.select(f"{selector} a")]


@pytest.mark.parametrize("language", ["fi", "en"])
def test_each_goal_lists_exactly_the_live_projects_and_service_models_pursuing_it(
    client, project_site, language
):
    site = project_site
    # A draft project pursuing a goal, and a live model of another project: neither shows.
    ProjectPageFactory(parent=site.index, live=False, goals=[site.goals.costs])
    document = get_html(client, url_in(site.goal_index, language))
    sections = goal_sections(document)
    expected = {
        site.goals.access: ([site.pirsote], [site.home_care, site.family_centre, site.komas_model]),
        site.goals.costs: ([site.komas], [site.komas_model]),
        site.goals.integration: ([site.pirsote], [site.family_centre]),
    }

    assert list(sections) == [getattr(goal, f"name_{language}") for goal in expected]
    for goal, (projects, service_models) in expected.items():
        section = sections[getattr(goal, f"name_{language}")]
        assert hrefs(section, ".goal__projects") == [url_in(p, language) for p in projects]
        assert hrefs(section, ".goal__service-models") == [
            url_in(model, language) for model in service_models
        ]


def test_goal_shows_its_description_and_names_projects_by_acronym(client, project_site):
    document = get_html(client, url_in(project_site.goal_index, "en"))
    access = goal_sections(document)["Access to services"]

    assert "Services are available in time." in text_of(access)
    projects = [text_of(item) for item in access.select(".goal__projects li")]
    assert projects == [f"{project_site.pirsote.title_en} (PirSOTE)"]
    models = [text_of(item) for item in access.select(".goal__service-models li")]
    assert models == [
        f"{project_site.home_care.title_en} (PirSOTE)",
        f"{project_site.family_centre.title_en} (PirSOTE)",
        f"{project_site.komas_model.title_en} (KOMAS)",
    ]


@pytest.mark.parametrize("language", ["fi", "en"])
def test_goal_links_to_service_model_listing_filtered_by_it(client, project_site, language):
    document = get_html(client, url_in(project_site.goal_index, language))
    listing = url_in(project_site.service_model_index, language)
    links = {
        name: [link["href"] for link in section.select(".more-link a")]
        for name, section in goal_sections(document).items()
    }

    goals = project_site.goals
    assert links == {
        getattr(goal, f"name_{language}"): [f"{listing}?goal={goal.slug}"]
        for goal in (goals.access, goals.costs, goals.integration)
    }
    # ...and the link leads to a list of those service models.
    filtered = get_html(client, links[getattr(goals.costs, f"name_{language}")][0])
    titles = [text_of(title) for title in filtered.select(".results .card__title")]
    assert titles == [getattr(project_site.komas_model, f"title_{language}")]


def test_goal_without_live_pursuers_says_so(client, project_site):
    site = project_site
    lonely = type(site.goals.access).objects.create(
        slug="yksinainen", name_fi="Yksinäinen", name_en="Lonely"
    )
    ServiceModelPageFactory(parent=site.pirsote, live=False, goals=[lonely])
    document = get_html(client, url_in(site.goal_index, "en"))
    section = goal_sections(document)["Lonely"]

    assert not section.select("a")
    assert "No published project or service model pursues this goal yet." in text_of(section)


def test_goals_page_without_service_model_listing_has_no_filter_links(client, project_site):
    project_site.service_model_index.unpublish()
    document = get_html(client, url_in(project_site.goal_index, "en"))

    assert goal_sections(document)
    assert not document.select(".goal .more-link")
