"""The message catalogues are complete, compiled, and used."""

import gettext
import json
import re
from pathlib import Path

from django.conf import settings
from django.utils import translation

import pytest

LOCALE_DIR = Path(settings.BASE_DIR) / "locale"
ENTRY = re.compile(r'^msgid "(.*)"\n((?:".*"\n)*)msgstr "(.*)"\n((?:".*"\n)*)', re.MULTILINE)
# The key a compiled catalogue files a message under: "context\x04msgid" when it has a context.
CATALOGUE_KEY = re.compile(
    r'^(?:msgctxt "(.*)"\n)?msgid "(.*)"\n((?:".*"\n)*)msgid_plural|'
    r'^(?:msgctxt "(.*)"\n)?msgid "(.*)"\n((?:".*"\n)*)msgstr',
    re.MULTILINE,
)


def unescape(po_string):
    """A PO string's text: its escapes (\\", \\n) are JSON's."""
    return json.loads(f'"{po_string}"')


def catalogue_keys(text):
    """What gettext looks messages up by: msgid, "context\x04msgid", (msgid, 0) for plurals."""
    keys = set()
    for match in CATALOGUE_KEY.finditer(text):
        is_plural = match.group(2) is not None
        context, first, rest = match.group(1, 2, 3) if is_plural else match.group(4, 5, 6)
        msgid = unescape(first + "".join(re.findall(r'"(.*)"', rest or "")))
        if msgid:
            key = f"{context}\x04{msgid}" if context is not None else msgid
            keys.add((key, 0) if is_plural else key)
    return keys


def untranslated_entries(po_path):
    text = po_path.read_text(encoding="utf-8")
    missing = []
    for match in ENTRY.finditer(text):
        msgid = match.group(1) + "".join(re.findall(r'"(.*)"', match.group(2)))
        msgstr = match.group(3) + "".join(re.findall(r'"(.*)"', match.group(4)))
        if msgid and not msgstr:
            missing.append(msgid)
    # Plural forms: msgstr[0], msgstr[1]... each with text of its own.
    missing += re.findall(r'^msgstr\[\d+\] ""\n(?!")', text, re.MULTILINE)
    return missing


@pytest.mark.parametrize("language", ["fi", "en"])
def test_every_interface_string_is_translated(language):
    po_path = LOCALE_DIR / language / "LC_MESSAGES" / "django.po"
    assert untranslated_entries(po_path) == []


@pytest.mark.parametrize("language", ["fi", "en"])
def test_compiled_catalogue_holds_every_source_string(language):
    directory = LOCALE_DIR / language / "LC_MESSAGES"
    with (directory / "django.mo").open("rb") as mo_file:
        catalogue = gettext.GNUTranslations(mo_file)._catalog
    msgids = catalogue_keys((directory / "django.po").read_text(encoding="utf-8"))
    assert msgids
    assert msgids - set(catalogue) == set(), "run `make messages` and commit the .mo files"


def test_finnish_interface_strings_render(client, home_page):
    response = client.get("/")
    assert "Siirry pääsisältöön" in response.content.decode()
    with translation.override("fi"):
        assert translation.gettext("Pirkanmaa health and social services reform") == (
            "Pirkanmaan sote-uudistus"
        )


def test_english_interface_strings_render(client, home_page):
    response = client.get("/en/")
    assert "Skip to main content" in response.content.decode()
    assert "Siirry pääsisältöön" not in response.content.decode()
