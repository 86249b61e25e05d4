"""The funding page: figures computed from the grants, a table of them, links to open data."""

from decimal import Decimal
from itertools import pairwise

from django.urls import reverse
from django.utils import translation

import pytest

from pirsote.core.dates import format_partial_date
from tests.core.helpers import get_html, gettext_in, text_of, url_in
from tests.factories import (
    FundingPageFactory,
    GrantFactory,
    GrantWithPaymentsFactory,
    PaymentFactory,
    ProjectIndexPageFactory,
    ProjectPageFactory,
)
from tests.funding.helpers import (
    awarded_sum,
    euros_in,
    number_text,
    paid_sum,
    public_grants,
)

pytestmark = pytest.mark.django_db

LANGUAGES = ["fi", "en"]


@pytest.fixture(params=LANGUAGES)
def language(request):
    return request.param


def funding_document(client, funding_site, language, query=""):
    return get_html(client, url_in(funding_site.funding_page, language) + query)


def facts(document):
    """{label: value} of the page's fact figures, values with their no-break spaces."""
    return [number_text(value) for value in document.select(".facts .fact__value")]


def project_rows(document):
    """{acronym: [awarded, paid, share]} from the table of funding by project."""
    table = document.select_one("#funding-projects-caption").find_parent("table")
    return {
        text_of(row.th.a): [number_text(cell) for cell in row.find_all("td")]
        for row in table.select("tbody tr")
    }


def total_row(document):
    table = document.select_one("#funding-projects-caption").find_parent("table")
    return [number_text(cell) for cell in table.select("tfoot td")]


def grant_rows(document):
    table = document.select_one("#funding-grants-caption").find_parent("table")
    return table.select("tbody tr")


# Rendering in both languages


def test_funding_page_renders_in_finnish_and_english_with_each_languages_number_style(
    client, funding_site, language
):
    document = funding_document(client, funding_site, language)

    assert document.html["lang"] == language
    assert text_of(document.select_one("main h1")) == getattr(
        funding_site.funding_page, f"title_{language}"
    )
    total = {"fi": "15\xa0250\xa0841\xa0€", "en": "€15,250,841"}[language]
    assert facts(document)[0] == total
    assert total_row(document)[0] == total


def test_funding_page_total_is_the_sum_of_its_grants_in_both_languages(
    client, funding_site, language
):
    document = funding_document(client, funding_site, language)
    grants = public_grants()

    assert facts(document) == [
        euros_in(language, awarded_sum(grants)),
        str(len(grants)),
        euros_in(language, paid_sum(grants)),
    ]
    assert total_row(document)[:2] == [
        euros_in(language, awarded_sum(grants)),
        euros_in(language, paid_sum(grants)),
    ]


def test_amount_per_project_is_the_sum_of_that_projects_grants(client, funding_site, language):
    GrantWithPaymentsFactory(
        project=funding_site.pirsote, amount_awarded=Decimal("78919.50"), payments=["0.50"]
    )
    document = funding_document(client, funding_site, language)
    rows = project_rows(document)

    assert list(rows) == ["PirSOTE", "SoteRakenne"]
    for project in (funding_site.pirsote, funding_site.rakenne):
        grants = [grant for grant in public_grants() if grant.project == project]
        assert rows[project.acronym][:2] == [
            euros_in(language, awarded_sum(grants)),
            euros_in(language, paid_sum(grants)),
        ]
    assert rows["PirSOTE"][0] == euros_in(language, Decimal("6000000.50"))


def test_cents_are_summed_exactly_without_float_artefacts(client, home_page, language):
    funding_page = FundingPageFactory(parent=home_page)
    project = ProjectPageFactory(parent=ProjectIndexPageFactory(parent=home_page))
    GrantWithPaymentsFactory(project=project, amount_awarded=Decimal("0.10"), payments=["0.05"])
    GrantWithPaymentsFactory(project=project, amount_awarded=Decimal("0.20"), payments=["0.05"])

    document = get_html(client, url_in(funding_page, language))

    expected = {"fi": "0,30\xa0€", "en": "€0.30"}[language]
    assert facts(document)[0] == expected
    assert project_rows(document)[project.acronym][0] == expected
    assert total_row(document)[0] == expected
    assert total_row(document)[1] == {"fi": "0,10\xa0€", "en": "€0.10"}[language]


# Awarded against paid


def test_awarded_against_paid_shows_paid_amounts_and_shares_per_project_and_in_total(
    client, funding_site, language
):
    # SoteRakenne gets a second grant: 9 329 760 + 670 240 = 10 000 000 €, half of it paid
    # in payments on both of its grants.
    GrantWithPaymentsFactory(
        project=funding_site.rakenne,
        amount_awarded=Decimal("670240.00"),
        payments=["2000000.00"],
    )
    PaymentFactory(grant=funding_site.grants[1], amount=Decimal("3000000.00"))

    document = funding_document(client, funding_site, language)
    rows = project_rows(document)

    percent = {"fi": "{}\xa0%", "en": "{}%"}[language]
    assert rows["PirSOTE"] == [
        euros_in(language, Decimal("5921081")),
        euros_in(language, Decimal("1480270.25")),
        percent.format(25),
    ]
    assert rows["SoteRakenne"] == [
        euros_in(language, Decimal("10000000")),
        euros_in(language, Decimal("5000000")),
        percent.format(50),
    ]
    # 6 480 270,25 / 15 921 081 = 40.7 %
    assert total_row(document) == [
        euros_in(language, Decimal("15921081")),
        euros_in(language, Decimal("6480270.25")),
        percent.format(41),
    ]


def test_nothing_paid_yet_is_zero_euros_and_zero_per_cent_said_one_way(
    client, funding_site, language
):
    funding_site.grants[0].payments.all().delete()
    document = funding_document(client, funding_site, language)
    zero_share = {"fi": "0\xa0%", "en": "0%"}[language]

    for _awarded, paid, share in project_rows(document).values():
        assert paid == euros_in(language, 0)
        assert share == zero_share
    assert total_row(document)[1:] == [euros_in(language, 0), zero_share]
    paid_fact = document.select(".facts .fact")[2]
    assert number_text(paid_fact.select_one(".fact__value")) == euros_in(language, 0)
    assert text_of(paid_fact.select_one(".fact__label")) == gettext_in(language, "paid so far")


# What the public does not see


@pytest.fixture
def hidden_grants(funding_site):
    """A draft grant of a published project and a published grant of an unpublished one."""
    draft = GrantFactory(
        project=funding_site.pirsote,
        live=False,
        title_fi="Luonnosavustus",
        title_en="Draft grant",
        amount_awarded=Decimal("111111.11"),
    )
    unpublished_project = ProjectPageFactory(
        parent=funding_site.index, acronym="Salainen", live=False
    )
    hidden = GrantFactory(
        project=unpublished_project,
        title_fi="Julkaisemattoman hankkeen avustus",
        title_en="Grant of an unpublished project",
        amount_awarded=Decimal("222222.22"),
    )
    return [draft, hidden]


def test_drafts_and_grants_of_unpublished_projects_are_not_on_the_funding_page(
    client, funding_site, hidden_grants, language
):
    document = funding_document(client, funding_site, language)
    text = text_of(document.select_one("main"))

    for grant in hidden_grants:
        assert getattr(grant, f"title_{language}") not in text
    assert "Salainen" not in text
    assert facts(document)[0] == euros_in(language, awarded_sum(funding_site.grants))
    assert facts(document)[1] == str(len(funding_site.grants))
    assert len(grant_rows(document)) == len(funding_site.grants)


def test_grants_of_projects_under_an_unpublished_page_are_not_on_the_funding_page(
    client, home_page, funding_site, language
):
    archive = ProjectIndexPageFactory(
        parent=home_page, title_fi="Arkisto", slug_fi="arkisto", slug_en="archive", live=False
    )
    GrantFactory(
        project=ProjectPageFactory(parent=archive, acronym="Arkistoitu"),
        amount_awarded=Decimal("333333.33"),
    )
    document = funding_document(client, funding_site, language)
    assert "Arkistoitu" not in text_of(document.select_one("main"))
    assert facts(document)[0] == euros_in(language, awarded_sum(funding_site.grants))


# The table of grants


def test_grants_table_has_caption_headers_and_a_labelled_scroll_region(
    client, funding_site, language
):
    document = funding_document(client, funding_site, language)
    region = document.select_one("#funding-grants-heading").find_parent("section")
    scroller = region.select_one(".table-scroll")
    table = scroller.table

    assert scroller["role"] == "region"
    assert scroller["tabindex"] == "0"
    assert document.find(id=scroller["aria-labelledby"]) is table.caption
    assert text_of(table.caption)
    assert all(header["scope"] == "col" for header in table.thead.find_all("th"))
    assert all(row.th["scope"] == "row" for row in table.tbody.find_all("tr"))
    assert table.select("tbody td.num")


def test_grants_table_shows_each_grants_facts_in_the_page_language(client, funding_site, language):
    rows = grant_rows(funding_document(client, funding_site, language))
    grant = funding_site.grants[0]
    row = rows[0]
    cells = row.find_all("td")

    with translation.override(language):
        award_date = format_partial_date(grant.award_date, grant.award_date_precision)
    assert text_of(row.th) == getattr(grant, f"title_{language}")
    assert cells[0].a["href"] == url_in(grant.project, language)
    assert text_of(cells[0]) == grant.project.acronym
    assert text_of(cells[1]) == getattr(grant.funder, f"name_{language}")
    assert number_text(cells[2]) == euros_in(language, grant.amount_awarded)
    assert number_text(cells[3]) == euros_in(language, paid_sum([grant]))
    assert text_of(cells[4]) == award_date
    assert text_of(cells[5]) == grant.decision_reference
    assert number_text(rows[1].find_all("td")[3]) == euros_in(language, 0)


def test_untranslated_grant_title_is_marked_finnish_on_the_english_page(client, funding_site):
    grant = funding_site.grants[1]
    grant.title_en = ""
    grant.save()

    row = grant_rows(funding_document(client, funding_site, "en"))[1]

    assert row.th["lang"] == "fi"
    assert text_of(row.th) == grant.title_fi
    assert not grant_rows(funding_document(client, funding_site, "en"))[0].th.has_attr("lang")


def test_grants_are_paginated_and_every_grant_is_on_one_page(client, funding_site):
    per_page = funding_site.funding_page.grants_per_page
    for _ in range(per_page):
        GrantFactory(project=funding_site.rakenne)
    total = len(public_grants())

    first = funding_document(client, funding_site, "en")
    second = funding_document(client, funding_site, "en", "?page=2")
    titles = [text_of(row.th) for row in grant_rows(first) + grant_rows(second)]

    assert len(grant_rows(first)) == per_page
    assert len(titles) == total == len(set(titles))
    assert first.select_one('nav.pagination a[rel="next"]')["href"] == "?page=2"
    assert text_of(second.select_one("#funding-grants-caption")).endswith(f"{total}")
    # Figures are about all grants on every page of the table.
    assert facts(second)[1] == str(total)


@pytest.mark.parametrize("page", ["abc", "0", "999", "9" * 50])
def test_bad_page_numbers_give_a_page_of_grants_not_an_error(client, funding_site, page):
    document = funding_document(client, funding_site, "fi", f"?page={page}")

    assert grant_rows(document)


def test_page_without_grants_says_so(client, home_page, language):
    funding_page = FundingPageFactory(parent=home_page)

    document = get_html(client, url_in(funding_page, language))

    assert facts(document)[0] == euros_in(language, 0)
    assert document.select_one("#funding-grants-caption") is None
    assert gettext_in(language, "No grants have been published yet.") in text_of(document)


# Open data links, headings and the editors' text


def test_page_links_to_both_open_data_formats_in_its_language(client, funding_site, language):
    document = funding_document(client, funding_site, language)
    with translation.override(language):
        json_url = reverse("funding:grants_json")
        csv_url = reverse("funding:grants_csv")
    section = document.select_one("#funding-open-data-heading").find_parent("section")

    json_link = section.select_one(f'a[href="{json_url}"]')
    csv_link = section.select_one(f'a[href="{csv_url}"]')
    assert json_link["type"] == "application/json"
    assert csv_link["type"] == "text/csv"
    assert csv_link.has_attr("download")
    assert "360Giving" in text_of(section)
    assert section.select_one(f'a[href="{csv_url}?project=pirsote"]')
    if language == "en":
        assert json_url.startswith("/en/")


def test_headings_descend_one_level_at_a_time(client, funding_site, language):
    document = funding_document(client, funding_site, language)
    levels = [int(heading.name[1]) for heading in document.select("main h1, main h2, main h3")]

    assert levels[0] == 1
    assert all(later - earlier <= 1 for earlier, later in pairwise(levels))


def test_editors_text_follows_the_computed_figures(client, funding_site):
    page = funding_site.funding_page
    page.body_fi = [{"type": "paragraph", "value": "<p>Rahoituksesta päättää ministeriö.</p>"}]
    page.save()

    main = funding_document(client, funding_site, "fi").select_one("main")
    stream = main.select_one(".stream")

    assert "Rahoituksesta päättää ministeriö." in text_of(stream)
    assert stream.find_previous("section", class_="funding__open-data")
