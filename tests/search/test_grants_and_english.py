"""Grants are found through the funding page, and English is stemmed on every database."""

from wagtail.models import Site

import pytest

from pirsote.core.search import query as site_search
from tests.factories import (
    FundingPageFactory,
    GrantFactory,
    ProjectIndexPageFactory,
    ProjectPageFactory,
    ReformPageFactory,
)

from .helpers import result_titles, search

pytestmark = pytest.mark.django_db


def plain_titles(text, language):
    """What the plain matching of SQLite finds (PostgreSQL's full-text search turned off)."""
    results, _counts = site_search.search(
        site_search.SearchQueryText(text),
        language=language,
        site=Site.objects.get(is_default_site=True),
        full_text=False,
    )
    return [entry.title for entry in results]


@pytest.fixture
def funding_site(home_page):
    funding = FundingPageFactory(parent=home_page, intro_fi="Rahoitus.", intro_en="Money.")
    projects = ProjectIndexPageFactory(parent=home_page)
    project = ProjectPageFactory(parent=projects, acronym="PirSOTE")
    return funding, project


@pytest.mark.parametrize(
    ("language", "query", "title"),
    [
        ("fi", "avustus", "Miten uudistus rahoitetaan"),
        ("fi", "valtionavustus", "Miten uudistus rahoitetaan"),
        ("en", "grants", "How the reform is funded"),
        ("en", "state grant", "How the reform is funded"),
    ],
)
def test_the_funding_page_is_found_by_its_grants(client, funding_site, language, query, title):
    _funding, project = funding_site
    assert title not in plain_titles(query, language)
    # Publishing a grant re-indexes the funding page that lists it.
    GrantFactory(
        project=project,
        title_fi="Sote-rakenneuudistuksen valtionavustus",
        title_en="State grant for the structural reform",
    )
    assert title in plain_titles(query, language)
    assert title in result_titles(search(client, query, language=language))


def test_a_grant_of_a_draft_project_does_not_make_the_funding_page_found(funding_site, home_page):
    funding, _project = funding_site
    draft = ProjectPageFactory(parent=funding_site[1].get_parent(), live=False)
    GrantFactory(project=draft, title_fi="Salainen valtionavustus", title_en="Secret grant")
    assert funding.title_fi not in plain_titles("salainen", "fi")


@pytest.mark.parametrize(
    ("query", "found"),
    [("grants", True), ("granting", True), ("centres", True), ("services", True), ("xyz", False)],
)
def test_english_words_are_stemmed_by_the_plain_matching(home_page, query, found):
    ReformPageFactory(
        parent=home_page,
        title_en="Health centre services",
        intro_en="A grant for each service and centre.",
    )
    assert ("Health centre services" in plain_titles(query, "en")) is found
