"""Builds the demo site from content/, finding existing objects by stable keys.

Images are found by title (or, once renamed, by the builder's file name), people by name,
registered objects (organisations, goals, grants...) by their lookup field and pages by
their Finnish slug under their parent, and updated in place, so running the builder again
changes nothing that is already right: no new pages, objects, inline rows, images, files,
people or revisions.

Pages and objects with revisions are compared as a fingerprint of everything their spec
sets, many-to-many links and inline rows included: a change publishes one new revision, no
change publishes none.

What a person has changed is theirs: the builder creates what is missing, but leaves alone
every page, object, image or person that someone edited, published, unpublished or moved
in the admin (see `edited_by_someone`), and finds a demo page whose slug an editor changed,
or that an editor moved, by the slug of the builder's own first revision of it. Running
`make run` again never republishes over an editor's work.
"""

import hashlib
import io
import json
import re
from collections import Counter

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.core.files.base import ContentFile
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import translation

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.blocks import StreamValue
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.fields import StreamField
from wagtail.models import DraftStateMixin, Page, Revision, Site

from PIL import Image as PillowImage

from pirsote.core.absolute_urls import site_address
from pirsote.core.embargo import refresh_media_privacy
from pirsote.core.models import ContactPerson, CustomImage, SiteSettings

from . import content
from .edits import edited_by_someone
from .redirects import RedirectListError, load_redirects
from .specs import Bi, Ref

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


def _refers_to(value, kind):
    """True when value holds a Ref of this kind, however deeply nested."""
    if isinstance(value, Ref):
        return value.kind == kind
    if isinstance(value, dict):
        return any(_refers_to(item, kind) for item in value.values())
    if isinstance(value, list | tuple):
        return any(_refers_to(item, kind) for item in value)
    return False


def _get_model(label):
    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        raise DemoDataError(f"Unknown model in the demo content: {label}") from None


def _has_translations(model, name):
    """True when django-modeltranslation gives the field per-language columns."""
    names = {field.name for field in model._meta.get_fields()}
    return all(f"{name}_{language}" in names for language in LANGUAGES)


class Values:
    """What a spec's `fields` set on a model, sorted into columns, links and inline rows.

    columns: {attribute: value}, attributes as the model stores them (name_fi, coordinator_id);
    links: {many-to-many field: [objects]}; rows: {relation: (row model, [{attribute: value}])}.
    """

    def __init__(self):
        self.columns = {}
        self.links = {}
        self.rows = {}

    def fingerprint(self, obj):
        """obj's current values of exactly these attributes, links and rows."""
        data = {}
        for attribute in self.columns:
            value = getattr(obj, attribute)
            data[attribute] = (
                _stream_fingerprint(value) if isinstance(value, StreamValue) else value
            )
        for name in self.links:
            data[name] = sorted(linked.pk for linked in getattr(obj, name).all())
        for name, (_, rows) in self.rows.items():
            attributes = sorted({attribute for row in rows for attribute in row})
            data[name] = [
                {attribute: getattr(row, attribute) for attribute in attributes}
                for row in getattr(obj, name).all()
            ]
        return data

    def apply(self, obj):
        """Set the values on obj in memory; links and rows are saved with obj (modelcluster)."""
        for attribute, value in self.columns.items():
            setattr(obj, attribute, value)
        for name, linked in self.links.items():
            setattr(obj, name, linked)
        for name, (row_model, rows) in self.rows.items():
            setattr(obj, name, [row_model(**row) for row in rows])


class DemoSiteBuilder:
    """Creates or updates everything content/ describes; `counts` tells what it did."""

    def __init__(self):
        self.images = {}
        self.people = {}
        self.pages = {}
        self.objects = {spec.kind: {} for spec in content.OBJECTS}
        self.counts = Counter()
        self.created_pages = set()  # primary keys of the pages this run created

    def build(self):
        with transaction.atomic(), translation.override(settings.LANGUAGE_CODE):
            for spec in content.IMAGES:
                self.images[spec.key] = self.load_image(spec)
            for spec in content.PEOPLE:
                self.people[spec.name] = self.load_person(spec)
            # Objects that point at pages (grants at projects) wait until the pages exist.
            positions = Counter()
            later = []
            for spec in content.OBJECTS:
                position = positions[spec.model]
                positions[spec.model] += 1
                if _refers_to(spec.fields, "page"):
                    later.append((spec, position))
                else:
                    self.load_object(spec, position)
            home = self.load_home(content.HOME)
            self.create_tree(content.HOME, home)
            for spec, position in later:
                self.load_object(spec, position)
            self.update_tree(content.HOME)
            site = self.load_site(home)
            self.load_site_settings(site)
            self.set_url_paths(home, home.get_parent())
            self.load_search_promotions()
            try:
                self.counts.update(load_redirects(site))
            except RedirectListError as error:
                raise DemoDataError(str(error)) from error
        return self.counts

    def load_search_promotions(self):
        """Each query's promoted pages, unless someone changed a promotion of that query.

        A query is the unit: an editor may have pointed its promotion at another page, so
        the demo's page missing from it is no reason to add it back. A query left with no
        promotions (an editor deleted them) gets the demo's again.
        """
        by_query = {}
        for order, (query_string, slug, description) in enumerate(content.SEARCH_PROMOTIONS):
            by_query.setdefault(query_string, []).append((order, slug, description))
        for query_string, promotions in by_query.items():
            query = Query.get(query_string)
            if any(edited_by_someone(existing) for existing in query.editors_picks.all()):
                self.counts["search promotion kept as edited"] += len(promotions)
                continue
            for order, slug, description in promotions:
                promotion, is_new = SearchPromotion.objects.get_or_create(
                    query=query, page=self.pages[slug]
                )
                changed = (promotion.description, promotion.sort_order) != (description, order)
                if changed:
                    promotion.description, promotion.sort_order = description, order
                    promotion.save()
                self.count("search promotion", is_new, changed)

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
        registries = {"image": self.images, "person": self.people, "page": self.pages}
        registry = registries.get(ref.kind, self.objects.get(ref.kind))
        if registry is None:
            raise DemoDataError(f"Unknown kind of reference in the demo content: {ref.kind}")
        try:
            return registry[ref.key]
        except KeyError:
            raise DemoDataError(f"Unknown {ref.kind} in the demo content: {ref.key}") from None

    def column_values(self, model, name, value):
        """{attribute: value} for one field: Bi per language, Ref as the related object's key."""
        field = model._meta.get_field(name)
        if isinstance(value, Bi):
            values = {}
            for language in LANGUAGES:
                resolved = self.resolve(getattr(value, language), language)
                if isinstance(field, StreamField) and not resolved:
                    resolved = ""  # An empty stream falls back to Finnish; [] would not.
                values[f"{name}_{language}"] = resolved
            return values
        if _has_translations(model, name):
            raise DemoDataError(f"{model.__name__}.{name} is translated: give it a Bi value.")
        if isinstance(value, Ref):
            return {field.attname: self.lookup(value).pk}
        if value is None and field.is_relation:
            return {field.attname: None}
        return {name: self.resolve(value, "fi")}

    def field_values(self, model, fields, include=lambda name, value: True):
        values = Values()
        for name, value in fields.items():
            if not include(name, value):
                continue
            try:
                field = model._meta.get_field(name)
            except FieldDoesNotExist:
                raise DemoDataError(f"{model.__name__} has no field {name}.") from None
            if isinstance(field, ParentalManyToManyField):
                values.links[name] = [self.lookup(ref) for ref in value]
            elif field.one_to_many and isinstance(field.remote_field, ParentalKey):
                row_model = field.related_model
                rows = []
                for position, row in enumerate(value):
                    row_values = {}
                    for row_name, row_value in row.items():
                        row_values.update(self.column_values(row_model, row_name, row_value))
                    if getattr(row_model, "sort_order_field", None):
                        row_values[row_model.sort_order_field] = position
                    rows.append(row_values)
                values.rows[name] = (row_model, rows)
            elif (
                field.many_to_many
                or field.one_to_many
                or (field.is_relation and field.auto_created)
            ):
                raise DemoDataError(
                    f"{model.__name__}.{name}: only ParentalManyToManyField and ParentalKey "
                    "relations can be set from the demo content."
                )
            else:
                values.columns.update(self.column_values(model, name, value))
        return values

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
        if image is None:
            # An editor may have renamed it; the builder's file name still says which it is
            # (with the suffix storage adds to a taken name, under any folder).
            image = (
                CustomImage.objects.filter(
                    file__regex=rf"(^|/)demo-{re.escape(spec.key)}(_[A-Za-z0-9]{{7}})?\.png$"
                )
                .order_by("pk")
                .first()
            )
        is_new = image is None
        if is_new:
            image = CustomImage(title=spec.title)
        elif edited_by_someone(image):
            self.counts["image kept as edited"] += 1
            return image
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
        elif edited_by_someone(person):
            self.counts["person kept as edited"] += 1
            return person
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

    # Registered objects: organisations, goals, target groups, grants...

    def load_object(self, spec, position):
        """Create or update one object; `position` is its place among its model's specs."""
        model = _get_model(spec.model)
        registry = self.objects[spec.kind]
        if spec.key in registry:
            raise DemoDataError(f"Two {spec.kind} objects in the demo content: {spec.key}")
        obj = model.objects.filter(**{spec.lookup_field: spec.key}).order_by("pk").first()
        is_new = obj is None
        if is_new:
            obj = model(**{spec.lookup_field: spec.key})
        elif edited_by_someone(obj):
            registry[spec.key] = obj
            self.counts[f"{spec.kind} kept as edited"] += 1
            return obj
        values = self.field_values(model, spec.fields)
        sort_order_field = getattr(model, "sort_order_field", None)
        if sort_order_field and sort_order_field not in spec.fields:
            values.columns[sort_order_field] = position  # Orderable: the content's order
        before = None if is_new else values.fingerprint(obj)
        values.apply(obj)
        if isinstance(obj, DraftStateMixin):
            changed = is_new or not obj.live or obj.has_unpublished_changes
            changed = changed or values.fingerprint(obj) != before
            if changed:
                if is_new:
                    obj.live = False  # Live only once its first revision is published.
                    obj.full_clean()
                    obj.save()
                obj.save_revision().publish()
        else:
            changed = is_new or values.fingerprint(obj) != before
            if changed:
                obj.full_clean()
                obj.save()
        registry[spec.key] = obj
        self.count(spec.kind, is_new, changed)
        return obj

    # Pages

    def load_home(self, spec):
        """The one home page, created under the tree root when missing."""
        root = Page.get_first_root_node()
        self.remove_placeholders(root)
        home = _get_model(spec.model).objects.order_by("path").first()
        if home is None:
            home = root.add_child(instance=self.new_page(spec))
            self.created_pages.add(home.pk)
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
            model = _get_model(child_spec.model)
            child = page.get_children().filter(slug_fi=child_spec.slug.fi).first()
            if child is None:
                child = self.find_renamed_or_moved(model, child_spec)
            if child is None:
                child = page.add_child(instance=self.new_page(child_spec))
                self.created_pages.add(child.pk)
                self.counts["page created"] += 1
            elif child.specific_class is not model:
                if child.numchild or edited_by_someone(child):
                    raise DemoDataError(
                        f"{child.url_path} is a {child.specific_class.__name__}, not a "
                        f"{model.__name__}, and has child pages or an editor's changes: move or "
                        "delete it and run again."
                    )
                # The content changed the page's type (the goals page became a GoalIndexPage):
                # the builder owns its pages' content, so it replaces a page without children.
                # Pass two relinks the pages and settings that pointed at the old one.
                child.delete()
                child = page.add_child(instance=self.new_page(child_spec))
                self.created_pages.add(child.pk)
                self.counts["page replaced"] += 1
            if child_spec.slug.fi in self.pages:
                raise DemoDataError(f"Two pages with the slug {child_spec.slug.fi} in the demo.")
            self.pages[child_spec.slug.fi] = child.specific
            self.create_tree(child_spec, child)

    def find_renamed_or_moved(self, model, spec):
        """The demo page an editor renamed or moved: its first revision is the builder's,
        under the slug the content gives it. None when there is none (deleted: recreated)."""
        ids = Revision.objects.filter(
            base_content_type=ContentType.objects.get_for_model(Page),
            content_type=ContentType.objects.get_for_model(model),
            user=None,
            content__slug_fi=spec.slug.fi,
        ).values_list("object_id", flat=True)
        known = [found.pk for found in self.pages.values()]
        return (
            Page.objects.filter(pk__in=[int(pk) for pk in ids])
            .exclude(pk__in=known)
            .order_by("path")
            .first()
        )

    def new_page(self, spec):
        """A page with its titles, slugs and the fields it needs to be saved at all.

        Fields that point at pages, links and inline rows are set in pass two.
        """
        model = _get_model(spec.model)
        values = self.field_values(
            model, spec.fields, include=lambda name, value: not _refers_to(value, "page")
        )
        return model(
            title=spec.title.fi,
            slug=spec.slug.fi,
            title_fi=spec.title.fi,
            title_en=spec.title.en,
            slug_fi=spec.slug.fi,
            slug_en=spec.slug.en,
            live=True,
            **values.columns,
        )

    def page_values(self, spec):
        """Everything the spec sets on its page, as Values."""
        model = _get_model(spec.model)
        values = self.field_values(model, spec.fields)
        values.columns.update(
            {
                "title": spec.title.fi,
                "slug": spec.slug.fi,
                "show_in_menus": spec.show_in_menus,
                "listing_image_id": (
                    self.images[spec.listing_image].pk if spec.listing_image else None
                ),
            }
        )
        for language in LANGUAGES:
            values.columns[f"title_{language}"] = getattr(spec.title, language)
            values.columns[f"slug_{language}"] = getattr(spec.slug, language)
            values.columns[f"intro_{language}"] = getattr(spec.intro, language)
            # An empty language stays '' so that it falls back to Finnish.
            values.columns[f"body_{language}"] = self.resolve(spec.body, language) or ""
        return values

    def update_tree(self, spec):
        """Pass two: fields and bodies; publish a revision only when something changed.

        A page someone edited keeps their content, published or not (its children are
        still filled in).
        """
        page = self.pages[spec.slug.fi]
        page.refresh_from_db()
        if page.pk not in self.created_pages and edited_by_someone(page):
            self.counts["page kept as edited"] += 1
            for child_spec in spec.children:
                self.update_tree(child_spec)
            return
        values = self.page_values(spec)
        before = values.fingerprint(page)
        values.apply(page)
        if not page.live or page.has_unpublished_changes or values.fingerprint(page) != before:
            page.save_revision().publish()
            self.counts["page updated"] += 1
        else:
            self.counts["page unchanged"] += 1
        for child_spec in spec.children:
            self.update_tree(child_spec)

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
        """Point the default site, and any site left on the tree root, at the home page.

        Its host and port are SITE_BASE_URL's (http://127.0.0.1:8000 in development), so
        that Wagtail's full page URLs work where `make run` serves the site.
        """
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            site = Site(hostname="localhost", port=80, is_default_site=True)
        # A site someone changed in Settings → Sites keeps its name and root page; its
        # address is configuration (SITE_BASE_URL), not an editor's, and follows it.
        values = {}
        if edited_by_someone(site):
            self.counts["site kept as edited"] += 1
        else:
            values = {"root_page_id": home.pk, "site_name": settings.WAGTAIL_SITE_NAME}
        if address := site_address():
            values["hostname"], values["port"] = address
        if self.assign(site, values):
            site.save()
            self.counts["site updated"] += 1
        Site.objects.filter(root_page__depth=1).update(root_page=home)
        return site

    def load_site_settings(self, site):
        site_settings, is_new = SiteSettings.objects.get_or_create(site=site)
        if not is_new and edited_by_someone(site_settings):
            self.counts["site settings kept as edited"] += 1
            return
        values = {}
        for name, value in content.SITE_SETTINGS.items():
            values.update(self.column_values(SiteSettings, name, value))
        changed = self.assign(site_settings, values)
        if changed:
            site_settings.save()
        self.count("site settings", is_new, changed)

    def count(self, kind, is_new, changed):
        state = "created" if is_new else "updated" if changed else "unchanged"
        self.counts[f"{kind} {state}"] += 1


def build_demo_site():
    """Create or update the whole demo site; returns a Counter of what was done.

    Uploads start private (pirsote.core.embargo): once the content is committed, every image
    and document the live pages or the media bank show is made public.
    """
    counts = DemoSiteBuilder().build()
    refresh_media_privacy()
    return counts
