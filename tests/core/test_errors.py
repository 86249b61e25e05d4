"""Not-found and server-error pages in the visitor's language; no query string gives a 500."""

from django.test import Client, RequestFactory
from django.utils import translation

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from pirsote.core.models import ReformPage
from pirsote.core.views import server_error
from tests.core.helpers import get_html, gettext_in, parse_html, text_of, url_in
from tests.factories import ReformPageFactory, SectionIndexPageFactory, SiteSettingsFactory

pytestmark = pytest.mark.django_db

NOT_FOUND_TEXT = "The page you were looking for was not found. It may have been moved or removed."


def assert_not_found_page(document, language, heading, text):
    assert document.html["lang"] == language
    assert text_of(document.select_one("main h1")) == heading
    assert text in text_of(document.select_one("main .stream"))
    assert document.title.string.startswith(f"{heading} | ")
    assert document.select_one('meta[name="robots"]')["content"] == "noindex"


@pytest.mark.parametrize(("url", "language"), [("/ei-ole/", "fi"), ("/en/no-such-page/", "en")])
def test_unknown_url_gives_default_not_found_page_in_language_of_address(
    client, home_page, url, language
):
    document = get_html(client, url, status=404)

    heading = gettext_in(language, "Page not found")
    assert_not_found_page(document, language, heading, gettext_in(language, NOT_FOUND_TEXT))
    front_page_link = document.select_one("main .stream a")
    assert front_page_link["href"] == {"fi": "/", "en": "/en/"}[language]


def test_not_found_texts_have_finnish_translations():
    # Guards the test above against a missing catalogue, where both languages read the same.
    assert gettext_in("fi", "Page not found") != "Page not found"
    assert gettext_in("fi", NOT_FOUND_TEXT) != NOT_FOUND_TEXT


def test_unknown_english_url_under_finnish_slug_is_not_found(client, home_page):
    SectionIndexPageFactory(parent=home_page, title_fi="Sote-uudistus", title_en="Reform")

    get_html(client, "/en/sote-uudistus/", status=404)
    get_html(client, "/reform/", status=404)


@pytest.mark.parametrize(
    ("url", "language", "heading", "text"),
    [
        ("/ei-ole/", "fi", "Hups, sivua ei ole", "Kokeile hakua tai etusivua."),
        ("/en/no-such-page/", "en", "Oops, no such page", "Try the search or the front page."),
    ],
)
def test_not_found_page_shows_editable_site_settings_texts(
    client, home_page, url, language, heading, text
):
    SiteSettingsFactory(
        site=home_page.get_site(),
        not_found_title_fi="Hups, sivua ei ole",
        not_found_title_en="Oops, no such page",
        not_found_text_fi="<p>Kokeile hakua tai etusivua.</p>",
        not_found_text_en="<p>Try the search or the front page.</p>",
    )
    document = get_html(client, url, status=404)

    assert_not_found_page(document, language, heading, text)
    assert gettext_in(language, NOT_FOUND_TEXT) not in text_of(document)


def test_english_not_found_page_shows_finnish_settings_texts_marked_when_untranslated(
    client, home_page
):
    SiteSettingsFactory(
        site=home_page.get_site(),
        not_found_title_fi="Hups, sivua ei ole",
        not_found_text_fi="<p>Kokeile hakua tai etusivua.</p>",
    )
    document = get_html(client, "/en/no-such-page/", status=404)
    heading = document.select_one("main h1")

    assert (text_of(heading), heading.get("lang")) == ("Hups, sivua ei ole", "fi")
    assert document.select_one('main .stream [lang="fi"]').get_text(strip=True) == (
        "Kokeile hakua tai etusivua."
    )


# Server errors: a self-contained page that does not need the database.


@pytest.mark.parametrize(
    ("path", "language"),
    [("/", "fi"), ("/sote-uudistus/tavoitteet/", "fi"), ("/en/", "en"), ("/en/reform/", "en")],
)
def test_server_error_page_is_in_language_of_address_without_database(
    django_assert_num_queries, path, language
):
    request = RequestFactory().get(path)
    with django_assert_num_queries(0):
        response = server_error(request)

    assert response.status_code == 500
    document = parse_html(response)
    assert document.html["lang"] == language
    assert document.title.string.startswith(gettext_in(language, "Server error") + " | ")
    assert document.select_one("main a")["href"] == {"fi": "/", "en": "/en/"}[language]
    assert translation.get_language() == "fi", "the error page must not leak its language"


@pytest.mark.parametrize("language", ["fi", "en"])
def test_exception_in_page_gives_server_error_page_in_page_language(
    home_page, monkeypatch, language
):
    page = ReformPageFactory(parent=home_page, title_fi="Rikki", title_en="Broken")

    def broken_context(*args, **kwargs):
        raise RuntimeError("simulated failure")

    monkeypatch.setattr(ReformPage, "get_context", broken_context)
    document = get_html(Client(raise_request_exception=False), url_in(page, language), status=500)

    assert document.html["lang"] == language
    assert text_of(document.select_one("main h1")) == gettext_in(language, "Something went wrong")


# Malformed query strings: always a page, never a server error.


@pytest.fixture
def section_with_13_children(home_page):
    """Two pages of children: twelve on the first, one on the second."""
    section = SectionIndexPageFactory(parent=home_page, title_fi="Ajankohtaista", title_en="News")
    for number in range(1, 14):
        ReformPageFactory(parent=section, title_fi=f"Alasivu {number:02}")
    return section


def shown_page_number(document):
    return int(document.select_one('.pagination [aria-current="page"]').contents[-1])


MALFORMED_QUERIES = {
    "letters": "?page=abc",
    "zero": "?page=0",
    "negative": "?page=-1",
    "huge": "?page=99999999999999999999",
    "nul-byte": "?page=%00",
    "nul-after-digit": "?page=1%00",
    "ten-kilobytes": "?page=" + "9" * 10_000,
    "ten-kilobytes-of-letters": "?page=" + "a" * 10_000,
    "float": "?page=1.5",
    "exponent": "?page=1e3",
    "empty": "?page=",
    "no-value": "?page",
    "repeated": "?page=2&page=abc&page=1",
    "invalid-utf8": "?page=%ff%fe",
    "unknown-params": "?utm_source=x&q=%3Cscript%3E&lang=sv&page[]=1",
    "only-unknown": "?foo=bar",
}


@pytest.mark.parametrize("query", MALFORMED_QUERIES.values(), ids=MALFORMED_QUERIES.keys())
def test_malformed_query_on_section_index_shows_a_page_of_children(
    client, section_with_13_children, query
):
    for language in ("fi", "en"):
        document = get_html(client, url_in(section_with_13_children, language) + query)
        assert shown_page_number(document) in {1, 2}
        assert document.select(".card-grid .card")


@pytest.mark.parametrize("query", MALFORMED_QUERIES.values(), ids=MALFORMED_QUERIES.keys())
def test_malformed_query_on_other_pages_changes_nothing(client, home_page, query):
    page = ReformPageFactory(parent=home_page)

    for url in ("/", "/en/", url_in(page, "fi"), url_in(page, "en")):
        get_html(client, url + query)
    get_html(client, "/ei-ole/" + query, status=404)
    get_html(client, "/en/no-such-page/" + query, status=404)


@pytest.mark.parametrize(
    ("query", "number"),
    [("?page=abc", 1), ("?page=", 1), ("?page=0", 2), ("?page=-1", 2), ("?page=99", 2)],
)
def test_non_numbers_show_first_page_and_out_of_range_numbers_the_last(
    client, section_with_13_children, query, number
):
    document = get_html(client, url_in(section_with_13_children, "fi") + query)

    assert shown_page_number(document) == number


def expected_page_number(value, num_pages):
    """First page for anything that is not a whole number, last page for numbers out of range."""
    try:
        number = int(value)
    except ValueError:
        return 1
    return number if 1 <= number <= num_pages else num_pages


@hypothesis_settings(
    max_examples=50,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    value=st.one_of(
        st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=200),
        st.integers().map(str),
        st.from_regex(r"\s*[+-]?[0-9_]{1,30}\s*", fullmatch=True),
    )
)
def test_any_page_parameter_shows_a_valid_page_of_section_index(
    client, section_with_13_children, value
):
    document = get_html(client, url_in(section_with_13_children, "fi"), data={"page": value})

    assert shown_page_number(document) == expected_page_number(value, num_pages=2)
