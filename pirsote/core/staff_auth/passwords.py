"""Password rules for staff: Django's common passwords plus a Finnish list, and no common
word, name, season or month with only digits and symbols around it ("Summer2025!",
"Kesä2025", "2024Salasana").

Used through AUTH_PASSWORD_VALIDATORS, so every password form of the admin applies it:
creating and editing users, changing one's own password and resetting it.
"""

import gzip
import re
from pathlib import Path

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

FINNISH_PASSWORD_LIST_PATH = Path(__file__).resolve().parent / "data" / "common-passwords-fi.txt"
DJANGO_PASSWORD_LIST_PATH = (
    Path(password_validation.__file__).resolve().parent / "common-passwords.txt.gz"
)
# Digits, punctuation, whitespace and underscores at either end.
_SURROUNDINGS = re.compile(r"^[\W\d_]+|[\W\d_]+$")
# A word shorter than this with numbers around it is not treated as a pattern.
MIN_WORD_LENGTH = 3


def read_password_list(path):
    opener = gzip.open if str(path).endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as lines:
        return {line.strip().lower() for line in lines if line.strip() and not line.startswith("#")}


def without_diacritics(text):
    """ "kesä" → "kesa": people type both."""
    return text.translate(str.maketrans("äöå", "aoa"))


def core_word(password):
    """The password without the digits and symbols around it, lower-cased."""
    return _SURROUNDINGS.sub("", password.strip().lower())


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """Django's, with a message of our own: Django's Finnish catalogue lacks its message."""

    def get_error_message(self):
        return ngettext(
            "This password is too short: use at least %(min_length)d character.",
            "This password is too short: use at least %(min_length)d characters.",
            self.min_length,
        ) % {"min_length": self.min_length}


class CommonPasswordValidator(password_validation.CommonPasswordValidator):
    """Refuses passwords in Django's list or the Finnish one, and common words with numbers.

    `password_list_paths`: the lists to read (lower-cased, one password a line, "#" starts
    a comment; ".gz" files are read compressed).
    """

    def __init__(self, password_list_paths=(DJANGO_PASSWORD_LIST_PATH, FINNISH_PASSWORD_LIST_PATH)):
        self.passwords = set()
        for path in password_list_paths:
            self.passwords |= read_password_list(path)
        self.passwords |= {without_diacritics(password) for password in self.passwords}

    def is_listed(self, text):
        return text in self.passwords or without_diacritics(text) in self.passwords

    def validate(self, password, user=None):
        candidate = password.strip().lower()
        if self.is_listed(candidate):
            raise ValidationError(self.get_error_message(), code="password_too_common")
        word = core_word(password)
        if word != candidate and len(word) >= MIN_WORD_LENGTH and self.is_listed(word):
            raise ValidationError(
                _(
                    "This password is a common word or name with only numbers or symbols "
                    "around it, such as a season and a year."
                ),
                code="password_common_word_with_numbers",
            )

    def get_help_text(self):
        return _(
            "Your password can’t be a commonly used password, nor a common word or name "
            "with numbers around it (such as Summer2025)."
        )
