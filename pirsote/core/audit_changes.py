"""What changed, in Wagtail's audit log: groups' permissions, users' groups and roles, settings.

Wagtail logs that a group, a user or a setting was edited ("wagtail.edit"), and who did it, but
not what changed. The entries here say it, in the entry's data, so an administrator finds under
Reports → Site history (and in the object's history) which permissions a group gained or
lost, which groups a user joined or left, whose superuser status changed, and which setting
fields were changed.

They come from model signals, not from the admin's views, so changes made elsewhere are
logged too: `manage.py setup_roles`, the shell, data migrations (without a user: none is
signed in there). The acting user is the one of Wagtail's log context, which the admin opens
for every request.

One action in one request gives one entry: Wagtail's log context gives each admin request a
uuid, and a later change of the same kind to the same object in the same request is merged
into that entry (a permission removed and added back again cancels out). Outside a request,
without a uuid, each change is its own entry.

The admin's group form saves page, collection and site permissions with bulk_create, which
sends no signal: GroupPermissionsAudit, a permission panel of the group form that renders
nothing, compares the group's permissions before and after the form is saved and writes the
complete difference into the request's entry.

track_field_changes() logs the fields any save of a model changes (the settings here; the
funding app uses it for grants, with old and new amounts).
"""

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.forms import Media
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from modeltranslation.translator import NotRegistered, translator
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.log_actions import LogFormatter, get_active_log_context, log
from wagtail.log_actions import registry as log_registry
from wagtail.models import (
    DraftStateMixin,
    GroupCollectionPermission,
    GroupPagePermission,
    GroupSitePermission,
    LockableMixin,
    RevisionMixin,
)

from .staff_auth.audit import concrete

GROUP_PERMISSIONS = "pirsote.group_permissions"
USER_GROUPS = "pirsote.user_groups"
USER_ROLE = "pirsote.user_role"
SETTINGS_CHANGED = "pirsote.settings_changed"
FIELDS_CHANGED = "pirsote.fields_changed"

# Account fields whose change is a change of role (what the account may do).
ROLE_FIELDS = ("is_superuser", "is_staff", "is_active")

# Models whose saves log the fields they changed: {model: (fields shown with values, action)}.
_tracked_models = {}


# Log entries, merged per request


def _entry_in_this_request(instance, action, uuid):
    if uuid is None:
        return None
    model = log_registry.get_log_model_for_instance(instance)
    return (
        model.objects.filter(
            content_type=ContentType.objects.get_for_model(instance, for_concrete_model=False),
            object_id=str(instance.pk),
            action=action,
            uuid=uuid,
        )
        .order_by("-pk")
        .first()
    )


def _acting_user():
    user = get_active_log_context().user
    return concrete(user) if user is not None else None


def log_difference(instance, action, added=(), removed=(), replace=False):
    """Log items `added` to and `removed` from `instance`, merged into this request's entry.

    With `replace`, the difference given is the whole of it (it replaces what the request's
    entry said so far).
    """
    context = get_active_log_context()
    entry = _entry_in_this_request(instance, action, context.uuid)
    if entry is None or replace:
        now_added, now_removed = set(), set()
    else:
        now_added, now_removed = (
            set(entry.data.get("added", ())),
            set(entry.data.get("removed", ())),
        )
    for item in added:
        if item in now_removed:
            now_removed.discard(item)
        else:
            now_added.add(item)
    for item in removed:
        if item in now_added:
            now_added.discard(item)
        else:
            now_removed.add(item)
    data = {"added": sorted(now_added), "removed": sorted(now_removed)}
    _save_entry(instance, action, entry, data, changed=bool(now_added or now_removed))


def log_field_changes(instance, action, changes):
    """Log {field name: {"old": ..., "new": ...}} (or {} for a field shown by name only)."""
    context = get_active_log_context()
    entry = _entry_in_this_request(instance, action, context.uuid)
    fields = dict(entry.data.get("fields", {})) if entry is not None else {}
    for name, change in changes.items():
        if name in fields and "old" in fields[name]:
            change = {**change, "old": fields[name]["old"]}  # the value before the request
        fields[name] = change
    fields = {
        name: change
        for name, change in fields.items()
        if "old" not in change or change["old"] != change["new"]
    }
    _save_entry(instance, action, entry, {"fields": fields}, changed=bool(fields))


def _save_entry(instance, action, entry, data, changed):
    if entry is not None:
        if changed:
            entry.data = data
            entry.save(update_fields=["data"])
        else:
            entry.delete()
    elif changed:
        log(instance, action, user=_acting_user(), data=data, content_changed=True)


# Groups' permissions


def _permission_code(permission):
    return f"{permission.content_type.app_label}.{permission.codename}"


def group_permission_items(group):
    """Every permission the group holds, each as one readable line."""
    if group.pk is None:
        return set()
    items = {
        _permission_code(permission)
        for permission in group.permissions.select_related("content_type")
    }
    for record in GroupPagePermission.objects.filter(group=group).select_related(
        "page", "permission__content_type"
    ):
        items.add(_page_item(record))
    for record in GroupCollectionPermission.objects.filter(group=group).select_related(
        "collection", "permission__content_type"
    ):
        items.add(_collection_item(record))
    for record in GroupSitePermission.objects.filter(group=group).select_related(
        "site", "permission__content_type"
    ):
        items.add(_site_item(record))
    return items


def _page_item(record):
    page = record.page
    # The same text whatever the admin's language: the title in the site's main language.
    with translation.override(settings.LANGUAGE_CODE):
        title = page.title
    return f"{_permission_code(record.permission)} @ page {page.pk} ({title})"


def _collection_item(record):
    collection = record.collection
    return f"{_permission_code(record.permission)} @ collection {collection.pk} ({collection.name})"


def _site_item(record):
    site = record.site
    return f"{_permission_code(record.permission)} @ site {site.pk} ({site.hostname})"


class GroupPermissionsAudit:
    """A permission panel of the admin's group form that renders nothing and logs the difference.

    Registered last (register_group_permission_panel), so it is saved after the other panels.
    """

    media = Media()

    def __init__(self, data=None, files=None, instance=None, **kwargs):
        self.instance = instance
        self.bound = data is not None
        self.before = group_permission_items(instance) if self.bound and instance else set()

    def is_valid(self):
        return True

    def as_admin_panel(self):
        return ""

    def save(self):
        if not self.bound or self.instance is None or self.instance.pk is None:
            return
        after = group_permission_items(self.instance)
        log_difference(
            self.instance,
            GROUP_PERMISSIONS,
            added=after - self.before,
            removed=self.before - after,
            replace=True,
        )


def _m2m_change(instance, action, pk_set, related):
    """("added" or "removed", primary keys) of an m2m_changed signal, or None.

    `related` is the manager the signal's instance changes; a clear names nothing, so the
    keys it clears are remembered at pre_clear for post_clear.
    """
    if action == "pre_clear":
        instance._pirsote_cleared = set(related.values_list("pk", flat=True))
        return None
    if action == "post_clear":
        pk_set = getattr(instance, "_pirsote_cleared", set())
    elif action not in ("post_add", "post_remove"):
        return None
    if not pk_set:
        return None
    return ("added" if action == "post_add" else "removed"), pk_set


def _group_permissions_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    related = instance.group_set if reverse else instance.permissions
    if (found := _m2m_change(instance, action, pk_set, related)) is None:
        return
    change, pk_set = found
    if reverse:  # permission.group_set.add(group, ...)
        code = _permission_code(instance)
        for group in Group.objects.filter(pk__in=pk_set):
            log_difference(group, GROUP_PERMISSIONS, **{change: [code]})
    else:
        codes = [
            _permission_code(permission)
            for permission in Permission.objects.filter(pk__in=pk_set).select_related(
                "content_type"
            )
        ]
        log_difference(instance, GROUP_PERMISSIONS, **{change: codes})


def _item_function(sender):
    return {
        GroupPagePermission: _page_item,
        GroupCollectionPermission: _collection_item,
        GroupSitePermission: _site_item,
    }[sender]


def _permission_record_saved(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        log_difference(instance.group, GROUP_PERMISSIONS, added=[_item_function(sender)(instance)])


def _permission_record_deleted(sender, instance, **kwargs):
    try:
        group = instance.group
        item = _item_function(sender)(instance)
    except models.ObjectDoesNotExist:
        return  # the page, collection or site is being deleted with it
    log_difference(group, GROUP_PERMISSIONS, removed=[item])


# Users' groups and roles


def _user_groups_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    related = instance.user_set if reverse else instance.groups
    if (found := _m2m_change(instance, action, pk_set, related)) is None:
        return
    change, pk_set = found
    if reverse:  # group.user_set.add(user, ...)
        for user in get_user_model()._default_manager.filter(pk__in=pk_set):
            log_difference(user, USER_GROUPS, **{change: [instance.name]})
    else:
        names = Group.objects.filter(pk__in=pk_set).values_list("name", flat=True)
        log_difference(instance, USER_GROUPS, **{change: list(names)})


def _values_before_save(instance, fields):
    """The stored values of `fields` (attnames), or None for a new row."""
    if instance._state.adding or instance.pk is None:
        return None
    return (
        type(instance)
        ._default_manager.filter(pk=instance.pk)
        .values(*[field.attname for field in fields])
        .first()
    )


def _role_fields():
    user_model = get_user_model()
    return [
        user_model._meta.get_field(name)
        for name in ROLE_FIELDS
        if any(f.name == name for f in user_model._meta.concrete_fields)
    ]


def _user_before_save(sender, instance, raw=False, update_fields=None, **kwargs):
    fields = [
        field for field in _role_fields() if update_fields is None or field.name in update_fields
    ]
    instance._pirsote_roles_before = (
        _values_before_save(instance, fields) if fields and not raw else None
    )


def _user_saved(sender, instance, created, raw=False, **kwargs):
    before = getattr(instance, "_pirsote_roles_before", None)
    if created or raw or before is None:
        return
    changes = {
        name: {"old": old, "new": getattr(instance, name)}
        for name, old in before.items()
        if getattr(instance, name) != old
    }
    if changes:
        log_field_changes(instance, USER_ROLE, changes)


# Settings and other models whose fields are logged


def _display_value(field, attvalue):
    """A field's value as the log keeps it: JSON-safe, a related object by its name."""
    if attvalue is None:
        return None
    if field.is_relation:
        related = field.related_model._default_manager.filter(pk=attvalue).first()
        with translation.override(settings.LANGUAGE_CODE):  # as for pages' titles
            return str(related) if related is not None else str(attvalue)
    if isinstance(attvalue, bool | int | str):
        return attvalue
    return str(attvalue)  # Decimal, date: exactly as written, no float


def _comparable(field, value):
    if value is None and field.empty_strings_allowed:
        return ""  # a blank text field saved by a form: no change from NULL
    if hasattr(field, "get_prep_value") and not field.is_relation:
        try:
            return field.get_prep_value(value)
        except (TypeError, ValueError):
            return value
    return value


# Wagtail's bookkeeping (publication state, revisions, locks): its own entries say it.
BOOKKEEPING_FIELDS = frozenset(
    field.name
    for mixin in (DraftStateMixin, RevisionMixin, LockableMixin)
    for field in mixin._meta.fields
)


def _tracked_fields(model):
    """Concrete fields, without modeltranslation's originals (their _fi and _en columns count)
    and Wagtail's bookkeeping."""
    try:
        originals = translator.get_options_for_model(model).all_fields.keys()
    except NotRegistered:
        originals = ()
    return [
        field
        for field in model._meta.concrete_fields
        if not field.primary_key
        and field.name not in originals
        and field.name not in BOOKKEEPING_FIELDS
    ]


def _before_tracked_save(sender, instance, raw=False, **kwargs):
    fields = _tracked_fields(sender)
    instance._pirsote_fields_before = None if raw else _values_before_save(instance, fields)


def _after_tracked_save(sender, instance, created, raw=False, **kwargs):
    before = getattr(instance, "_pirsote_fields_before", None)
    if created or raw or before is None:
        return
    with_values, action = _tracked_models[sender]
    changes = {}
    for field in _tracked_fields(sender):
        old, new = before[field.attname], getattr(instance, field.attname)
        if _comparable(field, old) == _comparable(field, new):
            continue
        if field.name in with_values:
            changes[field.name] = {
                "old": _display_value(field, old),
                "new": _display_value(field, new),
            }
        else:
            changes[field.name] = {}
    if changes:
        log_field_changes(instance, action, changes)


def track_field_changes(model, with_values=(), action=FIELDS_CHANGED):
    """Log which of `model`'s fields each save changes; `with_values` also old → new."""
    _tracked_models[model] = (frozenset(with_values), action)
    uid = f"pirsote_audit_{model._meta.label_lower}"
    pre_save.connect(_before_tracked_save, sender=model, dispatch_uid=uid + "_pre")
    post_save.connect(_after_tracked_save, sender=model, dispatch_uid=uid + "_post")


# Formatters


def _field_label(log_entry, name):
    model = log_entry.content_type.model_class()
    try:
        return str(model._meta.get_field(name).verbose_name)
    except (AttributeError, FieldDoesNotExist):  # a model or field since removed
        return name


class DifferenceFormatter(LogFormatter):
    added_message = ""
    removed_message = ""

    def format_message(self, log_entry):
        parts = []
        if log_entry.data.get("added"):
            parts.append(self.added_message % {"items": ", ".join(log_entry.data["added"])})
        if log_entry.data.get("removed"):
            parts.append(self.removed_message % {"items": ", ".join(log_entry.data["removed"])})
        return "; ".join(parts) or str(self.message)


class GroupPermissionsFormatter(DifferenceFormatter):
    label = _("Change group permissions")
    message = _("Group permissions changed")
    added_message = _("Permissions granted: %(items)s")
    removed_message = _("Permissions removed: %(items)s")


class UserGroupsFormatter(DifferenceFormatter):
    label = _("Change user's groups")
    message = _("Groups changed")
    added_message = _("Added to groups: %(items)s")
    removed_message = _("Removed from groups: %(items)s")


class FieldChangesFormatter(LogFormatter):
    label = _("Change fields")
    message = _("Fields changed")

    def format_message(self, log_entry):
        parts = []
        for name, change in log_entry.data.get("fields", {}).items():
            label = _field_label(log_entry, name)
            if "old" in change:
                parts.append(
                    gettext("%(field)s: %(old)s → %(new)s")
                    % {"field": label, "old": _shown(change["old"]), "new": _shown(change["new"])}
                )
            else:
                parts.append(label)
        if not parts:
            return str(self.message)
        return gettext("Changed %(fields)s") % {"fields": "; ".join(parts)}


def _shown(value):
    if value is True:
        return gettext("yes")
    if value is False:
        return gettext("no")
    if value in (None, ""):
        return "–"
    return str(value)


class UserRoleFormatter(FieldChangesFormatter):
    label = _("Change user's role")
    message = _("Role changed")


class SettingsChangedFormatter(FieldChangesFormatter):
    label = _("Change settings")
    message = _("Settings changed")


def register_actions(actions):
    """For the `register_log_actions` hook."""
    actions.register_action(GROUP_PERMISSIONS)(GroupPermissionsFormatter)
    actions.register_action(USER_GROUPS)(UserGroupsFormatter)
    actions.register_action(USER_ROLE)(UserRoleFormatter)
    actions.register_action(SETTINGS_CHANGED)(SettingsChangedFormatter)
    actions.register_action(FIELDS_CHANGED)(FieldChangesFormatter)


def connect():
    """Connect the signals; called from staff_auth's AppConfig.ready() via audit.connect()."""
    m2m_changed.connect(
        _group_permissions_changed,
        sender=Group.permissions.through,
        dispatch_uid="pirsote_audit_group_permissions",
    )
    for record_model in (GroupPagePermission, GroupCollectionPermission, GroupSitePermission):
        label = record_model._meta.label_lower
        post_save.connect(
            _permission_record_saved, sender=record_model, dispatch_uid=f"pirsote_audit_{label}"
        )
        post_delete.connect(
            _permission_record_deleted,
            sender=record_model,
            dispatch_uid=f"pirsote_audit_{label}_deleted",
        )
    user_model = get_user_model()
    m2m_changed.connect(
        _user_groups_changed,
        sender=user_model.groups.through,
        dispatch_uid="pirsote_audit_user_groups",
    )
    pre_save.connect(_user_before_save, sender=user_model, dispatch_uid="pirsote_audit_user_pre")
    post_save.connect(_user_saved, sender=user_model, dispatch_uid="pirsote_audit_user_post")
    for model in apps.get_models():
        if issubclass(model, BaseSiteSetting | BaseGenericSetting):
            track_field_changes(model, action=SETTINGS_CHANGED)
