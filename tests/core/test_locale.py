"""The message catalogues are complete, compiled, and used."""

import gettext
import re
from pathlib import Path

from django.conf import settings
from django.utils import translation

import pytest

LOCALE_DIR = Path(settings.BASE_DIR) / "locale"
ENTRY = re.compile(r'^msgid "(.*)"\n((?:".*"\n)*)msgstr "(.*)"\n((?:".*"\n)*)', re.MULTILINE)


def untranslated_entries(po_path):
    text = po_path.read_text(encoding="utf-8")
    missing = []
    for match in ENTRY.finditer(text):
        msgid = match.group(1) + "".join(re.findall(r'"(.*)"', match.group(2)))
        msgstr = match.group(3) + "".join(re.findall(r'"(.*)"', match.group(4)))
        if msgid and not msgstr:
            missing.append(msgid)
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
    text = (directory / "django.po").read_text(encoding="utf-8")
    msgids = {
        match.group(1) + "".join(re.findall(r'"(.*)"', match.group(2)))
        for match in ENTRY.finditer(text)
    }
    msgids.discard("")
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
