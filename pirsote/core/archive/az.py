"""The archive's search page: every public page of the language from A to Z, no script."""

import unicodedata
from itertools import groupby

from django.shortcuts import render
from django.utils import translation

from wagtail.models import Site

from ..visibility import visible_pages

# Finnish alphabetical order: Å, Ä and Ö are letters of their own after Z (the characters
# after "z" in ASCII). In English they are A and O with a mark, as é is e.
AFTER_Z = {"fi": {"å": "{", "ä": "|", "ö": "}"}}
OTHER = "#"


def sort_key(title, language="fi"):
    after_z = AFTER_Z.get(language, {})
    key = []
    for character in title.casefold():
        key.append(after_z.get(character) or unicodedata.normalize("NFD", character)[0])
    return "".join(key)


def initial(title, language="fi"):
    """The letter a title is listed under: A–Z (in Finnish also Å, Ä, Ö), or "#"."""
    for character in title.strip()[:1].casefold():
        if character in AFTER_Z.get(language, {}):
            return character.upper()
        base = unicodedata.normalize("NFD", character)[0]
        if "a" <= base <= "z":
            return base.upper()
    return OTHER


def az_entries(request):
    """[(letter, [(title, url, page), ...]), ...] in alphabetical order, in the active language."""
    site = Site.find_for_request(request)
    if site is None:
        return []
    entries = []
    for page in visible_pages(site).order_by("path"):
        url = page.get_url(request=request)
        if url and page.title:
            entries.append((page.title, url, page))
    language = translation.get_language()
    entries.sort(key=lambda entry: (sort_key(entry[0], language), entry[1]))
    return [
        (letter, list(group))
        for letter, group in groupby(entries, key=lambda entry: initial(entry[0], language))
    ]


def az_index(request):
    return render(request, "core/archive/az_index.html", {"letters": az_entries(request)})
