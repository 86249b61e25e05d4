"""Who changed what, and when, in Wagtail's audit log: groups' permissions, users' groups and
roles, settings and grants, changed through the real admin by a signed-in administrator, and
by `setup_roles` without anyone signed in.

Wagtail itself logs only that a group, user, setting or grant was edited ("wagtail.edit");
the entries checked here say what changed (pirsote/core/audit_changes.py).
"""

from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    ModelLogEntry,
    Site,
)
from wagtail.test.utils.form_data import nested_form_data, streamfield
from wagtail.users.forms import GroupForm

import pytest

from funding.wagtail_hooks import GRANT_PAYMENTS
from pirsote.core.audit_changes import (
    FIELDS_CHANGED,
    GROUP_PERMISSIONS,
    SETTINGS_CHANGED,
    USER_GROUPS,
    USER_ROLE,
)
from tests.core.helpers import parse_html, text_of
from tests.factories import SiteSettingsFactory, StaffUserFactory
from tests.funding import conftest as funding_fixtures
from tests.funding.test_admin import add_payment, grant_form, grant_url, new_grant_changes
from tests.projects.test_admin import admin_form, assert_saved

pytestmark = pytest.mark.django_db

# The funding tests' site with two projects' grants, and the organisations it needs.
funding_site = funding_fixtures.funding_site
organisations = funding_fixtures.organisations


@pytest.fixture
def administrator(client):
    # The admin in English: the messages checked here are the English msgids.
    admin = StaffUserFactory(username="paakayttaja", is_superuser=True, preferred_language="en")
    client.force_login(admin)
    return admin


def entries(instance, action):
    return list(ModelLogEntry.objects.for_instance(instance).filter(action=action).order_by("pk"))


def only_entry(instance, action):
    found = entries(instance, action)
    assert len(found) == 1, [entry.data for entry in found]
    return found[0]


def message_in_english(entry):
    with translation.override("en"):
        return str(entry.message)


def permission(code):
    app_label, codename = code.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def test_group_permission_changes_in_the_admin_are_logged_with_what_changed(
    client, administrator, home_page
):
    group = Group.objects.create(name="Viestintä")
    # Kept by the form although not on it: must not show as removed and added again.
    unlisted = Permission.objects.exclude(pk__in=GroupForm().registered_permissions).first()
    group.permissions.add(permission("wagtailadmin.access_admin"), unlisted)
    GroupPagePermission.objects.create(
        group=group, page=home_page, permission=permission("wagtailcore.change_page")
    )
    ModelLogEntry.objects.all().delete()
    url = reverse("wagtailusers_groups:edit", args=[group.pk])
    data = admin_form(
        client,
        url,
        "w-editor-form",
        {
            "permissions": [
                str(permission(code).pk) for code in ("wagtailadmin.access_admin", "auth.add_user")
            ],
            # The page permission changed from "edit" to "publish" (deleted, bulk-created).
            "page_permissions-0-permissions": ["publish_page"],
            # An image permission on the root collection (bulk-created).
            "image_permissions-TOTAL_FORMS": "1",
            "image_permissions-0-collection": str(Collection.get_first_root_node().pk),
            "image_permissions-0-permissions": [str(permission("wagtailimages.choose_image").pk)],
        },
    )
    assert_saved(client.post(url, data))

    entry = only_entry(group, GROUP_PERMISSIONS)
    assert entry.user_id == administrator.pk
    page = f"@ page {home_page.pk} ({home_page.title})"
    root = Collection.get_first_root_node()
    assert entry.data == {
        "added": [
            "auth.add_user",
            f"wagtailcore.publish_page {page}",
            f"wagtailimages.choose_image @ collection {root.pk} ({root.name})",
        ],
        "removed": [f"wagtailcore.change_page {page}"],
    }
    assert "Permissions granted: auth.add_user" in message_in_english(entry)
    assert entries(group, "wagtail.edit")  # Wagtail's own entry, beside ours

    history = client.get(
        reverse("wagtailadmin_reports:site_history"), {"action": GROUP_PERMISSIONS}
    )
    assert history.status_code == 200
    rows = [text_of(row) for row in parse_html(history).select("tbody tr")]
    assert len(rows) == 1
    assert rows[0].startswith("Viestintä")
    assert "Permissions removed: wagtailcore.change_page" in rows[0]
    assert administrator.get_full_name() in rows[0]


def test_unchanged_group_form_logs_no_permission_change(client, administrator):
    group = Group.objects.create(name="Toimittajat")
    group.permissions.add(permission("wagtailadmin.access_admin"))
    ModelLogEntry.objects.all().delete()
    url = reverse("wagtailusers_groups:edit", args=[group.pk])
    assert_saved(client.post(url, admin_form(client, url, "w-editor-form")))
    assert entries(group, GROUP_PERMISSIONS) == []


def test_group_membership_and_superuser_status_set_on_the_user_form_are_logged(
    client, administrator
):
    editors, moderators = (
        Group.objects.create(name="Kirjoittajat"),
        Group.objects.create(name="Tarkastajat"),
    )
    user = StaffUserFactory(username="toimittaja")
    user.groups.add(moderators)
    ModelLogEntry.objects.all().delete()
    url = reverse("wagtailusers_users:edit", args=[user.pk])
    data = admin_form(
        client,
        url,
        "w-editor-form",
        # is_active's checkbox has no value attribute: a browser sends "on".
        {"groups": [str(editors.pk)], "is_superuser": "on", "is_active": "on"},
    )
    assert_saved(client.post(url, data))

    groups = only_entry(user, USER_GROUPS)
    assert groups.user_id == administrator.pk
    assert groups.data == {"added": ["Kirjoittajat"], "removed": ["Tarkastajat"]}
    assert message_in_english(groups) == (
        "Added to groups: Kirjoittajat; Removed from groups: Tarkastajat"
    )
    role = only_entry(user, USER_ROLE)
    assert role.user_id == administrator.pk
    assert role.data == {"fields": {"is_superuser": {"old": False, "new": True}}}

    history = client.get(reverse("wagtailusers_users:history", args=[user.pk]))
    assert "Removed from groups: Tarkastajat" in history.text


def test_signing_in_is_not_logged_as_a_role_change(client):
    user = StaffUserFactory(username="kirjautuja")
    client.force_login(user)  # saves last_login only
    assert entries(user, USER_ROLE) == []


def test_site_settings_changes_are_logged_with_the_fields_changed(client, administrator, home_page):
    site = Site.objects.get(is_default_site=True)
    settings = SiteSettingsFactory(site=site, publisher_name_fi="Pirkanmaan liitto")
    ModelLogEntry.objects.all().delete()
    url = reverse("wagtailsettings:edit", args=["core", "sitesettings", site.pk])
    data = admin_form(
        client,
        url,
        "w-editor-form",
        {
            **nested_form_data({"social_links": streamfield([])}),
            # Empty rich text as Draftail sends it (the helper would send an empty paragraph).
            "not_found_text_fi": "null",
            "not_found_text_en": "null",
            "publisher_name_fi": "Pirkanmaan hyvinvointialue",
            "phone": "+358 40 123 4567",
        },
    )
    assert_saved(client.post(url, data))

    entry = only_entry(settings, SETTINGS_CHANGED)
    assert entry.user_id == administrator.pk
    assert set(entry.data["fields"]) == {"publisher_name_fi", "phone"}
    assert entries(settings, "wagtail.edit")  # Wagtail's own entry, beside ours


def test_grant_changes_are_logged_with_old_and_new_amounts(client, administrator, funding_site):
    grant = funding_site.grants[0]
    ModelLogEntry.objects.all().delete()
    url = grant_url("edit", grant.pk)
    data = grant_form(client, url, {"amount_awarded": "6000000.00", "action-publish": "publish"})
    add_payment(data, "2022-02-01", "500000.00")
    assert_saved(client.post(url, data))

    changed = only_entry(grant, FIELDS_CHANGED)
    assert changed.user_id == administrator.pk
    assert changed.data == {
        "fields": {"amount_awarded": {"old": "5921081.00", "new": "6000000.00"}}
    }
    assert message_in_english(changed) == "Changed amount awarded (€): 5921081.00 → 6000000.00"
    payments = only_entry(grant, GRANT_PAYMENTS)
    assert payments.user_id == administrator.pk
    assert payments.data == {"added": ["2022-02-01 500000.00 €"], "removed": []}
    assert entries(grant, "wagtail.publish")  # Wagtail's own


def test_grants_created_and_deleted_in_the_admin_are_logged(client, administrator, funding_site):
    ModelLogEntry.objects.all().delete()
    data = grant_form(client, grant_url("add"), new_grant_changes(funding_site, "100000.00"))
    assert_saved(client.post(grant_url("add"), data))
    grant = type(funding_site.grants[0]).objects.get(identifier="360G-pirsote-2021-kotona")
    assert only_entry(grant, "wagtail.create").user_id == administrator.pk

    assert_saved(client.post(grant_url("delete", grant.pk)))
    deleted = ModelLogEntry.objects.get(action="wagtail.delete", object_id=str(grant.pk))
    assert deleted.user_id == administrator.pk


def test_setup_roles_changes_are_logged_without_a_user():
    ModelLogEntry.objects.all().delete()
    call_command("setup_roles", verbosity=0)
    logged = ModelLogEntry.objects.filter(action=GROUP_PERMISSIONS)
    assert logged.exists()
    assert not logged.filter(user__isnull=False).exists()
    some = logged.first()
    assert some.data["added"]


def test_collection_permission_removed_outside_the_admin_is_logged():
    group = Group.objects.create(name="Kuvat")
    record = GroupCollectionPermission.objects.create(
        group=group,
        collection=Collection.get_first_root_node(),
        permission=permission("wagtailimages.add_image"),
    )
    record.delete()
    found = entries(group, GROUP_PERMISSIONS)
    assert [entry.data for entry in found] == [
        {
            "added": [f"wagtailimages.add_image @ collection {record.collection.pk} (Root)"],
            "removed": [],
        },
        {
            "added": [],
            "removed": [f"wagtailimages.add_image @ collection {record.collection.pk} (Root)"],
        },
    ]
