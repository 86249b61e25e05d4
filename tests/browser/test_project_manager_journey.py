"""A project manager reaches their project from the dashboard and gets a change published.

The one path to the site for a manager: the dashboard's panel leads to the project's editor,
the manager submits the change for approval (the editor offers no "Publish"), an approver
approves it, and the public page shows it.
"""

from contextlib import ExitStack

from django.contrib.auth import get_user_model
from django.db import connections
from django.test import Client
from django.urls import reverse

from wagtail.models import Page

import pytest

from pirsote.core.roles import APPROVERS, setup_roles
from pirsote.core.staff_auth.testing import enrol
from projects.models import ProjectIndexPage, ProjectPage
from projects.roles import project_manager_group_name
from tests.factories import ProjectPageFactory, RoleUserFactory

from .helpers import roles_restored_afterwards, sign_in_to_admin

pytestmark = pytest.mark.browser

USERNAME = "hankepaallikko"
PASSWORD = "hankepaallikon-Salasana-77"
NEW_INTRO = "Hanke päivitti tiivistelmänsä hyväksynnän kautta."


@pytest.fixture(scope="module")
def managed_project(bilingual_site, django_db_blocker):
    """A project of its own, the roles, and its manager with an authenticator."""
    with django_db_blocker.unblock(), ExitStack() as undo:
        undo.enter_context(roles_restored_afterwards())
        index = ProjectIndexPage.objects.descendant_of(bilingual_site["home"]).get()
        project = ProjectPageFactory(parent=index, acronym="PirMATKA")
        setup_roles()
        manager = RoleUserFactory(username=USERNAME, groups=[project_manager_group_name(project)])
        manager.set_password(PASSWORD)
        manager.save()
        authenticator = enrol(manager)
        approver = RoleUserFactory(groups=[APPROVERS])
        connections.close_all()
        undo = undo.pop_all()
    yield project, authenticator, approver
    with django_db_blocker.unblock(), undo:
        ProjectPage.objects.get(pk=project.pk).delete()
        get_user_model().objects.filter(pk__in=[manager.pk, approver.pk]).delete()
    with django_db_blocker.unblock():
        connections.close_all()


def approve(project, approver):
    """The approver approves the submission with a real admin request."""
    client = Client()
    client.force_login(approver)
    task_state = Page.objects.get(pk=project.pk).current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[project.pk, "approve", task_state.pk])
    assert client.post(url, {"comment": ""}).status_code == 302


def test_project_manager_reaches_their_project_from_the_dashboard_and_a_change_goes_live(
    editor_page, site_url, managed_project
):
    project, authenticator, approver = managed_project
    page = editor_page
    sign_in_to_admin(page, site_url, USERNAME, PASSWORD, authenticator)

    # The dashboard's panel leads to the project's editor.
    panel = page.locator("#project-manager-section")
    with page.expect_navigation():
        panel.locator("a.project-manager-panel__edit").click()
    assert page.url == site_url(f"/admin/pages/{project.pk}/edit/")
    page.fill("#id_intro_fi", NEW_INTRO)

    # One way to the site: submit for approval. There is no "Publish" to choose.
    assert page.locator("footer button[name=action-publish]").count() == 0
    page.click("footer .w-dropdown__toggle")
    with page.expect_navigation():
        page.click("footer button[name=action-submit]")
    page.locator(".messages .success").wait_for()

    page.goto(site_url("/admin/"))
    awaiting = page.locator("#project-manager-section .project-manager-panel__awaiting")
    assert awaiting.get_by_role("link", name=project.title).count() == 1
    assert NEW_INTRO not in page.request.get(site_url("/hankkeet/pirmatka/")).text()

    approve(project, approver)

    response = page.goto(site_url("/hankkeet/pirmatka/"))
    assert response.status == 200
    assert page.locator("main .lead").inner_text() == NEW_INTRO
