"""The projects app's listings cost a fixed number of SQL queries, however much they list.

Measured for an anonymous visitor with a cold cache, every project and service model having
goals and target groups, with 3 items and with 100 (the service models spread over four
projects), in Finnish and in English:

    ProjectIndexPage (12 cards a page)                              17 queries
    ServiceModelIndexPage, unfiltered and filtered (12 a page)      23 queries
    GoalIndexPage (every goal with its projects and service models) 21 queries

Most of these are Wagtail's own: the site, the page's route and view restrictions, the
site settings. Listing service models with select_related rather than with_listing_images()
saved the .specific() query (24 to 23).

A count that grows with the items is a missing select_related or prefetch_related in
projects/models.py: fix the query there. Raise a budget only knowingly, and say why.
"""

import pytest

from tests.core.helpers import queries_to_render, url_in
from tests.factories import (
    ContactPersonFactory,
    GoalFactory,
    GoalIndexPageFactory,
    ImageFactory,
    OrganisationFactory,
    ProjectContactFactory,
    ProjectIndexPageFactory,
    ProjectPageFactory,
    ProjectStaffFigureFactory,
    ServiceModelIndexPageFactory,
    ServiceModelPageFactory,
    TargetGroupFactory,
)

pytestmark = pytest.mark.django_db

PROJECT_INDEX_BUDGET = 17
SERVICE_MODEL_INDEX_BUDGET = 23
GOAL_INDEX_BUDGET = 21
FEW, MANY = 3, 100
LANGUAGES = ("fi", "en")


@pytest.fixture(autouse=True)
def _no_search_indexing(settings):
    # Indexing a hundred pages for search would only slow these tests down.
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {"BACKEND": "wagtail.search.backends.database", "AUTO_UPDATE": False}
    }


@pytest.fixture
def taxonomy(db):
    return {
        "goals": GoalFactory.create_batch(3),
        "target_groups": TargetGroupFactory.create_batch(3),
        "organisations": OrganisationFactory.create_batch(2),
    }


@pytest.fixture
def project_index(home_page):
    return ProjectIndexPageFactory(parent=home_page)


def add_projects(index, taxonomy, count):
    """`count` projects with a coordinator, implementers and one to three goals."""
    goals, organisations = taxonomy["goals"], taxonomy["organisations"]
    projects = []
    for number in range(count):
        # Built, then saved once by add_child (with its relations): the factory's own
        # create would save each page three times.
        project = ProjectPageFactory.build(coordinator=organisations[0])
        project.implementers.set(organisations)
        project.goals.set(goals[: 1 + number % len(goals)])
        projects.append(index.add_child(instance=project))
    return projects


def add_service_models(projects, taxonomy, count, image=None):
    """`count` service models round the projects, each with two goals and target groups."""
    goals, groups = taxonomy["goals"], taxonomy["target_groups"]
    for number in range(count):
        service_model = ServiceModelPageFactory.build(status="piloted", listing_image=image)
        service_model.goals.set([goals[0], goals[1 + number % 2]])
        service_model.target_groups.set([groups[0], groups[1 + number % 2]])
        projects[number % len(projects)].add_child(instance=service_model)


def queries_per_url(client, page, queries=("",)):
    return {
        (language, query): queries_to_render(client, url_in(page, language) + query)
        for language in LANGUAGES
        for query in queries
    }


def test_project_index_queries_do_not_grow_with_number_of_projects(client, project_index, taxonomy):
    add_projects(project_index, taxonomy, FEW)
    with_few = queries_per_url(client, project_index)
    add_projects(project_index, taxonomy, MANY - FEW)
    with_many = queries_per_url(client, project_index)

    assert with_few == with_many, f"{FEW} projects: {with_few}, {MANY}: {with_many}"
    assert max(with_many.values()) <= PROJECT_INDEX_BUDGET


def test_service_model_index_queries_do_not_grow_with_number_of_service_models(
    client, project_index, taxonomy
):
    projects = add_projects(project_index, taxonomy, 4)
    listing = ServiceModelIndexPageFactory(parent=project_index)
    goal, group = taxonomy["goals"][0].slug, taxonomy["target_groups"][0].slug
    queries = (
        "",
        f"?project={projects[0].code}&goal={goal}",
        f"?goal={goal}&target_group={group}&status=piloted",
        "?page=2",
    )
    add_service_models(projects, taxonomy, FEW)
    with_few = queries_per_url(client, listing, queries)
    add_service_models(projects, taxonomy, MANY - FEW)
    with_many = queries_per_url(client, listing, queries)

    # Page 2 only exists with many: with few it is page 1 again, and must cost the same.
    assert with_few == with_many, f"{FEW} models: {with_few}, {MANY}: {with_many}"
    assert max(with_many.values()) <= SERVICE_MODEL_INDEX_BUDGET


def test_goal_index_queries_do_not_grow_with_number_of_projects_and_service_models(
    client, home_page, project_index, taxonomy
):
    goal_index = GoalIndexPageFactory(parent=home_page)
    ServiceModelIndexPageFactory(parent=project_index)
    projects = add_projects(project_index, taxonomy, FEW)
    add_service_models(projects, taxonomy, FEW)
    with_few = queries_per_url(client, goal_index)
    projects += add_projects(project_index, taxonomy, MANY - FEW)
    add_service_models(projects, taxonomy, MANY - FEW)
    with_many = queries_per_url(client, goal_index)

    assert with_few == with_many, f"{FEW} of each: {with_few}, {MANY}: {with_many}"
    assert max(with_many.values()) <= GOAL_INDEX_BUDGET


PROJECT_PAGE_BUDGET = 30


def test_project_page_queries_do_not_grow_with_its_service_models_and_contacts(
    client, project_index, taxonomy, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    (project,) = add_projects(project_index, taxonomy, 1)

    def add_contacts_and_models(count):
        # Every card and contact with an image of its own: a card that reads its image
        # itself costs a query per card.
        for _ in range(count):
            add_service_models([project], taxonomy, 1, image=ImageFactory())
            ProjectContactFactory(page=project, person=ContactPersonFactory(photo=ImageFactory()))
            ProjectStaffFigureFactory(page=project)

    add_contacts_and_models(FEW)
    with_few = queries_per_url(client, project)
    add_contacts_and_models(30 - FEW)
    with_many = queries_per_url(client, project)

    assert with_few == with_many, f"{FEW} of each: {with_few}, 30: {with_many}"
    assert max(with_many.values()) <= PROJECT_PAGE_BUDGET
