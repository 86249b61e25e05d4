"""The image a page is shared with on social media: its own listing image, or the site's.

Open Graph and Twitter cards show a `fill-1200x630` rendition of the page's listing image
(the size both services ask for; a smaller original gives a smaller rendition, and the card
says its real size), in JPEG or PNG whatever the original's format: not every service takes
WebP or AVIF. The spec comes from pirsote.core.renditions, and the rendition is made when the
image is saved or the page published (rendition_signals). An image under embargo
(`is_private`: only pages that are not live yet use it) is never shared, since its address
must not leave the site before those pages go live: such pages, and pages without an image,
are shared with static/images/share.png.
"""

from dataclasses import dataclass

from django.templatetags.static import static
from django.utils import translation
from django.utils.translation import gettext

from wagtail.images import get_image_model
from wagtail.images.models import SourceImageIOError

from .absolute_urls import absolute_url
from .renditions import ROLES, share_spec, share_spec_candidates

# The size; share_spec() adds a format operation to originals that are not JPEG or PNG.
(SHARE_FILTER,) = ROLES["share"].sizes
FALLBACK_IMAGE = "images/share.png"
FALLBACK_SIZE = (1200, 630)


@dataclass(frozen=True)
class ShareImage:
    url: str  # absolute, given a request
    width: int
    height: int
    alt: str
    is_own: bool  # the page's own image, not the site's


def share_image(page, request):
    """The page's ShareImage in the active language, worked out once per page object.

    The social card and the JSON-LD both ask for it: asking again costs no query. Its URL
    is absolute whenever there is a request to tell the site's address.
    """
    language = translation.get_language()
    memo = page.__dict__.setdefault("_share_images", {})
    if language not in memo:
        memo[language] = _own_image(page, request) or _fallback_image(request)
    return memo[language]


def _own_image(page, request):
    image_id = getattr(page, "listing_image_id", None)
    if not image_id:
        return None
    image = _image_with_share_renditions(image_id)
    if image is None or image.is_private:
        return None
    try:
        rendition = image.get_rendition(share_spec(image))
    except SourceImageIOError:
        # The original is missing from storage: the page still renders, with the site's image.
        return None
    return ShareImage(
        url=_absolute(request, rendition.url),
        width=rendition.width,
        height=rendition.height,
        alt=image.description or "",
        is_own=True,
    )


def _image_with_share_renditions(image_id):
    """The image with its share renditions, in one query once a rendition exists.

    The page's own row holds only the image's id: reading the renditions with their image
    joined costs one query, where the image and then its renditions would cost two.
    Wagtail's get_rendition() picks the one for the current focal point from
    `prefetched_renditions`, and makes it if there is none.
    """
    image_model = get_image_model()
    renditions = list(
        image_model.get_rendition_model()
        .objects.filter(image_id=image_id, filter_spec__in=share_spec_candidates())
        .select_related("image")
    )
    if renditions:
        image = renditions[0].image
    else:
        image = image_model.objects.filter(pk=image_id).first()
        if image is None:
            return None
    image.prefetched_renditions = renditions
    return image


def _absolute(request, url):
    return absolute_url(url, request)


def _fallback_image(request):
    width, height = FALLBACK_SIZE
    return ShareImage(
        url=_absolute(request, static(FALLBACK_IMAGE)),
        width=width,
        height=height,
        alt=gettext("Pirkanmaa health and social services reform"),
        is_own=False,
    )
