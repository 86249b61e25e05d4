"""Sunset mode: the project has ended, the site stays up as an archive.

An administrator switches it on in the site settings (or `manage.py sunset`). Then every
page shows a banner with the end date and where the work continues, the accessibility
statement gets its archive paragraph, and the admin is read-only for everyone but
administrators (SunsetEditLockMiddleware). Feature apps ask `is_sunset(request)` (the one
rule) to close what they offer, e.g. the subscription form.

Switching it off restores all of it; what a feature app deleted on the way in (subscriber
addresses) stays deleted, which the settings form says before it is switched on.
"""

from django import forms
from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.models import Site

# What a locked admin still lets everyone do: sign in and out, the second step, the password
# reset, and their own account settings (language, password).
OPEN_WHILE_LOCKED = {
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_password_reset",
    "wagtailadmin_password_reset_done",
    "wagtailadmin_password_reset_confirm",
    "wagtailadmin_password_reset_complete",
    "wagtailadmin_account",
    "wagtailadmin_account_change_password",
    "staff_auth_second_factor",
    "staff_auth_second_factor_setup",
}
SAFE_METHODS = {"GET", "HEAD", "OPTIONS", "TRACE"}


def site_settings(request=None, site=None):
    """The site settings of the request's site (cached per content version), or the default
    site's."""
    from .models import SiteSettings

    if request is not None:
        return SiteSettings.for_request(request)
    site = site or Site.objects.filter(is_default_site=True).first()
    return SiteSettings.for_site(site) if site else None


def is_sunset(request=None, site=None):
    """Has the project ended? The one rule every part of the site asks: for the request's
    site (from its cached settings), or for `site` or the default site (one query)."""
    from .models import SiteSettings

    if request is not None:
        return bool(SiteSettings.for_request(request).sunset_active)
    on_site = {"site": site} if site else {"site__is_default_site": True}
    return SiteSettings.objects.filter(sunset_active=True, **on_site).exists()


class SunsetEditLockMiddleware:
    """In sunset mode the admin changes nothing unless the user is an administrator.

    One rule for every admin view: pages, snippets, images, documents, settings, users. A
    change is refused with a message in the admin's language, and the editor goes back to
    where they were; an autosave or other script request gets a 403 with the reason. Place
    after the authentication, messages and second sign-in step middleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method in SAFE_METHODS:
            return None
        if not request.path.startswith(reverse("wagtailadmin_home")):
            return None
        if request.resolver_match and request.resolver_match.url_name in OPEN_WHILE_LOCKED:
            return None
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or user.is_superuser:
            return None
        if not is_sunset():
            return None
        reason = _(
            "The project has ended and this site is an archive: only administrators can "
            "change its content."
        )
        wants_json = "json" in request.headers.get("Accept", "") or request.headers.get(
            "X-Requested-With"
        )
        if wants_json:
            return JsonResponse({"success": False, "error": reason}, status=403)
        messages.error(request, reason)
        back = request.headers.get("Referer", "")
        if not url_has_allowed_host_and_scheme(
            back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            back = "wagtailadmin_home"
        return redirect(back)


class SiteSettingsForm(WagtailAdminModelForm):
    """The site settings' form: switching sunset mode on must be confirmed, with the
    consequence that cannot be undone spelled out."""

    confirm_sunset = forms.BooleanField(
        label=gettext_lazy("I understand: subscriber addresses will be deleted"),
        help_text=gettext_lazy(
            "Switching sunset mode on closes the subscriptions: every subscriber gets one last "
            "e-mail saying where to follow the work, and then their addresses are deleted. "
            "Switching it off later restores everything else, but not the deleted addresses."
        ),
        required=False,
    )

    def clean(self):
        cleaned = super().clean()
        switching_on = cleaned.get("sunset_active") and not self.initial.get("sunset_active")
        if switching_on and not cleaned.get("confirm_sunset"):
            self.add_error(
                "confirm_sunset",
                _("Confirm that subscriber addresses will be deleted, or leave sunset mode off."),
            )
        if cleaned.get("sunset_active"):
            if not cleaned.get("sunset_date"):
                self.add_error("sunset_date", _("Give the date the project ended."))
            # The Finnish address is the one every language falls back to.
            url_field = next(f for f in ("successor_url_fi", "successor_url") if f in self.fields)
            if not cleaned.get(url_field):
                self.add_error(url_field, _("Give the address where the work continues."))
        return cleaned
