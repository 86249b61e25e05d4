"""setup_roles retires Wagtail's default groups and workflow, so no one publishes beside ours.

Wagtail's migrations make "Moderators" (who may publish every page), "Editors" and the
"Moderators approval" workflow. After setup_roles only our groups have page permissions.
"""

from io import StringIO

from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client

from wagtail.models import GroupApprovalTask, GroupPagePermission, Page, Workflow

import pytest

from pirsote.core.roles import (
    APPROVERS,
    COMMUNICATIONS,
    PUBLISHING_APPROVAL,
    WAGTAIL_DEFAULT_GROUPS,
    WAGTAIL_DEFAULT_WORKFLOW,
)
from projects.roles import PROJECT_MANAGERS_PREFIX
from tests.browser.helpers import roles_restored_afterwards
from tests.factories import ProjectIndexPageFactory, ProjectPageFactory
from tests.projects.test_admin import (
    assert_permission_denied,
    edit_url,
    log_in,
    page_form,
)

pytestmark = pytest.mark.django_db


def setup_roles():
    output = StringIO()
    call_command("setup_roles", stdout=output)
    return output.getvalue()


def groups_with_page_permissions():
    return set(GroupPagePermission.objects.values_list("group__name", flat=True))


def test_setup_roles_leaves_only_our_groups_with_page_permissions(home_page):
    ProjectPageFactory(parent=ProjectIndexPageFactory(parent=home_page), acronym="PirSOTE")
    assert set(WAGTAIL_DEFAULT_GROUPS) <= groups_with_page_permissions()
    assert Workflow.objects.get(name=WAGTAIL_DEFAULT_WORKFLOW).active

    output = setup_roles()
    output_again = setup_roles()

    names = groups_with_page_permissions()
    assert {COMMUNICATIONS, APPROVERS} <= names
    assert {n for n in names if n not in (COMMUNICATIONS, APPROVERS)} == {
        f"{PROJECT_MANAGERS_PREFIX}PirSOTE"
    }
    # With no members, Wagtail's groups are gone; the workflow is disabled, its history kept.
    assert not Group.objects.filter(name__in=WAGTAIL_DEFAULT_GROUPS).exists()
    assert not Workflow.objects.get(name=WAGTAIL_DEFAULT_WORKFLOW).active
    assert not GroupApprovalTask.objects.get(name=WAGTAIL_DEFAULT_WORKFLOW).active
    assert list(Workflow.objects.filter(active=True).values_list("name", flat=True)) == [
        PUBLISHING_APPROVAL
    ]
    assert home_page.get_workflow().name == PUBLISHING_APPROVAL
    assert "Moderators" not in output + output_again


def test_a_moderator_no_longer_publishes_and_the_command_says_where_they_are(home_page):
    moderator_client = Client()
    moderator = log_in(moderator_client, "Moderators")
    assert home_page.permissions_for_user(moderator).can_publish()  # Wagtail's default
    data = page_form(
        moderator_client, edit_url(home_page), {"intro_en": "Moderated.", "action-publish": "x"}
    )

    output = setup_roles()

    # Kept, for its member, but with no page permission: the editor refuses them.
    group = Group.objects.get(name="Moderators")
    assert not group.page_permissions.exists()
    assert "'Moderators' has 1 member(s)" in output
    assert not Group.objects.filter(name="Editors").exists()
    assert_permission_denied(moderator_client.post(edit_url(home_page), data))
    home_page.refresh_from_db()
    assert home_page.intro_en != "Moderated."
    assert not Page.objects.get(pk=home_page.pk).has_unpublished_changes


def test_the_browser_tests_undo_of_setup_roles_gives_back_wagtails_defaults(home_page):
    """The browser journey commits setup_roles; its undo must leave what migrations left."""
    before = groups_with_page_permissions()
    with roles_restored_afterwards():
        setup_roles()
        assert not Group.objects.filter(name__in=WAGTAIL_DEFAULT_GROUPS).exists()

    assert groups_with_page_permissions() == before
    assert Workflow.objects.get(name=WAGTAIL_DEFAULT_WORKFLOW).active
    assert not Workflow.objects.filter(name=PUBLISHING_APPROVAL).exists()
    assert home_page.get_workflow().name == WAGTAIL_DEFAULT_WORKFLOW
