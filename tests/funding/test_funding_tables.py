"""The funding page's tables on a phone, the decision reference column and unpaid grants.

On a narrow screen each row is shown as a block of "label value" lines (static/css/site.css),
the labels taken from each cell's data-label: every column stays readable at 360 px.
"""

import re
from pathlib import Path

from django.conf import settings

import pytest

from funding.models import Grant
from tests.core.helpers import get_html, gettext_in, text_of, url_in
from tests.funding.helpers import euros_in, number_text

pytestmark = pytest.mark.django_db


def funding_document(client, funding_site, language):
    return get_html(client, url_in(funding_site.funding_page, language))


@pytest.mark.parametrize("language", ["fi", "en"])
def test_every_cell_is_labelled_with_its_column_heading_for_the_narrow_layout(
    client, funding_site, language
):
    document = funding_document(client, funding_site, language)
    tables = document.select("table.funding-table--stack")

    assert len(tables) == 2
    for table in tables:
        headings = [text_of(th) for th in table.thead.find_all("th")]
        for row in table.select("tbody tr, tfoot tr"):
            labels = [cell["data-label"] for cell in row.find_all("td")]
            assert labels == headings[1:]


def test_stylesheet_stacks_the_tables_on_narrow_screens():
    css = Path(settings.BASE_DIR, "static/css/site.css").read_text()
    narrow = re.search(r"@media \(max-width: [\d.]+rem\) \{(.*?)\n\}", css, re.DOTALL)

    assert narrow and ".funding-table--stack td::before { content: attr(data-label)" in (
        narrow.group(1)
    )


def test_decision_reference_column_is_left_out_when_no_grant_has_one(client, funding_site):
    heading = gettext_in("en", "Decision reference")
    shown = funding_document(client, funding_site, "en")
    assert heading in [text_of(th) for th in shown.select(".funding-table--grants thead th")]

    for grant in Grant.objects.all():
        grant.decision_reference = ""
        grant.save()
    hidden = funding_document(client, funding_site, "en")
    grants_table = hidden.select_one(".funding-table--grants")

    assert heading not in [text_of(th) for th in grants_table.thead.find_all("th")]
    assert all(len(row.find_all("td")) == 5 for row in grants_table.tbody.find_all("tr"))


@pytest.mark.parametrize("language", ["fi", "en"])
def test_nothing_paid_is_zero_euros_in_every_table_said_one_way(client, funding_site, language):
    # SoteRakenne's grant has no payments.
    document = funding_document(client, funding_site, language)
    paid_label = gettext_in(language, "Paid")
    grant_row = document.select(".funding-table--grants tbody tr")[1]
    project_row = document.select(".funding-table:not(.funding-table--grants) tbody tr")[1]

    for row in (grant_row, project_row):
        paid = next(td for td in row.find_all("td") if td["data-label"] == paid_label)
        assert number_text(paid) == euros_in(language, 0)
    tables = " ".join(text_of(table) for table in document.select("table"))
    assert gettext_in(language, "nothing paid yet") not in tables
