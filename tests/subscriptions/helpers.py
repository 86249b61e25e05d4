"""Helpers for the subscription tests: the form, links in mails, releases, an SMTP server."""

import asyncio
import email
import email.policy
import re
import socket
import threading
from urllib.parse import urlsplit

from django.urls import Resolver404, resolve, reverse
from django.utils import translation

from aiosmtpd.controller import Controller

from tests.core.helpers import get_html, parse_html
from tests.factories import DraftReleasePageFactory

URL = re.compile(r"https?://[^\s<>]+")


def subscribe_url(language="fi"):
    return url_in(language, "subscriptions:subscribe")


def url_in(language, name, *args):
    with translation.override(language):
        return reverse(name, args=args)


def subscribe(client, address="lukija@example.fi", *, page_language="fi", ip=None, **data):
    """POST the subscription form on the page in `page_language`; the response."""
    data = {"email": address, "language": page_language, **data}
    extra = {"REMOTE_ADDR": ip} if ip else {}
    return client.post(subscribe_url(page_language), data, **extra)


def links_in(text):
    return URL.findall(text)


def link_to(text, url_name):
    """The first absolute link in `text` whose path resolves to `url_name`, e.g. "confirm"."""
    for url in links_in(text):
        path = urlsplit(url).path
        try:
            with translation.override(translation.get_language_from_path(path) or "fi"):
                match = resolve(path)
        except Resolver404:
            continue
        if match.view_name == f"subscriptions:{url_name}":
            return url
    raise AssertionError(f"No subscriptions:{url_name} link in:\n{text}")


def path_of(url):
    return urlsplit(url).path


def confirm(client, path, status=200):
    """Open a confirmation link and press the page's button, as a browser does.

    Sends back what the form holds (its CSRF token), so that it also works with a client
    made with `enforce_csrf_checks=True`. Returns the parsed page the POST answers with.
    """
    form = get_html(client, path).select_one("form.subscription-form[method=post]")
    data = {
        field["name"]: field.get("value", "") for field in form.select("input[type=hidden][name]")
    }
    response = client.post(form["action"], data)
    assert response.status_code == status, f"POST {path} gave {response.status_code}"
    return parse_html(response)


def publish_release(newsroom, **kwargs):
    """A release created as a draft and then published, as an editor does."""
    release = DraftReleasePageFactory(parent=newsroom, **kwargs)
    release.save_revision().publish()
    release.refresh_from_db()
    return release


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class SMTPServer:
    """aiosmtpd on a free port; stop() and start() again keep the port and the mails.

    It counts the connections that greeted it. `delay` (seconds) keeps each mail in
    flight for a while after the server has stored it and before it answers; after
    `max_per_connection` mails a connection is refused further ones with a 421, as some
    servers do. hold_reply() keeps one mail in flight until its client goes away. An
    address in `refused` is refused for good (550), as for a mailbox that no longer exists.
    """

    def __init__(self, *, delay=0, max_per_connection=None):
        self.port = free_port()
        self.messages = []
        self.connections = 0
        self.delay = delay
        self.max_per_connection = max_per_connection
        self.controller = None
        self.holding = threading.Event()
        self.abandoned = []
        self.refused = set()
        self._hold = None

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        self.connections += 1
        session.host_name = hostname
        session.mails = 0
        return responses

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        if self.max_per_connection and session.mails >= self.max_per_connection:
            return "421 4.7.0 Too many messages on this connection, closing"
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refused:
            return "550 5.1.1 No such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    def hold_reply(self, after, *, keep=False):
        """Keep the mail that comes after `after` accepted ones in flight: no reply to its DATA.

        `holding` is set while the reply waits, until the client goes away (or for 60 s).
        The server then drops the mail, as aiosmtpd does when its client leaves before the
        reply, and puts it in `abandoned`; with `keep`, it counts it as accepted, as a
        server does that had queued the mail before it could reply (RFC 1047).
        """
        self._hold = (after, keep)

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        if self._hold and len(self.messages) == self._hold[0] and not self.holding.is_set():
            await self._hold_reply(message, keep=self._hold[1])
        self.messages.append(message)
        session.mails += 1
        if self.delay:
            await asyncio.sleep(self.delay)
        return "250 Message accepted for delivery"

    async def _hold_reply(self, message, *, keep):
        self.holding.set()
        try:
            # aiosmtpd cancels the handler when the client hangs up.
            await asyncio.sleep(60)
        except asyncio.CancelledError:
            (self.messages if keep else self.abandoned).append(message)
            raise

    def start(self):
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self):
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


def body_of(message):
    """The plain-text body of a received message, or of a Django EmailMessage."""
    if hasattr(message, "get_body"):
        return message.get_body(preferencelist=("plain",)).get_content()
    return message.body
