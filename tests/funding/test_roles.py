"""Who may see and change grants and organisations, proven with real admin requests."""

from django.test import Client
from django.urls import reverse

import pytest
from bs4 import BeautifulSoup

from funding.models import Grant
from funding.roles import FUNDING_EDITORS
from pirsote.core.roles import COMMUNICATIONS, setup_roles
from projects.models import Organisation
from projects.roles import project_manager_group_name
from tests.core.helpers import get_html, text_of
from tests.funding.test_admin import grant_form, grant_url
from tests.projects.test_admin import (
    admin_form,
    assert_permission_denied,
    assert_saved,
    edit_url,
    log_in,
    page_form,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(funding_site):
    setup_roles()
    return funding_site


def parse_html_fragment(html):
    return BeautifulSoup(html, "html.parser")


def organisation_url(action, *args):
    return reverse(Organisation.snippet_viewset.get_url_name(action), args=args)


def assert_grant_unchanged(grant):
    amount, title = grant.amount_awarded, grant.title_fi
    grant.refresh_from_db()
    assert (grant.amount_awarded, grant.title_fi) == (amount, title)
    assert not grant.has_unpublished_changes


def test_project_manager_can_neither_open_nor_change_grants(client, admin_client, site):
    grant = site.grants[0]
    changed = grant_form(
        admin_client,
        grant_url("edit", grant.pk),
        {"amount_awarded": "9999999.00", "action-publish": "publish"},
    )
    added = {**changed, "identifier": ["360G-pirsote-uusi"]}
    grants = Grant.objects.count()
    log_in(client, project_manager_group_name(site.pirsote))

    assert_permission_denied(client.get(grant_url("list")))
    assert_permission_denied(client.get(grant_url("add")))
    assert_permission_denied(client.post(grant_url("add"), added))
    assert_permission_denied(client.get(grant_url("edit", grant.pk)))
    assert_permission_denied(client.post(grant_url("edit", grant.pk), changed))
    assert_permission_denied(client.post(grant_url("delete", grant.pk)))

    assert_grant_unchanged(grant)
    assert Grant.objects.count() == grants


def test_communications_staff_see_the_grants_listing_but_cannot_change_a_grant(
    client, admin_client, site
):
    grant = site.grants[0]
    changed = grant_form(
        admin_client,
        grant_url("edit", grant.pk),
        {"amount_awarded": "1.00", "action-publish": "publish"},
    )
    log_in(client, COMMUNICATIONS)

    listing = get_html(client, grant_url("list"))
    titles = text_of(listing.select_one("main"))
    for each in site.grants:
        assert each.title_fi in titles
    assert not listing.select(f'main a[href="{grant_url("edit", grant.pk)}"]')
    details = text_of(get_html(client, grant_url("inspect", grant.pk)).select_one("main"))
    assert grant.identifier in details
    assert grant.title_en in details
    assert_permission_denied(client.get(grant_url("edit", grant.pk)))
    assert_permission_denied(client.post(grant_url("edit", grant.pk), changed))
    assert_permission_denied(client.get(grant_url("add")))
    assert_permission_denied(client.post(grant_url("delete", grant.pk)))

    assert_grant_unchanged(grant)


def test_funding_editor_cannot_edit_pages(client, admin_client, site):
    page = site.funding_page
    changed = page_form(
        admin_client, edit_url(page), {"intro_en": "Changed by funding.", "action-publish": "p"}
    )
    log_in(client, FUNDING_EDITORS)

    for each in (page, site.pirsote, site.home):
        assert_permission_denied(client.get(edit_url(each)))
    assert_permission_denied(client.post(edit_url(page), changed))
    add_project = reverse("wagtailadmin_pages:add", args=["projects", "projectpage", site.index.pk])
    assert_permission_denied(client.get(add_project))

    page.refresh_from_db()
    assert page.intro_en == "Funding of the reform."
    assert not page.has_unpublished_changes


def test_funding_editor_adds_and_changes_organisations_but_does_not_delete_them(client, site):
    log_in(client, FUNDING_EDITORS)
    add = organisation_url("add")
    data = admin_form(
        client,
        add,
        "w-editor-form",
        {
            "name_fi": "Tampereen yliopisto",
            "name_en": "Tampere University",
            "slug": "tampereen-yliopisto",
            "kind": Organisation.Kind.HIGHER_EDUCATION,
        },
    )

    assert_saved(client.post(add, data))

    university = Organisation.objects.get(slug="tampereen-yliopisto")
    assert (university.name_fi, university.name_en) == ("Tampereen yliopisto", "Tampere University")
    edit = organisation_url("edit", university.pk)
    assert_saved(
        client.post(edit, admin_form(client, edit, "w-editor-form", {"abbreviation_fi": "TAU"}))
    )
    university.refresh_from_db()
    assert university.abbreviation_fi == "TAU"
    assert_permission_denied(client.post(organisation_url("delete", university.pk)))
    assert Organisation.objects.filter(pk=university.pk).exists()


def test_anonymous_grant_requests_go_to_the_login_page(site):
    anonymous = Client()
    grant = site.grants[0]
    for url in (grant_url("list"), grant_url("add"), grant_url("edit", grant.pk)):
        for response in (anonymous.get(url), anonymous.post(url, {"amount_awarded": "1.00"})):
            assert response.status_code == 302, url
            assert response["Location"] == f"{reverse('wagtailadmin_login')}?next={url}"
    assert_grant_unchanged(grant)


def test_anonymous_visitors_see_only_published_grants(client, site):
    draft = site.grants[1]
    draft.live = False
    draft.save()

    assert set(Grant.objects.public()) == {site.grants[0]}
    funding_page = get_html(client, site.funding_page.url)
    assert site.grants[0].title_fi in text_of(funding_page)
    assert draft.title_fi not in text_of(funding_page)


def test_funding_editor_can_choose_the_project_and_organisations_of_a_grant(client, site):
    log_in(client, FUNDING_EDITORS)
    ajax = {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}

    projects = client.get(
        reverse("wagtailadmin_choose_page_child", args=[site.index.pk]),
        {"page_type": "projects.projectpage"},
        **ajax,
    )
    organisations = client.get(
        reverse(Organisation.snippet_viewset.chooser_viewset.get_url_name("choose")), **ajax
    )

    assert projects.status_code == organisations.status_code == 200
    project_choices = text_of(parse_html_fragment(projects.json()["html"]))
    assert site.pirsote.title_fi in project_choices
    assert site.rakenne.title_fi in project_choices
    organisation_choices = text_of(parse_html_fragment(organisations.json()["html"]))
    assert site.organisations.ministry.name_fi in organisation_choices
