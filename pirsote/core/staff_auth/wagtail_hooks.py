from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from pirsote.core import audit_changes

from . import audit, lockout, two_factor


@hooks.register("register_log_actions")
def register_log_actions(actions):
    audit.register_actions(actions)
    audit_changes.register_actions(actions)
    actions.register_action(lockout.UNLOCKED, _("Unlock sign-in"), _("Sign-in unlocked"))
    actions.register_action(
        two_factor.SECOND_FACTOR_FAILED,
        _("Wrong second-step code"),
        _("Wrong code in the second sign-in step"),
    )
    actions.register_action(
        two_factor.SECOND_FACTOR_ENROLLED,
        _("Authenticator added"),
        _("Authenticator app added for the second sign-in step"),
    )
    actions.register_action(
        two_factor.SECOND_FACTOR_RESET,
        _("Authenticator removed"),
        _("Authenticator app removed: a new one is added at the next sign-in"),
    )


# Last of the group form's permission panels: it logs what the others changed.
@hooks.register("register_group_permission_panel", order=1000)
def register_group_permissions_audit():
    return audit_changes.GroupPermissionsAudit


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path(
            "second-factor/",
            two_factor.VerifyView.as_view(),
            name="staff_auth_second_factor",
        ),
        path(
            "second-factor/setup/",
            two_factor.SetupView.as_view(),
            name="staff_auth_second_factor_setup",
        ),
        path(
            "locked-sign-ins/",
            lockout.LockedSignInsView.as_view(),
            name="staff_auth_locked_sign_ins",
        ),
    ]


class LockedSignInsMenuItem(MenuItem):
    def is_shown(self, request):
        return lockout.may_unlock(request.user)


@hooks.register("register_settings_menu_item")
def register_locked_sign_ins_menu_item():
    return LockedSignInsMenuItem(
        _("Locked sign-ins"),
        reverse("staff_auth_locked_sign_ins"),
        name="locked-sign-ins",
        icon_name="lock",
        order=900,
    )
