"""The funding page and the open data answer any query string: a page, the data, or a 400.

Property tests: the strategies are tests/core/test_query_params_properties.py's. The funding
page's `?page` never fails; the JSON and CSV exports answer 400 for an invalid `?project` or
`?year` (never a server error) and otherwise exactly the grants the filters choose.
"""

import csv
import datetime
import io
import json

from django import forms
from django.urls import reverse
from django.utils import translation

from hypothesis import example, given
from hypothesis import strategies as st

from tests.conftest import make_home_page
from tests.core.helpers import parse_html, text_of, url_in
from tests.factories import (
    FundingPageFactory,
    GrantFactory,
    ProjectIndexPageFactory,
    ProjectPageFactory,
    SiteSettingsFactory,
)
from tests.query_params import (
    TestCase,
    current_page_number,
    expected_page_number,
    languages,
    last_values,
    page_count,
    page_of,
    property_settings,
    query_pairs,
    raw_query_strings,
    title_in,
    valid_filters,
    with_query,
)

PROJECTS = ["pirsote", "komas"]
YEARS = ["2020", "2021", "2022"]
# The export's own rule for a year: a whole number from 1900 to 2100.
YEAR_FIELD = forms.IntegerField(required=False, min_value=1900, max_value=2100)
exports = st.sampled_from(["grants_json", "grants_csv"])


def export_url(name, language):
    with translation.override(language):
        return reverse(f"funding:{name}")


def exported_ids(response, name):
    if name == "grants_json":
        return [grant["id"] for grant in json.loads(response.content)["grants"]]
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    return [row["Identifier"] for row in rows]


class FundingQueryTests(TestCase):
    """23 grants of two projects over 2020–2022: two pages of the funding page's grant list."""

    @classmethod
    def setUpTestData(cls):
        home = make_home_page()
        SiteSettingsFactory()
        cls.funding_page = FundingPageFactory(parent=home)
        index = ProjectIndexPageFactory(parent=home)
        projects = [ProjectPageFactory(parent=index, acronym=name) for name in ("PirSOTE", "KOMAS")]
        cls.grants = [
            GrantFactory(
                project=projects[number % 2],
                identifier=f"360G-pirsote-test-{number:02}",
                award_date=datetime.date(2020 + number % 3, 1 + number % 12, 1),
            )
            for number in range(23)
        ]
        cls.grants.sort(key=lambda grant: (grant.award_date, grant.identifier))

    def expected_ids(self, project, year):
        return [
            grant.identifier
            for grant in self.grants
            if (not project or grant.project.code == project)
            and (year is None or grant.award_date.year == year)
        ]

    @given(pairs=query_pairs({"page": ["1", "2"]}), language=languages)
    @property_settings
    def test_funding_page_answers_any_page_parameter(self, pairs, language):
        response = self.client.get(with_query(url_in(self.funding_page, language), pairs))

        assert response.status_code == 200
        document = parse_html(response)
        per_page = self.funding_page.grants_per_page
        number = expected_page_number(pairs, page_count(self.grants, per_page))
        assert current_page_number(document) == number
        shown = page_of(self.grants, number, per_page)
        rows = [text_of(th) for th in document.select(".funding-table--grants tbody th")]
        assert rows == [title_in(grant, language) for grant in shown]

    @given(
        pairs=query_pairs({"project": PROJECTS, "year": YEARS}), language=languages, name=exports
    )
    @example(pairs=[("year", "2020.0"), ("project", "")], language="fi", name="grants_csv")
    @example(pairs=[("year", "9" * 5000)], language="en", name="grants_json")
    @example(pairs=[("project", "pirsote\x00")], language="fi", name="grants_json")
    @property_settings
    def test_exports_answer_any_query_with_the_chosen_grants_or_a_400(self, pairs, language, name):
        response = self.client.get(with_query(export_url(name, language), pairs))

        values = last_values(pairs)
        project = values.get("project", "")
        try:
            year = YEAR_FIELD.clean(values.get("year", ""))
        except forms.ValidationError:
            year = "invalid"
        if project not in ["", *PROJECTS] or year == "invalid":
            assert response.status_code == 400
            return
        assert response.status_code == 200
        assert exported_ids(response, name) == self.expected_ids(project, year)

    @given(query=raw_query_strings(), language=languages, name=exports)
    @property_settings
    def test_exports_answer_any_raw_query_string_with_data_or_a_400(self, query, language, name):
        response = self.client.get(export_url(name, language), QUERY_STRING=query)

        assert response.status_code in (200, 400)

    @given(filters=valid_filters({"project": PROJECTS, "year": YEARS}), name=exports)
    @property_settings
    def test_valid_filters_narrow_the_exports(self, filters, name):
        response = self.client.get(with_query(export_url(name, "fi"), list(filters.items())))

        assert response.status_code == 200
        year = int(filters["year"]) if "year" in filters else None
        assert exported_ids(response, name) == self.expected_ids(filters.get("project"), year)
