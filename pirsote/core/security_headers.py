"""The security headers of every answer, by the part of the site that gives it.

django-csp builds the Content-Security-Policy; this middleware only picks which policy from
the settings (README, "Security headers"):

- the public site: CONTENT_SECURITY_POLICY, strict (scripts, styles and everything else from
  the site itself only, no inline code, no frames, no plugins);
- the Wagtail admin: CONTENT_SECURITY_POLICY_ADMIN, which allows what Wagtail 8's editing
  interface still needs (documented beside it in the settings);
- the public pages seen by a signed-in editor, which carry Wagtail's user bar: the public
  policy plus CONTENT_SECURITY_POLICY_USERBAR; previews too (what the public would see, with
  the user bar's checks), which the admin's preview panel frames;
- the open API: CONTENT_SECURITY_POLICY_API (JSON loads nothing).

`frame-ancestors` follows X-Frame-Options: 'none' with DENY, 'self' where a view asked for
SAMEORIGIN (Wagtail's preview, shown in the editor's side panel).

Every answer also gets Permissions-Policy and Cross-Origin-Resource-Policy: same-origin,
except the answers any site may read (`Access-Control-Allow-Origin: *`: the open data, and
the open API, which this middleware opens to other sites), which are cross-origin.
"""

from dataclasses import replace

from django.conf import settings
from django.urls import reverse

from csp.constants import SELF
from csp.middleware import CSPMiddleware
from csp.utils import default_config

from . import api

PUBLIC = "public"
ADMIN = "admin"
USERBAR = "userbar"
PREVIEW = "preview"
API = "api"


def site_part(request):
    """PUBLIC, ADMIN, USERBAR (a public page with the editor's user bar), PREVIEW or API."""
    # Wagtail renders a preview through the middleware a second time, with a request of its
    # own for the page's public address: that one has is_preview.
    if getattr(request, "is_preview", False):
        return PREVIEW
    if request.path_info.startswith(reverse("wagtailadmin_home")):
        return ADMIN
    match = getattr(request, "resolver_match", None)
    if match is not None and (api.NAMESPACE in match.namespaces or match.func is api.not_found):
        return API
    user = getattr(request, "user", None)
    # The same test as Wagtail's {% wagtailuserbar %}: who sees the bar gets its policy.
    if user is not None and user.is_authenticated and user.has_perm("wagtailadmin.access_admin"):
        return USERBAR
    return PUBLIC


def _cached_site_part(request):
    if not hasattr(request, "site_part"):
        request.site_part = site_part(request)
    return request.site_part


def _directives(setting_name):
    return getattr(settings, setting_name, {}).get("DIRECTIVES", {})


def policy_directives(part):
    """The directives of the part's policy, before a view's own changes."""
    if part == ADMIN:
        return _directives("CONTENT_SECURITY_POLICY_ADMIN")
    if part == API:
        return _directives("CONTENT_SECURITY_POLICY_API")
    directives = dict(_directives("CONTENT_SECURITY_POLICY"))
    if part in (USERBAR, PREVIEW):
        for name, sources in _directives("CONTENT_SECURITY_POLICY_USERBAR").items():
            directives[name] = [*directives.get(name, ()), *sources]
    if part == PREVIEW:
        directives["frame-ancestors"] = [SELF]
    return directives


def permissions_policy():
    """The Permissions-Policy header from PERMISSIONS_POLICY: {feature: [allowed origins]}."""
    return ", ".join(
        f"{feature}=({' '.join(origins)})"
        for feature, origins in settings.PERMISSIONS_POLICY.items()
    )


def readable_by_any_site(response):
    return response.get("Access-Control-Allow-Origin") == "*"


class SecurityHeadersMiddleware(CSPMiddleware):
    """django-csp's middleware with one policy per part of the site, and the other headers."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if report_only or parts.config is not None:
            return parts  # the report-only policy, or a view's own (@csp)
        config = default_config(policy_directives(_cached_site_part(request)))
        if response.get("X-Frame-Options", "").upper() == "SAMEORIGIN":
            config["frame-ancestors"] = [SELF]
        return replace(parts, config=config)

    def process_response(self, request, response):
        if _cached_site_part(request) == API:
            # The same answers for everyone, read without cookies: any site may use them.
            response.headers.setdefault("Access-Control-Allow-Origin", "*")
        response = super().process_response(request, response)
        response.headers.setdefault("Permissions-Policy", permissions_policy())
        response.headers.setdefault(
            "Cross-Origin-Resource-Policy",
            "cross-origin" if readable_by_any_site(response) else "same-origin",
        )
        return response
