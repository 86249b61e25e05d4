"""The newsroom, its feeds and its media bank answer any query string, and filter by valid ones.

Property tests: the strategies are tests/core/test_query_params_properties.py's. The listing
redirects at most once (to the chosen filters), ignores invalid filters and lists exactly the
releases the valid ones choose, ten to a page; the RSS and Atom feeds ignore invalid filters
too and list the same releases.
"""

import datetime

import feedparser
from hypothesis import example, given
from hypothesis import strategies as st

from news.models import ReleaseType
from tests.conftest import make_home_page
from tests.core.helpers import parse_html, url_in
from tests.factories import (
    KeywordFactory,
    NewsIndexPageFactory,
    ProjectIndexPageFactory,
    ProjectPageFactory,
    ReleasePageFactory,
    SiteSettingsFactory,
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
    raw_query_strings,
    title_in,
    valid_filters,
    with_query,
)

CHOICES = {
    "type": [value for value, _label in ReleaseType.choices],
    "keyword": ["sote-keskus", "hyvinvointialue"],
    "project": ["pirsote", "komas"],
    "year": ["2024", "2025"],
}
PARAMS = {**CHOICES, "page": ["1", "2"]}
RELEASES = ".release-list"


class NewsroomQueryTests(TestCase):
    """13 releases of every type over 2024 and 2025, with two keywords and two projects."""

    @classmethod
    def setUpTestData(cls):
        home = make_home_page()
        SiteSettingsFactory()
        index = ProjectIndexPageFactory(parent=home)
        projects = [ProjectPageFactory(parent=index, acronym=name) for name in ("PirSOTE", "KOMAS")]
        keywords = [KeywordFactory(slug=slug) for slug in CHOICES["keyword"]]
        cls.newsroom = NewsIndexPageFactory(parent=home)
        cls.releases = [
            ReleasePageFactory(
                parent=cls.newsroom,
                release_type=CHOICES["type"][number % 3],
                first_published_at=datetime.datetime(
                    2025 - number % 2, 1 + number % 12, 1 + number, 9, tzinfo=datetime.UTC
                ),
                keywords=keywords[: number % 3],
                projects=projects[number % 2 : 1 + number % 3],
            )
            for number in range(13)
        ]
        cls.facts = {
            release.pk: {
                "type": {release.release_type},
                "keyword": {keyword.slug for keyword in release.keywords.all()},
                "project": {project.code for project in release.projects.all()},
                "year": {str(release.first_published_at.year)},
            }
            for release in cls.releases
        }

    def expected_releases(self, filters):
        """The releases `filters` choose, newest first, as the listing and the feeds order them."""
        chosen = [
            release
            for release in self.releases
            if all(value in self.facts[release.pk][name] for name, value in filters.items())
        ]
        return sorted(chosen, key=lambda r: (r.first_published_at, r.pk), reverse=True)

    def assert_lists_the_chosen_releases(self, response, url, language):
        document = parse_html(response)
        assert document.html["lang"] == language
        pairs = final_pairs(url)
        filters = chosen_filters(pairs, CHOICES)
        expected = self.expected_releases(filters)
        per_page = self.newsroom.releases_per_page
        number = expected_page_number(pairs, page_count(expected, per_page))
        assert current_page_number(document) == number
        shown = page_of(expected, number, per_page)
        assert card_titles(document, RELEASES) == [title_in(r, language) for r in shown]
        # One filter alone is a page to index; combinations and later pages are not.
        assert is_noindex(document) == (len(filters) > 1 or number > 1)

    def assert_feed_lists(self, response, filters, language):
        assert response.status_code == 200
        feed = feedparser.parse(response.content)
        assert not feed.bozo, feed.bozo_exception
        expected = self.expected_releases(filters)[: self.newsroom.feed_length]
        assert [entry.title for entry in feed.entries] == [title_in(r, language) for r in expected]

    @given(pairs=query_pairs(PARAMS), language=languages)
    # The chosen-filters redirect, which drops the page; a NUL and a 10 kB value beside it.
    @example(pairs=[("type", ""), ("year", "2025"), ("page", "2")], language="fi")
    @example(
        pairs=[("type", "article\x00"), ("keyword", "x" * 10_000), ("type", "")], language="en"
    )
    @property_settings
    def test_listing_answers_any_query_with_the_releases_its_valid_filters_choose(
        self, pairs, language
    ):
        response, url = get_listing(self.client, with_query(url_in(self.newsroom, language), pairs))

        self.assert_lists_the_chosen_releases(response, url, language)

    @given(filters=valid_filters(CHOICES), language=languages)
    @property_settings
    def test_valid_filters_in_any_combination_narrow_the_listing(self, filters, language):
        url = with_query(url_in(self.newsroom, language), list(filters.items()))

        response = self.client.get(url)

        assert response.status_code == 200
        self.assert_lists_the_chosen_releases(response, url, language)
        assert len(self.expected_releases(filters)) < len(self.releases) or not filters

    @given(pairs=query_pairs(PARAMS), language=languages, kind=st.sampled_from(["rss/", "atom/"]))
    @property_settings
    def test_feeds_answer_any_query_with_the_releases_its_valid_filters_choose(
        self, pairs, language, kind
    ):
        response = self.client.get(with_query(url_in(self.newsroom, language) + kind, pairs))

        self.assert_feed_lists(response, chosen_filters(pairs, CHOICES), language)

    @given(query=raw_query_strings(), language=languages)
    @property_settings
    def test_listing_and_feeds_answer_any_raw_query_string(self, query, language):
        url = url_in(self.newsroom, language)

        response = self.client.get(url, QUERY_STRING=query)
        assert response.status_code in (200, 302)
        if response.status_code == 302:
            assert self.client.get(response["Location"]).status_code == 200
        for feed in ("rss/", "atom/"):
            assert self.client.get(url + feed, QUERY_STRING=query).status_code == 200

    @given(pairs=query_pairs({"page": ["1", "2"]}), language=languages)
    @property_settings
    def test_media_bank_answers_any_query(self, pairs, language):
        response = self.client.get(with_query(url_in(self.newsroom, language) + "media/", pairs))

        assert response.status_code == 200
        assert parse_html(response).html["lang"] == language
