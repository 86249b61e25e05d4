"""schema.org data (JSON-LD) for search engines: what a page is, and who publishes it.

A page type that has something to say defines `structured_data(request)` returning a dict;
the base template renders it in a `<script type="application/ld+json">` data block (data,
never run, so a strict Content-Security-Policy is not concerned).
"""

import json

from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from .absolute_urls import absolute_url
from .models import SiteSettings

# json.dumps leaves these as they are; in HTML they could end the script element early.
_UNSAFE = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


def json_ld(data):
    if not data:
        return ""
    payload = json.dumps({"@context": "https://schema.org", **data}, ensure_ascii=False)
    return format_html(
        '<script type="application/ld+json">{}</script>', mark_safe(payload.translate(_UNSAFE))
    )


def publisher(request):
    """The publishing organisation, from the site settings: a GovernmentOrganization."""
    site_settings = SiteSettings.for_request(request)
    if not site_settings.publisher_name:
        return None
    data = {
        "@type": "GovernmentOrganization",
        "name": site_settings.publisher_name,
        "url": absolute_url("/" if get_language() == "fi" else f"/{get_language()}/", request),
    }
    if site_settings.email:
        data["email"] = site_settings.email
    if site_settings.phone:
        data["telephone"] = site_settings.phone
    if site_settings.address:
        data["address"] = " ".join(site_settings.address.split())
    return data


# Types whose schema.org `image` is a picture of the page's subject; the publisher's would be
# its logo, which the site has none of.
ILLUSTRATED_TYPES = {"NewsArticle", "Project"}


def with_image(data, image):
    """`data` with the page's own share image (pirsote.core.sharing) as its `image`.

    The site's generic share image is no picture of an article or a project: left out.
    """
    if not data or "image" in data or not image.is_own:
        return data
    if data.get("@type") not in ILLUSTRATED_TYPES:
        return data
    return {
        **data,
        "image": {
            "@type": "ImageObject",
            "url": image.url,
            "width": image.width,
            "height": image.height,
        },
    }
