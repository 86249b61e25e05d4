"""What a change of content purges from the cache in front of the site, and the purge itself.

The cache in front (Varnish, deploy/varnish/) keeps anonymous pages until they are purged
(pirsote.core.http_cache). This module is the one place that decides what each change makes
stale and tells the cache, through the backends of Wagtail's frontend cache app
(`WAGTAILFRONTENDCACHE`, empty = no cache in front, nothing is sent). It also bumps
pirsote.core.content_version, which fragment and sitemap caches put in their keys.

Two kinds of targets: a path, purged with every query string (`PURGE`), and a prefix, every
path that starts with it (`BAN`: a page's sub-routes such as a newsroom's `rss/`, and its
descendants). Each page is purged at its address in every language, computed per language
because wagtail-modeltranslation gives the English path its own slugs. The app
`wagtail.contrib.frontend_cache` is not installed: its signal handlers would purge the
English page at the Finnish path with `/en/` in front.

The purges of one transaction are collected and sent once it commits, so that a rolled-back
change purges nothing and no request can cache the old version again after the purge.
Purging never breaks a change: errors are logged, and if deciding what to purge fails,
everything is purged.

Feature apps say what shows their content, without the core importing them:
  * a page type may define `frontend_cache_dependents(self)`, returning pages (purged at
    their addresses with any query string), `prefix(page_or_path)` or paths;
  * `register_page_dependents(PageModel, func)` adds such a function for another app's pages
    (news registers the newsroom for projects, whose names its filters list);
  * `register_model(Model, func)` purges on every save and delete of a snippet or other model,
    `func(instance)` returning targets as above; without `func`, everything.
"""

import logging
import threading
from dataclasses import dataclass
from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit, urlunsplit
from urllib.request import Request, urlopen

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.urls import NoReverseMatch, reverse
from django.utils import translation

from wagtail import __version__ as wagtail_version
from wagtail.contrib.frontend_cache.backends import HTTPBackend
from wagtail.contrib.frontend_cache.utils import PurgeBatch, get_backends
from wagtail.models import Page, ReferenceIndex, Site
from wagtail.signals import (
    page_published,
    page_unpublished,
    post_page_move,
    pre_page_move,
    published,
    unpublished,
)

from . import content_version
from .absolute_urls import base_url

logger = logging.getLogger(__name__)


# Targets


@dataclass(frozen=True)
class Prefix:
    """Every address that starts with the page's address (in every language) or the path."""

    target: object


def prefix(target):
    return Prefix(target)


EVERYTHING = Prefix("/")


def page_paths(page):
    """The page's root-relative address in every language, e.g. {"/uutiset/", "/en/news/"}."""
    paths = set()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            parts = page.get_url_parts()
        if parts and parts[2]:
            paths.add(parts[2])
    return paths


def reversed_paths(name, *args):
    """A named URL's path in every language, e.g. "search:search" → {"/haku/", "/en/search/"}."""
    paths = set()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            try:
                paths.add(reverse(name, args=args))
            except NoReverseMatch:
                logger.warning("No URL named %s to purge", name)
    return paths


def language_roots():
    """Where each language's addresses start: {"/", "/en/"}."""
    return reversed_paths("wagtail_serve", "")


class Change:
    """The paths (with any query string) and prefixes one change makes stale."""

    def __init__(self):
        self.paths = set()
        self.prefixes = set()

    @property
    def everything(self):
        return "/" in self.prefixes

    def add(self, target):
        if target is None:
            return
        if isinstance(target, Prefix):
            inner = target.target
            self.prefixes |= page_paths(inner) if isinstance(inner, Page) else {inner}
        elif isinstance(target, Page):
            self.paths |= page_paths(target)
        elif isinstance(target, str):
            self.paths.add(target)
        else:  # an iterable of targets
            for item in target:
                self.add(item)

    def merge(self, other):
        self.paths |= other.paths
        self.prefixes |= other.prefixes
        return self

    def merge_everything(self):
        self.prefixes.add("/")
        return self

    def __bool__(self):
        return bool(self.paths or self.prefixes)


def always():
    """What every change makes stale: the home pages, search, the sitemap and the API."""
    change = Change()
    for site in Site.objects.select_related("root_page"):
        change.add(site.root_page)
    change.add(reversed_paths("search:search"))
    # sitemap.xml and, should it become an index, its sub-sitemaps.
    change.add(prefix(reverse("sitemap").removesuffix(".xml")))
    # The API is mounted at api/ in every language (pirsote/urls.py).
    change.add(prefix(root + "api/") for root in language_roots())
    return change


# The registry the apps fill


_page_dependents = []  # [(page model, func)]
_model_dependents = {}  # {model: [func or None]}


def register_page_dependents(page_model, func):
    """`func(page)` gives what else shows pages of `page_model` (and its subclasses)."""
    _page_dependents.append((page_model, func))


def register_model(model, dependents=None):
    """Purge on every save and delete of `model`: `dependents(instance)`'s targets, or everything.

    Call from an AppConfig.ready(). Snippets with drafts also purge when published or
    unpublished; plain many-to-many fields of the model purge when their rows change.
    """
    funcs = _model_dependents.setdefault(model, [])
    funcs.append(dependents)
    if len(funcs) > 1:
        return
    uid = f"frontend_cache_{model._meta.label_lower}"
    pre_save.connect(_model_before_save, sender=model, dispatch_uid=uid)
    post_save.connect(_model_changed, sender=model, dispatch_uid=uid)
    post_delete.connect(_model_changed, sender=model, dispatch_uid=uid)
    published.connect(_model_changed, sender=model, dispatch_uid=uid)
    unpublished.connect(_model_changed, sender=model, dispatch_uid=uid)
    for field in model._meta.local_many_to_many:
        through = getattr(field.remote_field, "through", None)
        if through is not None and through._meta.auto_created:
            m2m_changed.connect(_m2m_changed, sender=through, dispatch_uid=uid)


def _dependents_of_page(page):
    change = Change()
    own = getattr(page, "frontend_cache_dependents", None)
    if own is not None:
        change.add(own())
    for page_model, func in _page_dependents:
        if isinstance(page, page_model):
            change.add(func(page))
    return change


def _dependents_of_instance(instance):
    change = Change()
    for model, funcs in _model_dependents.items():
        if not isinstance(instance, model):
            continue
        for func in funcs:
            if func is None:
                return Change().merge_everything()
            change.add(func(instance))
    return change


def page_change(page, *, url_changed=False):
    """What a change to `page` (as it is in memory) makes stale, besides always().

    The page and everything under its address in every language; its ancestors, which list
    it; what its type says shows it; the pages that link to it. A page of the main menu (a
    child of a site root) or a site root itself: everything.
    """
    change = Change()
    page = page.specific
    paths = page_paths(page)
    if not paths:  # not under any site: nobody sees it at an address
        return change
    change.prefixes |= paths
    ancestors = list(page.get_ancestors().filter(depth__gt=1))
    site_roots = set(Site.objects.values_list("root_page_id", flat=True))
    if page.pk in site_roots or (ancestors and ancestors[-1].pk in site_roots):
        return change.merge_everything()
    for ancestor in ancestors:
        change.paths |= page_paths(ancestor)
    change.merge(_dependents_of_page(page))
    change.merge(_referencing(page, url_changed=url_changed))
    return change


def _referencing(obj, *, url_changed):
    """The live pages that link to or show `obj`; everything if other objects do and its URL moved.

    A snippet that names a page (the footer's privacy statement) may be shown on every page.
    """
    change = Change()
    page_type = ContentType.objects.get_for_model(Page)
    page_ids = []
    for content_type_id, object_id in (
        ReferenceIndex.get_references_to(obj)
        .values_list("base_content_type_id", "object_id")
        .distinct()
    ):
        if content_type_id == page_type.pk:
            page_ids.append(object_id)
        elif url_changed:
            return change.merge_everything()
    for page in Page.objects.filter(pk__in=page_ids).live():
        change.paths |= page_paths(page)
    return change


# Collecting the purges of a transaction and sending them after it commits


class FrontendPurgeBatch(PurgeBatch):
    """Wagtail's batch of URLs to purge, plus prefixes, sent straight to the backends.

    Wagtail's own batch goes through a background task, which could run after the next
    request has cached the old version again; this one purges as soon as it is sent.
    """

    def __init__(self, paths=(), prefixes=(), *, base_url):
        self.base_url = base_url.rstrip("/")
        prefixes = _minimal_prefixes(prefixes)
        paths = {path for path in paths if not any(path.startswith(p) for p in prefixes)}
        super().__init__(self.base_url + path for path in paths)
        self.prefixes = {self.base_url + p for p in prefixes}

    def purge(self, backend_settings=None, backends=None):
        for name, backend in get_backends(backend_settings, backends).items():
            try:
                if self.prefixes:
                    if hasattr(backend, "ban_prefixes"):
                        backend.ban_prefixes(sorted(self.prefixes))
                    else:  # a cache that cannot ban: at least the prefixes' own addresses
                        backend.purge_batch(sorted(self.prefixes))
                if self.urls:
                    backend.purge_batch(sorted(self.urls))
            except Exception:
                logger.exception("Purging the frontend cache %s failed", name)


def _minimal_prefixes(prefixes):
    kept = []
    for candidate in sorted(set(prefixes), key=len):
        if not any(candidate.startswith(p) for p in kept):
            kept.append(candidate)
    return set(kept)


def _base_url():
    # The public address the cache in front is reached at (pirsote.core.absolute_urls).
    return base_url()


class _Pending:
    """The change collected in one transaction, sent once it commits."""

    def __init__(self):
        self.change = Change()
        self.callback = self.send
        self.sent = False

    def send(self):
        self.sent = True
        send(self.change)


def send(change):
    """Purge `change` and what every change makes stale, now. Never raises."""
    content_version.bump()
    try:
        if not enabled():
            return
        if not change.everything:
            change.merge(always())
        FrontendPurgeBatch(change.paths, change.prefixes, base_url=_base_url()).purge()
    except Exception:
        logger.exception("Purging the frontend cache failed")


def enqueue(change):
    """Purge `change` once the current transaction commits (now, outside one)."""
    # Now as well as after the commit: tests (and code) that read fragments inside the
    # transaction see the change; the bump after the commit drops what was cached meanwhile.
    content_version.bump()
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        send(change)
        return
    pending = getattr(connection, "_frontend_cache_pending", None)
    # A rolled-back transaction (or savepoint) dropped the callback: start again.
    if (
        pending is None
        or pending.sent
        or not any(item[1] is pending.callback for item in connection.run_on_commit)
    ):
        pending = _Pending()
        connection._frontend_cache_pending = pending
        transaction.on_commit(pending.callback)
    pending.change.merge(change)


def _safely(compute):
    """`compute()`'s change, or everything if working it out failed: never stale, never broken."""
    try:
        return compute()
    except Exception:
        logger.exception("Could not work out what to purge: purging everything")
        return Change().merge_everything()


def enabled():
    """Is there a cache in front to purge? Without one, changes only bump the content version."""
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


# Signal handlers: pages


_moving = threading.local()


def _is_typed_page(instance):
    # Wagtail saves moved pages as plain Page objects; the move signals handle those.
    return isinstance(instance, Page) and type(instance) is not Page


def _public_fields_saved(update_fields):
    # A draft of a live page goes to a revision, and the page's row is saved with a few
    # bookkeeping fields only: the public sees nothing new.
    return update_fields is None or any(
        field == "live" or field.startswith(("slug", "url_path", "title"))
        for field in update_fields
    )


def _page_before_save(sender, instance, raw=False, update_fields=None, **kwargs):
    # Whether this save purged is for this save's own publish or unpublish signal to know:
    # a flag left from an earlier save of the same object must not silence a later one.
    if isinstance(instance, Page):
        instance._frontend_cache_handled = False
    if raw or instance.pk is None or not _is_typed_page(instance) or not enabled():
        return
    if not _public_fields_saved(update_fields):
        return

    def before():
        # The live version about to be replaced: its addresses and what showed it.
        old = type(instance).objects.filter(pk=instance.pk).first()
        if old is None or not old.live:
            return Change(), set()
        return page_change(old), page_paths(old)

    try:
        instance._frontend_cache_before = before()
    except Exception:
        logger.exception("Could not work out what to purge: purging everything")
        instance._frontend_cache_before = Change().merge_everything(), set()


def _page_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or not _is_typed_page(instance) or not _public_fields_saved(update_fields):
        return
    before, old_paths = getattr(instance, "_frontend_cache_before", None) or (Change(), set())
    instance._frontend_cache_before = None
    if not (before or instance.live):
        return  # a draft of a page the public does not see
    instance._frontend_cache_handled = True
    if not enabled():
        enqueue(Change())
        return
    if instance.live:
        before.merge(
            _safely(lambda: page_change(instance, url_changed=page_paths(instance) != old_paths))
        )
    enqueue(before)


def _page_published_or_unpublished(sender, instance, **kwargs):
    # Saving the page enqueued its purge already; this covers a publication without a save.
    if getattr(instance, "_frontend_cache_handled", False):
        return
    enqueue(_safely(lambda: page_change(instance)) if enabled() else Change())


def _page_before_delete(sender, instance, **kwargs):
    if not _is_typed_page(instance) or not instance.live:
        return
    # Deleting runs in a transaction: the purge waits for its commit.
    enqueue(_safely(lambda: page_change(instance, url_changed=True)) if enabled() else Change())


def _page_before_move(sender, instance, **kwargs):
    if not enabled():
        return
    stash = getattr(_moving, "changes", None)
    if stash is None:
        stash = _moving.changes = {}
    stash[instance.pk] = _safely(lambda: page_change(instance, url_changed=True))


def _page_moved(sender, instance, **kwargs):
    change = getattr(_moving, "changes", {}).pop(instance.pk, None) or Change()
    if enabled():
        change.merge(_safely(lambda: page_change(instance, url_changed=True)))
    enqueue(change)


# Signal handlers: other models


def _model_before_save(sender, instance, raw=False, **kwargs):
    if raw or instance.pk is None or not enabled():
        return
    # What showed the old version: e.g. a grant moved to another project.
    old = sender._default_manager.filter(pk=instance.pk).first()
    if old is not None:
        instance._frontend_cache_before = _safely(lambda: _dependents_of_instance(old))


def _model_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    change = getattr(instance, "_frontend_cache_before", None) or Change()
    instance._frontend_cache_before = None
    if enabled():
        change.merge(_safely(lambda: _dependents_of_instance(instance)))
    enqueue(change)


def _m2m_changed(sender, instance, action, **kwargs):
    if action.startswith("post_"):
        enqueue(_safely(lambda: _dependents_of_instance(instance)) if enabled() else Change())


def _view_restriction_changed(sender, instance, **kwargs):
    # A page made private or public again: as if it were unpublished or published.
    def compute():
        page = Page.objects.filter(pk=instance.page_id).first()
        return page_change(page) if page else Change().merge_everything()

    enqueue(_safely(compute) if enabled() else Change())


def connect():
    """Connect the page signals and register the core's own models. From CoreConfig.ready()."""
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import CollectionViewRestriction, PageViewRestriction

    from .models import ContactPerson, SiteSettings

    pre_save.connect(_page_before_save, dispatch_uid="frontend_cache_page_before_save")
    post_save.connect(_page_saved, dispatch_uid="frontend_cache_page_saved")
    pre_delete.connect(_page_before_delete, dispatch_uid="frontend_cache_page_before_delete")
    page_published.connect(_page_published_or_unpublished, dispatch_uid="frontend_cache_pub")
    page_unpublished.connect(_page_published_or_unpublished, dispatch_uid="frontend_cache_unpub")
    pre_page_move.connect(_page_before_move, dispatch_uid="frontend_cache_page_before_move")
    post_page_move.connect(_page_moved, dispatch_uid="frontend_cache_page_moved")
    for signal in (post_save, post_delete):
        signal.connect(
            _view_restriction_changed,
            sender=PageViewRestriction,
            dispatch_uid="frontend_cache_page_restriction",
        )
    # Shown on many pages (contact cards in any body, the footer, images and documents in
    # bodies, listings and the media bank), in the search results and the API, and edited
    # rarely: everything, rather than a list of places that would go out of date.
    for model in (
        ContactPerson,
        SiteSettings,
        Site,
        get_image_model(),
        get_document_model(),
        CollectionViewRestriction,
    ):
        register_model(model)


# The backend


class VarnishBackend(HTTPBackend):
    """Wagtail's HTTP purger (`PURGE` of a URL), with a timeout, plus `BAN` of a path prefix.

    The shipped VCL (deploy/varnish/default.vcl) purges a URL's path with every query string,
    and bans every path that starts with a BAN's path. TIMEOUT (seconds, default 5) keeps an
    unreachable cache from holding up a publication.
    """

    def __init__(self, params):
        params = dict(params)
        self.timeout = float(params.pop("TIMEOUT", 5))
        super().__init__(params)

    def purge(self, url):
        self._request("PURGE", url)

    def ban_prefixes(self, urls):
        for url in urls:
            self._request("BAN", url)

    def _request(self, method, url):
        parts = urlsplit(url)
        host = parts.hostname + (f":{parts.port}" if parts.port else "")
        request = Request(
            urlunsplit((self.cache_scheme, self.cache_netloc, parts.path or "/", parts.query, "")),
            method=method,
            headers={"Host": host, "User-Agent": f"Wagtail-frontendcache/{wagtail_version}"},
        )
        try:
            with urlopen(request, timeout=self.timeout):
                pass
        except HTTPError as error:
            logger.error(
                "%s %s at %s: %s %s", method, url, self.cache_netloc, error.code, error.reason
            )
        except (URLError, OSError) as error:
            logger.error("%s %s at %s failed: %s", method, url, self.cache_netloc, error)
