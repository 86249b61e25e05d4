"""Staff roles as Django groups, set up by `manage.py setup_roles` and safe to run again.

The core sets up communications staff, who edit all content. Feature apps add their own
roles through the `setup_roles` hook (a function taking no arguments and returning the
groups it touched), so the core needs to know nothing about them.
"""

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from wagtail import hooks
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page
from wagtail.permissions import policy_registry

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
    """Communications staff edit and publish every page, image, document and contact."""
    group = ensure_group(COMMUNICATIONS)
    grant_admin_access(group)
    grant_page_permissions(group, Page.get_first_root_node(), PAGE_EDITING)
    grant_media_permissions(group, MEDIA_EDITING)
    grant_model_permissions(group, ContactPerson, ("add", "change", "delete", "view"))
    grant_model_permissions(group, SiteSettings, ("change",))
    return group


def setup_roles():
    """Create or complete every role's group; returns the names of the groups touched."""
    with transaction.atomic():
        groups = [setup_communications_role()]
        for setup in hooks.get_hooks("setup_roles"):
            groups.extend(setup() or [])
    return list(dict.fromkeys(group.name for group in groups))
