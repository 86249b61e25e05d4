"""The queue of password-reset requests, sent by the mail worker (reset.py)."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PasswordResetRequest(models.Model):
    """Someone asked for a password-reset mail to this address; the worker sends it.

    The web request only stores the address: whether an account has it, and the mail
    with its link, are the worker's business, so that the answer takes the same time
    either way. Rows are deleted once handled.
    """

    email = models.EmailField(_("e-mail address"), max_length=254)
    language = models.CharField(_("language"), max_length=8)
    created_at = models.DateTimeField(default=timezone.now)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    attempts = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("password reset request")
        verbose_name_plural = _("password reset requests")

    def __str__(self):
        local, _at, domain = self.email.partition("@")
        return f"{local[:2]}…@{domain}"
