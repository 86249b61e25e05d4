"""The OpenAPI schema the site serves: complete, read-only, and kept by the API itself.

schemathesis generates requests from the served schema, valid and invalid ones, for every
operation in both languages, over the demo-like site of conftest.py: no answer may be a
server error, every status code and body must be the ones the schema documents, and
invalid input must be refused with a 4xx.
"""

from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.urls import URLPattern, URLResolver, get_resolver

import hypothesis
import pytest
import schemathesis
from hypothesis import HealthCheck, Phase
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
)

from tests.api.helpers import LANGUAGES, api_path, get_json

pytestmark = pytest.mark.django_db

# Examples per operation and generation mode: enough to try every parameter's edges
# (empty, huge, NUL bytes, wrong types) in a few seconds.
EXAMPLES = 15
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    negative_data_rejection,
]


def mounted_routes(patterns, prefix=""):
    """Every route of the URLconf, as `api/pages/<page_id>/` (Finnish, no language prefix)."""
    for entry in patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from mounted_routes(entry.url_patterns, route)
        elif isinstance(entry, URLPattern):
            yield route


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_schema_describes_every_endpoint_and_only_reads(client, db, language):
    schema = get_json(client, api_path(language, "openapi.json"))
    assert schema["openapi"].startswith("3.")
    assert schema["info"]["title"] == "Pirkanmaan sote-uudistus – avoin rajapinta"
    paths = schema["paths"]
    prefix = api_path(language)
    assert set(paths) == {
        prefix + rest
        for rest in (
            "",
            "pages/",
            "pages/{page_id}/",
            "images/",
            "images/{image_id}/",
            "documents/",
            "documents/{document_id}/",
            "projects/",
            "projects/{project_id}/",
            "service-models/",
            "service-models/{service_model_id}/",
            "goals/",
            "goals/{goal_id}/",
            "grants/",
            "grants/{identifier}/",
            "funding/",
        )
    }
    for operations in paths.values():
        assert set(operations) == {"get"}
        assert "security" not in operations["get"]
    assert "securitySchemes" not in schema.get("components", {})


def test_every_api_view_is_in_the_schema(client, db):
    """No endpoint is mounted that the schema leaves out (such as Wagtail's own v3 API)."""
    documented = {
        path.removeprefix("/").replace("{", "<").replace("}", ">")
        for path in get_json(client, api_path("fi", "openapi.json"))["paths"]
    }
    mounted = {
        route for route in mounted_routes(get_resolver().url_patterns) if route.startswith("api/")
    }
    # Besides the operations: the schema itself, and a JSON 404 for any other address.
    assert mounted - documented == {"api/openapi.json", "api/^(?P<rest>.*/)?$"}


def test_there_are_no_interactive_docs_that_would_load_third_party_scripts(client, db):
    for language in LANGUAGES:
        get_json(client, api_path(language, "docs/"), status=404)
        assert client.get(api_path(language, "docs"), follow=True).status_code == 404


@pytest.fixture
def application():
    """The site's WSGI application, in the test's transaction as Django's test client is.

    Like the test client, it must not close the database connection after each request:
    that would end the test's transaction (PostgreSQL) before the next one.
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield get_wsgi_application()
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.parametrize("language", LANGUAGES)
def test_generated_requests_get_documented_answers_and_never_a_server_error(
    api_site, application, language
):
    schema = schemathesis.openapi.from_wsgi(api_path(language, "openapi.json"), application)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 16
    for operation in operations:
        modes = [schemathesis.GenerationMode.POSITIVE]
        if operation.path_parameters or operation.query:
            # Without parameters there is nothing to send wrong.
            modes.append(schemathesis.GenerationMode.NEGATIVE)
        for mode in modes:

            @hypothesis.given(case=operation.as_strategy(generation_mode=mode))
            @hypothesis.settings(
                max_examples=EXAMPLES,
                deadline=None,
                database=None,
                derandomize=True,
                phases=[Phase.explicit, Phase.generate],
                suppress_health_check=list(HealthCheck),
            )
            def call(case):
                case.call_and_validate(checks=CHECKS)

            call()


@pytest.mark.parametrize("language", LANGUAGES)
def test_answers_about_existing_things_keep_to_the_schema(api_site, application, language):
    """Generated ids rarely exist: ask for a real one of every kind, and every full list."""
    known = {
        "page_id": api_site.untranslated.pk,
        "image_id": api_site.public_image.pk,
        "document_id": api_site.public_document.pk,
        "project_id": api_site.pirsote.pk,
        "service_model_id": api_site.home_care.pk,
        "goal_id": api_site.goals.access.pk,
        "identifier": api_site.pirsote_grant.identifier,
    }
    schema = schemathesis.openapi.from_wsgi(api_path(language, "openapi.json"), application)
    for result in schema.get_all_operations():
        operation = result.ok()
        names = [parameter.name for parameter in operation.path_parameters]
        query = {} if names else {"limit": 100}
        case = operation.Case(path_parameters={name: known[name] for name in names}, query=query)
        response = case.call_and_validate(checks=CHECKS)
        assert response.status_code == 200, operation.label
