"""Whatever a query string holds, a listing answers with a page, never a server error.

Property tests (Hypothesis): visitors and crawlers send anything as `?page=` or a filter, such
as NUL bytes, any Unicode but surrogates, 10 kB strings, integers longer than Python converts,
a parameter repeated, names nobody uses. The listings must answer 200 (or one redirect to
the chosen filters), in Finnish and in English, and valid values must still filter. The
strategies and oracles, shared with the other apps' tests of the same name, are in
tests/query_params.py.

The site of each test class is built once (setUpTestData); Hypothesis' TestCase runs each
example in a transaction of its own.
"""

from hypothesis import example, given
from hypothesis.extra.django import TestCase

from tests.conftest import make_home_page
from tests.core.helpers import parse_html, url_in
from tests.factories import (
    GoalIndexPageFactory,
    ReformPageFactory,
    SectionIndexPageFactory,
    SiteSettingsFactory,
)
from tests.query_params import (
    card_titles,
    current_page_number,
    expected_page_number,
    languages,
    page_count,
    page_of,
    property_settings,
    query_pairs,
    title_in,
    with_query,
)


class SectionIndexQueryTests(TestCase):
    """A section of 14 pages, 12 to a page; a goals page that takes no parameters at all."""

    @classmethod
    def setUpTestData(cls):
        home = make_home_page()
        SiteSettingsFactory()
        cls.section = SectionIndexPageFactory(parent=home)
        cls.children = [
            ReformPageFactory(
                parent=cls.section, title_fi=f"Alasivu {n:02}", title_en=f"Sub {n:02}"
            )
            for n in range(14)
        ]
        cls.home = home
        cls.goals = GoalIndexPageFactory(parent=home)

    @given(pairs=query_pairs({"page": ["1", "2", "3"]}), language=languages)
    @example(pairs=[("page", "2"), ("page", "\x00")], language="fi")
    @example(pairs=[("page", "9" * 4301)], language="en")
    @property_settings
    def test_any_page_parameter_shows_a_page_of_the_section(self, pairs, language):
        per_page = self.section.children_per_page
        response = self.client.get(with_query(url_in(self.section, language), pairs))

        assert response.status_code == 200
        document = parse_html(response)
        assert document.html["lang"] == language
        number = expected_page_number(pairs, page_count(self.children, per_page))
        assert current_page_number(document) == number
        shown = page_of(self.children, number, per_page)
        assert card_titles(document) == [title_in(page, language) for page in shown]

    @given(pairs=query_pairs({"page": ["2"], "type": [], "q": []}), language=languages)
    @property_settings
    def test_pages_without_a_listing_ignore_any_query_string(self, pairs, language):
        for page in (self.home, self.goals):
            response = self.client.get(with_query(url_in(page, language), pairs))
            assert response.status_code == 200
            assert parse_html(response).html["lang"] == language
