"""Who writes in the newsroom: communications staff, and project managers about their project.

Project managers may add releases in the newsroom, edit the ones they added and submit them
for approval; they neither publish nor touch anyone else's releases (Wagtail lets a user with
"add" permission edit only the pages they own). What a release of theirs may be about is
checked by the release form (admin_forms.py). Approvers publish, as on every page.
"""

from pirsote.core.roles import (
    COMMUNICATIONS,
    ensure_group,
    grant_model_permissions,
    grant_page_permissions,
)
from projects.models import ProjectPage
from projects.roles import ensure_project_manager_group

from .models import Keyword, MediaVideo, NewsIndexPage

PROJECT_MANAGER_NEWSROOM_ACTIONS = ("add",)


def grant_newsroom_to_project_managers(projects, newsroom):
    """Each project's managers may draft releases in `newsroom`; returns their groups."""
    groups = [ensure_project_manager_group(project) for project in projects]
    for group in groups:
        grant_page_permissions(group, newsroom.page_ptr, PROJECT_MANAGER_NEWSROOM_ACTIONS)
    return groups


def setup_news_roles():
    """Keywords and media bank videos for communications, the newsroom for project managers.

    With no newsroom yet, project managers get nothing here: creating the newsroom in the
    admin grants it (wagtail_hooks.py), as does running setup_roles again.
    """
    communications = ensure_group(COMMUNICATIONS)
    for model in (Keyword, MediaVideo):
        grant_model_permissions(communications, model, ("add", "change", "delete", "view"))
    newsroom = NewsIndexPage.objects.first()
    if newsroom is None:
        return [communications]
    managers = grant_newsroom_to_project_managers(ProjectPage.objects.all(), newsroom)
    return [communications, *managers]


def grant_newsroom_for_new_page(page):
    """A new project's managers, or every project's managers for a new newsroom."""
    if isinstance(page, ProjectPage):
        if newsroom := NewsIndexPage.objects.first():
            grant_newsroom_to_project_managers([page], newsroom)
    elif isinstance(page, NewsIndexPage):
        grant_newsroom_to_project_managers(ProjectPage.objects.all(), page)
