from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.auth import permission_denied
from wagtail.signals import page_published
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .dashboard import project_manager_panel
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


@hooks.register("construct_homepage_panels")
def add_project_manager_panel(request, panels):
    """Project managers' dashboard leads to their project, drafts and submissions."""
    if panel := project_manager_panel(request.user):
        panels.append(panel)


@hooks.register("after_create_page")
def give_new_project_its_managers_group(request, page):
    """A new project gets its own project managers' group straight away, even as a draft."""
    if isinstance(page.specific, ProjectPage):
        ensure_project_manager_group(page.specific)


# A signal rather than the admin's after_edit_page hook, so that a new acronym renames the
# group however it goes live: from the editor, a revision, a workflow or a schedule. Wagtail
# imports every wagtail_hooks module at start-up (wagtail.snippets' ready()), so this receiver
# is connected in every process, publish_scheduled's included.
@receiver(page_published, sender=ProjectPage, dispatch_uid="projects.rename_managers_group")
def rename_managers_group(sender, instance, **kwargs):
    ensure_project_manager_group(instance)


@hooks.register("before_delete_page")
def leave_deleting_projects_to_their_list_editors(request, page):
    """Only staff who may edit the project list may delete a project from it.

    Wagtail lets anyone who may edit and publish a page with no children delete it, which
    would let a project's own managers delete a project that has no service models yet.
    """
    if (
        isinstance(page, ProjectPage)
        and not page.get_parent().permissions_for_user(request.user).can_edit()
    ):
        return permission_denied(request)
    return None
