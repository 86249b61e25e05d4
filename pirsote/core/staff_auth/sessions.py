"""Admin sessions end after STAFF_SESSION_IDLE_TIMEOUT without a request, and
STAFF_SESSION_MAX_AGE after signing in, whatever the activity.

The sign-in time and the last request's time are kept in the session. An expired session
is signed out; in the admin the user is sent to the sign-in page with a message, elsewhere
the request goes on as an anonymous visitor's. Requests without a session cookie are not
looked at: the public site never gets a session (nor a `Vary: Cookie`) from here.
"""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.contrib.auth.views import redirect_to_login
from django.urls import reverse
from django.utils.translation import gettext as _

SIGNED_IN_AT = "staff_auth_signed_in_at"
LAST_SEEN_AT = "staff_auth_last_seen_at"
# The last request's time is written at most this often (seconds): not every request
# needs to save the session.
ACTIVITY_RESOLUTION = 30


def start(sender, request, user, **kwargs):
    now = int(time.time())
    request.session[SIGNED_IN_AT] = now
    request.session[LAST_SEEN_AT] = now


def connect():
    user_logged_in.connect(start, dispatch_uid="staff_auth_session_start")


def expiry_reason(session, now):
    """Why the session is over, or None while it lasts."""
    signed_in_at = session.get(SIGNED_IN_AT)
    last_seen_at = session.get(LAST_SEEN_AT)
    if signed_in_at is None or last_seen_at is None:
        # A session from before these limits: its age is unknown.
        return _("Your session has expired. Please sign in again.")
    if now - signed_in_at >= settings.STAFF_SESSION_MAX_AGE:
        return _("Your session has reached its maximum length. Please sign in again.")
    if now - last_seen_at >= settings.STAFF_SESSION_IDLE_TIMEOUT:
        return _("You were signed out after a period of inactivity. Please sign in again.")
    return None


class SessionTimeoutMiddleware:
    """Place after AuthenticationMiddleware and MessageMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.SESSION_COOKIE_NAME in request.COOKIES and request.user.is_authenticated:
            now = int(time.time())
            reason = expiry_reason(request.session, now)
            if reason:
                logout(request)
                if request.path.startswith(reverse("wagtailadmin_home")):
                    messages.warning(request, reason)
                    return redirect_to_login(request.get_full_path(), reverse("wagtailadmin_login"))
            elif now - request.session[LAST_SEEN_AT] >= ACTIVITY_RESOLUTION:
                request.session[LAST_SEEN_AT] = now
        return self.get_response(request)
