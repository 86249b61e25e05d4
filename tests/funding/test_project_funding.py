"""The funding section of a project page: its published grants, awarded and paid."""

import datetime
from decimal import Decimal

from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from django.utils import translation

import pytest

from pirsote.core import content_version
from pirsote.core.dates import format_partial_date, format_period
from tests.core.helpers import get_html, gettext_in, text_of, url_in
from tests.factories import GrantFactory, GrantWithPaymentsFactory, ProjectPageFactory
from tests.funding.helpers import add_grants, awarded_sum, euros_in, number_text, paid_sum

pytestmark = pytest.mark.django_db

LANGUAGES = ["fi", "en"]


@pytest.fixture(params=LANGUAGES)
def language(request):
    return request.param


def funding_section(client, project, language):
    document = get_html(client, url_in(project, language))
    return document.select_one("section.project-funding")


def facts_of(article):
    """{term: description} of one grant's facts."""
    return {
        text_of(term): number_text(term.find_next_sibling("dd")) for term in article.find_all("dt")
    }


def test_section_is_a_labelled_region_with_a_second_level_heading(client, funding_site, language):
    section = funding_section(client, funding_site.pirsote, language)
    heading = section.find(id=section["aria-labelledby"])

    assert heading.name == "h2"
    assert text_of(heading) == gettext_in(language, "Funding")
    assert all(article.h3 for article in section.select("article.grant"))


def test_section_lists_each_grants_facts_in_the_page_language(client, funding_site, language):
    grant = funding_site.grants[0]
    organisations = funding_site.organisations
    article = funding_section(client, funding_site.pirsote, language).select_one("article.grant")
    facts = facts_of(article)

    def term(text):
        return gettext_in(language, text)

    with translation.override(language):
        award_date = format_partial_date(grant.award_date, grant.award_date_precision)
        grant_period = format_period(grant.planned_start, grant.planned_end)
    name = f"name_{language}"
    assert text_of(article.h3) == getattr(grant, f"title_{language}")
    assert facts[term("Funder")] == getattr(organisations.ministry, name)
    assert facts[term("Amount awarded")] == euros_in(language, grant.amount_awarded)
    assert facts[term("Paid")].startswith(euros_in(language, paid_sum([grant])))
    assert facts[term("Award date")] == award_date
    assert facts[term("Grant period")] == grant_period
    assert facts[term("Decision reference")] == grant.decision_reference
    assert facts[term("Paid out by")] == getattr(organisations.payer, name)
    supervisors = sorted(getattr(org, name) for org in grant.supervisors.all())
    assert sorted(facts[term("Supervised by")].split(", ")) == supervisors


def test_section_shows_the_projects_total_awarded_and_paid(client, funding_site, language):
    project = funding_site.pirsote
    GrantWithPaymentsFactory(
        project=project, amount_awarded=Decimal("0.10"), payments=["0.05", "0.04"]
    )
    GrantWithPaymentsFactory(project=project, amount_awarded=Decimal("0.20"))
    grants = list(project.grants.filter(live=True))

    summary = number_text(funding_section(client, project, language).select_one("p"))

    assert euros_in(language, awarded_sum(grants)) in summary
    assert euros_in(language, paid_sum(grants)) in summary
    assert awarded_sum(grants) == Decimal("5921081.30")


def test_grant_without_payments_or_optional_facts_shows_zero_paid(client, funding_site, language):
    article = funding_section(client, funding_site.rakenne, language).select_one("article.grant")
    facts = facts_of(article)

    assert facts[gettext_in(language, "Paid")] == euros_in(language, 0)
    for optional in ("Grant period", "Decision reference", "Paid out by", "Supervised by"):
        assert gettext_in(language, optional) not in facts


def test_section_leaves_out_drafts_and_other_projects_grants(client, funding_site):
    draft = GrantFactory(project=funding_site.pirsote, live=False, title_fi="Luonnosavustus")

    section = funding_section(client, funding_site.pirsote, "fi")
    titles = [text_of(article.h3) for article in section.select("article.grant")]

    assert titles == [funding_site.grants[0].title_fi]
    assert draft.title_fi not in text_of(section)
    assert euros_in("fi", draft.amount_awarded + funding_site.grants[0].amount_awarded) not in (
        number_text(section)
    )


def test_project_without_published_grants_has_no_funding_section(client, funding_site):
    project = ProjectPageFactory(parent=funding_site.index)
    GrantFactory(project=project, live=False)

    document = get_html(client, url_in(project, "fi"))

    assert document.select_one("section.project-funding") is None


def test_unpublished_projects_page_and_grants_are_not_shown(client, funding_site):
    project = ProjectPageFactory(parent=funding_site.index, acronym="Salainen", live=False)
    GrantFactory(project=project, award_date=datetime.date(2021, 1, 1))

    assert client.get(url_in(project, "fi")).status_code == 404


def test_section_links_to_the_projects_grants_as_open_data(client, funding_site, language):
    section = funding_section(client, funding_site.pirsote, language)
    links = section.select(".project-funding__open-data a")

    assert [link["type"] for link in links] == ["text/csv", "application/json"]
    assert all(link["href"].endswith("?project=pirsote") for link in links)
    assert all(link["href"].startswith("/en/") == (language == "en") for link in links)


def test_funding_section_costs_the_same_queries_however_many_grants(rf, funding_site):
    template = Template("{% load projects_tags %}{% project_page_sections project %}")
    context = Context({"project": funding_site.pirsote, "request": rf.get("/")})

    def render():
        with CaptureQueriesContext(connection) as queries:
            html = template.render(context)
        return html, len(queries.captured_queries)

    render()  # the first render also fills caches that outlive it (sites, content types)
    # Both measured renders come after a change, as adding grants is one: the visibility
    # cache (keyed by the content version) is read again each time.
    content_version.bump()
    _html, one_grant = render()
    add_grants(50, [funding_site.pirsote], funding_site.organisations)
    html, many_grants = render()

    assert html.count('<article class="grant"') == 51
    assert many_grants == one_grant
