"""Builds the demo site from content.py, finding existing objects by stable keys.

Images are found by title, people by name and pages by their Finnish slug under their
parent, and updated in place, so running the builder again changes nothing that is
already right: no new pages, images, files, people or revisions.
"""

import hashlib
import io
import json
from collections import Counter

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import translation

from wagtail.models import Page, Site

from PIL import Image as PillowImage

from pirsote.core.models import (
    ContactPerson,
    CustomImage,
    HomePage,
    ReformPage,
    SectionIndexPage,
    SiteSettings,
)

from . import content
from .content import Bi, Ref

PAGE_MODELS = {model.__name__: model for model in (HomePage, SectionIndexPage, ReformPage)}
LANGUAGES = ("fi", "en")


class DemoDataError(Exception):
    pass


def _strip_ids(data):
    """Block data without Wagtail's generated block ids, for comparing content."""
    if isinstance(data, dict):
        return {key: _strip_ids(value) for key, value in data.items() if key != "id"}
    if isinstance(data, list):
        return [_strip_ids(item) for item in data]
    return data


def _stream_fingerprint(stream_value):
    data = [
        {"type": child.block_type, "value": child.block.get_prep_value(child.value)}
        for child in stream_value or []
    ]
    return json.loads(json.dumps(_strip_ids(data), cls=DjangoJSONEncoder))


class DemoSiteBuilder:
    """Creates or updates everything content.py describes; `counts` tells what it did."""

    def __init__(self):
        self.images = {}
        self.people = {}
        self.pages = {}
        self.counts = Counter()

    def build(self):
        with transaction.atomic(), translation.override(settings.LANGUAGE_CODE):
            for spec in content.IMAGES:
                self.images[spec.key] = self.load_image(spec)
            for spec in content.PEOPLE:
                self.people[spec.name] = self.load_person(spec)
            home = self.load_home(content.HOME)
            self.create_tree(content.HOME, home)
            self.update_tree(content.HOME)
            site = self.load_site(home)
            self.load_site_settings(site)
            self.set_url_paths(home, home.get_parent())
        return self.counts

    # Values

    def resolve(self, value, language):
        """Content data in one language, with references replaced by primary keys."""
        if isinstance(value, Bi):
            return self.resolve(getattr(value, language), language)
        if isinstance(value, Ref):
            return self.lookup(value).pk
        if isinstance(value, dict):
            return {key: self.resolve(item, language) for key, item in value.items()}
        if isinstance(value, list):
            return [self.resolve(item, language) for item in value]
        return value

    def lookup(self, ref):
        registry = {"image": self.images, "person": self.people, "page": self.pages}[ref.kind]
        try:
            return registry[ref.key]
        except KeyError:
            raise DemoDataError(f"Unknown {ref.kind} in the demo content: {ref.key}") from None

    def assign(self, obj, values):
        """Set attributes; True when any of them changed."""
        changed = False
        for name, value in values.items():
            if getattr(obj, name) != value:
                setattr(obj, name, value)
                changed = True
        return changed

    # Images and people

    def load_image(self, spec):
        data = spec.draw()
        digest = hashlib.sha1(data).hexdigest()  # Wagtail's own file hash
        image = CustomImage.objects.filter(title=spec.title).order_by("pk").first()
        is_new = image is None
        if is_new:
            image = CustomImage(title=spec.title)
        storage = CustomImage._meta.get_field("file").storage
        file_is_current = (
            not is_new and image.file_hash == digest and storage.exists(image.file.name)
        )
        changed = self.assign(
            image,
            {
                "description_fi": spec.description.fi,
                "description_en": spec.description.en,
                "credit_fi": spec.credit.fi if spec.credit else "",
                "credit_en": spec.credit.en if spec.credit else "",
                "licence": spec.licence,
                "free_for_media_use": spec.free_for_media_use,
            },
        )
        if not file_is_current:
            self.replace_image_file(image, spec.key, data, digest, storage)
            changed = True
        if changed:
            image.save()
            if not is_new and not file_is_current:
                for rendition in image.renditions.all():
                    rendition.delete()
        self.count("image", is_new, changed)
        return image

    def replace_image_file(self, image, key, data, digest, storage):
        name = image.get_upload_to(f"demo-{key}.png")
        old_name = image.file.name if image.file else None
        with PillowImage.open(io.BytesIO(data)) as drawing:
            width, height = drawing.size
        if storage.exists(name) and self.storage_hash(storage, name) == digest:
            # The same drawing from an earlier database: reuse it rather than copy it.
            image.file.name = name
        else:
            image.file.save(name.rsplit("/", 1)[-1], ContentFile(data), save=False)
        if old_name and old_name != image.file.name and storage.exists(old_name):
            storage.delete(old_name)
        image.width, image.height = width, height
        image.file_size = len(data)
        image.file_hash = digest

    @staticmethod
    def storage_hash(storage, name):
        with storage.open(name, "rb") as stored:
            return hashlib.sha1(stored.read()).hexdigest()

    def load_person(self, spec):
        person = ContactPerson.objects.filter(name=spec.name).order_by("pk").first()
        is_new = person is None
        if is_new:
            person = ContactPerson(name=spec.name)
        changed = self.assign(
            person,
            {
                "job_title_fi": spec.job_title.fi,
                "job_title_en": spec.job_title.en,
                "organisation_fi": spec.organisation.fi,
                "organisation_en": spec.organisation.en,
                "phone": spec.phone,
                "email": spec.email,
            },
        )
        if changed:
            person.save()
        self.count("person", is_new, changed)
        return person

    # Pages

    def load_home(self, spec):
        """The one HomePage, created under the tree root when missing."""
        root = Page.get_first_root_node()
        self.remove_placeholders(root)
        home = HomePage.objects.order_by("path").first()
        if home is None:
            home = root.add_child(instance=self.new_page(spec))
            self.counts["page created"] += 1
        self.pages[spec.slug.fi] = home
        return home

    def remove_placeholders(self, root):
        """Delete Wagtail's "Welcome" page: a plain Page at the top level without children.

        Its sites wait on the tree root until load_site() points them at the home page.
        """
        placeholders = Page.objects.filter(
            depth=2, numchild=0, content_type=ContentType.objects.get_for_model(Page)
        )
        for placeholder in placeholders:
            Site.objects.filter(root_page=placeholder).update(root_page=root)
            placeholder.delete()
            self.counts["placeholder page deleted"] += 1

    def create_tree(self, spec, page):
        """Pass one: every page exists, so the bodies of pass two can link to any of them."""
        for child_spec in spec.children:
            model = PAGE_MODELS[child_spec.model]
            child = page.get_children().filter(slug_fi=child_spec.slug.fi).first()
            if child is None:
                child = page.add_child(instance=self.new_page(child_spec))
                self.counts["page created"] += 1
            elif child.specific_class is not model:
                raise DemoDataError(
                    f"{child.url_path} is a {child.specific_class.__name__}, "
                    f"not a {model.__name__}: move or delete it and run again."
                )
            self.pages[child_spec.slug.fi] = child.specific
            self.create_tree(child_spec, child)

    def new_page(self, spec):
        return PAGE_MODELS[spec.model](
            title=spec.title.fi,
            slug=spec.slug.fi,
            title_fi=spec.title.fi,
            title_en=spec.title.en,
            slug_fi=spec.slug.fi,
            slug_en=spec.slug.en,
            live=True,
        )

    def update_tree(self, spec):
        """Pass two: fields and bodies; publish a revision only when something changed."""
        page = self.pages[spec.slug.fi]
        page.refresh_from_db()
        before = self.page_fingerprint(page)
        page.title, page.slug = spec.title.fi, spec.slug.fi
        page.show_in_menus = spec.show_in_menus
        page.listing_image = self.images[spec.listing_image] if spec.listing_image else None
        for language in LANGUAGES:
            setattr(page, f"title_{language}", getattr(spec.title, language))
            setattr(page, f"slug_{language}", getattr(spec.slug, language))
            setattr(page, f"intro_{language}", getattr(spec.intro, language))
            body = self.resolve(spec.body, language)
            # An empty language stays '' so that it falls back to Finnish.
            setattr(page, f"body_{language}", body or "")
        if not page.live or page.has_unpublished_changes or self.page_fingerprint(page) != before:
            page.save_revision().publish()
            self.counts["page updated"] += 1
        else:
            self.counts["page unchanged"] += 1
        for child_spec in spec.children:
            self.update_tree(child_spec)

    @staticmethod
    def page_fingerprint(page):
        fingerprint = {
            "show_in_menus": page.show_in_menus,
            "listing_image": page.listing_image_id,
        }
        for language in LANGUAGES:
            for name in ("title", "slug", "intro"):
                fingerprint[f"{name}_{language}"] = getattr(page, f"{name}_{language}")
            fingerprint[f"body_{language}"] = _stream_fingerprint(getattr(page, f"body_{language}"))
        return fingerprint

    def set_url_paths(self, page, parent):
        """Every language's url_path from the home page down, saved only where it changed."""
        page.refresh_from_db()
        old = [getattr(page, f"url_path_{language}") for language in LANGUAGES]
        page.set_url_path(parent)
        if old != [getattr(page, f"url_path_{language}") for language in LANGUAGES]:
            page.save(update_fields=["url_path", *(f"url_path_{code}" for code in LANGUAGES)])
        for child in page.get_children():
            self.set_url_paths(child, page)

    # Site

    def load_site(self, home):
        """Point the default site, and any site left on the tree root, at the home page."""
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            site = Site(hostname="localhost", port=80, is_default_site=True)
        if self.assign(site, {"root_page_id": home.pk, "site_name": settings.WAGTAIL_SITE_NAME}):
            site.save()
            self.counts["site updated"] += 1
        Site.objects.filter(root_page__depth=1).update(root_page=home)
        return site

    def load_site_settings(self, site):
        site_settings, is_new = SiteSettings.objects.get_or_create(site=site)
        values = {}
        for name, value in content.SITE_SETTINGS.items():
            if isinstance(value, Bi):
                for language in LANGUAGES:
                    values[f"{name}_{language}"] = getattr(value, language)
            elif isinstance(value, Ref):
                values[f"{name}_id"] = self.lookup(value).pk
            else:
                values[name] = value
        changed = self.assign(site_settings, values)
        if changed:
            site_settings.save()
        self.count("site settings", is_new, changed)

    def count(self, kind, is_new, changed):
        state = "created" if is_new else "updated" if changed else "unchanged"
        self.counts[f"{kind} {state}"] += 1


def build_demo_site():
    """Create or update the whole demo site; returns a Counter of what was done."""
    return DemoSiteBuilder().build()
