"""The funding page, a project's funding section and the exports cost a fixed number of queries.

Every grant has two payments, a payer and two supervisors, and the grants are spread over
four projects: 3 grants or 40 (two pages) must cost the same. Measured for an anonymous
visitor with a cold cache, on SQLite and PostgreSQL:

    funding page, 3 or 40 grants (20 a page)        20 queries, 6 of them the funding data:
                                                    view restrictions, sums per project
                                                    (awarded, paid, projects), count, page
    JSON or CSV export, 3 or 40 grants               5 queries: projects and their view
                                                    restrictions, grants, payments, site

The totals are added up from the sums per project rather than queried again. The project
page's own budget belongs to its tests; here only its growth is checked: the funding
section costs two queries (grants, supervisors) however many grants there are.
Raise a budget only knowingly, and say why.
"""

from django.urls import reverse

import pytest

from funding.models import Grant
from tests.core.helpers import queries_to_render, url_in
from tests.factories import ProjectPageFactory
from tests.funding.helpers import add_grants

pytestmark = pytest.mark.django_db

FEW, MANY = 3, 40
FUNDING_PAGE_BUDGET = 20
# The site (to know which projects the public sees) with its home page on a cold cache
# (pirsote.core.sites), the hidden branches, the projects, the grants with their
# organisations, the payments, the supervisors.
EXPORT_BUDGET = 7


@pytest.fixture
def projects(funding_site):
    return [
        funding_site.pirsote,
        funding_site.rakenne,
        *(ProjectPageFactory(parent=funding_site.index) for _ in range(2)),
    ]


def queries_with_few_and_many_grants(client, funding_site, projects, url):
    add_grants(FEW - Grant.objects.count(), projects, funding_site.organisations)
    with_few = queries_to_render(client, url)
    add_grants(MANY - FEW, projects, funding_site.organisations)
    with_many = queries_to_render(client, url)
    return with_few, with_many


@pytest.mark.parametrize("language", ["fi", "en"])
def test_funding_page_queries_do_not_grow_with_number_of_grants(
    client, funding_site, projects, language
):
    url = url_in(funding_site.funding_page, language)

    with_few, with_many = queries_with_few_and_many_grants(client, funding_site, projects, url)

    assert with_few == with_many, f"{FEW} grants: {with_few} queries, {MANY}: {with_many}"
    assert with_many <= FUNDING_PAGE_BUDGET


@pytest.mark.parametrize("name", ["grants_json", "grants_csv"])
def test_export_queries_do_not_grow_with_number_of_grants(client, funding_site, projects, name):
    url = reverse(f"funding:{name}")

    with_few, with_many = queries_with_few_and_many_grants(client, funding_site, projects, url)

    assert with_few == with_many, f"{FEW} grants: {with_few} queries, {MANY}: {with_many}"
    assert with_many <= EXPORT_BUDGET


def test_project_page_funding_queries_do_not_grow_with_number_of_grants(
    client, funding_site, projects
):
    project = funding_site.pirsote
    url = url_in(project, "fi")

    # All the grants on one project page: its funding section lists every one of them.
    with_few, with_many = queries_with_few_and_many_grants(client, funding_site, [project], url)

    assert with_few == with_many, f"{FEW} grants: {with_few} queries, {MANY}: {with_many}"
