"""What the public may see of the page tree: one definition for listings, search, API, sitemap."""

import operator
from functools import reduce

from django.core.cache import cache
from django.db.models import Q

from wagtail.models import Collection, CollectionViewRestriction, Page

from . import content_version

HIDDEN_BRANCHES_KEY = "visibility:hidden-branches"
RESTRICTIONS_KEY = "visibility:restricted-branches"


def _branch_paths():
    """{"hidden": [...], "unpublished": [...]}: read once per change of the site, then cached."""
    version = content_version.current()
    paths = cache.get(HIDDEN_BRANCHES_KEY, version=version)
    if not isinstance(paths, dict):
        rows = (
            Page.objects.filter(Q(view_restrictions__isnull=False) | Q(live=False, numchild__gt=0))
            .order_by()
            .values_list("path", "live")
            .distinct()
        )
        paths = {"hidden": [], "unpublished": []}
        for path, live in rows:
            if path not in paths["hidden"]:
                paths["hidden"].append(path)
            if not live:
                paths["unpublished"].append(path)
        cache.set(HIDDEN_BRANCHES_KEY, paths, None, version=version)
    return paths


def hidden_branch_paths():
    """Tree paths under which (inclusive) nothing is public.

    A view restriction hides its page and everything below it. A page that is not live
    hides its descendants too: nothing public links to them, and neither the site's pages
    (pirsote.core.routing), listings, feeds, search, API nor sitemap show them. Only pages
    with children matter there, so the list stays as short as the tree's sections, however
    many releases. It is read once per change of the site (pirsote.core.content_version),
    then from the cache.
    """
    return _branch_paths()["hidden"]


def is_under_unpublished_page(page):
    """True when a page above `page` is not live: its address answers 404 (routing)."""
    return any(
        page.path.startswith(path) and page.path != path for path in _branch_paths()["unpublished"]
    )


def restricted_branch_paths():
    """Paths of the pages with a view restriction, or None when aliases make paths unreliable.

    Wagtail checks a page's restrictions (its own and its ancestors') on every view with two
    queries; this list, read once per change of the site, answers the usual "none" without
    them. An alias takes the restrictions of the page it copies, wherever that page is, so
    with aliases on the site the answer is always "ask Wagtail".
    """
    version = content_version.current()
    paths = cache.get(RESTRICTIONS_KEY, version=version)
    if paths is None:
        from wagtail.models import PageViewRestriction

        has_aliases = Page.objects.filter(alias_of__isnull=False).exists()
        paths = (
            "aliases"
            if has_aliases
            else list(PageViewRestriction.objects.values_list("page__path", flat=True))
        )
        cache.set(RESTRICTIONS_KEY, paths, None, version=version)
    return None if paths == "aliases" else paths


def may_be_restricted(page):
    """False when no view restriction can apply to `page`: no query for Wagtail to make."""
    paths = restricted_branch_paths()
    return paths is None or any(page.path.startswith(path) for path in paths)


def public_pages(pages):
    """The pages of a page queryset that an anonymous visitor may see: the one rule.

    Every public listing, feed, search, API answer and sitemap asks this (or visible_pages),
    never `.live()` or `.public()` alone, which would show a live page under an unpublished
    one.

    Live, with no view restriction on them or above them, and not under a page that is not
    live. Plain conditions on the indexed tree path: the database never plans an anti-join
    over the whole tree.
    """
    hidden = [Q(path__startswith=path) for path in hidden_branch_paths()]
    pages = pages.live()
    return pages.exclude(reduce(operator.or_, hidden)) if hidden else pages


def visible_pages(site, model=Page):
    """Pages of `site` that an anonymous visitor may see, as `model`."""
    return public_pages(model.objects.descendant_of(site.root_page, inclusive=True))


# Images and documents


def restricted_collections_q():
    """Collections with a view restriction, and those under them: never public."""
    paths = CollectionViewRestriction.objects.values_list("collection__path", flat=True)
    q = Q(pk__in=[])
    for restricted_path in paths:
        q |= Q(path__startswith=restricted_path)
    return q


def public_images():
    """Images the public may see: not under embargo (pirsote.core.embargo), not in a
    restricted collection. The API and the media bank list these; nothing else."""
    from wagtail.images import get_image_model

    from .models import PRIVATE_MEDIA_PREFIX

    restricted = Collection.objects.filter(restricted_collections_q())
    return (
        get_image_model()
        .objects.filter(is_private=False)
        .exclude(file__startswith=PRIVATE_MEDIA_PREFIX)
        .exclude(collection__in=restricted)
    )


def public_documents():
    """Documents the public may see: public (pirsote.core.embargo), not in a restricted
    collection."""
    from wagtail.documents import get_document_model

    from .models import PublicDocument

    restricted = Collection.objects.filter(restricted_collections_q())
    return (
        get_document_model()
        .objects.filter(pk__in=PublicDocument.objects.values("document_id"))
        .exclude(collection__in=restricted)
    )
