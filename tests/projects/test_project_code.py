"""A project's code (its acronym as a slug) is stored, unique and looked up in SQL."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

import pytest

from pirsote.core.api import api_url
from projects.models import ProjectPage

from .test_admin import page_form

pytestmark = pytest.mark.django_db


def test_the_code_follows_the_acronym(project_site):
    project = ProjectPage.objects.get(pk=project_site.pirsote.pk)
    assert project.code == "pirsote"
    project.acronym = "Pir SOTE 2"
    project.save_revision().publish()
    assert ProjectPage.objects.get(code="pir-sote-2").pk == project.pk
    assert not ProjectPage.objects.filter(code="pirsote").exists()


def test_an_acronym_whose_code_another_project_has_is_refused_in_the_admin(
    admin_client, project_site
):
    komas = project_site.komas
    url = reverse("wagtailadmin_pages:edit", args=[komas.pk])
    # "Pir SOTE" and "Pir-SOTE" are different acronyms with one address: ?project=pir-sote.
    ProjectPage.objects.filter(pk=project_site.pirsote.pk).update(acronym="Pir SOTE")
    ProjectPage.objects.get(pk=project_site.pirsote.pk).save()
    response = admin_client.post(url, page_form(admin_client, url, {"acronym": "Pir-SOTE"}))
    assert response.status_code == 200
    assert "acronym" in response.context["form"].errors
    komas.refresh_from_db()
    assert komas.acronym == "KOMAS" and komas.code == "komas"


def test_the_api_filters_by_project_code_in_sql(client, project_site):
    with translation.override("fi"):
        url = api_url("service_model_list")
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, {"project": "komas"})
    assert response.status_code == 200
    items = response.json()["items"]
    assert items and {item["project"]["code"] for item in items} == {"komas"}
    # The code is a column the database compares, not acronyms slugified in Python.
    assert any('"code" = ' in query["sql"] for query in queries.captured_queries)
