"""Staff roles as Django groups, set up by `manage.py setup_roles` and safe to run again.

The core sets up communications staff, who edit all content. Feature apps add their own
roles through the `setup_roles` hook (a function taking no arguments), so the core needs
to know nothing about them.
"""

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from wagtail import hooks
from wagtail.documents.permissions import permission_policy as document_permission_policy
from wagtail.images.permissions import permission_policy as image_permission_policy
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

from .models import ContactPerson, SiteSettings

COMMUNICATIONS = "Viestintä / Communications"

# Page permissions (Wagtail's codenames without the "_page" suffix).
PAGE_EDITING = ("add", "change", "publish", "lock", "unlock")
MEDIA_EDITING = ("add", "change", "delete", "choose")


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
    group.permissions.add(
        *Permission.objects.filter(content_type=content_type, codename__in=codenames)
    )


def grant_page_permissions(group, page, actions):
    """Permissions on `page` and everything below it in the tree."""
    for action in actions:
        permission = Permission.objects.get(
            content_type__app_label="wagtailcore", codename=f"{action}_page"
        )
        GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)


# Wagtail checks image and document permissions on its own models, custom ones included.
IMAGES = image_permission_policy.auth_model
DOCUMENTS = document_permission_policy.auth_model


def grant_collection_permissions(group, collection, model, actions):
    """Permissions on IMAGES or DOCUMENTS in `collection` and the collections below it."""
    content_type = ContentType.objects.get_for_model(model)
    for action in actions:
        permission = Permission.objects.get(
            content_type=content_type, codename=f"{action}_{model._meta.model_name}"
        )
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=collection, permission=permission
        )


def setup_communications_role():
    """Communications staff edit and publish every page, image, document and contact."""
    group = ensure_group(COMMUNICATIONS)
    grant_admin_access(group)
    grant_page_permissions(group, Page.get_first_root_node(), PAGE_EDITING)
    root_collection = Collection.get_first_root_node()
    grant_collection_permissions(group, root_collection, IMAGES, MEDIA_EDITING)
    grant_collection_permissions(group, root_collection, DOCUMENTS, MEDIA_EDITING)
    grant_model_permissions(group, ContactPerson, ("add", "change", "delete", "view"))
    grant_model_permissions(group, SiteSettings, ("change",))
    return group


def setup_roles():
    """Create or complete every role's group; returns the names of the groups touched."""
    with transaction.atomic():
        groups = [setup_communications_role()]
        for setup in hooks.get_hooks("setup_roles"):
            groups.extend(setup() or [])
    return [group.name for group in groups]
