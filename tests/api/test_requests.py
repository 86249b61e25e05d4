"""Pagination, and what the API answers to anything a client may send: never a server error.

Bad values get a 422 naming the parameter (without echoing the value back), unknown ids and
addresses a JSON 404, and writes a 405. Answers may be cached publicly and set no cookies.
"""

import pytest

from tests.api.helpers import LANGUAGES, LISTS, api_path, get_json
from tests.factories import GoalFactory

pytestmark = pytest.mark.django_db

LONG = "x" * 10_000
HUGE = "99999999999999999999"

# (query string, the parameter refused)
BAD_QUERIES = [
    ("limit=abc", "limit"),
    ("limit=0", "limit"),
    ("limit=-1", "limit"),
    ("limit=101", "limit"),
    (f"limit={HUGE}", "limit"),
    ("limit=1.5", "limit"),
    ("offset=-1", "offset"),
    (f"offset={HUGE}", "offset"),
    ("offset=%00", "offset"),
    (f"offset={LONG}", "offset"),
]
# Filters of each list, with values that are not what they take.
BAD_FILTERS = {
    "pages/": ["type=%00", f"type={LONG}", "type=core.Unknown", f"child_of={HUGE}x"],
    "projects/": ["status=%00", f"goal={LONG}", "goal=%00", "goal=ÄÖ", "status=unknown"],
    "service-models/": ["project=%00", f"project={LONG}", "target_group=a%00b", "status=x"],
    "grants/": ["project=%00", f"project={LONG}", "year=abc", "year=99999", f"year={HUGE}"],
}
UNKNOWN_IDS = ["0", "999999", HUGE, "-1"]
BAD_IDS = ["abc", "%00", LONG, "1.5"]
DETAILS = ["pages/", "images/", "documents/", "projects/", "service-models/", "goals/"]


def test_lists_are_paginated_by_limit_and_offset(client, db):
    goals = GoalFactory.create_batch(25)
    url = api_path("fi", "goals/")
    first = get_json(client, url)
    assert first["count"] == 25
    assert len(first["items"]) == 20  # the default limit
    page = get_json(client, f"{url}?limit=10&offset=20")
    assert page["count"] == 25
    assert [goal["id"] for goal in page["items"]] == [goal.pk for goal in goals[20:]]
    assert len(get_json(client, f"{url}?limit=100")["items"]) == 25
    beyond = get_json(client, f"{url}?offset=1000000")
    assert (beyond["count"], beyond["items"]) == (25, [])


@pytest.mark.parametrize(("query", "parameter"), BAD_QUERIES)
def test_bad_pagination_is_refused_with_422(client, db, query, parameter):
    for endpoint in LISTS:
        errors = get_json(client, api_path("fi", f"{endpoint}?{query}"), status=422)["detail"]
        assert [error["loc"] for error in errors] == [["query", parameter]], endpoint
        assert all(error["msg"] for error in errors)


@pytest.mark.parametrize("endpoint", list(BAD_FILTERS))
def test_bad_filters_are_refused_with_422_without_echoing_them(client, api_site, endpoint):
    for query in BAD_FILTERS[endpoint]:
        response = client.get(api_path("en", f"{endpoint}?{query}"))
        assert response.status_code == 422, query
        assert response["Content-Type"] == "application/json; charset=utf-8"
        assert LONG not in response.content.decode()
        assert "\\u0000" not in response.content.decode()


@pytest.mark.parametrize("endpoint", DETAILS)
def test_unknown_ids_are_a_json_404_and_malformed_ones_a_422(client, api_site, endpoint):
    for language in LANGUAGES:
        for unknown in UNKNOWN_IDS:
            data = get_json(client, api_path(language, f"{endpoint}{unknown}/"), status=404)
            assert data == {"detail": "Not Found"}
        for bad in BAD_IDS:
            get_json(client, api_path(language, f"{endpoint}{bad}/"), status=422)


def test_unknown_grant_identifiers_are_a_404_and_malformed_ones_a_422(client, api_site):
    for unknown in ("360G-tuntematon", "0", HUGE):
        get_json(client, api_path("fi", f"grants/{unknown}/"), status=404)
    for bad in ("%00", "-alkaa-viivalla", "a" * 101, "ä"):
        get_json(client, api_path("fi", f"grants/{bad}/"), status=422)


def test_any_other_address_under_the_api_is_a_json_404(client, db):
    for language in LANGUAGES:
        for rest in ("tuntematon/", "pages/1/children/", "v2/pages/", "%00/"):
            get_json(client, api_path(language, rest), status=404)
    # Without the slash, Django adds it as everywhere on the site.
    assert client.get(api_path("fi", "pages")).status_code == 301


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_the_api_only_reads(client, api_site, method):
    for rest in ("pages/", f"pages/{api_site.home.pk}/", "grants/", "images/"):
        response = getattr(client, method)(
            api_path("fi", rest), data={}, content_type="application/json"
        )
        assert response.status_code == 405, (method, rest, response.status_code)


def test_answers_may_be_cached_publicly_and_set_no_cookies(client, api_site):
    for rest in ["", "openapi.json", *LISTS, f"pages/{api_site.home.pk}/", "funding/"]:
        response = client.get(api_path("fi", rest))
        assert response.status_code == 200, rest
        assert response["Cache-Control"] == "public, max-age=300", rest
        assert not response.cookies, rest
        assert "Cookie" not in response.get("Vary", ""), rest
    missing = client.get(api_path("fi", "pages/999999/"))
    assert "public" not in missing.get("Cache-Control", "")


def test_the_index_lists_every_list_and_the_schema(client, db):
    for language in LANGUAGES:
        index = get_json(client, api_path(language))
        assert index["title"] == "Pirkanmaan sote-uudistus – avoin rajapinta"
        assert index["openapi_url"] == "http://testserver" + api_path(language, "openapi.json")
        for endpoint in [*LISTS, "funding/"]:
            url = "http://testserver" + api_path(language, endpoint)
            assert url in index["endpoints"].values()
            get_json(client, url)
