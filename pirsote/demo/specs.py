"""The vocabulary of the demo content: bilingual values, references, specs and body blocks.

Texts are data, not gettext: each `Bi` holds a Finnish and an English value, and a `Ref`
points at another demo object (an image, a person, a page or a registered object such as an
organisation or a grant) that the builder looks up by its stable key.
"""

from dataclasses import dataclass, field
from typing import Any, NamedTuple

from pirsote.core.models import Licence


class Bi(NamedTuple):
    """A value in Finnish and in English."""

    fi: Any
    en: Any


class Ref(NamedTuple):
    """A reference to a demo object by kind ("image", "person", "page", "goal"...) and key."""

    kind: str
    key: str


def image_ref(key):
    return Ref("image", key)


def person_ref(name):
    return Ref("person", name)


def page_ref(slug_fi):
    return Ref("page", slug_fi)


@dataclass
class ImageSpec:
    key: str  # also the file name: original_images/demo-<key>.png
    title: str  # the stable lookup key in the image library
    description: Bi  # alt text
    draw: Any  # a callable returning PNG bytes
    credit: Bi = None
    licence: str = Licence.CC0
    free_for_media_use: bool = True


@dataclass
class PersonSpec:
    name: str  # the stable lookup key
    job_title: Bi
    organisation: Bi
    phone: str
    email: str


@dataclass
class PageSpec:
    """A page and its children.

    `fields` holds the page type's own fields by name: a Bi fills name_fi and name_en, a Ref
    becomes the object it points at, a list of Refs fills a many-to-many field and a list of
    dicts (of the same kinds of values) replaces the rows of an inline child relation.
    """

    model: str  # "app_label.ModelName", e.g. "core.ReformPage" or "projects.ProjectPage"
    title: Bi
    slug: Bi  # slug.fi is the stable lookup key under the parent, and the key of page Refs
    intro: Bi
    body: list = field(default_factory=list)
    listing_image: str | None = None
    show_in_menus: bool = False
    fields: dict = field(default_factory=dict)
    children: list = field(default_factory=list)


@dataclass
class ObjectSpec:
    """A non-page object (a snippet) found by a stable lookup field and referable by `kind`.

    `fields` works as on PageSpec. Orderable models keep the order of their specs. Models
    with drafts and revisions get a published revision only when something changed.
    """

    kind: str  # the Ref kind, e.g. "organisation"
    model: str  # "app_label.ModelName"
    key: str  # the value of lookup_field, and the key of Refs to this object
    fields: dict = field(default_factory=dict)
    lookup_field: str = "slug"


# Body blocks in Wagtail's raw StreamField format, still holding Bi and Ref values.


def heading(fi, en, level="h2"):
    return {"type": "heading", "value": {"text": Bi(fi, en), "level": level}}


def paragraph(fi, en):
    return {"type": "paragraph", "value": Bi(fi, en)}


def image(ref, caption=None):
    return {"type": "image", "value": {"image": ref, "caption": caption or Bi("", "")}}


def quote(text, attribution):
    return {"type": "quote", "value": {"quote": text, "attribution": attribution}}


def link_list(title, *links):
    """links: (page Ref, Bi text or None for the page title) or (URL, Bi text)."""
    items = []
    for target, text in links:
        if isinstance(target, Ref):
            items.append({"page": target, "url": "", "text": text or ""})
        else:
            items.append({"page": None, "url": target, "text": text})
    return {"type": "link_list", "value": {"heading": title, "links": items}}


def contact_people(title, *names):
    return {
        "type": "contact_people",
        "value": {"heading": title, "people": [person_ref(name) for name in names]},
    }
