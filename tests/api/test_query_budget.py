"""The API's lists cost a fixed number of SQL queries, however many items they answer.

Measured for an anonymous client with a cold cache, with 3 items of everything and with 30
(every project with a coordinator, implementers, goals and a service model; every service
model with goals and target groups; every grant with payments and supervisors; every image
with a tag), in Finnish and in English. Most queries are the site's and the view
restrictions' (once per kind of page listed): see pirsote/core/api.py.

A count that grows with the items is a missing select_related or prefetch_related: fix the
query. Raise a budget only knowingly, and say why.
"""

import datetime

import pytest

from tests.api.helpers import LANGUAGES, api_path
from tests.core.helpers import queries_to_render
from tests.factories import (
    DocumentFactory,
    GoalFactory,
    GrantWithPaymentsFactory,
    ImageFactory,
    OrganisationFactory,
    ProjectIndexPageFactory,
    ProjectPageFactory,
    ReformPageFactory,
    SectionIndexPageFactory,
    ServiceModelPageFactory,
    TargetGroupFactory,
)

pytestmark = pytest.mark.django_db

FEW, MANY = 3, 30
# The site (and its root paths, for page addresses) and the page view restrictions are two
# or three of each; then the count, the items and one query per prefetched relation.
# With a cold cache the site is read with its home page (pirsote.core.sites): one query more
# here, and no query for the site at all once it is cached.
BUDGETS = {
    "pages/": 6,
    "images/": 6,  # + restricted collections, images, their tags, count
    "documents/": 6,
    "projects/": 11,  # + implementers, goals, service models and their target groups
    "service-models/": 9,  # + goals, target groups, the projects
    "goals/": 9,  # + projects, service models
    "grants/": 8,  # + payments, supervisors (organisations are joined)
    "funding/": 7,  # sums awarded and paid per project, the projects
}


@pytest.fixture(autouse=True)
def _no_search_indexing(settings):
    # Indexing a hundred pages for search would only slow these tests down.
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {"BACKEND": "wagtail.search.backends.database", "AUTO_UPDATE": False}
    }


@pytest.fixture
def site(home_page):
    organisations = OrganisationFactory.create_batch(3)
    return {
        "section": SectionIndexPageFactory(parent=home_page),
        "index": ProjectIndexPageFactory(parent=home_page),
        "organisations": organisations,
        "target_groups": TargetGroupFactory.create_batch(2),
    }


def add_items(site, count):
    """`count` more of every kind of item the API lists."""
    coordinator, *implementers = site["organisations"]
    for number in range(count):
        ReformPageFactory(parent=site["section"])
        image = ImageFactory()
        image.tags.add(f"tunniste-{number % 3}")
        DocumentFactory()
        goal = GoalFactory()
        project = ProjectPageFactory(
            parent=site["index"], coordinator=coordinator, implementers=implementers, goals=[goal]
        )
        ServiceModelPageFactory(parent=project, goals=[goal], target_groups=site["target_groups"])
        GrantWithPaymentsFactory(
            project=project,
            funder=coordinator,
            recipient=implementers[0],
            payer=implementers[1],
            award_date=datetime.date(2020 + number % 3, 6, 1),
            payments=["1000.00", "2000.50"],
            supervisors=implementers,
        )


def queries(client, endpoint, language):
    return queries_to_render(client, api_path(language, f"{endpoint}?limit=100"))


def test_lists_cost_the_same_queries_however_many_items(client, site):
    add_items(site, FEW)
    few = {(e, lang): queries(client, e, lang) for e in BUDGETS for lang in LANGUAGES}
    add_items(site, MANY - FEW)
    many = {(e, lang): queries(client, e, lang) for e in BUDGETS for lang in LANGUAGES}

    assert many == few
    over = {key: count for key, count in many.items() if count > BUDGETS[key[0]]}
    assert over == {}, f"over budget: {over}"


def test_details_cost_a_fixed_number_of_queries(client, site):
    add_items(site, FEW)
    project = site["index"].get_children().first()
    for rest in (f"pages/{project.pk}/", f"projects/{project.pk}/"):
        assert queries_to_render(client, api_path("en", rest)) <= 12, rest
