"""Who may do what with the projects' pages and data, proven with real admin requests.

Project managers work on their own project's pages only; communications staff on every page
and the shared taxonomies, which approvers publish; visitors who are not logged in are sent to
the login page.
"""

import re
from io import StringIO

from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page, Site
from wagtail.test.utils.form_data import nested_form_data, streamfield

import pytest

from funding.roles import FUNDING_EDITORS
from pirsote.core.models import ContactPerson, SiteSettings
from pirsote.core.roles import APPROVERS, COMMUNICATIONS
from projects.models import Goal, Organisation, ProjectPage, ServiceModelPage, TargetGroup
from projects.roles import project_manager_group_name
from tests.core.helpers import get_html, text_of
from tests.factories import ServiceModelPageFactory
from tests.projects.test_admin import (
    add_service_model_url,
    admin_form,
    anonymous_html,
    assert_permission_denied,
    assert_saved,
    edit_url,
    log_in,
    page_form,
    with_roles,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def roles_site(project_site):
    return with_roles(project_site)


def snippet_url(model, action, *args):
    return reverse(model.snippet_viewset.get_url_name(action), args=args)


def page_url(name, page):
    return reverse(f"wagtailadmin_pages:{name}", args=[page.pk])


def edit_links(document):
    """Ids of the pages a listing offers to edit."""
    links = document.select('a[href*="/edit/"]')
    return {int(m[1]) for a in links if (m := re.search(r"/pages/(\d+)/edit/", a["href"]))}


# The groups


def roles_snapshot():
    """Every group with its permissions, as sorted lists so that a duplicate would show."""
    return {
        "groups": sorted(Group.objects.values_list("name", flat=True)),
        "model": sorted(
            Group.permissions.through.objects.values_list(
                "group__name", "permission__content_type__app_label", "permission__codename"
            )
        ),
        "pages": sorted(
            GroupPagePermission.objects.values_list(
                "group__name", "page_id", "permission__codename"
            )
        ),
        "collections": sorted(
            GroupCollectionPermission.objects.values_list(
                "group__name", "collection_id", "permission__codename"
            )
        ),
    }


def test_setup_roles_run_again_changes_no_group_or_permission(roles_site):
    first = roles_snapshot()  # roles_site has run setup_roles once
    output = StringIO()

    call_command("setup_roles", stdout=output)

    assert roles_snapshot() == first
    for rows in first.values():
        assert len(rows) == len(set(rows))
    managers = [project_manager_group_name(p) for p in ProjectPage.objects.order_by("path")]
    assert managers == [
        "Hankepäälliköt / Project managers: PirSOTE",
        "Hankepäälliköt / Project managers: KOMAS",
        "Hankepäälliköt / Project managers: PirKOTI",
    ]
    assert {COMMUNICATIONS, APPROVERS, FUNDING_EDITORS, *managers} <= set(first["groups"])
    for name in (COMMUNICATIONS, APPROVERS, FUNDING_EDITORS, *managers):
        assert name in output.getvalue()


def test_each_project_managers_group_has_page_permissions_on_its_own_project_only(roles_site):
    for project in (roles_site.pirsote, roles_site.komas, roles_site.pirkoti):
        group = Group.objects.get(name=project_manager_group_name(project))
        assert set(group.page_permissions.values_list("page_id", flat=True)) == {project.pk}
        assert set(group.page_permissions.values_list("permission__codename", flat=True)) == {
            "add_page",
            "change_page",
            "lock_page",
        }


def test_setup_roles_takes_publishing_from_project_managers_who_had_it(roles_site):
    """An earlier setup_roles let managers publish their project; they now submit it."""
    group = Group.objects.get(name=project_manager_group_name(roles_site.pirkoti))
    publish = Permission.objects.get(content_type__app_label="wagtailcore", codename="publish_page")
    GroupPagePermission.objects.create(group=group, page=roles_site.pirkoti, permission=publish)
    manager = log_in(Client(), group.name)
    assert roles_site.pirkoti.permissions_for_user(manager).can_publish()

    call_command("setup_roles", stdout=StringIO())

    manager = log_in(Client(), group.name)
    assert not roles_site.pirkoti.permissions_for_user(manager).can_publish()
    assert roles_site.pirkoti.permissions_for_user(manager).can_edit()


# A project manager and other projects


def test_project_manager_cannot_open_edit_or_publish_another_projects_page(
    client, admin_client, roles_site
):
    pirsote = roles_site.pirsote
    draft = page_form(admin_client, edit_url(pirsote), {"intro_en": "Changed by PirKOTI."})
    published = {**draft, "action-publish": ["publish"]}
    revisions = pirsote.revisions.count()
    log_in(client, project_manager_group_name(roles_site.pirkoti))

    assert_permission_denied(client.get(edit_url(pirsote)))
    assert_permission_denied(client.post(edit_url(pirsote), draft))
    assert_permission_denied(client.post(edit_url(pirsote), published))
    assert_permission_denied(client.post(page_url("unpublish", pirsote)))
    assert_permission_denied(client.post(page_url("delete", roles_site.home_care)))

    pirsote.refresh_from_db()
    assert pirsote.intro_en == "The project develops health and social services centres."
    assert not pirsote.has_unpublished_changes
    assert pirsote.revisions.count() == revisions
    assert pirsote.live
    assert Page.objects.filter(pk=roles_site.home_care.pk, live=True).exists()
    assert "Changed by PirKOTI." not in text_of(anonymous_html(pirsote, "en"))


def test_project_manager_cannot_edit_or_add_another_projects_service_models(
    client, admin_client, roles_site
):
    pirsote, home_care = roles_site.pirsote, roles_site.home_care
    edited = page_form(
        admin_client,
        edit_url(home_care),
        {"title_en": "Changed by PirKOTI", "action-publish": "publish"},
    )
    added = page_form(
        admin_client,
        add_service_model_url(pirsote),
        {
            "title_fi": "PirKOTIn malli",
            "slug_fi": "pirkotin-malli",
            "intro_fi": "Väärän hankkeen malli.",
            "action-publish": "publish",
        },
    )
    children = list(pirsote.get_children().values_list("pk", flat=True))
    log_in(client, project_manager_group_name(roles_site.pirkoti))

    assert_permission_denied(client.get(edit_url(home_care)))
    assert_permission_denied(client.post(edit_url(home_care), edited))
    assert_permission_denied(client.get(add_service_model_url(pirsote)))
    assert_permission_denied(client.post(add_service_model_url(pirsote), added))

    home_care.refresh_from_db()
    assert home_care.title_en == "Remote home care"
    assert list(pirsote.get_children().values_list("pk", flat=True)) == children
    assert not ServiceModelPage.objects.filter(slug_fi="pirkotin-malli").exists()


def test_project_manager_explores_and_finds_only_their_own_projects_pages(
    client, admin_client, roles_site
):
    pirkoti = roles_site.pirkoti
    own_model = ServiceModelPageFactory(parent=pirkoti, title_fi="Kotiutustiimi")
    search = reverse("wagtailadmin_pages:search")
    # Someone allowed to edit everything finds PirSOTE's family centre.
    found = edit_links(get_html(admin_client, search, data={"q": "Perhekeskus"}))
    assert found == {roles_site.family_centre.pk}
    log_in(client, project_manager_group_name(pirkoti))

    # The explorer starts at their project, and other parts of the tree lead back to it.
    for url in (
        reverse("wagtailadmin_explore_root"),
        reverse("wagtailadmin_explore", args=[roles_site.index.pk]),
        reverse("wagtailadmin_explore", args=[roles_site.pirsote.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"] == reverse("wagtailadmin_explore", args=[pirkoti.pk])
    listing = get_html(client, reverse("wagtailadmin_explore", args=[pirkoti.pk]))
    assert edit_links(listing) == {pirkoti.pk, own_model.pk}
    # Searching the admin finds their own pages and none of another project's.
    assert edit_links(get_html(client, search, data={"q": "Perhekeskus"})) == set()
    assert edit_links(get_html(client, search, data={"q": "Kotiutustiimi"})) == {own_model.pk}


def test_project_manager_may_delete_a_draft_service_model_but_not_a_live_one_nor_the_project(
    client, roles_site
):
    pirkoti = roles_site.pirkoti
    live_model = ServiceModelPageFactory(parent=pirkoti)
    log_in(client, project_manager_group_name(pirkoti))

    # Taking a page off the site is publishing too: it is the approvers' (Wagtail lets no one
    # without "publish" delete a live page).
    assert_permission_denied(client.post(page_url("delete", live_model)))
    assert Page.objects.filter(pk=live_model.pk, live=True).exists()
    live_model.delete()

    draft_model = ServiceModelPageFactory(parent=pirkoti, live=False)
    assert client.get(page_url("delete", draft_model)).status_code == 200
    assert_saved(client.post(page_url("delete", draft_model)))
    assert not Page.objects.filter(pk=draft_model.pk).exists()

    # Now a page with no children, which Wagtail alone would let its editors delete.
    assert_permission_denied(client.get(page_url("delete", pirkoti)))
    assert_permission_denied(client.post(page_url("delete", pirkoti)))
    assert ProjectPage.objects.filter(pk=pirkoti.pk, live=True).exists()


def test_project_manager_uploads_an_image_and_chooses_it(client, roles_site):
    log_in(client, project_manager_group_name(roles_site.pirkoti))
    add = reverse("wagtailimages:add")
    data = {
        **admin_form(client, add, "w-editor-form"),
        "title": "Kotiutustiimin kokous",
        "description_fi": "Tiimi kokoontuu.",
        "description_en": "The team meets.",
        "collection": str(Collection.get_first_root_node().pk),
        "file": SimpleUploadedFile("kokous.png", get_test_image_file().file.getvalue()),
    }

    assert_saved(client.post(add, data))

    image = get_image_model().objects.get(title="Kotiutustiimin kokous")
    assert image.description_en == "The team meets."
    chooser = client.get(
        reverse("wagtailimages_chooser:choose"), HTTP_X_REQUESTED_WITH="XMLHttpRequest"
    )
    assert chooser.status_code == 200
    assert "Kotiutustiimin kokous" in chooser.json()["html"]


# A project manager and contact people


def contact_person_form(client, url, changes=()):
    return admin_form(client, url, "w-editor-form", changes)


def test_project_manager_adds_a_contact_person_but_cannot_change_anyones_details(
    client, admin_client, roles_site
):
    other = roles_site.lead_person
    edit = snippet_url(ContactPerson, "edit", other.pk)
    changed = contact_person_form(admin_client, edit, {"email": "changed@example.fi"})
    log_in(client, project_manager_group_name(roles_site.pirkoti))

    assert_permission_denied(client.get(edit))
    assert_permission_denied(client.post(edit, changed))
    other.refresh_from_db()
    assert other.email != "changed@example.fi"

    add = snippet_url(ContactPerson, "add")
    data = contact_person_form(
        client,
        add,
        {
            "name": "Kaisa Kotona",
            "job_title_fi": "Suunnittelija",
            "job_title_en": "Planner",
            "email": "kaisa.kotona@example.fi",
        },
    )
    assert_saved(client.post(add, data))
    added = ContactPerson.objects.get(name="Kaisa Kotona")
    assert (added.job_title_fi, added.job_title_en) == ("Suunnittelija", "Planner")
    # Not even the person they added: other projects' pages may show them too.
    assert_permission_denied(client.get(snippet_url(ContactPerson, "edit", added.pk)))


# Communications staff


def test_communications_staff_edit_any_page_including_projects_and_approvers_publish_it(
    client, roles_site
):
    log_in(client, COMMUNICATIONS)
    approver = Client()
    log_in(approver, APPROVERS)

    for page, lead in (
        (roles_site.home, "The reform in Pirkanmaa, updated."),
        (roles_site.pirsote, "Centres of the future, updated."),
        (roles_site.home_care, "Remote care at home, updated."),
    ):
        data = page_form(client, edit_url(page), {"intro_en": lead, "action-publish": "publish"})
        # Saved, but as a draft: communications staff no longer publish.
        assert_saved(client.post(edit_url(page), data))
        page.refresh_from_db()
        assert page.has_unpublished_changes
        assert lead not in text_of(anonymous_html(page, "en"))

        published = page_form(approver, edit_url(page), {"action-publish": "publish"})
        assert_saved(approver.post(edit_url(page), published))
        page.refresh_from_db()
        assert page.intro_en == lead
        assert lead in text_of(anonymous_html(page, "en"))


def test_communications_staff_edit_the_site_settings_which_project_managers_cannot(
    client, roles_site
):
    site = Site.objects.get(is_default_site=True)
    url = reverse("wagtailsettings:edit", args=["core", "sitesettings", site.pk])
    manager = Client()
    log_in(manager, project_manager_group_name(roles_site.pirkoti))
    assert_permission_denied(manager.get(url))
    log_in(client, COMMUNICATIONS)
    changes = {
        "publisher_name_en": "Council of Tampere Region",
        **nested_form_data({"social_links": streamfield([])}),
    }

    assert_saved(client.post(url, admin_form(client, url, "w-editor-form", changes)))

    assert SiteSettings.for_site(site).publisher_name_en == "Council of Tampere Region"


@pytest.mark.parametrize(
    ("model", "instance_name", "field"),
    [
        (Goal, "goals.access", "name_en"),
        (TargetGroup, "target_groups.older", "name_en"),
        (Organisation, "coordinator", "name_en"),
    ],
    ids=["goal", "target-group", "organisation"],
)
def test_communications_staff_edit_the_shared_taxonomies(
    client, roles_site, model, instance_name, field
):
    instance = roles_site
    for attribute in instance_name.split("."):
        instance = getattr(instance, attribute)
    log_in(client, COMMUNICATIONS)
    url = snippet_url(model, "edit", instance.pk)

    assert_saved(client.post(url, admin_form(client, url, "w-editor-form", {field: "Renamed"})))

    instance.refresh_from_db()
    assert getattr(instance, field) == "Renamed"
    assert client.get(snippet_url(model, "add")).status_code == 200


# Visitors who are not logged in


def test_anonymous_admin_requests_go_to_the_login_page(roles_site):
    anonymous = Client()
    for url in (
        edit_url(roles_site.pirsote),
        add_service_model_url(roles_site.pirsote),
        snippet_url(Goal, "edit", roles_site.goals.access.pk),
        snippet_url(ContactPerson, "add"),
    ):
        for response in (anonymous.get(url), anonymous.post(url, {"title_fi": "Muutettu"})):
            assert response.status_code == 302, url
            assert response["Location"] == f"{reverse('wagtailadmin_login')}?next={url}"
    roles_site.pirsote.refresh_from_db()
    assert roles_site.pirsote.title_fi == "Pirkanmaan tulevaisuuden sote-keskus"


# Groups that follow the projects


def test_project_created_in_the_admin_gets_its_own_managers_group(client, roles_site):
    log_in(client, COMMUNICATIONS)
    url = reverse("wagtailadmin_pages:add", args=["projects", "projectpage", roles_site.index.pk])
    data = page_form(
        client,
        url,
        {
            "title_fi": "Digitaaliset palvelut",
            "title_en": "Digital services",
            "slug_fi": "pirdigi",
            "acronym": "PirDIGI",
            "status": "in-preparation",
            "date_precision": "year",
        },
    )

    assert_saved(client.post(url, data))  # saved as a draft

    project = ProjectPage.objects.get(acronym="PirDIGI")
    assert not project.live
    group = Group.objects.get(name="Hankepäälliköt / Project managers: PirDIGI")
    assert set(group.page_permissions.values_list("page_id", flat=True)) == {project.pk}
    manager = Client()
    log_in(manager, group.name)
    assert manager.get(edit_url(project)).status_code == 200
    assert_permission_denied(manager.get(edit_url(roles_site.pirkoti)))


def test_publishing_a_new_acronym_renames_the_projects_managers_group(client, roles_site):
    pirkoti = roles_site.pirkoti
    group = Group.objects.get(name=project_manager_group_name(pirkoti))
    manager = Client()
    log_in(manager, group.name)
    log_in(client, COMMUNICATIONS)

    draft = page_form(client, edit_url(pirkoti), {"acronym": "KotiPIR"})
    assert_saved(client.post(edit_url(pirkoti), draft))
    group.refresh_from_db()
    assert group.name == "Hankepäälliköt / Project managers: PirKOTI"  # a draft is not the name

    submitted = page_form(client, edit_url(pirkoti), {"action-submit": "submit"})
    assert_saved(client.post(edit_url(pirkoti), submitted))
    group.refresh_from_db()
    assert group.name == "Hankepäälliköt / Project managers: PirKOTI"  # nor is a submission

    # An approver approves it through the workflow, which publishes it.
    approver = Client()
    log_in(approver, APPROVERS)
    task_state = Page.objects.get(pk=pirkoti.pk).current_workflow_task_state
    approve = reverse(
        "wagtailadmin_pages:workflow_action", args=[pirkoti.pk, "approve", task_state.pk]
    )
    assert approver.post(approve, {"comment": ""}).status_code == 302

    pirkoti.refresh_from_db()
    assert pirkoti.live and not pirkoti.has_unpublished_changes
    group.refresh_from_db()
    assert group.name == "Hankepäälliköt / Project managers: KotiPIR"
    assert not Group.objects.filter(name__endswith=": PirKOTI").exists()
    assert manager.get(edit_url(pirkoti)).status_code == 200
