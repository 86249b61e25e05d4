"""The confirmation and release mails: plain text from templates, in the reader's language.

Links are absolute, on the site's root URL (the default Wagtail Site, or
WAGTAILADMIN_BASE_URL when there is none), so that they are the same whether a mail is
made in a web request or by the worker.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from wagtail.models import Site

from .tokens import confirm_link_days, make_confirm_token, make_unsubscribe_token


def site_root_url(site=None):
    """E.g. "https://sote.example.fi", without a trailing slash."""
    site = site or Site.objects.filter(is_default_site=True).first()
    return site.root_url if site else settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def url_in(language, root, name, *args):
    with translation.override(language):
        return root + reverse(name, args=args)


def unsubscribe_url(root, email, language):
    return url_in(language, root, "subscriptions:unsubscribe", make_unsubscribe_token(email))


def _message(template, context, to, headers=None):
    subject = render_to_string(f"subscriptions/email/{template}_subject.txt", context)
    body = render_to_string(f"subscriptions/email/{template}_body.txt", context)
    return EmailMessage(
        # A header is one line, whatever an editor typed into a title.
        subject=" ".join(subject.split()),
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        headers=headers,
    )


def confirmation_message(email, choices, *, projects, already_subscribed, root):
    """The double opt-in mail, with a link that creates (or updates) the subscription.

    `already_subscribed` changes only what the mail says, never what the page says.
    """
    language = choices.language
    with translation.override(language):
        context = {
            "choices": choices.describe(projects),
            "already_subscribed": already_subscribed,
            "confirm_url": url_in(
                language, root, "subscriptions:confirm", make_confirm_token(email, choices)
            ),
            "unsubscribe_url": unsubscribe_url(root, email, language),
            "subscribe_url": url_in(language, root, "subscriptions:subscribe"),
            "valid_days": confirm_link_days(),
            "root_url": root,
        }
        return _message("confirm", context, email)


class ReleaseMailer:
    """Makes release mails; each release's texts are made once per language, not per mail."""

    def __init__(self, root=None):
        self.root = root or site_root_url()
        self._releases = {}

    def release_context(self, release, language):
        key = (release.pk, language)
        if key not in self._releases:
            with translation.override(language):
                self._releases[key] = {
                    "title": release.title,
                    "intro": release.intro,
                    "type": release.get_release_type_display(),
                    "published_at": release.first_published_at,
                    "url": release.get_full_url(),
                }
        return self._releases[key]

    def message(self, subscriber, release):
        language = subscriber.language
        link = unsubscribe_url(self.root, subscriber.email, language)
        with translation.override(language):
            context = {
                "release": self.release_context(release, language),
                "unsubscribe_url": link,
                "subscribe_url": url_in(language, self.root, "subscriptions:subscribe"),
                "root_url": self.root,
            }
            return _message(
                "release",
                context,
                subscriber.email,
                # RFC 8058: mail clients may unsubscribe with one POST to this address.
                headers={
                    "List-Unsubscribe": f"<{link}>",
                    "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
                },
            )
