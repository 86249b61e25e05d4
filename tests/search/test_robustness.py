"""Whatever a visitor sends to the search, the answer is a normal page, fast, in fixed queries."""

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import ReformPageFactory

from .helpers import results, search, search_url

pytestmark = pytest.mark.django_db

HOSTILE_QUERIES = [
    "uudistus " * 6000,  # 60 000 characters
    "uudistus\x00hyvinvointialue",
    "a:* & !b | (c <-> d)",
    "'; DROP TABLE core_searchentry; --",
    "%_\\",
    "\u202e\ufeffsote",
    "😀 sote-keskus 😀",
    "-" * 500,
    " ",
]


def get_following_one_redirect(client, url, params):
    response = client.get(url, params)
    if response.status_code == 302:
        response = client.get(response["Location"])
    return response


@pytest.mark.parametrize("query", HOSTILE_QUERIES)
@pytest.mark.parametrize("language", ["fi", "en"])
def test_any_query_gives_a_normal_page(client, search_site, query, language):
    response = get_following_one_redirect(client, search_url(language), {"q": query})
    assert response.status_code == 200
    assert response.content.count(b"<h1") == 1


def test_a_long_query_is_cut_to_its_first_200_characters(client, search_site):
    response = client.get(search_url(), {"q": "hyvinvointialue " * 4000})
    assert response.status_code == 302
    location = response["Location"]
    assert len(location) < 400
    document = search(client, client.get(location).wsgi_request.GET["q"])
    assert document.select_one("#search-q")["value"].startswith("hyvinvointialue")


@pytest.mark.parametrize(
    "params",
    [
        {"page": "abc"},
        {"page": "99999999999999999999999"},
        {"page": "-1"},
        {"page": "\x00"},
        {"type": "x" * 10_000},
        {"type": "page\x00"},
        {"unknown": "1"},
    ],
)
def test_malformed_parameters_are_dropped_by_one_redirect(client, search_site, params):
    response = client.get(search_url(), {"q": "Halme", **params})
    assert response.status_code == 302
    assert response["Location"] == "/haku/?q=Halme"
    assert client.get(response["Location"]).status_code == 200


def test_repeated_query_parameter_is_answered_with_the_last_as_django_reads_it(client, search_site):
    response = client.get(search_url() + "?q=xyz&q=Halme")
    assert response.status_code == 302
    assert response["Location"] == "/haku/?q=Halme"


def test_a_page_past_the_last_shows_the_last(client, search_site):
    assert len(results(search(client, "Halme", page="999"))) == 1


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    q=st.text(max_size=300),
    kind=st.one_of(st.none(), st.text(max_size=30), st.sampled_from(["page", "release"])),
    page=st.one_of(st.none(), st.text(max_size=12), st.integers().map(str)),
    language=st.sampled_from(["fi", "en"]),
)
def test_search_parameters_never_cause_a_server_error(client, search_site, q, kind, page, language):
    params = {"q": q}
    if kind is not None:
        params["type"] = kind
    if page is not None:
        params["page"] = page
    response = get_following_one_redirect(client, search_url(language), params)
    assert response.status_code == 200


def count_queries(client, query):
    url = search_url()
    client.get(url, {"q": query})
    cache.clear()  # a cold cache, as after any change of the site
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, {"q": query})
    assert response.status_code == 200
    return len(queries)


def test_query_count_does_not_grow_with_the_results(client, home_page):
    ReformPageFactory(parent=home_page, intro_fi="Koekaniini yksi.")
    few = count_queries(client, "koekaniini")
    for number in range(30):
        ReformPageFactory(parent=home_page, intro_fi=f"Koekaniini {number}.")
    assert count_queries(client, "koekaniini") == few
    assert few <= 14
