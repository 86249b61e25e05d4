"""What a locked-out sign-in sees, and how administrators lift a lockout.

django-axes counts failed sign-ins per account and per client address (AXES_* settings);
either reaching AXES_FAILURE_LIMIT within AXES_COOLOFF_TIME locks sign-in for that account
or that address until the cool-off has passed, or until an administrator lifts it on
Settings → Locked sign-ins (or with `manage.py axes_reset_username NAME` /
`axes_reset_ip ADDRESS`).
"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Max, Sum
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.log_actions import log

from axes.models import AccessAttempt
from axes.utils import reset

from .audit import account_named

UNLOCKED = "staff_auth.unlocked"
UNLOCK_PERMISSION = "axes.delete_accessattempt"


def cool_off_minutes():
    return int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)


def lockout_response(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: the admin's sign-in page saying why and for how long."""
    context = {
        "cool_off_minutes": cool_off_minutes(),
        "failure_limit": settings.AXES_FAILURE_LIMIT,
    }
    return render(
        request, "staff_auth/locked_out.html", context, status=settings.AXES_HTTP_RESPONSE_CODE
    )


def current_lockouts():
    """(usernames, addresses) locked now: dicts with the name or address, count, last time."""
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    recent = AccessAttempt.objects.filter(attempt_time__gte=since)

    def locked_by(field):
        rows = (
            recent.exclude(**{f"{field}__isnull": True})
            .values(field)
            .annotate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
            .filter(failures__gte=settings.AXES_FAILURE_LIMIT)
            .order_by("-last")
        )
        return [
            {"value": row[field], "failures": row["failures"], "last": row["last"]}
            for row in rows
            if row[field]
        ]

    return locked_by("username"), locked_by("ip_address")


class LockedSignInsView(WagtailAdminTemplateMixin, TemplateView):
    """Settings → Locked sign-ins: the accounts and addresses locked now, each with Unlock."""

    template_name = "staff_auth/locked_sign_ins.html"
    page_title = gettext_lazy("Locked sign-ins")
    header_icon = "lock"
    index_url = reverse_lazy("staff_auth_locked_sign_ins")

    def dispatch(self, request, *args, **kwargs):
        if not may_unlock(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["usernames"], context["addresses"] = current_lockouts()
        context["cool_off_minutes"] = cool_off_minutes()
        return context

    def post(self, request):
        username = request.POST.get("username", "").strip()
        address = request.POST.get("ip_address", "").strip()
        if username:
            reset(username=username)
            account = account_named(username)
            if account is not None:
                log(account, UNLOCKED, user=request.user, data={})
            messages.success(request, _("Sign-in unlocked for %(name)s.") % {"name": username})
        elif address:
            reset(ip=address)
            messages.success(request, _("Sign-in unlocked for %(name)s.") % {"name": address})
        else:
            messages.error(request, _("Choose an account or an address to unlock."))
        return redirect(reverse("staff_auth_locked_sign_ins"))


def may_unlock(user):
    return user.is_active and user.has_perm(UNLOCK_PERMISSION)
