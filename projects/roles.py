"""Project managers: one group per project, allowed to edit that project's pages only.

Managers draft changes to their project and its service models and submit them to the
"Publishing approval" workflow; approvers publish, as on every page (pirsote/core/roles.py).
One path to the site: the editor offers a manager "Submit to Publishing approval" and no
"Publish". Managers who had "publish" from an earlier setup_roles lose it.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from pirsote.core.models import ContactPerson
from pirsote.core.roles import (
    COMMUNICATIONS,
    ensure_group,
    grant_admin_access,
    grant_media_permissions,
    grant_model_permissions,
    grant_page_permissions,
    revoke_page_permissions,
)

from .models import Goal, Organisation, ProjectPage, TargetGroup

PROJECT_MANAGERS_PREFIX = "Hankepäälliköt / Project managers: "
# Managers keep their project current: its page and its service models (the child pages),
# including the contact people listed on them. Deleting a project is for those who may edit
# the project list (a before_delete_page hook in wagtail_hooks.py), i.e. communications.
# Without "publish", Wagtail also leaves unpublishing, and deleting a live page, to approvers.
PROJECT_PAGE_ACTIONS = ("add", "change", "lock")
WITHDRAWN_FROM_PROJECT_MANAGERS = ("publish",)


def project_manager_group_name(project):
    return f"{PROJECT_MANAGERS_PREFIX}{project.acronym}"


@transaction.atomic
def ensure_project_manager_group(project):
    """The project's managers' group, found by its permission on the project's page.

    Found by permission rather than by name, so that a new acronym renames the group.
    """
    change_page = Permission.objects.get(
        content_type__app_label="wagtailcore", codename="change_page"
    )
    group = Group.objects.filter(
        page_permissions__page=project,
        page_permissions__permission=change_page,
        name__startswith=PROJECT_MANAGERS_PREFIX,
    ).first()
    name = project_manager_group_name(project)
    if group is None:
        group = ensure_group(name)
    elif group.name != name and not Group.objects.filter(name=name).exists():
        group.name = name
        group.save(update_fields=["name"])
    grant_admin_access(group)
    grant_page_permissions(group, project.page_ptr, PROJECT_PAGE_ACTIONS)
    revoke_page_permissions(group, WITHDRAWN_FROM_PROJECT_MANAGERS)
    # Images and documents: upload new ones and choose existing ones for their pages.
    grant_media_permissions(group, ("add", "choose"))
    # Contact people: choose existing ones and add new ones. Changing someone's details,
    # which other projects' pages show too, is for communications staff.
    grant_model_permissions(group, ContactPerson, ("add", "view"))
    return group


def setup_project_roles():
    """A managers' group for every project, and the taxonomies for communications staff."""
    communications = ensure_group(COMMUNICATIONS)
    for model in (Goal, TargetGroup, Organisation):
        grant_model_permissions(communications, model, ("add", "change", "delete", "view"))
    return [ensure_project_manager_group(project) for project in ProjectPage.objects.all()]


def projects_managed_by(user):
    """The projects whose managers' groups `user` is in, found as the groups are found."""
    return ProjectPage.objects.filter(
        group_permissions__group__in=user.groups.filter(name__startswith=PROJECT_MANAGERS_PREFIX),
        group_permissions__permission__content_type__app_label="wagtailcore",
        group_permissions__permission__codename="change_page",
    ).distinct()
