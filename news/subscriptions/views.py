"""The public pages: subscribe, check your e-mail, confirm, unsubscribe.

They are not Wagtail pages; base.html and the language switcher work from the URL.
Following a link from a mail (GET) changes nothing: mail scanners follow links too. The page
it opens has a button, and only its POST confirms (with a CSRF token) or unsubscribes.
Whatever a visitor sends, the answer is a page in the language of the address: errors in
the form (200), too many tries (429), mail not sent (503), a bad link (400) or an expired
one (410).
"""

import logging
import smtplib

from django.conf import settings
from django.core import signing
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from pirsote.core.absolute_urls import base_url
from pirsote.core.archive import is_static_export
from pirsote.core.sunset import is_sunset

from .forms import SubscriptionForm
from .mail import confirmation_message, unsubscribe_url
from .models import Choices, Subscriber, subscribable_projects
from .ratelimit import allow_confirmation_mail, allow_submission
from .tokens import confirm_link_days, read_confirm_token, read_unsubscribe_token

logger = logging.getLogger(__name__)

PROBLEMS = {
    "too_many_submissions": _(
        "You have sent the form too many times in a short while. Please wait a few minutes "
        "and send it again: what you filled in has been kept."
    ),
    "too_many_mails": _(
        "We have already sent several confirmation messages to this address recently. "
        "Please look for them in your inbox (and spam folder), or try again later."
    ),
    "not_sent": _(
        "We could not send the confirmation message just now. Please try again in a "
        "few minutes: what you filled in has been kept."
    ),
}


def render_form(request, form, *, problem=None, status=200, retry_after=None):
    response = render(
        request,
        "subscriptions/subscribe.html",
        {
            "form": form,
            "problem": PROBLEMS.get(problem),
            "has_errors": bool(problem or (form.is_bound and form.errors)),
            "valid_days": confirm_link_days(),
        },
        status=status,
    )
    if retry_after:
        response["Retry-After"] = str(retry_after)
    return response


@never_cache
@require_http_methods(["GET", "POST"])
def subscribe(request):
    if is_sunset(request):
        return closed(request)
    if is_static_export(request):  # the static archive has no forms: a note instead
        return render(request, "core/archive/subscribe_note.html", {"noindex": True})
    projects = list(subscribable_projects())
    if request.method != "POST":
        form = SubscriptionForm(initial={"language": get_language()}, projects=projects)
        return render_form(request, form)

    form = SubscriptionForm(request.POST, projects=projects)
    if not allow_submission(request):
        return render_form(
            request,
            form,
            problem="too_many_submissions",
            status=429,
            retry_after=settings.SUBSCRIPTIONS_RATE_LIMIT_PER_CLIENT[1],
        )
    if not form.is_valid():
        return render_form(request, form)
    email = form.cleaned_data["email"]
    if not allow_confirmation_mail(email):
        return render_form(
            request,
            form,
            problem="too_many_mails",
            status=429,
            retry_after=settings.SUBSCRIPTIONS_RATE_LIMIT_PER_ADDRESS[1],
        )
    message = confirmation_message(
        email,
        form.choices,
        projects=form.chosen_projects,
        already_subscribed=Subscriber.objects.for_address(email).exists(),
        root=base_url(request),
    )
    try:
        message.send()
    except (smtplib.SMTPException, OSError):
        logger.exception("Could not send a subscription confirmation mail")
        return render_form(request, form, problem="not_sent", status=503)
    # The same page whether or not the address is subscribed already.
    return redirect("subscriptions:sent")


@never_cache
@require_GET
def sent(request):
    return render(
        request,
        "subscriptions/sent.html",
        {
            "valid_days": confirm_link_days(),
            "noindex": True,
        },
    )


def closed(request):
    """The project has ended (sunset mode): nobody subscribes any more. A form sent anyway
    gets the same explanation, as 410 Gone."""
    return render(
        request,
        "subscriptions/closed.html",
        {"noindex": True},
        status=410 if request.method == "POST" else 200,
    )


def link_error(request, reason, status):
    return render(
        request,
        "subscriptions/link_error.html",
        {"reason": reason, "noindex": True},
        status=status,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def confirm(request, token):
    """GET: what the link would subscribe, and a button; POST (CSRF-checked): subscribe."""
    try:
        email, choices = read_confirm_token(token)
    except signing.SignatureExpired:
        return link_error(request, "expired", status=410)
    except signing.BadSignature:
        return link_error(request, "invalid", status=400)
    if request.method != "POST":
        # What the button will store: the choices still on offer, as confirm() keeps them.
        types, projects = choices.on_offer()
        return render(
            request,
            "subscriptions/confirm.html",
            {
                "email": email,
                "choices": Choices(choices.language, types).describe(projects),
                "noindex": True,
            },
        )
    if is_sunset(request):
        return closed(request)
    subscriber = Subscriber.objects.confirm(email, choices)
    return render(
        request,
        "subscriptions/confirmed.html",
        {
            "subscriber": subscriber,
            "choices": subscriber.choices.describe(),
            "unsubscribe_url": unsubscribe_url("", email, get_language()),
            "noindex": True,
        },
    )


# Mail clients unsubscribe with a POST that has no CSRF token (RFC 8058); the signed
# link is the proof, and a forged request could only unsubscribe the link's own address.
@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    try:
        email = read_unsubscribe_token(token)
    except signing.BadSignature:
        return link_error(request, "invalid", status=400)
    if request.method == "POST":
        # Deletes the subscriber's choices and pending mails with it; an address that is
        # not subscribed (any more) gets the same answer.
        Subscriber.objects.for_address(email).delete()
        return render(request, "subscriptions/unsubscribed.html", {"noindex": True})
    return render(request, "subscriptions/unsubscribe.html", {"email": email, "noindex": True})
