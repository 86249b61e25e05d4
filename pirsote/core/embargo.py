"""Embargo-safe media: images and documents that only unpublished content uses are not public.

A medium (image or document) is under embargo while something unpublished uses it and nothing
published does. Unpublished: a page (or a snippet with drafts) that is not live, i.e. a draft,
a release scheduled for later, an unpublished or expired page, and a revision approved to go
live later. Anything else is public: media that a live page, a plain snippet (a contact
person's photo, a media bank video) or nothing at all uses.

Wagtail's reference index says what uses what. It records a page's row, which holds the
content of a page that is not live (the admin saves drafts of such pages to the row, and a
scheduled publication writes the revision to it); a revision scheduled for a page that is
already live exists only as a revision, so those are read here.

An embargoed image keeps its original and renditions under PRIVATE_MEDIA_PREFIX in storage,
which only editors are served (pirsote.core.media); embargoed documents are listed in
EmbargoedDocument, which the document view checks. The state is recomputed, for every
medium at once, after each change to what pages and snippets use or whether they are live
(wagtail_hooks.py), once the transaction commits, and by `manage.py refresh_media_privacy`.
Page views read only the image's own `is_private` field: no queries of their own.
"""

import logging
import os
import threading
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist
from django.core.files.move import file_move_safe
from django.db import models, transaction
from django.db.models.functions import Cast

from modelcluster.fields import ParentalKey
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import DraftStateMixin, Page, ReferenceIndex, Revision

from .models import PRIVATE_MEDIA_PREFIX, EmbargoedDocument

logger = logging.getLogger(__name__)


def may_see_embargoed(user):
    """Editors preview unpublished pages, so they get embargoed media; nobody else does."""
    return user.is_active and user.has_perm("wagtailadmin.access_admin")


def document_is_embargoed(document):
    return EmbargoedDocument.objects.filter(document_id=document.pk).exists()


# The rule


def _content_type(model):
    return ContentType.objects.get_for_model(model, for_concrete_model=False)


def _base_model(model):
    # The reference index records a page under Page, whatever its type.
    parents = model._meta.get_parent_list()
    return parents[-1] if parents else model


def _draft_state_models():
    return {
        _base_model(model)
        for model in ReferenceIndex.indexed_models
        if issubclass(model, DraftStateMixin)
    }


def embargoed_media():
    """The primary keys of the images and of the documents under embargo, as two sets."""
    image_model, document_model = get_image_model(), get_document_model()
    image_content_type = _content_type(image_model).pk
    document_content_type = _content_type(document_model).pk
    media = (image_content_type, document_content_type)
    unpublished_uses = set()  # (content type id, object id) of media
    unpublished_users = set()  # (base content type id, object id) of what uses them

    for model in _draft_state_models():
        content_type = _content_type(model)
        not_live = model._default_manager.filter(live=False).values_list(
            Cast("pk", output_field=models.CharField()), flat=True
        )
        references = ReferenceIndex.objects.filter(
            base_content_type=content_type, object_id__in=not_live, to_content_type__in=media
        ).values_list("object_id", "to_content_type_id", "to_object_id")
        for object_id, to_content_type_id, to_object_id in references:
            unpublished_users.add((content_type.pk, object_id))
            unpublished_uses.add((to_content_type_id, to_object_id))

    for revision in Revision.objects.filter(approved_go_live_at__isnull=False):
        try:
            scheduled = revision.as_object()
        except ObjectDoesNotExist:
            continue
        # The same extraction the reference index applies to rows.
        references = ReferenceIndex._extract_references_from_object(scheduled)
        for to_content_type_id, to_object_id, *_paths in references:
            if to_content_type_id in media:
                unpublished_uses.add((to_content_type_id, to_object_id))

    uses = models.Q()
    for content_type_id in media:
        ids = {object_id for ct, object_id in unpublished_uses if ct == content_type_id}
        if ids:
            uses |= models.Q(to_content_type_id=content_type_id, to_object_id__in=ids)
    public_uses = set()
    if uses:
        references = ReferenceIndex.objects.filter(uses).values_list(
            "to_content_type_id", "to_object_id", "base_content_type_id", "object_id"
        )
        for to_content_type_id, to_object_id, *user in references:
            if tuple(user) not in unpublished_users:
                public_uses.add((to_content_type_id, to_object_id))

    embargoed = unpublished_uses - public_uses

    def pks(model, content_type_id):
        to_python = model._meta.pk.to_python
        return {to_python(object_id) for ct, object_id in embargoed if ct == content_type_id}

    return pks(image_model, image_content_type), pks(document_model, document_content_type)


# Bringing images and documents in line with it


@dataclass
class Changes:
    """What one refresh changed, and how many media are under embargo after it."""

    images_made_private: int = 0
    images_made_public: int = 0
    documents_made_private: int = 0
    documents_made_public: int = 0
    stray_renditions_removed: int = 0
    images_under_embargo: int = 0
    documents_under_embargo: int = 0

    @property
    def changed_anything(self):
        return any(
            (
                self.images_made_private,
                self.images_made_public,
                self.documents_made_private,
                self.documents_made_public,
                self.stray_renditions_removed,
            )
        )


def private_name(name):
    return name if name.startswith(PRIVATE_MEDIA_PREFIX) else PRIVATE_MEDIA_PREFIX + name


def public_name(name):
    return name.removeprefix(PRIVATE_MEDIA_PREFIX)


def _move_file(storage, name, target, max_length):
    """Move a stored file to `target` (or a free name like it); returns the name it got."""
    if not storage.exists(name):
        logger.warning("Media embargo: %s is missing from storage", name)
        return target
    target = storage.get_available_name(target, max_length=max_length)
    try:
        source_path, target_path = storage.path(name), storage.path(target)
    except NotImplementedError:
        # Remote storage: copy, then delete.
        with storage.open(name, "rb") as source:
            target = storage.save(target, source, max_length=max_length)
        storage.delete(name)
        return target
    # On a local disk a rename: the file is never at both addresses.
    os.makedirs(os.path.dirname(target_path), exist_ok=True)
    file_move_safe(source_path, target_path)
    return target


def _delete_renditions(renditions):
    count = 0
    for rendition in renditions:
        # Wagtail's own handlers also purge the cached rendition and delete the file after
        # the commit (through the task queue); the file goes now, so it cannot be fetched later.
        rendition.delete()
        rendition.file.storage.delete(rendition.file.name)
        count += 1
    return count


def set_image_privacy(image, private):
    """Move the original to or from the private prefix; renditions are made again on demand."""
    # Before the flag changes: their cache keys depend on it (CustomRendition).
    _delete_renditions(image.renditions.all())
    name = image.file.name
    target = private_name(name) if private else public_name(name)
    if target != name:
        max_length = image._meta.get_field("file").max_length
        # The name alone changes: the file's contents, size, hash and focal point stay.
        image.file.name = _move_file(image.file.storage, name, target, max_length)
    image.is_private = private
    image.save(update_fields=["file", "is_private"])


def _update_reference_index(model, pk):
    """Index the object (or the page or snippet that owns it) now, whatever the task queue does.

    With a queued task backend the index could lag behind the commit; and Wagtail indexes a
    page before the admin saves its inline children, so removed children would linger.
    """
    instance = model._default_manager.filter(pk=pk).first()
    while instance is not None:
        parental_key = next(
            (f for f in instance._meta.get_fields() if isinstance(f, ParentalKey)), None
        )
        if parental_key is None:
            break
        instance = getattr(instance, parental_key.name)
    if instance is None:
        return
    if isinstance(instance, Page):
        instance = instance.specific
    if ReferenceIndex.is_indexed(type(instance)):
        with transaction.atomic():
            ReferenceIndex.create_or_update_for_object(instance)


def refresh_media_privacy(reindex=()):
    """Bring every image and document in line with the rule; idempotent. Returns the Changes.

    `reindex`: (model, pk) pairs whose references to update first. Call this outside a
    transaction (schedule_refresh does): files are moved at once.
    """
    for model, pk in reindex:
        _update_reference_index(model, pk)
    private_images, private_documents = embargoed_media()
    changes = Changes()

    image_model = get_image_model()
    for image in image_model.objects.filter(pk__in=private_images).exclude(
        is_private=True, file__startswith=PRIVATE_MEDIA_PREFIX
    ):
        set_image_privacy(image, True)
        changes.images_made_private += 1
    for image in image_model.objects.exclude(pk__in=private_images).filter(
        models.Q(is_private=True) | models.Q(file__startswith=PRIVATE_MEDIA_PREFIX)
    ):
        set_image_privacy(image, False)
        changes.images_made_public += 1
    # Made by a request that still had the image as it was before the change.
    stray = image_model.get_rendition_model().objects.select_related("image")
    changes.stray_renditions_removed = _delete_renditions(
        stray.filter(image__is_private=True).exclude(file__startswith=PRIVATE_MEDIA_PREFIX)
    ) + _delete_renditions(
        stray.filter(image__is_private=False, file__startswith=PRIVATE_MEDIA_PREFIX)
    )

    documents = get_document_model().objects.filter(pk__in=private_documents)
    wanted = set(documents.values_list("pk", flat=True))
    current = set(EmbargoedDocument.objects.values_list("document_id", flat=True))
    changes.documents_made_public, _ = EmbargoedDocument.objects.filter(
        document_id__in=current - wanted
    ).delete()
    EmbargoedDocument.objects.bulk_create(
        [EmbargoedDocument(document_id=pk) for pk in wanted - current], ignore_conflicts=True
    )
    changes.documents_made_private = len(wanted - current)
    changes.images_under_embargo = len(private_images)
    changes.documents_under_embargo = len(wanted)
    if changes.changed_anything:
        logger.info("Media embargo: %s", changes)
    return changes


# When to recompute


class _Batch:
    """The changes of one transaction: one refresh when it commits, however many there were."""

    def __init__(self):
        self.objects = set()
        self.done = False

    def run(self):
        if self.done:
            return
        self.done = True
        try:
            refresh_media_privacy(reindex=self.objects)
        except Exception:
            # The content change itself is committed; the command can catch up.
            logger.exception("Media embargo not updated: run manage.py refresh_media_privacy")


_local = threading.local()


def schedule_refresh(instance=None):
    """Refresh media privacy when the current transaction commits (at once outside one).

    `instance`: the page, snippet or inline child that changed, to reindex first.
    """
    batch = getattr(_local, "batch", None)
    if batch is None or batch.done:
        # A batch whose transaction was rolled back is reused: its leftovers are harmless.
        batch = _local.batch = _Batch()
    if instance is not None and instance.pk is not None:
        batch.objects.add((type(instance), instance.pk))
    transaction.on_commit(batch.run)


def changed(sender, instance, **kwargs):
    """Receiver for page_published, page_unpublished and post_delete of pages."""
    schedule_refresh(instance)


def changed_snippet(sender, instance, **kwargs):
    """Receiver for published and unpublished: snippets with drafts (pages have their own)."""
    if not isinstance(instance, Page):
        schedule_refresh(instance)


def saved_in_admin(request, instance):
    """Hook for after_create/edit_page and _snippet: drafts, and schedules of live pages."""
    schedule_refresh(instance)


def deleted_in_admin(request, instances):
    """Hook for after_delete_snippet."""
    schedule_refresh()
