"""Projects, service models and goals in the public read API (pirsote.core.api).

Each list costs the same few queries however many items it has: the items with their
organisations, goals and target groups prefetched, and one query for the related pages
(a project's service models, a service model's project). Only pages the public sees are
listed, nested or not.
"""

from datetime import date
from typing import Any, Literal

from django.db.models import Prefetch
from django.db.models.functions import Length, Substr

from wagtail.models import Page

from ninja import Field, Path, Query, Router, Schema

from pirsote.core.api import (
    ERRORS,
    Pagination,
    ValidationErrorSchema,
    absolute_api_url,
    object_or_404,
    page_url,
    paged,
    paginate,
    register_router,
    visible_pages,
)
from pirsote.core.dates import DatePrecision
from pirsote.core.safe_urls import safe_url

from .models import (
    MAX_FILTER_VALUE_LENGTH,
    Goal,
    Organisation,
    ProjectPage,
    ProjectStatus,
    ServiceModelPage,
    ServiceModelStatus,
    attach_projects,
)

# Lowercase letters, digits and hyphens: project codes, goal and target group slugs.
SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"

ProjectStatusCode = Literal[tuple(ProjectStatus.values)]  # type: ignore[valid-type]
ServiceModelStatusCode = Literal[tuple(ServiceModelStatus.values)]  # type: ignore[valid-type]
DatePrecisionCode = Literal[tuple(DatePrecision.values)]  # type: ignore[valid-type]
OrganisationKind = Literal[tuple(Organisation.Kind.values)]  # type: ignore[valid-type]


class OrganisationSchema(Schema):
    slug: str
    name: str
    abbreviation: str
    kind: OrganisationKind
    identifier: str = Field(description="A registered org-id.guide identifier, or empty.")
    website: str

    @staticmethod
    def resolve_website(obj):
        return safe_url(obj.website)


class TargetGroupSchema(Schema):
    slug: str
    name: str


class GoalRefSchema(Schema):
    id: int
    slug: str
    name: str
    detail_url: str

    @staticmethod
    def resolve_detail_url(obj, context):
        return absolute_api_url(context["request"], "goal_detail", goal_id=obj.pk)


class ProjectRefSchema(Schema):
    id: int
    acronym: str
    code: str = Field(description="The acronym as in filters, e.g. ?project=pirsote.")
    name: str
    url: str | None = Field(description="The project's page in the language of the address.")
    detail_url: str

    @staticmethod
    def resolve_name(obj):
        return obj.title

    @staticmethod
    def resolve_url(obj, context):
        return page_url(obj, context["request"])

    @staticmethod
    def resolve_detail_url(obj, context):
        return absolute_api_url(context["request"], "project_detail", project_id=obj.pk)


class ServiceModelRefSchema(Schema):
    id: int
    name: str
    url: str | None
    detail_url: str

    @staticmethod
    def resolve_name(obj):
        return obj.title

    @staticmethod
    def resolve_url(obj, context):
        return page_url(obj, context["request"])

    @staticmethod
    def resolve_detail_url(obj, context):
        return absolute_api_url(context["request"], "service_model_detail", service_model_id=obj.pk)


def _innokyla_url(obj):
    """The Innokylä address only if safe as a link (pirsote.core.safe_urls), else ''."""
    return safe_url(obj.innokyla_url)


class ProjectSchema(ProjectRefSchema):
    intro: str
    status: ProjectStatusCode
    status_label: str
    planned_start: date | None
    planned_end: date | None
    actual_start: date | None
    actual_end: date | None
    date_precision: DatePrecisionCode = Field(
        description="How precisely the dates are known: a date known to the year is the "
        "year's first day."
    )
    innokyla_url: str
    coordinator: OrganisationSchema | None
    implementers: list[OrganisationSchema]
    goals: list[GoalRefSchema]
    target_groups: list[TargetGroupSchema] = Field(
        description="Whom the project's service models serve."
    )
    service_models: list[ServiceModelRefSchema]

    resolve_innokyla_url = staticmethod(_innokyla_url)

    @staticmethod
    def resolve_status_label(obj):
        return obj.get_status_display()

    @staticmethod
    def resolve_implementers(obj):
        # Sorted by the name shown: a name falling back to Finnish has no English to sort by.
        return sorted(obj.implementers.all(), key=lambda o: o.name.casefold())

    @staticmethod
    def resolve_target_groups(obj):
        groups = {}
        for service_model in obj.visible_service_models:
            for group in service_model.target_groups.all():
                groups.setdefault(group.pk, group)
        return sorted(groups.values(), key=lambda g: (g.sort_order or 0, g.pk))

    @staticmethod
    def resolve_service_models(obj):
        return obj.visible_service_models


class StaffFigureSchema(Schema):
    count: int
    is_approximate: bool
    description: str


class ProjectDetailSchema(ProjectSchema):
    body: list[Any] = Field(description="The body's blocks in Wagtail's API form.")
    staff_figures: list[StaffFigureSchema]

    @staticmethod
    def resolve_body(obj):
        return obj.body.stream_block.get_api_representation(obj.body, context={})


class ServiceModelSchema(ServiceModelRefSchema):
    intro: str
    status: ServiceModelStatusCode
    status_label: str
    project: ProjectRefSchema
    goals: list[GoalRefSchema]
    target_groups: list[TargetGroupSchema]
    innokyla_url: str

    resolve_innokyla_url = staticmethod(_innokyla_url)

    @staticmethod
    def resolve_status_label(obj):
        return obj.get_status_display()


class ServiceModelDetailSchema(ServiceModelSchema):
    body: list[Any] = Field(description="The body's blocks in Wagtail's API form.")

    @staticmethod
    def resolve_body(obj):
        return obj.body.stream_block.get_api_representation(obj.body, context={})


class GoalSchema(GoalRefSchema):
    description: str
    projects: list[ProjectRefSchema]
    service_models: list[ServiceModelRefSchema]

    @staticmethod
    def resolve_projects(obj):
        return obj.visible_projects

    @staticmethod
    def resolve_service_models(obj):
        return obj.visible_service_models


# Querysets


def _projects(request):
    return (
        visible_pages(request, ProjectPage)
        .select_related("coordinator")
        .prefetch_related("implementers", "goals")
        .order_by("path")
    )


def _attach_service_models(request):
    """prepare() for projects: each one's visible service models, in one query (and one more
    for their target groups)."""

    def prepare(projects):
        paths = [project.path for project in projects]
        by_parent = {path: [] for path in paths}
        if paths:
            service_models = (
                visible_pages(request, ServiceModelPage)
                .annotate(parent_path=Substr("path", 1, Length("path") - Page.steplen))
                .filter(parent_path__in=paths)
                .prefetch_related("target_groups")
                .order_by("path")
            )
            for service_model in service_models:
                by_parent[service_model.parent_path].append(service_model)
        for project in projects:
            project.visible_service_models = by_parent[project.path]
        return projects

    return prepare


def _service_models(request):
    return (
        visible_pages(request, ServiceModelPage)
        .prefetch_related("goals", "target_groups")
        .order_by("path")
    )


def _goals(request):
    return Goal.objects.prefetch_related(
        Prefetch(
            "projects",
            queryset=visible_pages(request, ProjectPage).order_by("path"),
            to_attr="visible_projects",
        ),
        Prefetch(
            "service_models",
            queryset=visible_pages(request, ServiceModelPage).order_by("path"),
            to_attr="visible_service_models",
        ),
    )


def project_with_code(request, code):
    """The visible project whose acronym gives `code` (e.g. "pirsote"), or None."""
    return visible_pages(request, ProjectPage).filter(code=code).first()


# Endpoints


def slug_filter(description):
    return Field(
        None, max_length=MAX_FILTER_VALUE_LENGTH, pattern=SLUG_PATTERN, description=description
    )


class ProjectFilters(Schema):
    status: ProjectStatusCode | None = Field(None, description="Only projects of this status.")
    goal: str | None = slug_filter("Only projects pursuing this goal (its slug).")


class ServiceModelFilters(Schema):
    project: str | None = slug_filter("Only this project's service models (its code).")
    goal: str | None = slug_filter("Only service models pursuing this goal (its slug).")
    target_group: str | None = slug_filter("Only service models for this group (its slug).")
    status: ServiceModelStatusCode | None = Field(None, description="Only this status.")


ProjectList = paged(ProjectSchema, "ProjectList")
ServiceModelList = paged(ServiceModelSchema, "ServiceModelList")
GoalList = paged(GoalSchema, "GoalList")

projects_router = Router(tags=["projects"])
service_models_router = Router(tags=["service models"])
goals_router = Router(tags=["goals"])


@projects_router.get(
    "/",
    response={200: ProjectList, 422: ValidationErrorSchema},
    summary="List projects",
    operation_id="projects_list",
    url_name="project_list",
)
def list_projects(request, pagination: Query[Pagination], filters: Query[ProjectFilters]):
    projects = _projects(request)
    if filters.status:
        projects = projects.filter(status=filters.status)
    if filters.goal:
        projects = projects.filter(goals__slug=filters.goal)
    return paginate(projects, pagination, prepare=_attach_service_models(request))


@projects_router.get(
    "/{project_id}/",
    response={200: ProjectDetailSchema, **ERRORS},
    summary="Project detail",
    operation_id="projects_detail",
    url_name="project_detail",
)
def get_project(request, project_id: Path[int]):
    project = object_or_404(_projects(request).prefetch_related("staff_figures"), project_id)
    return _attach_service_models(request)([project])[0]


@service_models_router.get(
    "/",
    response={200: ServiceModelList, 422: ValidationErrorSchema},
    summary="List service models",
    operation_id="service_models_list",
    url_name="service_model_list",
)
def list_service_models(
    request, pagination: Query[Pagination], filters: Query[ServiceModelFilters]
):
    service_models = _service_models(request)
    if filters.project:
        project = project_with_code(request, filters.project)
        if project is None:
            service_models = service_models.none()
        else:
            service_models = service_models.child_of(project)
    if filters.goal:
        service_models = service_models.filter(goals__slug=filters.goal)
    if filters.target_group:
        service_models = service_models.filter(target_groups__slug=filters.target_group)
    if filters.status:
        service_models = service_models.filter(status=filters.status)
    return paginate(service_models, pagination, prepare=attach_projects)


@service_models_router.get(
    "/{service_model_id}/",
    response={200: ServiceModelDetailSchema, **ERRORS},
    summary="Service model detail",
    operation_id="service_models_detail",
    url_name="service_model_detail",
)
def get_service_model(request, service_model_id: Path[int]):
    service_model = object_or_404(_service_models(request), service_model_id)
    return attach_projects([service_model])[0]


@goals_router.get(
    "/",
    response={200: GoalList, 422: ValidationErrorSchema},
    summary="List goals",
    operation_id="goals_list",
    url_name="goal_list",
)
def list_goals(request, pagination: Query[Pagination]):
    return paginate(_goals(request), pagination)


@goals_router.get(
    "/{goal_id}/",
    response={200: GoalSchema, **ERRORS},
    summary="Goal detail",
    operation_id="goals_detail",
    url_name="goal_detail",
)
def get_goal(request, goal_id: Path[int]):
    return object_or_404(_goals(request), goal_id)


def register():
    register_router("/projects/", projects_router)
    register_router("/service-models/", service_models_router)
    register_router("/goals/", goals_router)
