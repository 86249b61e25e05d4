from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Goal, Organisation, ProjectPage, TargetGroup
from .roles import ensure_project_manager_group, setup_project_roles


class GoalViewSet(SnippetViewSet):
    model = Goal
    icon = "success"
    menu_label = _("Goals")
    list_display = ["name", "slug"]


class TargetGroupViewSet(SnippetViewSet):
    model = TargetGroup
    icon = "group"
    menu_label = _("Target groups")
    list_display = ["name", "slug"]


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "home"
    menu_label = _("Organisations")
    list_display = ["name", "abbreviation", "kind", "identifier"]
    list_filter = ["kind"]


class ProjectDataViewSetGroup(SnippetViewSetGroup):
    items = (GoalViewSet, TargetGroupViewSet, OrganisationViewSet)
    menu_icon = "folder-open-inverse"
    menu_label = _("Project data")
    menu_name = "project-data"
    menu_order = 310


register_snippet(ProjectDataViewSetGroup)

hooks.register("setup_roles", setup_project_roles)


@hooks.register("after_create_page")
def give_new_project_its_managers_group(request, page):
    """A new project gets its own project managers' group straight away."""
    if isinstance(page.specific, ProjectPage):
        ensure_project_manager_group(page.specific)
