"""Finding a page by its slug in the address's language with one indexed query.

wagtail-modeltranslation replaces Wagtail's `Page.route()` and the admin's slug check with
versions that load every child of a page and compare slugs in Python: with 10 000 releases
in the newsroom every release address cost 10 000 page objects. These ask the database for
the one page instead, on the per-language address path and slug columns, which `migrate`
indexes (pirsote.core.management.commands.migrate). `install()` puts them in place once
wagtail-modeltranslation has patched the page models.
"""

import hashlib

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db.models import Q
from django.http import Http404
from django.utils import translation

import wagtail_modeltranslation.patch_wagtailadmin as modeltranslation_patch
from modeltranslation.utils import build_localized_fieldname
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page, get_page_models
from wagtail.url_routing import RouteResult

from . import content_version
from .visibility import is_under_unpublished_page

DEFAULT_LANGUAGE = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
ROUTE_CACHE_SECONDS = 24 * 60 * 60


def slug_q(slug, language=None):
    """Pages whose slug in `language` (the active one by default) is `slug`.

    A page without a slug of its own in a language is addressed by its Finnish slug there,
    as modeltranslation's fallback shows it.
    """
    language = language or translation.get_language() or DEFAULT_LANGUAGE
    default_field = build_localized_fieldname("slug", DEFAULT_LANGUAGE)
    if language == DEFAULT_LANGUAGE:
        return Q(**{default_field: slug})
    field = build_localized_fieldname("slug", language)
    untranslated = Q(**{f"{field}__isnull": True}) | Q(**{field: ""})
    return Q(**{field: slug}) | (untranslated & Q(**{default_field: slug}))


def url_path_q(url_paths, language=None):
    """Pages whose address path in `language` (the active one by default) is in `url_paths`."""
    language = language or translation.get_language() or DEFAULT_LANGUAGE
    default_field = build_localized_fieldname("url_path", DEFAULT_LANGUAGE)
    if language == DEFAULT_LANGUAGE:
        return Q(**{f"{default_field}__in": url_paths})
    field = build_localized_fieldname("url_path", language)
    untranslated = Q(**{f"{field}__isnull": True}) | Q(**{field: ""})
    return Q(**{f"{field}__in": url_paths}) | (
        untranslated & Q(**{f"{default_field}__in": url_paths})
    )


def route(self, request, path_components):
    """Wagtail's Page.route (and RoutablePageMixin's), finding the page in one query.

    Rather than walking down the tree a child (and its specific page) at a time, ask for
    the deepest page below this one whose address path in the active language is the
    requested path or the start of it; the rest of the path is that page's own to route
    (a routable page's sub-views such as a newsroom's feeds), else it is not found.
    """
    if isinstance(self, RoutablePageMixin) and self.live:
        path = "/" + "".join(f"{component}/" for component in path_components)
        try:
            resolver_match = self.resolve_subpage(path)
        except Http404:
            pass
        else:
            request.routable_resolver_match = resolver_match
            view, args, kwargs = resolver_match
            return RouteResult(self, args=(view, args, kwargs))

    if not path_components:
        if self.live:
            return RouteResult(self)
        raise Http404

    found = _deepest_page_on_path(request, self, path_components)
    if found is None:
        raise Http404
    pk, content_type_id, depth = found
    model = ContentType.objects.get_for_id(content_type_id).model_class() or Page
    try:
        page = model.objects.get(pk=pk)
    except model.DoesNotExist:  # deleted since: the deletion made the cached answer stale
        raise Http404 from None
    if is_under_unpublished_page(page):
        # Wagtail would serve a live page below an unpublished one; the public rule
        # (pirsote.core.visibility.public_pages) hides it, so its address does too.
        raise Http404
    return page.route(request, path_components[depth - self.depth :])


def _deepest_page_on_path(request, page, path_components):
    """(pk, content type id, depth) of the deepest page below `page` on the path, or None.

    Kept in the cache until the next change (pirsote.core.content_version), so that a page
    view asks the database only for the specific page it shows. Misses are not kept: random
    addresses must not fill the cache.
    """
    own_path = page.url_path  # in the active language, with the Finnish fallback
    candidates = [
        own_path + "".join(f"{component}/" for component in path_components[:length])
        for length in range(1, len(path_components) + 1)
    ]
    language = translation.get_language() or DEFAULT_LANGUAGE
    digest = hashlib.sha256(f"{page.pk}|{language}|{candidates[-1]}".encode()).hexdigest()
    key, version = f"route:{digest}", content_version.for_request(request)
    found = cache.get(key, version=version)
    if found is None:
        found = (
            Page.objects.descendant_of(page)
            .filter(url_path_q(candidates))
            .order_by("-depth")
            .values_list("pk", "content_type_id", "depth")
            .first()
        )
        if found is not None:
            cache.set(key, found, ROUTE_CACHE_SECONDS, version=version)
    return found


def validate_slugs(page):
    """{slug field: error} for each language whose slug a sibling already uses."""
    if page.get_parent() is None:
        return {}
    siblings = page.get_siblings(inclusive=False)
    errors = {}
    for language in settings.MODELTRANSLATION_LANGUAGES:
        with translation.override(language):
            slug = page.slug  # with the fallback, as the address shows it
        if slug and siblings.filter(slug_q(slug, language)).exists():
            errors[build_localized_fieldname("slug", language)] = translation.gettext(
                "This slug is already in use"
            )
    return errors


def install():
    """Route every page model, and check slugs in the admin, with the queries above."""
    for model in [Page, *get_page_models()]:
        if model.__dict__.get("route") is modeltranslation_patch._new_route:
            model.route = route
    # The patched clean() looks this name up in its module at every call.
    modeltranslation_patch._validate_slugs = validate_slugs
