"""Signed links: confirming a subscription (expires) and unsubscribing (does not).

The confirmation link carries the address and the choices, so that nothing needs storing
before its owner confirms. Each kind of link has its own salt, so that one cannot be
passed off as the other. Both raise `signing.BadSignature` for anything not made here
(`signing.SignatureExpired`, a subclass, for an old confirmation link).
"""

from django.conf import settings
from django.core import signing

from .models import Choices

CONFIRM_SALT = "pirsote.subscriptions.confirm"
UNSUBSCRIBE_SALT = "pirsote.subscriptions.unsubscribe"


def confirm_link_days():
    """How many days a confirmation link works, for the texts that say so."""
    return settings.SUBSCRIPTIONS_CONFIRM_MAX_AGE // (24 * 60 * 60)


def make_confirm_token(email, choices):
    payload = {
        "e": email,
        "l": choices.language,
        "t": list(choices.release_types),
        "p": list(choices.project_ids),
    }
    return signing.dumps(payload, salt=CONFIRM_SALT, compress=True)


def read_confirm_token(token):
    """(email, Choices) from a confirmation link made within SUBSCRIPTIONS_CONFIRM_MAX_AGE."""
    payload = signing.loads(
        token, salt=CONFIRM_SALT, max_age=settings.SUBSCRIPTIONS_CONFIRM_MAX_AGE
    )
    try:
        email, language, types, projects = (payload[key] for key in ("e", "l", "t", "p"))
        if not (
            isinstance(email, str)
            and language in dict(settings.LANGUAGES)
            and all(isinstance(value, str) for value in types)
            and all(isinstance(value, int) for value in projects)
        ):
            raise TypeError
    except (KeyError, TypeError) as error:
        # Signed with our key but not by this code: treat as any other bad link.
        raise signing.BadSignature("Malformed subscription token") from error
    return email, Choices(language, types, projects)


def make_unsubscribe_token(email):
    return signing.dumps(email.lower(), salt=UNSUBSCRIBE_SALT)


def read_unsubscribe_token(token):
    """The address an unsubscribe link is for; such links never expire."""
    email = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    if not isinstance(email, str):
        raise signing.BadSignature("Malformed unsubscribe token")
    return email
