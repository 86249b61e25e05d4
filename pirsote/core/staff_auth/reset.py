"""Password resets of the admin: the request only queues, the mail worker sends.

The form answers the same, by the same path, whether or not an account has the address:
it stores the address (PasswordResetRequest) and nothing else, after checking two limits
in the cache, per client address and per e-mail address. The worker
(`manage.py send_release_mails`, which also sends the release mails) looks the accounts up
and sends each its mail with a link made at that moment.
"""

import datetime
import logging
import smtplib

from django.conf import settings
from django.contrib.auth.forms import PasswordResetForm as DjangoPasswordResetForm
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from wagtail.admin.forms.auth import PasswordResetForm
from wagtail.admin.views import account
from wagtail.users.models import UserProfile

from pirsote.core.ratelimit import digest, hit

from .models import PasswordResetRequest
from .network import client_ip

logger = logging.getLogger("pirsote.staff_auth")

SUBJECT_TEMPLATE = "wagtailadmin/account/password_reset/email_subject.txt"
BODY_TEMPLATE = "wagtailadmin/account/password_reset/email.txt"


class QueuedPasswordResetForm(PasswordResetForm):
    """Wagtail's form, whose save() queues the request instead of sending mail."""

    def save(self, *args, **kwargs):
        PasswordResetRequest.objects.create(
            email=self.cleaned_data["email"], language=get_language() or settings.LANGUAGE_CODE
        )


def allow_reset(request, email):
    """False when the client or the address has asked too often; both are counted."""
    per_client = hit(
        f"staff_auth:reset:client:{client_ip(request)}",
        *settings.STAFF_PASSWORD_RESET_RATE_LIMIT_PER_CLIENT,
    )
    per_address = hit(
        f"staff_auth:reset:address:{digest(email)}",
        *settings.STAFF_PASSWORD_RESET_RATE_LIMIT_PER_ADDRESS,
    )
    return per_client and per_address


class PasswordResetView(account.PasswordResetView):
    """Wagtail's view, rate-limited; served at Wagtail's address (pirsote/urls.py)."""

    def get_form_class(self):
        return QueuedPasswordResetForm

    def form_valid(self, form):
        if not allow_reset(self.request, form.cleaned_data["email"]):
            form.add_error(
                None,
                _(
                    "Too many password reset requests. Please wait a while and try again; "
                    "if you already asked, check your e-mail."
                ),
            )
            response = self.form_invalid(form)
            response.status_code = 429
            return response
        return super().form_valid(form)


def accounts_for(email):
    """Active accounts with this address and a password (Django's rules)."""
    return list(DjangoPasswordResetForm().get_users(email))


def reset_message(user, fallback_language):
    """The mail with a reset link for `user`, in their admin language."""
    language = UserProfile.get_for_user(user).get_preferred_language() or fallback_language
    email = getattr(user, user.get_email_field_name())
    context = {
        "email": email,
        "user": user,
        "uid": urlsafe_base64_encode(force_bytes(user.pk)),
        "token": default_token_generator.make_token(user),
        # Used only when WAGTAILADMIN_BASE_URL is empty.
        "protocol": "https",
        "domain": settings.WAGTAILADMIN_BASE_URL,
        "site_name": settings.WAGTAIL_SITE_NAME,
    }
    with translation.override(language):
        subject = " ".join(render_to_string(SUBJECT_TEMPLATE, context).split())
        body = render_to_string(BODY_TEMPLATE, context)
    return EmailMultiAlternatives(subject, body, settings.DEFAULT_FROM_EMAIL, [email])


def retry_delay(attempts):
    return datetime.timedelta(minutes=min(2**attempts, 30))


def send_password_reset_mails(now=None):
    """Send the queued reset mails that are due; returns (mails sent, requests failed).

    A request older than STAFF_PASSWORD_RESET_QUEUE_MAX_AGE is dropped unsent: a link
    arriving that late would only confuse. A request whose mail the server did not take
    waits for a later run.
    """
    now = now or timezone.now()
    oldest = now - datetime.timedelta(seconds=settings.STAFF_PASSWORD_RESET_QUEUE_MAX_AGE)
    # One query when the queue is empty, as it nearly always is.
    queued = list(
        PasswordResetRequest.objects.order_by("pk").values_list(
            "pk", "created_at", "next_attempt_at"
        )[:500]
    )
    stale = [pk for pk, created_at, _next in queued if created_at < oldest]
    if stale:
        PasswordResetRequest.objects.filter(pk__in=stale).delete()
        logger.warning("Dropped %d password reset request(s) that could not be sent", len(stale))
    due = [pk for pk, created_at, next_at in queued if created_at >= oldest and next_at <= now]
    sent = failed = 0
    connection = get_connection()
    for pk in due:
        with transaction.atomic():
            reset = PasswordResetRequest.objects.select_for_update(skip_locked=True)
            reset = reset.filter(pk=pk).first()
            if reset is None:  # another worker has it
                continue
            messages = [reset_message(user, reset.language) for user in accounts_for(reset.email)]
            try:
                connection.send_messages(messages)
            except (smtplib.SMTPException, OSError) as error:
                reset.attempts += 1
                reset.next_attempt_at = now + retry_delay(reset.attempts)
                reset.save(update_fields=["attempts", "next_attempt_at"])
                logger.warning("Password reset mail %s failed: %s", reset.pk, error)
                failed += 1
                continue
            reset.delete()
            sent += len(messages)
    return sent, failed
