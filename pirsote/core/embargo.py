"""Embargo-safe media: an image or document is private until something public uses it.

The rule: a medium is **public** when
- a page the public may see (pirsote.core.visibility.public_pages: live, not view-restricted,
  not under a page that is not live) uses it in its live content,
- a plain snippet uses it (a contact person's photo) or a live snippet with drafts does (a
  grant), narrowed by the model's `embargo_public_filter` where it has one (a media bank
  video counts only while it is free for media use), or the site settings do, or
- it is an image an editor marked "free for media use" (which puts it in the media bank).

Everything else is **private**: a new upload, media only drafts, scheduled pages, scheduled
changes of live pages, private pages or unpublished sections use, media nothing uses any more.

Wagtail's reference index says what uses what; it records the row of a page, i.e. its live
content (or the draft of a page that is not live). A private image keeps its original and
renditions under PRIVATE_MEDIA_PREFIX in storage; a public document has a PublicDocument row.
Both states fail closed: a new image is private by default and a document without its row is
private. Private files are served only to those who may edit a page that uses them or the
medium itself (may_see_embargoed).

The state changes after a commit (or by `manage.py refresh_media_privacy`, which recomputes
everything), only for the media the changed objects use or used before the change: the
signal receivers at the end record them. If deciding fails, those media are made private.
Page views read only the image's own `is_private` field: no queries of their own.
"""

import functools
import logging
import os
import threading
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.files.move import file_move_safe
from django.db import models, transaction
from django.db.models.functions import Cast

from modelcluster.fields import ParentalKey
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.log_actions import log
from wagtail.models import DraftStateMixin, Page, PageViewRestriction, ReferenceIndex
from wagtail.permissions import policy_registry

from . import content_version, visibility
from .models import PRIVATE_MEDIA_PREFIX, PublicDocument

logger = logging.getLogger(__name__)

# Audit log actions (registered in embargo_audit.py).
MADE_PRIVATE = "pirsote.media_private"
MADE_PUBLIC = "pirsote.media_public"


def _content_type(model):
    return ContentType.objects.get_for_model(model, for_concrete_model=False)


def _base_model(model):
    # The reference index records a page under Page, whatever its type.
    parents = model._meta.get_parent_list()
    return parents[-1] if parents else model


def _ids_as_text(objects):
    """A subquery of the objects' primary keys as text, as the reference index keeps them."""
    return objects.order_by().values_list(Cast("pk", output_field=models.CharField()), flat=True)


def _media_content_types():
    return _content_type(get_image_model()).pk, _content_type(get_document_model()).pk


# Who may see private media


def may_see_embargoed(user, medium):
    """May `user` get this private image or document: a superuser, someone who may change
    the medium itself (Wagtail's collection permissions, the uploader included), or someone
    who may edit a page that uses it (Wagtail's page "change" permission, owners of pages
    they may add included). A few queries, however many pages use it."""
    if not (user.is_authenticated and user.is_active):
        return False
    if user.is_superuser:
        return True
    if policy_registry.get_by_type(type(medium)).user_has_permission_for_instance(
        user, "change", medium
    ):
        return True
    page_ids = [
        int(object_id)
        for object_id in ReferenceIndex.objects.filter(
            to_content_type=_content_type(type(medium)),
            to_object_id=str(medium.pk),
            base_content_type=_content_type(Page),
        ).values_list("object_id", flat=True)
        if object_id.isdigit()
    ]
    if not page_ids:
        return False
    editable = policy_registry.get_by_type(Page).instances_user_has_permission_for(user, "change")
    return editable.filter(pk__in=page_ids).exists()


def image_for_file(name):
    """The image whose original or rendition is stored under `name`, or None."""
    image_model = get_image_model()
    image = image_model.objects.filter(file=name).first()
    if image is None:
        rendition = (
            image_model.get_rendition_model()
            .objects.filter(file=name)
            .select_related("image")
            .first()
        )
        image = rendition.image if rendition else None
    return image


def document_is_public(document):
    return PublicDocument.objects.filter(document_id=document.pk).exists()


# The rule


def _user_models():
    """The base models whose objects can make media public: pages, snippets, settings."""
    media = {get_image_model(), get_document_model()}
    return {
        _base_model(model)
        for model in ReferenceIndex.indexed_models
        if _base_model(model) not in media
    }


def _public_objects(model):
    """The objects of a base model that the public sees."""
    if model is Page:
        return visibility.public_pages(Page.objects.all())
    objects = model._default_manager.all()
    if issubclass(model, DraftStateMixin):
        objects = objects.filter(live=True)
    narrowing = getattr(model, "embargo_public_filter", None)
    if narrowing:
        objects = objects.filter(**narrowing)
    return objects


def public_media(image_ids=None, document_ids=None):
    """Which of these images and documents (None: all of them) the rule makes public.

    Two sets of primary keys. A few queries: the reference index rows to these media from
    public objects, and the images free for media use.
    """
    image_model, document_model = get_image_model(), get_document_model()
    image_type, document_type = _media_content_types()
    # Each branch of the visibility rule reads the tree as committed, not from a cache that
    # a concurrent transaction may have filled.
    cache.delete(visibility.HIDDEN_BRANCHES_KEY, version=content_version.current())
    media = models.Q()
    for content_type_id, ids in ((image_type, image_ids), (document_type, document_ids)):
        if ids is None:
            media |= models.Q(to_content_type_id=content_type_id)
        elif ids:
            ids = [str(pk) for pk in ids]
            media |= models.Q(to_content_type_id=content_type_id, to_object_id__in=ids)
    public_images, public_documents = set(), set()
    if media:
        users = models.Q()
        for model in _user_models():
            public = _ids_as_text(_public_objects(model))
            users |= models.Q(base_content_type=_content_type(model), object_id__in=public)
        rows = (
            ReferenceIndex.objects.filter(media)
            .filter(users)
            .values_list("to_content_type_id", "to_object_id")
            .distinct()
        )
        for content_type_id, object_id in rows:
            if content_type_id == image_type:
                public_images.add(image_model._meta.pk.to_python(object_id))
            else:
                public_documents.add(document_model._meta.pk.to_python(object_id))
    if image_ids is None or image_ids:
        freed = image_model.objects.filter(free_for_media_use=True)
        if image_ids is not None:
            freed = freed.filter(pk__in=image_ids)
        public_images.update(freed.values_list("pk", flat=True))
    return public_images, public_documents


def _media_used_by(owners=(), subtrees=()):
    """The images and documents these objects, and the pages of these subtrees, use now."""
    used = models.Q()
    for model, pk in owners:
        used |= models.Q(base_content_type=_content_type(_base_model(model)), object_id=str(pk))
    page_type = _content_type(Page)
    for path in Page.objects.filter(pk__in=subtrees).values_list("path", flat=True):
        pages = _ids_as_text(Page.objects.filter(path__startswith=path))
        used |= models.Q(base_content_type=page_type, object_id__in=pages)
    images, documents = set(), set()
    if not used:
        return images, documents
    image_type, document_type = _media_content_types()
    rows = ReferenceIndex.objects.filter(used, to_content_type__in=(image_type, document_type))
    for content_type_id, object_id in rows.values_list("to_content_type_id", "to_object_id"):
        (images if content_type_id == image_type else documents).add(object_id)
    image_pk = get_image_model()._meta.pk.to_python
    document_pk = get_document_model()._meta.pk.to_python
    return {image_pk(pk) for pk in images}, {document_pk(pk) for pk in documents}


# Bringing images and documents in line with it


@dataclass
class Changes:
    """What one refresh changed, and how many of the media it looked at are private after it."""

    images_made_private: int = 0
    images_made_public: int = 0
    documents_made_private: int = 0
    documents_made_public: int = 0
    stray_renditions_removed: int = 0
    images_under_embargo: int = 0
    documents_under_embargo: int = 0
    failed: bool = False

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


def _is_in_line(image, private):
    return image.is_private == private and image.file.name.startswith(PRIVATE_MEDIA_PREFIX) == (
        private
    )


def _apply_to_images(images, public, changes):
    image_model = get_image_model()
    for image in images.iterator(chunk_size=200):
        private = image.pk not in public
        if _is_in_line(image, private):
            continue
        try:
            set_image_privacy(image, private)
        except Exception:
            logger.exception(
                "Media embargo: image %s not made %s", image.pk, "private" if private else "public"
            )
            changes.failed = True
            if not private:
                continue  # it stays private
            # Fail closed: at least out of the API, the media bank and pages' markup.
            image_model.objects.filter(pk=image.pk).update(is_private=True)
            continue
        if private:
            changes.images_made_private += 1
        else:
            changes.images_made_public += 1
        log(image, MADE_PRIVATE if private else MADE_PUBLIC)
    # Renditions made by a request that still had an image as it was before a change.
    stray = image_model.get_rendition_model().objects.filter(image__in=images)
    stray = stray.select_related("image")
    changes.stray_renditions_removed += _delete_renditions(
        stray.filter(image__is_private=True).exclude(file__startswith=PRIVATE_MEDIA_PREFIX)
    ) + _delete_renditions(
        stray.filter(image__is_private=False, file__startswith=PRIVATE_MEDIA_PREFIX)
    )
    changes.images_under_embargo = images.filter(is_private=True).count()


def _apply_to_documents(documents, public, changes):
    rows = PublicDocument.objects.filter(document__in=documents)
    to_hide = list(rows.exclude(document__in=public).values_list("document_id", flat=True))
    # Private first: if what follows fails, nothing was made public that should not be.
    PublicDocument.objects.filter(document_id__in=to_hide).delete()
    current = set(rows.values_list("document_id", flat=True))
    to_show = set(documents.filter(pk__in=public).values_list("pk", flat=True)) - current
    PublicDocument.objects.bulk_create(
        [PublicDocument(document_id=pk) for pk in to_show], ignore_conflicts=True
    )
    for document in get_document_model().objects.filter(pk__in=[*to_hide, *to_show]):
        log(document, MADE_PUBLIC if document.pk in to_show else MADE_PRIVATE)
    changes.documents_made_private += len(to_hide)
    changes.documents_made_public += len(to_show)
    changes.documents_under_embargo = documents.exclude(
        pk__in=PublicDocument.objects.values("document_id")
    ).count()


def _apply(image_ids, document_ids, decide):
    """Bring these media (None: all) in line with `decide()`; a failing decision makes them
    private."""
    changes = Changes()
    images = get_image_model().objects.all()
    documents = get_document_model().objects.all()
    if image_ids is not None:
        images = images.filter(pk__in=image_ids)
    if document_ids is not None:
        documents = documents.filter(pk__in=document_ids)
    try:
        public_images, public_documents = decide()
    except Exception:
        logger.exception("Media embargo undecided: the media concerned are made private")
        changes.failed = True
        public_images, public_documents = set(), set()
    _apply_to_documents(documents, public_documents, changes)
    _apply_to_images(images, public_images, changes)
    if changes.changed_anything:
        # Fragments cached under the current version may hold the media's old addresses (or
        # leave them out of the media bank).
        content_version.bump()
    if changes.changed_anything or changes.failed:
        logger.info("Media embargo: %s", changes)
    return changes


@functools.cache
def _owner_path(model):
    """ParentalKey names from `model` up to the indexed object its references belong to:
    () for an indexed model, None when no indexed object owns it."""
    if ReferenceIndex.is_indexed(model):
        return ()
    for model_field in model._meta.get_fields():
        if isinstance(model_field, ParentalKey):
            above = _owner_path(model_field.related_model)
            if above is not None:
                return (model_field.name, *above)
    return None


def _owner(instance):
    """(model, pk) of the indexed object that `instance` is or belongs to, or None."""
    path = _owner_path(type(instance))
    if path is None:
        return None
    for name in path:
        instance = getattr(instance, name, None)
        if instance is None:
            return None
    if instance.pk is None:
        return None
    return _base_model(type(instance)), instance.pk


def _update_reference_index(model, pk):
    """Index the object now, from its row, whatever the task queue does.

    With a queued task backend the index could lag behind the commit; and Wagtail indexes a
    page before the admin saves its inline children, so removed children would linger.
    """
    instance = model._default_manager.filter(pk=pk).first()
    if instance is None:
        return
    if isinstance(instance, Page):
        instance = instance.specific
    if ReferenceIndex.is_indexed(type(instance)):
        with transaction.atomic():
            ReferenceIndex.create_or_update_for_object(instance)


@dataclass
class Affected:
    """What a change may have changed the privacy of."""

    owners: set = field(default_factory=set)  # (base model, pk) of changed objects
    subtrees: set = field(default_factory=set)  # pks of pages whose branch changed visibility
    images: set = field(default_factory=set)  # what the changed objects used before
    documents: set = field(default_factory=set)

    def __bool__(self):
        return bool(self.owners or self.subtrees or self.images or self.documents)


def refresh_affected(affected):
    """Reindex the changed objects and bring the media they use or used in line with the rule."""
    images, documents = set(affected.images), set(affected.documents)
    try:
        for model, pk in affected.owners:
            _update_reference_index(model, pk)
        used_images, used_documents = _media_used_by(affected.owners, affected.subtrees)
    except Exception:
        logger.exception("Media embargo: what the change uses is unknown")
        return _apply(images, documents, lambda: (set(), set()))
    images |= used_images
    documents |= used_documents
    if not images and not documents:
        return Changes()
    return _apply(images, documents, lambda: public_media(images, documents))


def refresh_media_privacy(reindex=None):
    """Bring media in line with the rule; idempotent. Returns the Changes.

    Without arguments every image and document. With `reindex`, (model, pk) pairs of changed
    pages or snippets: those are reindexed and only the media they use are looked at.
    Call this outside a transaction (the batches do): files are moved at once.
    """
    if reindex is not None:
        owners = {(_base_model(model), pk) for model, pk in reindex}
        return refresh_affected(Affected(owners=owners))
    from .models import SiteSettings

    # Site settings are in the reference index since this feature: index those saved before.
    for settings_pk in SiteSettings.objects.values_list("pk", flat=True):
        _update_reference_index(SiteSettings, settings_pk)
    return _apply(None, None, public_media)


# When to recompute: after the commit of any change to what pages and snippets use, whether
# they are live, where pages are and who may see them.


class _Batch:
    """The changes of one transaction: one refresh when it commits, however many there were."""

    def __init__(self):
        self.affected = Affected()
        self.done = False

    def run(self):
        if self.done:
            return
        self.done = True
        try:
            refresh_affected(self.affected)
        except Exception:
            # The content change itself is committed; the command can catch up.
            logger.exception("Media embargo not updated: run manage.py refresh_media_privacy")


_local = threading.local()


def _batch():
    batch = getattr(_local, "batch", None)
    if batch is None or batch.done:
        # A batch whose transaction was rolled back is reused: its leftovers are harmless.
        batch = _local.batch = _Batch()
    return batch


def _schedule():
    """Refresh when the current transaction commits (at once outside one)."""
    transaction.on_commit(_batch().run)


def _record_uses(owner):
    """Note what `owner` uses now, before a change replaces or removes it."""
    images, documents = _media_used_by([owner])
    batch = _batch()
    batch.affected.images |= images
    batch.affected.documents |= documents


def before_save(sender, instance, raw=False, **kwargs):
    """pre_save of every model: what a page or snippet (or a row of one) used before."""
    if raw or instance.pk is None or sender not in ReferenceIndex.tracked_models:
        return
    if sender in (get_image_model(), get_document_model()):
        return
    owner = _owner(instance)
    if owner is None:
        return
    _record_uses(owner)
    if isinstance(instance, Page):
        was_live = Page.objects.filter(pk=instance.pk).values_list("live", flat=True).first()
        if was_live is not None and was_live != instance.live and instance.numchild:
            # The branch below appears or disappears with it (pirsote.core.visibility).
            _batch().affected.subtrees.add(instance.pk)


def after_save(sender, instance, raw=False, **kwargs):
    """post_save of every model: the changed page or snippet is looked at after the commit."""
    if raw or sender not in ReferenceIndex.tracked_models:
        return
    if sender is get_image_model():
        return  # image_saved
    if sender is get_document_model():
        return  # a document's privacy depends on its users only
    owner = _owner(instance)
    if owner is not None:
        _batch().affected.owners.add(owner)
        _schedule()


def before_delete(sender, instance, **kwargs):
    """pre_delete of every model: the media a deleted page or snippet (or row) used."""
    if sender not in ReferenceIndex.tracked_models:
        return
    if sender in (get_image_model(), get_document_model()):
        return
    owner = _owner(instance)
    if owner is not None:
        _record_uses(owner)
        _batch().affected.owners.add(owner)
        _schedule()


def image_saved(sender, instance, created=False, raw=False, update_fields=None, **kwargs):
    """post_save of the image model: a new upload, or "free for media use" changed."""
    if raw:
        return
    if update_fields is not None and "free_for_media_use" not in update_fields:
        return  # the embargo's own saves, and Wagtail's of file sizes and hashes
    _batch().affected.images.add(instance.pk)
    _schedule()


def restriction_changed(sender, instance, **kwargs):
    """post_save and post_delete of PageViewRestriction: the branch it covers."""
    _batch().affected.subtrees.add(instance.page_id)
    _schedule()


def page_moved(sender, instance, **kwargs):
    """post_page_move: the moved branch may now be under a private or unpublished page."""
    _batch().affected.subtrees.add(instance.pk)
    _schedule()


def connect():
    """Connect the receivers (from wagtail_hooks.py, which every process loads)."""
    from django.db.models.signals import post_delete, post_save, pre_delete, pre_save

    from wagtail.signals import post_page_move

    from .models import SiteSettings

    # Site settings show text (the not-found page) that may link documents and images.
    ReferenceIndex.register_model(SiteSettings)
    pre_save.connect(before_save, dispatch_uid="embargo_before_save")
    post_save.connect(after_save, dispatch_uid="embargo_after_save")
    pre_delete.connect(before_delete, dispatch_uid="embargo_before_delete")
    post_save.connect(image_saved, sender=get_image_model(), dispatch_uid="embargo_image_saved")
    for signal in (post_save, post_delete):
        signal.connect(
            restriction_changed,
            sender=PageViewRestriction,
            dispatch_uid=f"embargo_restriction_{id(signal)}",
        )
    post_page_move.connect(page_moved, dispatch_uid="embargo_page_moved")
