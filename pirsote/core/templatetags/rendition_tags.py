"""Images in the roles of pirsote.core.renditions: `<picture>` elements and single renditions.

These wrap Wagtail's own: the specs come from the one list that pre-generation also uses, so
a template cannot ask for a rendition that was not made in advance.
"""

import functools
import os
from collections import defaultdict

from django import template
from django.utils import translation

from wagtail.images.models import Filter, Picture
from wagtail.images.shortcuts import get_renditions_or_not_found

from .. import content_version
from ..renditions import ROLES, role_specs
from .core_tags import fallback_language

register = template.Library()

_FILE_FORMATS = {".jpg": "jpeg", ".jpeg": "jpeg", ".png": "png", ".gif": "gif"}


@functools.cache
def _filter(spec):
    """One parsed Filter per spec for the process: Wagtail parses a spec string on every use."""
    return Filter(spec=spec)


def _renditions(image, specs):
    return get_renditions_or_not_found(image, [_filter(spec) for spec in specs])


def _file_format(rendition):
    extension = os.path.splitext(rendition.file.name)[1].lower()
    return _FILE_FORMATS.get(extension, extension.lstrip("."))


class RolePicture(Picture):
    """Wagtail's Picture, grouping renditions by the format of their files.

    Wagtail groups by the `format-` operation in the spec; a fallback that keeps the
    original's format has none.
    """

    def get_formats(self, renditions):
        formats = defaultdict(list)
        for rendition in renditions.values():
            formats[_file_format(rendition)].append(rendition)
        return formats if len(formats) > 1 else {}


def _distinct_sizes(renditions):
    """The renditions less those of a size already there: a small original gives several."""
    seen = set()
    distinct = {}
    for spec, rendition in renditions.items():
        key = (_file_format(rendition), rendition.width)
        if key not in seen:
            seen.add(key)
            distinct[spec] = rendition
    return distinct


def _is_first_picture(context):
    """True for the first image a request's page shows: the one likely above the fold."""
    request = context.get("request")
    if request is None:
        return False
    shown = getattr(request, "_pirsote_pictures_shown", 0)
    request._pirsote_pictures_shown = shown + 1
    return shown == 0


@register.simple_tag(takes_context=True)
def responsive_picture(context, image, role, **attrs):
    """`<picture>`: AVIF and WebP sources and a JPEG or PNG `<img>` of a role's sizes.

    The `<img>` has the fallback's width and height, the image's alt text in the active
    language (`lang="fi"` where it falls back to Finnish) unless `alt` is given, and
    `loading="lazy"` unless it is the page's first image or `loading` is given.
    """
    if not image:
        return ""
    first = _is_first_picture(context)
    attrs = {name: value for name, value in attrs.items() if value is not None}
    key = (image.pk, role, first, translation.get_language(), tuple(sorted(attrs.items())))
    version = content_version.for_request(context.get("request"))
    html = _PICTURES.get(key, version)
    if html is None:
        html = _PICTURES.set(key, _picture_html(image, role, first, attrs))
    return html


class _VersionedMemo:
    """A process's memo of rendered pictures, emptied when the content version changes.

    A picture's HTML depends on its image's file, focal point, description and renditions,
    and a change to any of them bumps the content version (pirsote.core.content_version).
    Bounded: a crawler walking every page of the newsroom must not grow it without end.
    """

    MAX_ENTRIES = 5000

    def __init__(self):
        self.version = None
        self.entries = {}

    def get(self, key, version):
        if version != self.version:
            self.version, self.entries = version, {}
            return None
        return self.entries.get(key)

    def set(self, key, value):
        if len(self.entries) >= self.MAX_ENTRIES:
            self.entries.clear()
        self.entries[key] = value
        return value


_PICTURES = _VersionedMemo()


def _picture_html(image, role, first, attrs):
    renditions = _distinct_sizes(_renditions(image, role_specs(image, role)))
    if "alt" not in attrs:
        language = fallback_language(image, "description")
        if language:
            attrs["lang"] = language
    if "loading" not in attrs and not first:
        attrs["loading"] = "lazy"
    several_sizes = len(renditions) > len({_file_format(r) for r in renditions.values()})
    if several_sizes and ROLES[role].html_sizes:
        attrs.setdefault("sizes", ROLES[role].html_sizes)
    else:
        attrs.pop("sizes", None)
    return RolePicture(renditions, attrs).__html__()


@register.simple_tag
def role_rendition(image, role):
    """The role's first size in the fallback format, e.g. for `<video poster>`; None if no image."""
    if not image:
        return None
    specs = role_specs(image, role)
    return _renditions(image, specs)[specs[0]]
