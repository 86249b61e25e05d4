"""Renditions are made when an image is saved or a page published, not on a visitor's request.

Every rendition pirsote.core.renditions lists is made for an image when it is saved (a
replaced file, a new focal point, the end of its embargo: a new upload is private) and for
the images a page uses when the page is published; `manage.py generate_renditions` makes
them for every public image.
Once the transaction commits, all at once: one batch per transaction, however many saves.

Private images (new uploads included) get none: their renditions would belong under the
private prefix, and the embargo deletes an image's renditions when it starts and when it ends
(pirsote.core.embargo). The end of an embargo saves the image public, which makes them.
A failure is logged; the save or the publication stands, and pages make what is missing.
"""

import logging
import threading

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction

from wagtail.images import get_image_model
from wagtail.images.models import Filter, SourceImageIOError
from wagtail.models import Page, ReferenceIndex

from .models import PRIVATE_MEDIA_PREFIX
from .renditions import all_specs

logger = logging.getLogger(__name__)

# A save that changes none of these (the file hash, say) changes no rendition.
RENDITION_FIELDS = frozenset(
    {
        "file",
        "is_private",
        "focal_point_x",
        "focal_point_y",
        "focal_point_width",
        "focal_point_height",
    }
)


def generate_renditions(image):
    """Make the image's missing renditions; returns how many were made.

    Reads the image's prefetched renditions when there are any (`renditions` prefetched):
    then an image with all its renditions costs no query.
    """
    existing = {(r.filter_spec, r.focal_point_key) for r in image.renditions.all()}
    missing = [
        spec
        for spec in all_specs(image)
        if (spec, Filter(spec).get_cache_key(image)) not in existing
    ]
    if missing:
        # Wagtail makes several renditions from one read of the original.
        image.get_renditions(*missing)
    return len(missing)


def images_used_by_live_pages(page_ids):
    """The primary keys of the images these pages, if live, show (Wagtail's reference index).

    Their own (listing image, images in their body and inline rows) and those of the
    snippets they use (a contact person's photo, a video's still image).
    """
    live = [str(pk) for pk in Page.objects.filter(pk__in=page_ids, live=True).values_list("pk")]
    if not live:
        return set()
    image_model = get_image_model()
    image_type = ContentType.objects.get_for_model(image_model)
    page_type = ContentType.objects.get_for_model(Page)
    references = ReferenceIndex.objects.filter(base_content_type=page_type, object_id__in=live)
    image_ids = set(
        references.filter(to_content_type=image_type).values_list("to_object_id", flat=True)
    )
    used = models.Q()
    for content_type_id, object_id in references.exclude(
        to_content_type__in=(image_type, page_type)
    ).values_list("to_content_type_id", "to_object_id"):
        used |= models.Q(base_content_type_id=content_type_id, object_id=object_id)
    if used:
        image_ids.update(
            ReferenceIndex.objects.filter(used, to_content_type=image_type).values_list(
                "to_object_id", flat=True
            )
        )
    to_python = image_model._meta.pk.to_python
    return {to_python(object_id) for object_id in image_ids}


def public_images(image_ids=None):
    """Public images, with their renditions: all of them, or those of `image_ids`.

    An image is private until the embargo's refresh has found a public use for it (its own
    save then makes its renditions); one that becomes private in the same commit loses the
    renditions made here when the embargo moves it.
    """
    images = get_image_model().objects.filter(is_private=False)
    if image_ids is not None:
        images = images.filter(pk__in=image_ids)
    images = images.exclude(file__startswith=PRIVATE_MEDIA_PREFIX)
    return images.prefetch_related("renditions").order_by("pk")


def pregenerate(image_ids=None):
    """Make the missing renditions of these images (of every image: None), never failing.

    Returns (images, renditions made, images that failed).
    """
    if image_ids is not None and not image_ids:
        return 0, 0, 0
    images = made = failed = 0
    for image in public_images(image_ids).iterator(chunk_size=100):
        images += 1
        try:
            made += generate_renditions(image)
        except SourceImageIOError:
            failed += 1
            logger.warning("Renditions not made: the original of image %s is missing", image.pk)
        except Exception:
            failed += 1
            logger.exception("Renditions not made for image %s", image.pk)
    return images, made, failed


class _Batch:
    """What one transaction saved and published: its renditions are made once it commits."""

    def __init__(self):
        self.images = set()
        self.pages = set()
        self.done = False

    def run(self):
        if self.done:
            return
        self.done = True
        try:
            image_ids = self.images | images_used_by_live_pages(self.pages)
            images, made, failed = pregenerate(image_ids)
        except Exception:
            # The content change itself is committed; visitors' requests make what is missing.
            logger.exception("Renditions not made: run manage.py generate_renditions")
            return
        if made or failed:
            logger.info("Renditions: %d made for %d images, %d failed", made, images, failed)


_local = threading.local()


def schedule(images=(), pages=()):
    """Make the renditions of these images, and of these pages' images, when the transaction
    commits (at once outside one)."""
    batch = getattr(_local, "batch", None)
    if batch is None or batch.done:
        # A batch whose transaction was rolled back is reused: making more renditions is harmless.
        batch = _local.batch = _Batch()
    batch.images.update(images)
    batch.pages.update(pages)
    transaction.on_commit(batch.run)


def image_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    """Receiver for post_save of the image model."""
    if raw or instance.is_private:
        return
    if update_fields is not None and not RENDITION_FIELDS.intersection(update_fields):
        return
    schedule(images=[instance.pk])


def page_published(sender, instance, **kwargs):
    """Receiver for page_published (which a publication scheduled for later sends too)."""
    schedule(pages=[instance.pk])


def connect():
    from django.db.models.signals import post_save

    from wagtail.signals import page_published as page_published_signal

    post_save.connect(image_saved, sender=get_image_model(), dispatch_uid="renditions_image")
    page_published_signal.connect(page_published, dispatch_uid="renditions_page_published")
