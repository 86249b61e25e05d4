"""The project managers' panel on the admin dashboard.

It leads a manager to what they keep: their projects' pages, each project's service models,
their own drafts (the releases they write among them) and what waits in the publishing
approval workflow. Every list is cut short with a link to the full listing in the page
explorer or the workflow report, and the panel makes the same few queries however many
pages, projects or drafts there are.
"""

from functools import reduce
from operator import or_

from django.db.models import CharField, Exists, F, OuterRef, Q, Subquery
from django.db.models.expressions import Window
from django.db.models.functions import Cast, RowNumber, Substr
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import ngettext

from wagtail.admin.ui.components import Component
from wagtail.models import Page, WorkflowState, get_default_page_content_type
from wagtail.permissions import policy_registry

from .roles import projects_managed_by

# How many rows each list shows before its "show all" link.
PROJECTS_SHOWN = 5
SERVICE_MODELS_SHOWN = 5
DRAFTS_SHOWN = 5
AWAITING_SHOWN = 5


def with_workflow_status(pages):
    """`pages` annotated with `workflow_status`: the status of its active workflow, or None.

    WorkflowState points to its page through a text object_id, hence the cast.
    """
    states = WorkflowState.objects.active().filter(
        base_content_type_id=get_default_page_content_type().pk,
        object_id=Cast(OuterRef("pk"), output_field=CharField()),
    )
    return pages.annotate(
        workflow_status=Subquery(states.order_by("-created_at").values("status")[:1]),
        workflow_since=Subquery(states.order_by("-created_at").values("created_at")[:1]),
    )


def subtree_of(pages):
    """A Q for every page in the subtrees of `pages` (a bounded list)."""
    return reduce(or_, (Q(path__startswith=page.path) for page in pages), Q(pk__in=[]))


def service_models_of(projects):
    """{project path: its most recently edited children (service models)}, a few each."""
    if not projects:
        return {}
    parent_path = Substr("path", 1, (F("depth") - 1) * Page.steplen)
    children = (
        with_workflow_status(
            Page.objects.filter(
                reduce(or_, (Q(path__startswith=p.path, depth=p.depth + 1) for p in projects))
            )
        )
        .annotate(
            parent_path=parent_path,
            row=Window(
                RowNumber(),
                partition_by=[parent_path],
                order_by=[F("latest_revision_created_at").desc(nulls_last=True), "path"],
            ),
        )
        .filter(row__lte=SERVICE_MODELS_SHOWN)
        .order_by("path")
    )
    by_parent = {project.path: [] for project in projects}
    for child in children:
        by_parent[child.parent_path].append(child)
    return by_parent


class ProjectManagerPanel(Component):
    """Shown to members of a project managers' group (see the construct_homepage_panels hook)."""

    name = "project_manager"
    template_name = "projects/admin/dashboard_panel.html"
    order = 50  # before Wagtail's own panels

    def __init__(self, projects, more_projects):
        self.projects = projects
        self.more_projects = more_projects

    def get_context_data(self, parent_context):
        user = parent_context["request"].user
        explorable_root = policy_registry.get_by_type(Page).explorable_root_instance(user)
        models_by_project = service_models_of(self.projects)
        projects = [
            {
                "page": project,
                "service_models": models_by_project.get(project.path, []),
                # numchild counts every child page; a project's children are service models.
                "more_service_models": project.numchild > SERVICE_MODELS_SHOWN,
                "add_service_model_url": reverse(
                    "wagtailadmin_pages:add",
                    args=["projects", "servicemodelpage", project.pk],
                ),
            }
            for project in self.projects
        ]
        mine = Q(owner=user)
        drafts = list(
            with_workflow_status(
                Page.objects.filter(mine, Q(live=False) | Q(has_unpublished_changes=True))
            )
            .filter(workflow_status=None)
            .select_related("content_type")
            .order_by(F("latest_revision_created_at").desc(nulls_last=True), "-pk")[
                : DRAFTS_SHOWN + 1
            ]
        )
        requested_by_me = WorkflowState.objects.active().filter(
            base_content_type_id=get_default_page_content_type().pk,
            object_id=Cast(OuterRef("pk"), output_field=CharField()),
            requested_by=user,
        )
        awaiting = list(
            with_workflow_status(
                Page.objects.filter(mine | subtree_of(self.projects) | Exists(requested_by_me))
            )
            .exclude(workflow_status=None)
            .select_related("content_type")
            .order_by("-workflow_since", "-pk")[: AWAITING_SHOWN + 1]
        )
        explore_root = reverse("wagtailadmin_explore", args=[explorable_root.pk])
        return {
            "heading": ngettext("Your project", "Your projects", len(projects)),
            "projects": projects,
            "more_projects": self.more_projects,
            "explore_root_url": explore_root,
            "drafts": drafts[:DRAFTS_SHOWN],
            "more_drafts": len(drafts) > DRAFTS_SHOWN,
            "drafts_url": f"{explore_root}?{urlencode({'owner': user.pk})}",
            "awaiting": awaiting[:AWAITING_SHOWN],
            "more_awaiting": len(awaiting) > AWAITING_SHOWN,
            "awaiting_url": (
                reverse("wagtailadmin_reports:workflow")
                + "?"
                + urlencode({"status": WorkflowState.STATUS_IN_PROGRESS})
            ),
            "IN_PROGRESS": WorkflowState.STATUS_IN_PROGRESS,
        }


def project_manager_panel(user):
    """The panel for `user`, or None if they manage no project."""
    projects = list(
        with_workflow_status(projects_managed_by(user)).order_by("path")[: PROJECTS_SHOWN + 1]
    )
    if not projects:
        return None
    return ProjectManagerPanel(projects[:PROJECTS_SHOWN], len(projects) > PROJECTS_SHOWN)
