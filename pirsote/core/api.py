"""The site's public read API: pages, images and documents, plus what the feature apps add.

One django-ninja API (`api`), read-only and anonymous, with one OpenAPI schema for every
endpoint at `openapi.json`. It is mounted inside i18n_patterns: `/api/...` answers in Finnish,
`/en/api/...` in English, translated fields falling back to Finnish as on the site.

It shows only what an anonymous visitor of the site sees: live pages that are not
view-restricted nor under an unpublished page, images and documents that are public
(pirsote.core.embargo: a new upload is not) and not in a view-restricted collection.
Every visitor gets the same answer, so responses may be cached publicly and never read the session.

Wagtail 8's own v3 API (`wagtail.api.v3`) is not mounted: it has write endpoints, and its
image and document querysets know nothing of the embargo. Its read schemas for images and
documents are reused here with our querysets. Feature apps add their endpoints through
`register_router()` from their AppConfig.ready(), so the core imports none of them.
"""

import hashlib
from datetime import datetime
from functools import wraps
from typing import Any, Literal

from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import path, re_path, reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language

from wagtail.documents.api.v3.schemas import DocumentMetaSchema, DocumentSchema
from wagtail.images.api.v3.schemas import ImageMetaSchema, ImageSchema
from wagtail.models import Page, Site, get_page_models

from ninja import Field, NinjaAPI, Path, Query, Router, Schema
from ninja.errors import ValidationError

from . import content_version, visibility
from .models import Licence

NAMESPACE = "pirsote_api"
DEFAULT_LIMIT = 20
MAX_LIMIT = 100
# Far beyond any list of the site, well within what SQLite and PostgreSQL take in OFFSET.
MAX_OFFSET = 1_000_000
# Counts are read again at the next change anyway; this only bounds their life.
COUNT_CACHE_SECONDS = 24 * 60 * 60
# Larger ids than a 64-bit integer exist nowhere, and SQLite refuses to compare with them.
MAX_ID = 2**63 - 1
# Responses are the same for everyone: shared caches may keep them this long (seconds).
CACHE_MAX_AGE = 300

DESCRIPTION = """\
Read-only open API of the Pirkanmaa health and social services reform portal: its pages,
images and documents, projects, service models, goals and grants.

Finnish under `/api/`, English under `/en/api/`: translated texts are in the language of the
address, Finnish where a text has not been translated. Lists take `limit` (1–100, default 20)
and `offset`, and answer `{"count": ..., "items": [...]}`. Only published content is shown.
Amounts are strings of euros with two decimals; dates are ISO 8601.
"""


# Errors: JSON everywhere, without echoing what was sent (it may be 10 kB of anything).


class ErrorSchema(Schema):
    detail: str


class ValidationErrorItem(Schema):
    loc: list[str | int]
    msg: str
    type: str


class ValidationErrorSchema(Schema):
    detail: list[ValidationErrorItem]


ERRORS = {404: ErrorSchema, 422: ValidationErrorSchema}


def _cache_publicly(view):
    """Successful answers may be kept by shared caches for a short while."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if response.status_code == 200:
            patch_cache_control(response, public=True, max_age=CACHE_MAX_AGE)
        return response

    return wrapper


api = NinjaAPI(
    title="Pirkanmaan sote-uudistus – avoin rajapinta",
    version="1.0.0",
    description=DESCRIPTION,
    urls_namespace=NAMESPACE,
    openapi_url="/openapi.json",
    # No interactive docs: Swagger UI would load scripts from a CDN, and the site makes no
    # third-party requests. The schema and docs/api.md are the documentation.
    docs_url=None,
    docs_decorator=_cache_publicly,
)
api.add_decorator(_cache_publicly, mode="view")


@api.exception_handler(ValidationError)
def _validation_error(request, exc):
    # Where and what, but not pydantic's `input`: the value sent back may be 10 kB of anything.
    errors = [
        {
            "loc": [part if isinstance(part, int) else str(part) for part in error["loc"]],
            "msg": error.get("msg", "Invalid value."),
            "type": error.get("type", "invalid"),
        }
        for error in exc.errors
    ]
    return api.create_response(request, {"detail": errors}, status=422)


# Registered routers' prefixes by name, e.g. {"projects": "/projects/"}, for the index.
ENDPOINTS = {}


def register_router(prefix, router):
    """Add a feature app's router under `prefix`, e.g. "/projects/"; call from ready()."""
    api.add_router(prefix, router)
    ENDPOINTS[prefix.strip("/")] = prefix


def api_url(name, **kwargs):
    """An endpoint's address in the active language, e.g. api_url("page_detail", page_id=3)."""
    return reverse(f"{NAMESPACE}:{name}", kwargs=kwargs)


def absolute_api_url(request, name, **kwargs):
    return request.build_absolute_uri(api_url(name, **kwargs))


# Pagination


class Pagination(Schema):
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="Items per answer.")
    offset: int = Field(0, ge=0, le=MAX_OFFSET, description="Items to skip.")


def paged(item_schema, name):
    """The response schema of a list: `{"count": N, "items": [item, ...]}`."""
    return type(Schema)(
        name,
        (Schema,),
        {"__annotations__": {"count": int, "items": list[item_schema]}},
    )


def paginate(queryset, pagination, prepare=None):
    """One page of `queryset` as the dict `paged()` schemas read.

    `prepare(items)` may attach related data to the page's items in a fixed number of
    queries (and return them), e.g. each service model's project.
    """
    items = list(queryset[pagination.offset : pagination.offset + pagination.limit])
    if prepare is not None:
        items = prepare(items)
    return {"count": counted(queryset), "items": items}


def counted(queryset):
    """queryset.count(), kept in the cache until the next change of the site.

    Counting every release for each page of a long list was most of its database time; the
    list's SQL is the key, so every filter has its own count.
    """
    try:
        sql, params = queryset.query.sql_with_params()
    except EmptyResultSet:  # a filter that matches nothing: counted without a query
        return queryset.count()
    digest = hashlib.sha256(repr((sql, params)).encode()).hexdigest()
    key, version = f"api-count:{digest}", content_version.current()
    count = cache.get(key, version=version)
    if count is None:
        count = queryset.count()
        cache.set(key, count, COUNT_CACHE_SECONDS, version=version)
    return count


# What the public may see


def visible_pages(request, model=Page):
    """Pages of the request's site that an anonymous visitor may see, as `model`."""
    site = Site.find_for_request(request)
    if site is None:
        return model.objects.none()
    return visibility.visible_pages(site, model)


def object_or_404(queryset, pk):
    """The object of `queryset` with this primary key, else a 404 (also for absurd ids)."""
    if not 0 < pk <= MAX_ID:
        raise Http404
    return get_object_or_404(queryset, pk=pk)


def page_url(page, request):
    """The page's full address in the active language."""
    return page.get_full_url(request)


# Pages

PAGE_TYPES = tuple(model._meta.label for model in get_page_models())
PageType = Literal[PAGE_TYPES]  # type: ignore[valid-type]


class PageMetaSchema(Schema):
    type: str = Field(description="The page type, e.g. projects.ProjectPage.")
    detail_url: str
    html_url: str | None
    slug: str
    locale: str = Field(description="The language of the texts' address (fi or en).")
    first_published_at: datetime | None
    last_published_at: datetime | None

    @staticmethod
    def resolve_type(obj):
        # Lists select the content type along with the pages: no query per page.
        return (obj.content_type.model_class() or Page)._meta.label

    @staticmethod
    def resolve_detail_url(obj, context):
        return absolute_api_url(context["request"], "page_detail", page_id=obj.pk)

    @staticmethod
    def resolve_html_url(obj, context):
        return page_url(obj, context["request"])

    @staticmethod
    def resolve_locale(obj):
        return get_language()


class PageSchema(Schema):
    """A page in lists: Wagtail's API shape, its data under `meta`."""

    id: int
    title: str
    meta: PageMetaSchema

    @staticmethod
    def resolve_meta(obj):
        return obj


class ImageRefSchema(Schema):
    id: int
    title: str
    description: str | None = Field(description="The alt text.")
    detail_url: str

    @staticmethod
    def resolve_detail_url(obj, context):
        return absolute_api_url(context["request"], "image_detail", image_id=obj.pk)


class PageRefSchema(Schema):
    id: int
    title: str
    detail_url: str
    html_url: str | None

    @staticmethod
    def resolve_detail_url(obj, context):
        return absolute_api_url(context["request"], "page_detail", page_id=obj.pk)

    @staticmethod
    def resolve_html_url(obj, context):
        return page_url(obj, context["request"])


class PageDetailMetaSchema(PageMetaSchema):
    seo_title: str
    search_description: str
    parent: PageRefSchema | None = Field(description="The parent page, if the public sees it.")

    @staticmethod
    def resolve_parent(obj, context):
        return getattr(obj, "visible_parent", None)


class PageDetailSchema(Schema):
    """A page with its lead, body and listing image."""

    id: int
    title: str
    intro: str = Field(description="The lead: one or two sentences under the title.")
    body: list[Any] = Field(
        description="The body's blocks in Wagtail's API form; rich text as HTML, images, "
        "documents, pages and contact people by id."
    )
    listing_image: ImageRefSchema | None
    meta: PageDetailMetaSchema

    @staticmethod
    def resolve_intro(obj):
        return getattr(obj, "intro", "") or ""

    @staticmethod
    def resolve_body(obj):
        body = getattr(obj, "body", None)
        if not body:
            return []
        # No request in the context: the rich text format is the setting's, never a query
        # parameter the blocks would read and choke on.
        return body.stream_block.get_api_representation(body, context={})

    @staticmethod
    def resolve_listing_image(obj):
        return getattr(obj, "public_listing_image", None)

    @staticmethod
    def resolve_meta(obj):
        return obj


class PageFilters(Schema):
    type: PageType | None = Field(None, description="Only pages of this type.")
    child_of: int | None = Field(None, ge=1, description="Only children of this page.")


PageList = paged(PageSchema, "PageList")
pages_router = Router(tags=["pages"])


@pages_router.get(
    "/",
    response={200: PageList, 422: ValidationErrorSchema},
    summary="List pages",
    operation_id="pages_list",
    url_name="page_list",
)
def list_pages(request, pagination: Query[Pagination], filters: Query[PageFilters]):
    model = Page
    if filters.type:
        model = next(m for m in get_page_models() if m._meta.label == filters.type)
    pages = visible_pages(request, model).select_related("content_type").order_by("path")
    if filters.child_of:
        parent = Page.objects.filter(pk=filters.child_of).only("path", "depth").first()
        if parent is None:
            pages = pages.none()
        else:
            pages = pages.filter(path__startswith=parent.path, depth=parent.depth + 1)
    return paginate(pages, pagination)


@pages_router.get(
    "/{page_id}/",
    response={200: PageDetailSchema, **ERRORS},
    summary="Page detail",
    operation_id="pages_detail",
    url_name="page_detail",
)
def get_page(request, page_id: Path[int]):
    page = object_or_404(visible_pages(request), page_id).specific
    parent_path = page.path[: -Page.steplen]
    page.visible_parent = visible_pages(request).filter(path=parent_path).first()
    if getattr(page, "listing_image_id", None):
        page.public_listing_image = (
            visibility.public_images().filter(pk=page.listing_image_id).first()
        )
    return page


# Images and documents: Wagtail v3's read schemas, our querysets and addresses.


class PublicImageMetaSchema(ImageMetaSchema):
    @staticmethod
    def resolve_detail_url(obj, context):
        return absolute_api_url(context["request"], "image_detail", image_id=obj.pk)

    @staticmethod
    def resolve_download_url(obj, context):
        return context["request"].build_absolute_uri(obj.file.url) if obj.file else None


class PublicImageSchema(ImageSchema):
    """An image: Wagtail's fields, the alt text as `description`, credit and terms of use."""

    credit: str
    licence: Literal[tuple(Licence.values)]  # type: ignore[valid-type]
    free_for_media_use: bool
    meta: PublicImageMetaSchema


class PublicDocumentMetaSchema(DocumentMetaSchema):
    @staticmethod
    def resolve_detail_url(obj, context):
        return absolute_api_url(context["request"], "document_detail", document_id=obj.pk)


class PublicDocumentSchema(DocumentSchema):
    file_extension: str
    file_size: int | None
    meta: PublicDocumentMetaSchema


ImageList = paged(PublicImageSchema, "ImageList")
DocumentList = paged(PublicDocumentSchema, "DocumentList")
images_router = Router(tags=["images"])
documents_router = Router(tags=["documents"])


def _images():
    return (
        visibility.public_images()
        .select_related("collection")
        .prefetch_related("tags")
        .order_by("pk")
    )


def _documents():
    return (
        visibility.public_documents()
        .select_related("collection")
        .prefetch_related("tags")
        .order_by("pk")
    )


@images_router.get(
    "/",
    response={200: ImageList, 422: ValidationErrorSchema},
    summary="List images",
    operation_id="images_list",
    url_name="image_list",
)
def list_images(request, pagination: Query[Pagination]):
    return paginate(_images(), pagination)


@images_router.get(
    "/{image_id}/",
    response={200: PublicImageSchema, **ERRORS},
    summary="Image detail",
    operation_id="images_detail",
    url_name="image_detail",
)
def get_image(request, image_id: Path[int]):
    return object_or_404(_images(), image_id)


@documents_router.get(
    "/",
    response={200: DocumentList, 422: ValidationErrorSchema},
    summary="List documents",
    operation_id="documents_list",
    url_name="document_list",
)
def list_documents(request, pagination: Query[Pagination]):
    return paginate(_documents(), pagination)


@documents_router.get(
    "/{document_id}/",
    response={200: PublicDocumentSchema, **ERRORS},
    summary="Document detail",
    operation_id="documents_detail",
    url_name="document_detail",
)
def get_document(request, document_id: Path[int]):
    return object_or_404(_documents(), document_id)


class IndexSchema(Schema):
    title: str
    version: str
    openapi_url: str = Field(description="This API's OpenAPI schema.")
    endpoints: dict[str, str] = Field(description="Each list's address.")


index_router = Router(tags=["index"])


@index_router.get(
    "/",
    response={200: IndexSchema},
    summary="Index",
    description="The API's lists and its OpenAPI schema.",
    operation_id="index",
    url_name="index",
)
def index(request):
    root = api_url("index")
    return {
        "title": api.title,
        "version": api.version,
        "openapi_url": request.build_absolute_uri(api_url("openapi-json")),
        "endpoints": {
            name: request.build_absolute_uri(root + prefix.lstrip("/"))
            for name, prefix in ENDPOINTS.items()
        },
    }


api.add_router("", index_router)
register_router("/pages/", pages_router)
register_router("/images/", images_router)
register_router("/documents/", documents_router)


def not_found(request, rest=""):
    """Any other address under the API: a JSON 404 rather than the site's HTML page."""
    return JsonResponse({"detail": "Not Found"}, status=404)


def urls():
    """The API's URL patterns, for `path("api/", include(urls()))` in i18n_patterns."""
    return [path("", api.urls), re_path(r"^(?P<rest>.*/)?$", not_found)]
