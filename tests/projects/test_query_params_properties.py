"""The project list and the service-model listing answer any query string, and filter by valid ones.

Property tests: the strategies are tests/core/test_query_params_properties.py's. The service
models' listing redirects at most once (to the chosen filters), ignores invalid filters and
lists exactly the service models the valid ones choose, 12 to a page, in tree order.
"""

from hypothesis import example, given

from projects.models import ServiceModelStatus
from tests.conftest import make_home_page
from tests.core.helpers import parse_html, url_in
from tests.factories import (
    GoalFactory,
    ProjectIndexPageFactory,
    ProjectPageFactory,
    ServiceModelIndexPageFactory,
    ServiceModelPageFactory,
    SiteSettingsFactory,
    TargetGroupFactory,
)
from tests.query_params import (
    TestCase,
    card_titles,
    chosen_filters,
    current_page_number,
    expected_page_number,
    final_pairs,
    get_listing,
    is_noindex,
    languages,
    page_count,
    page_of,
    property_settings,
    query_pairs,
    title_in,
    valid_filters,
    with_query,
)

CHOICES = {
    "project": ["pirsote", "komas"],
    "goal": ["saatavuus", "ennaltaehkaisy", "kustannukset"],
    "target_group": ["ikaantyneet", "lapsiperheet"],
    "status": [value for value, _label in ServiceModelStatus.choices],
}
CARDS = ".card-grid"


class ProjectListingQueryTests(TestCase):
    """13 projects (12 to a page); 14 service models of two of them, over every status."""

    @classmethod
    def setUpTestData(cls):
        home = make_home_page()
        SiteSettingsFactory()
        cls.project_index = ProjectIndexPageFactory(parent=home)
        cls.projects = [
            ProjectPageFactory(parent=cls.project_index, acronym=acronym)
            for acronym in ("PirSOTE", "KOMAS", *(f"HANKE{n}" for n in range(11)))
        ]
        cls.service_model_index = ServiceModelIndexPageFactory(parent=cls.project_index)
        goals = [GoalFactory(slug=slug) for slug in CHOICES["goal"]]
        groups = [TargetGroupFactory(slug=slug) for slug in CHOICES["target_group"]]
        cls.service_models = [
            ServiceModelPageFactory(
                parent=cls.projects[number % 2],
                status=CHOICES["status"][number % 4],
                goals=goals[number % 3 : 1 + number % 3 + number % 2],
                target_groups=groups[: number % 3],
            )
            for number in range(14)
        ]
        cls.service_models.sort(key=lambda page: page.path)
        cls.facts = {
            page.pk: {
                "project": {page.get_parent().specific.code},
                "goal": {goal.slug for goal in page.goals.all()},
                "target_group": {group.slug for group in page.target_groups.all()},
                "status": {page.status},
            }
            for page in cls.service_models
        }

    def expected_service_models(self, filters):
        return [
            page
            for page in self.service_models
            if all(value in self.facts[page.pk][name] for name, value in filters.items())
        ]

    def assert_lists_the_chosen_service_models(self, response, url, language):
        document = parse_html(response)
        assert document.html["lang"] == language
        pairs = final_pairs(url)
        filters = chosen_filters(pairs, CHOICES)
        expected = self.expected_service_models(filters)
        per_page = self.service_model_index.service_models_per_page
        number = expected_page_number(pairs, page_count(expected, per_page))
        assert current_page_number(document) == number
        shown = page_of(expected, number, per_page)
        assert card_titles(document, CARDS) == [title_in(page, language) for page in shown]
        assert is_noindex(document) == (bool(filters) or number > 1)

    @given(pairs=query_pairs({**CHOICES, "page": ["1", "2"]}), language=languages)
    @example(pairs=[("goal", ""), ("project", "komas"), ("page", "2")], language="en")
    @property_settings
    def test_service_model_listing_answers_any_query_with_what_its_valid_filters_choose(
        self, pairs, language
    ):
        response, url = get_listing(
            self.client, with_query(url_in(self.service_model_index, language), pairs)
        )

        self.assert_lists_the_chosen_service_models(response, url, language)

    @given(filters=valid_filters(CHOICES), language=languages)
    @property_settings
    def test_valid_filters_in_any_combination_narrow_the_service_models(self, filters, language):
        url = with_query(url_in(self.service_model_index, language), list(filters.items()))

        response = self.client.get(url)

        assert response.status_code == 200
        self.assert_lists_the_chosen_service_models(response, url, language)

    @given(pairs=query_pairs({"page": ["1", "2"]}), language=languages)
    @property_settings
    def test_project_list_answers_any_page_parameter(self, pairs, language):
        response = self.client.get(with_query(url_in(self.project_index, language), pairs))

        assert response.status_code == 200
        document = parse_html(response)
        per_page = self.project_index.projects_per_page
        number = expected_page_number(pairs, page_count(self.projects, per_page))
        assert current_page_number(document) == number
        shown = page_of(self.projects, number, per_page)
        assert card_titles(document, CARDS) == [title_in(page, language) for page in shown]
