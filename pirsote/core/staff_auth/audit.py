"""Sign-ins, sign-outs, failed sign-ins and lockouts in Wagtail's audit log.

Each is logged on the account it concerns, so administrators find them under
Reports → Site history (and in the user's own history), with the time, the account and
the client's address. Failures for names that match no account have nothing to be logged
on: they go to the application log ("pirsote.staff_auth") only, without the name, which is
often a password typed into the wrong field.
"""

import logging

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.utils.functional import LazyObject, empty
from django.utils.translation import gettext_lazy as _

from wagtail.log_actions import LogFormatter, log

from axes.signals import user_locked_out

from .network import client_ip

logger = logging.getLogger("pirsote.staff_auth")

SIGN_IN = "staff_auth.sign_in"
SIGN_OUT = "staff_auth.sign_out"
SIGN_IN_FAILED = "staff_auth.sign_in_failed"
LOCKED_OUT = "staff_auth.locked_out"


class AddressFormatter(LogFormatter):
    """The action's message with the client's address from the entry's data."""

    def format_message(self, log_entry):
        return self.message % {"ip": log_entry.data.get("ip", "?")}


class SignInFormatter(AddressFormatter):
    label = _("Sign in")
    message = _("Signed in from %(ip)s")


class SignOutFormatter(AddressFormatter):
    label = _("Sign out")
    message = _("Signed out from %(ip)s")


class SignInFailedFormatter(AddressFormatter):
    label = _("Failed sign-in")
    message = _("Failed sign-in from %(ip)s")


class LockedOutFormatter(AddressFormatter):
    label = _("Sign-in locked")
    message = _("Sign-in locked after repeated failures from %(ip)s")


FORMATTERS = {
    SIGN_IN: SignInFormatter,
    SIGN_OUT: SignOutFormatter,
    SIGN_IN_FAILED: SignInFailedFormatter,
    LOCKED_OUT: LockedOutFormatter,
}


def register_actions(actions):
    """For the `register_log_actions` hook."""
    for action, formatter in FORMATTERS.items():
        actions.register_action(action)(formatter)


def account_named(username):
    if not username:
        return None
    user_model = get_user_model()
    return user_model._default_manager.filter(**{user_model.USERNAME_FIELD: username}).first()


def concrete(user):
    """The user model instance behind request.user's lazy wrappers, which Wagtail's log()
    cannot place (it unwraps one level; django-otp adds a second)."""
    while isinstance(user, LazyObject):
        if user._wrapped is empty:
            user._setup()
        user = user._wrapped
    return user


def address(request):
    return client_ip(request) if request is not None else "unknown"


def signed_in(sender, request, user, **kwargs):
    user = concrete(user)
    ip = address(request)
    log(user, SIGN_IN, user=user, data={"ip": ip})
    logger.info("User %s signed in from %s", user.pk, ip)


def signed_out(sender, request, user, **kwargs):
    if user is None:  # signing out without a session
        return
    user = concrete(user)
    ip = address(request)
    log(user, SIGN_OUT, user=user, data={"ip": ip})
    logger.info("User %s signed out from %s", user.pk, ip)


def sign_in_failed(sender, credentials, request=None, **kwargs):
    ip = address(request)
    account = account_named(credentials.get("username"))
    if account is None:
        logger.warning("Failed sign-in for an unknown account from %s", ip)
        return
    log(account, SIGN_IN_FAILED, user=None, data={"ip": ip})
    logger.warning("Failed sign-in for user %s from %s", account.pk, ip)


def locked_out(sender, request, username, ip_address, **kwargs):
    ip = address(request)
    account = account_named(username)
    if account is None:
        logger.warning("Sign-in locked for %s after repeated failures", ip)
        return
    log(account, LOCKED_OUT, user=None, data={"ip": ip})
    logger.warning("Sign-in locked for user %s from %s after repeated failures", account.pk, ip)


def connect():
    # Groups' permissions, users' groups and roles, settings (pirsote/core/audit_changes.py).
    from pirsote.core import audit_changes

    audit_changes.connect()
    user_logged_in.connect(signed_in, dispatch_uid="staff_auth_signed_in")
    user_logged_out.connect(signed_out, dispatch_uid="staff_auth_signed_out")
    user_login_failed.connect(sign_in_failed, dispatch_uid="staff_auth_sign_in_failed")
    user_locked_out.connect(locked_out, dispatch_uid="staff_auth_locked_out")
