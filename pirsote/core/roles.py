"""Staff roles as Django groups, set up by `manage.py setup_roles` and safe to run again.

The core sets up communications staff, who draft and edit all content, and approvers, who
publish it: every page goes live through the "Publishing approval" workflow, whose one task
the approvers complete. Feature apps add their own roles through the `setup_roles` hook (a
function taking no arguments and returning the groups it touched), so the core needs to know
nothing about them.

Setting up creates or completes groups and never takes away what an administrator added, with
the exceptions that the role definitions ask for: communications staff and project managers
lose the permission to publish pages (WITHDRAWN_FROM_COMMUNICATIONS, and projects/roles.py),
which they had before the workflow existed, and Wagtail's default "Moderators" and "Editors"
groups and "Moderators approval" workflow, which would let their members publish beside the
workflow, are retired (retire_wagtail_defaults).
"""

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils.translation import get_language

from wagtail import hooks
from wagtail.contrib.redirects.models import Redirect
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)
from wagtail.permissions import policy_registry

from .models import ContactPerson, SiteSettings

COMMUNICATIONS = "Viestintä / Communications"
APPROVERS = "Hyväksyjät / Approvers"
PUBLISHING_APPROVAL = "Julkaisun hyväksyntä / Publishing approval"
APPROVAL_TASK = "Hyväksyjien hyväksyntä / Approvers' approval"

# Group, workflow and task names hold both languages, "Finnish / English", in the order of
# settings.LANGUAGES: the stored name stays one string (setup_roles finds its objects by it),
# and display_name() shows the admin's language only.
NAME_SEPARATOR = " / "


def display_name(name):
    """The part of a bilingual "Suomeksi / In English" name in the active language.

    A name without the separator, e.g. one an administrator wrote, is shown as it is.
    """
    parts = name.split(NAME_SEPARATOR)
    codes = [code for code, _label in settings.LANGUAGES]
    if len(parts) != len(codes):
        return name
    language = (get_language() or codes[0]).split("-")[0]
    return parts[codes.index(language)] if language in codes else name


# What Wagtail's own migrations create: groups with page permissions at the root (Moderators
# may publish) and a workflow whose task the Moderators complete.
WAGTAIL_DEFAULT_GROUPS = ("Moderators", "Editors")
WAGTAIL_DEFAULT_WORKFLOW = "Moderators approval"

# Page permissions (Wagtail's codenames without the "_page" suffix).
PAGE_DRAFTING = ("add", "change", "lock", "unlock")
PAGE_EDITING = (*PAGE_DRAFTING, "publish")
WITHDRAWN_FROM_COMMUNICATIONS = ("publish",)
MEDIA_EDITING = ("add", "change", "delete", "choose")
# Wagtail's redirect and search promotion permissions; the redirects' import needs "add".
REDIRECT_EDITING = ("add", "change", "delete")


def ensure_group(name):
    return Group.objects.get_or_create(name=name)[0]


def grant_admin_access(group):
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )


def grant_model_permissions(group, model, actions):
    """Django model permissions, e.g. ("add", "change", "view") on a snippet."""
    content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
    codenames = [f"{action}_{model._meta.model_name}" for action in actions]
    permissions = Permission.objects.filter(content_type=content_type, codename__in=codenames)
    if len(permissions) != len(codenames):
        raise LookupError(f"Not every one of {codenames} exists; has migrate run?")
    group.permissions.add(*permissions)


def grant_page_permissions(group, page, actions):
    """Permissions on `page` and everything below it in the tree."""
    for action in actions:
        permission = Permission.objects.get(
            content_type__app_label="wagtailcore", codename=f"{action}_page"
        )
        GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)


def revoke_page_permissions(group, actions):
    """Take `actions` away from `group` on every page where it has them."""
    GroupPagePermission.objects.filter(
        group=group,
        permission__content_type__app_label="wagtailcore",
        permission__codename__in=[f"{action}_page" for action in actions],
    ).delete()


def grant_media_permissions(group, actions):
    """Permissions on images and documents in every collection, e.g. ("add", "choose")."""
    root_collection = Collection.get_first_root_node()
    for model in (get_image_model(), get_document_model()):
        # Wagtail checks custom image and document models' permissions on its own models.
        auth_model = policy_registry.get_by_type(model).auth_model
        content_type = ContentType.objects.get_for_model(auth_model)
        for action in actions:
            permission = Permission.objects.get(
                content_type=content_type, codename=f"{action}_{auth_model._meta.model_name}"
            )
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root_collection, permission=permission
            )


def setup_communications_role():
    """Communications staff draft and edit every page and submit it for approval.

    They also keep every image, document and contact person and the site settings. They do
    not publish: a page they wrote goes live when an approver approves it.
    """
    group = ensure_group(COMMUNICATIONS)
    grant_admin_access(group)
    grant_page_permissions(group, Page.get_first_root_node(), PAGE_DRAFTING)
    revoke_page_permissions(group, WITHDRAWN_FROM_COMMUNICATIONS)
    grant_media_permissions(group, MEDIA_EDITING)
    grant_model_permissions(group, ContactPerson, ("add", "change", "delete", "view"))
    grant_model_permissions(group, SiteSettings, ("change",))
    return group


def setup_approvers_role():
    """Approvers edit and publish every page, approve what others submit, and keep redirects
    and the search's promoted results.

    A redirect (Settings → Redirects, and its import of old addresses) and a promoted search
    result (Settings → Promoted search results) have no draft and no approval: they are live
    once saved and may send visitors to any address, so they belong with those who put
    content live rather than with communications staff.
    """
    group = ensure_group(APPROVERS)
    grant_admin_access(group)
    grant_page_permissions(group, Page.get_first_root_node(), PAGE_EDITING)
    grant_media_permissions(group, MEDIA_EDITING)
    grant_model_permissions(group, Redirect, REDIRECT_EDITING)
    grant_model_permissions(group, SearchPromotion, REDIRECT_EDITING)
    return group


def setup_publishing_workflow(approvers):
    """The "Publishing approval" workflow, on every page of every site.

    Assigned to the tree's root, where it replaces Wagtail's default "Moderators approval";
    a workflow an administrator assigns to a part of the tree still applies there. The
    workflow and its task are kept active: a workflow without an active task publishes
    whatever is submitted to it (wagtail.models.WorkflowState.update).
    """
    task = GroupApprovalTask.objects.filter(name=APPROVAL_TASK).order_by("pk").first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=APPROVAL_TASK)
    elif not task.active:
        task.active = True
        task.save(update_fields=["active"])
    task.groups.add(approvers)

    workflow = Workflow.objects.filter(name=PUBLISHING_APPROVAL).order_by("pk").first()
    if workflow is None:
        workflow = Workflow.objects.create(name=PUBLISHING_APPROVAL)
    elif not workflow.active:
        workflow.active = True
        workflow.save(update_fields=["active"])
    if not WorkflowTask.objects.filter(workflow=workflow, task=task).exists():
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)

    root = Page.get_first_root_node()
    assignment = WorkflowPage.objects.filter(page=root).first()
    if assignment is None:
        WorkflowPage.objects.create(page=root, workflow=workflow)
    elif assignment.workflow_id != workflow.pk:
        assignment.workflow = workflow
        assignment.save(update_fields=["workflow"])
    return workflow


def retire_wagtail_defaults():
    """Take Wagtail's default groups and workflow out of the way of ours.

    "Moderators" may publish every page, so a member would bypass the approval; "Editors"
    duplicates communications. Each loses its page permissions; one with no members is deleted,
    one with members is kept (without page rights) so that nobody's access silently goes:
    wagtail_default_groups_kept() names them for the administrator to move. The default
    workflow and its task are disabled rather than deleted, which keeps their history; a
    submission still in progress there is cancelled (the page is submitted again to ours).
    """
    for group in Group.objects.filter(name__in=WAGTAIL_DEFAULT_GROUPS):
        GroupPagePermission.objects.filter(group=group).delete()
        if not group.user_set.exists():
            group.delete()
    for workflow in Workflow.objects.filter(name=WAGTAIL_DEFAULT_WORKFLOW, active=True):
        workflow.deactivate()
    for task in GroupApprovalTask.objects.filter(name=WAGTAIL_DEFAULT_WORKFLOW, active=True):
        task.deactivate()


def wagtail_default_groups_kept():
    """{name: number of members} of Wagtail's default groups that still have members."""
    return {
        group.name: group.user_set.count()
        for group in Group.objects.filter(name__in=WAGTAIL_DEFAULT_GROUPS).order_by("name")
    }


def setup_roles():
    """Create or complete every role's group; returns the names of the groups touched."""
    with transaction.atomic():
        approvers = setup_approvers_role()
        groups = [setup_communications_role(), approvers]
        setup_publishing_workflow(approvers)
        retire_wagtail_defaults()
        for setup in hooks.get_hooks("setup_roles"):
            groups.extend(setup() or [])
    return list(dict.fromkeys(group.name for group in groups))
