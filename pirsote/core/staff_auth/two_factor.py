"""The second sign-in step: a time-based one-time code (TOTP, django-otp) for every account.

After the password, the admin answers nothing but the second-step pages until the session
has passed the step: a user with a confirmed authenticator enters its code, a user without
one enrols first (a QR code drawn on the server, and the key to type in). Outside the admin
a session that has not passed the step is an anonymous visitor's: a password alone shows no
private page, draft or embargoed file anywhere. An administrator who must let someone enrol
anew (a lost phone) runs `manage.py reset_second_factor USERNAME`.
"""

import base64

from django import forms
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.generic import FormView

from wagtail.log_actions import log

import django_otp
import segno
from django_otp.plugins.otp_totp.models import TOTPDevice

from .audit import concrete
from .network import client_ip

SECOND_FACTOR_FAILED = "staff_auth.second_factor_failed"
SECOND_FACTOR_ENROLLED = "staff_auth.second_factor_enrolled"
SECOND_FACTOR_RESET = "staff_auth.second_factor_reset"

# Admin views a signed-in user may open before the second step.
OPEN_BEFORE_SECOND_STEP = {
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",
    "staff_auth_second_factor",
    "staff_auth_second_factor_setup",
}


def is_verified(user):
    """Whether the session passed the second step (OTPMiddleware sets `is_verified`)."""
    return user.is_authenticated and getattr(user, "is_verified", lambda: False)()


def confirmed_device(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


class SecondFactorMiddleware:
    """Place after django_otp's OTPMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return None  # no session: nothing to check, and the session stays untouched
        user = request.user
        if not user.is_authenticated or is_verified(user):
            return None
        if not request.path.startswith(reverse("wagtailadmin_home")):
            request.user = AnonymousUser()
            request.auser = _anonymous
            return None
        if request.resolver_match.url_name in OPEN_BEFORE_SECOND_STEP:
            return None
        if confirmed_device(user):
            step = "staff_auth_second_factor"
        else:
            step = "staff_auth_second_factor_setup"
        return redirect(f"{reverse(step)}?{_next_query(request.get_full_path())}")


async def _anonymous():
    return AnonymousUser()


def _next_query(path):
    return urlencode({"next": path})


class TokenForm(forms.Form):
    token = forms.CharField(
        label=gettext_lazy("Code from your authenticator app"),
        min_length=6,
        max_length=8,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def clean_token(self):
        token = "".join(self.cleaned_data["token"].split())
        if not token.isdigit():
            raise forms.ValidationError(_("Enter the digits your authenticator app shows."))
        return token


@method_decorator(never_cache, name="dispatch")
class SecondStepView(FormView):
    form_class = TokenForm

    def next_url(self):
        target = self.request.POST.get("next") or self.request.GET.get("next", "")
        if url_has_allowed_host_and_scheme(
            target, allowed_hosts={self.request.get_host()}, require_https=self.request.is_secure()
        ):
            return target
        return reverse("wagtailadmin_home")

    def get_context_data(self, **kwargs):
        return super().get_context_data(next=self.next_url(), **kwargs)

    def passed(self, device):
        django_otp.login(self.request, device)
        return redirect(self.next_url())


class VerifyView(SecondStepView):
    """The code from the user's authenticator, after the password."""

    template_name = "staff_auth/second_factor.html"

    def dispatch(self, request, *args, **kwargs):
        if is_verified(request.user):
            return redirect(self.next_url())
        self.device = confirmed_device(request.user)
        if self.device is None:
            return redirect(
                f"{reverse('staff_auth_second_factor_setup')}?{_next_query(self.next_url())}"
            )
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        allowed, _details = self.device.verify_is_allowed()
        verified = allowed and django_otp.verify_token(
            self.request.user, self.device.persistent_id, form.cleaned_data["token"]
        )
        if verified:
            return self.passed(verified)
        log(
            concrete(self.request.user),
            SECOND_FACTOR_FAILED,
            user=self.request.user,
            data={"ip": client_ip(self.request)},
        )
        form.add_error(
            "token",
            _("The code is wrong or has expired.")
            if allowed
            else _("Too many wrong codes. Wait a moment and try again."),
        )
        return self.form_invalid(form)


class SetupView(SecondStepView):
    """Enrolment: the QR code of a new authenticator key, confirmed with its first code."""

    template_name = "staff_auth/second_factor_setup.html"

    def dispatch(self, request, *args, **kwargs):
        if confirmed_device(request.user) is not None:
            # Adding another authenticator needs the second step and an administrator.
            return redirect(f"{reverse('staff_auth_second_factor')}?{_next_query(self.next_url())}")
        self.device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
        if self.device is None:
            self.device = TOTPDevice.objects.create(
                user=request.user, name=_("Authenticator app"), confirmed=False
            )
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        key = base64.b32encode(self.device.bin_key).decode().rstrip("=")
        return super().get_context_data(
            qr_code=mark_safe(
                # No fixed size: staff_auth.css fits it to the card, down to a 360 px screen.
                segno.make(self.device.config_url, error="m").svg_inline(
                    omitsize=True, title=_("QR code for your authenticator app")
                )
            ),
            key=" ".join(key[index : index + 4] for index in range(0, len(key), 4)),
            **kwargs,
        )

    def form_valid(self, form):
        if not self.device.verify_token(form.cleaned_data["token"]):
            form.add_error("token", _("The code is wrong or has expired."))
            return self.form_invalid(form)
        self.device.confirmed = True
        self.device.save(update_fields=["confirmed"])
        log(
            concrete(self.request.user),
            SECOND_FACTOR_ENROLLED,
            user=self.request.user,
            data={"ip": client_ip(self.request)},
        )
        return self.passed(self.device)


def reset_devices(user, by=None):
    """Remove the user's authenticators: their next sign-in enrols a new one."""
    deleted, _details = TOTPDevice.objects.filter(user=user).delete()
    log(user, SECOND_FACTOR_RESET, user=by, data={})
    return deleted
