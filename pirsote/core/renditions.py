"""The image renditions the site shows, listed once: templates and pre-generation both read this.

Templates ask for an image in a *role* (`{% responsive_picture image "card" %}`, in
rendition_tags); the role names the sizes, and every size comes in AVIF (where Pillow can
write it) and WebP for `<source>` elements, plus a JPEG or PNG fallback for the `<img>`.
rendition_signals makes the same list of renditions when an image is saved, when a page is
published and by `manage.py generate_renditions`, so that no visitor waits for one.

The fallback keeps the original's own format (no `format-` operation: the renditions that
existed before the modern formats did are still the ones used) when that is JPEG or PNG;
other originals get JPEG, or PNG when they may be transparent (GIF). Share images for social
media (`share`) are that fallback alone: not every service takes WebP or AVIF.
"""

import os
from dataclasses import dataclass

from PIL import features

# Best first: the order of the <source> elements comes from Wagtail's Picture.
MODERN_FORMATS = ("avif", "webp") if features.check("avif") else ("webp",)

# The original's format, from its file name: Wagtail's upload validation makes them agree.
_EXTENSION_FORMATS = {
    ".jpg": "jpeg",
    ".jpeg": "jpeg",
    ".png": "png",
    ".gif": "gif",
    ".webp": "webp",
    ".avif": "avif",
    ".heic": "heic",
    ".heif": "heic",
    ".bmp": "png",  # Wagtail converts BMP to PNG by default
}
FALLBACK_FORMATS = ("jpeg", "png")


@dataclass(frozen=True)
class Role:
    """Where an image is shown: its sizes, smallest first, and how it is offered."""

    sizes: tuple[str, ...]
    # The <img sizes> attribute: how wide the image is shown, for the browser to pick a size.
    html_sizes: str = ""
    # AVIF and WebP besides the fallback; off where an address, not an element, is wanted.
    modern: bool = True


ROLES = {
    # Listing cards (pages, releases, projects, service models): a grid of 18rem+ columns.
    "card": Role(
        ("fill-480x270", "fill-960x540"),
        html_sizes="(min-width: 72rem) 23rem, (min-width: 40rem) 45vw, 100vw",
    ),
    # An image block in a page body, and a release's press photos: up to the text's measure.
    "content": Role(("width-800", "width-1600"), html_sizes="(min-width: 52rem) 50rem, 100vw"),
    # Media bank thumbnails: a grid of 16rem+ columns.
    "media": Role(
        ("fill-480x320", "fill-960x640"),
        html_sizes="(min-width: 72rem) 22rem, (min-width: 36rem) 45vw, 100vw",
    ),
    # A contact person's photo, shown 6rem wide.
    "contact": Role(("fill-160x160",)),
    # <video poster>: one address, so the fallback format only.
    "poster": Role(("width-1200",), modern=False),
    "media_poster": Role(("width-960",), modern=False),
    # Open Graph and Twitter cards (pirsote.core.sharing).
    "share": Role(("fill-1200x630",), modern=False),
}


def original_format(image):
    name = image.file.name if image.file else ""
    return _EXTENSION_FORMATS.get(os.path.splitext(name)[1].lower(), "jpeg")


def fallback_format(image):
    """The format of the <img> and of shared images: the original's when JPEG or PNG."""
    original = original_format(image)
    if original in FALLBACK_FORMATS:
        return original
    return "png" if original == "gif" else "jpeg"


def fallback_spec(image, size):
    """A size's filter spec in the fallback format: the original's format needs no operation."""
    if original_format(image) in FALLBACK_FORMATS:
        return size
    return f"{size}|format-{fallback_format(image)}"


def role_specs(image, role):
    """The filter specs of one role for this image: the fallback sizes first, then the modern."""
    role = ROLES[role]
    specs = [fallback_spec(image, size) for size in role.sizes]
    if role.modern:
        specs += [f"{size}|format-{fmt}" for fmt in MODERN_FORMATS for size in role.sizes]
    return specs


def all_specs(image):
    """Every filter spec the site may show this image with, each once."""
    return list(dict.fromkeys(spec for role in ROLES for spec in role_specs(image, role)))


def share_spec(image):
    (spec,) = role_specs(image, "share")
    return spec


def share_spec_candidates(size=ROLES["share"].sizes[0]):
    """Every spec share_spec() can give, for looking renditions up before the image is known."""
    return [size, *(f"{size}|format-{fmt}" for fmt in FALLBACK_FORMATS)]


def role_spec_variants(*roles):
    """Every filter spec the roles may use, whatever the original's format."""
    specs = []
    for name in roles:
        role = ROLES[name]
        for size in role.sizes:
            specs += [size, *(f"{size}|format-{fmt}" for fmt in FALLBACK_FORMATS)]
            if role.modern:
                specs += [f"{size}|format-{fmt}" for fmt in MODERN_FORMATS]
    return list(dict.fromkeys(specs))


def prefetch_renditions(lookup, *roles):
    """A Prefetch of the renditions at `lookup` (e.g. "listing_image__renditions") that the
    roles show, for `prefetch_related()`.

    Wagtail then finds them there without a query; without the limit every image brings all
    of its renditions, some twenty model instances for a card that shows six.
    """
    from django.db.models import Prefetch

    from wagtail.images import get_image_model

    renditions = (
        get_image_model()
        .get_rendition_model()
        .objects.filter(filter_spec__in=role_spec_variants(*roles))
    )
    return Prefetch(lookup, queryset=renditions)
