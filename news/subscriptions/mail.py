"""The confirmation and release mails: plain text from templates, in the reader's language.

Links are absolute, on the site's public address (SITE_BASE_URL, through
pirsote.core.absolute_urls), so that they are the same whether a mail is made in a web
request or by the worker.
"""

from email.header import Header
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from news.models import ReleasePage
from pirsote.core.absolute_urls import base_url, page_url

from .tokens import confirm_link_days, make_confirm_token, make_unsubscribe_token


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


class ReleaseEmailMessage(EmailMessage):
    """A release mail whose Subject header was encoded once for all mails of the release.

    Django encodes a non-ASCII subject (MIME encoded words) for every message, and that
    was the largest CPU cost of a mail; the header is the same bytes either way.
    """

    def __init__(self, *args, encoded_subject, **kwargs):
        super().__init__(*args, **kwargs)
        self.encoded_subject = encoded_subject

    def message(self, *args, **kwargs):
        subject, self.subject = self.subject, self.encoded_subject
        try:
            return super().message(*args, **kwargs)
        finally:
            self.subject = subject


def encode_header(value):
    """`value` as Django puts it in a header: unchanged if ASCII, else MIME encoded words."""
    if value.isascii():
        return value
    return Header(value, settings.DEFAULT_CHARSET).encode()


class ReleaseMailer:
    """Makes release mails for a run of the worker.

    A release's subject and body are rendered once per language, with a marker where the
    unsubscribe link goes; each mail then only gets its subscriber's link put in. Loaded
    releases are kept by pk, so that a worker reads each release once per run.
    """

    # Django's form fields refuse NUL characters: no title or intro can contain one.
    UNSUBSCRIBE_MARK = "\x00unsubscribe\x00"
    TOKEN_MARK = "TOKEN"

    def __init__(self, root=None):
        self.root = root or base_url()
        # Message-IDs are made on the site's own domain, as RFC 5322 recommends.
        self.domain = urlsplit(self.root).hostname or "localhost"
        self.releases = {}
        self._texts = {}
        self._unsubscribe_urls = {}

    def load_releases(self, pks):
        """Read the releases among `pks` not yet read: one query, or none."""
        missing = set(pks) - self.releases.keys()
        if missing:
            self.releases.update(ReleasePage.objects.in_bulk(missing))

    def release_context(self, release, language):
        with translation.override(language):
            return {
                "title": release.title,
                "intro": release.intro,
                "type": release.get_release_type_display(),
                "published_at": release.first_published_at,
                "url": page_url(release),
            }

    def texts(self, release, language):
        """(subject, encoded subject, body) in `language`, the body with UNSUBSCRIBE_MARK."""
        key = (release.pk, language)
        if key not in self._texts:
            with translation.override(language):
                context = {
                    "release": self.release_context(release, language),
                    "unsubscribe_url": self.UNSUBSCRIBE_MARK,
                    "subscribe_url": url_in(language, self.root, "subscriptions:subscribe"),
                    "root_url": self.root,
                }
                subject = render_to_string("subscriptions/email/release_subject.txt", context)
                body = render_to_string("subscriptions/email/release_body.txt", context)
            # A header is one line, whatever an editor typed into a title.
            subject = " ".join(subject.split())
            self._texts[key] = (subject, encode_header(subject), body)
        return self._texts[key]

    def unsubscribe_url(self, email, language):
        """As unsubscribe_url(), with the URL resolved once per language."""
        if language not in self._unsubscribe_urls:
            # Tokens are URL-safe: reverse() would put them in unchanged.
            self._unsubscribe_urls[language] = url_in(
                language, self.root, "subscriptions:unsubscribe", self.TOKEN_MARK
            )
        return self._unsubscribe_urls[language].replace(
            f"/{self.TOKEN_MARK}/", f"/{make_unsubscribe_token(email)}/"
        )

    def message_id(self, delivery):
        """The same for every attempt at one delivery, so that a copy can be recognised."""
        return f"<release-{delivery.release_id}.mail-{delivery.pk}@{self.domain}>"

    def message(self, subscriber, release, *, message_id=None):
        """The release mail to `subscriber`, in their language."""
        subject, encoded_subject, body = self.texts(release, subscriber.language)
        link = self.unsubscribe_url(subscriber.email, subscriber.language)
        headers = {
            # RFC 8058: mail clients may unsubscribe with one POST to this address.
            "List-Unsubscribe": f"<{link}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        }
        if message_id:
            headers["Message-ID"] = message_id
        return ReleaseEmailMessage(
            subject=subject,
            encoded_subject=encoded_subject,
            body=body.replace(self.UNSUBSCRIBE_MARK, link),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[subscriber.email],
            headers=headers,
        )

    def delivery_message(self, delivery):
        """The mail of a Delivery read with its subscriber, after load_releases()."""
        return self.message(
            delivery.subscriber,
            self.releases[delivery.release_id],
            message_id=self.message_id(delivery),
        )
