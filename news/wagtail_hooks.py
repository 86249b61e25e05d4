from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from pirsote.core.site_extras import HOME_PAGE_SECTIONS
from pirsote.core.visibility import public_pages
from projects.sections import PROJECT_PAGE_SECTIONS

from .models import Keyword, MediaVideo, NewsIndexPage, live_releases
from .roles import grant_newsroom_for_new_page, setup_news_roles


class KeywordViewSet(SnippetViewSet):
    model = Keyword
    icon = "tag"
    menu_label = _("Keywords")
    list_display = ["name", "slug"]
    search_fields = ["name", "slug"]


class MediaVideoViewSet(SnippetViewSet):
    model = MediaVideo
    icon = "media"
    menu_label = _("Media bank videos")
    list_display = ["title", "credit", "free_for_media_use", "created_at"]
    list_filter = ["free_for_media_use"]


class NewsroomViewSetGroup(SnippetViewSetGroup):
    items = (KeywordViewSet, MediaVideoViewSet)
    menu_icon = "mail"
    menu_label = _("Newsroom")
    menu_name = "newsroom"
    menu_order = 305


register_snippet(NewsroomViewSetGroup)


# Staff roles: see roles.py. After the projects' and funding's roles, which come first in the
# command's report.
hooks.register("setup_roles", setup_news_roles, order=20)


@hooks.register("after_create_page")
def let_project_managers_write_in_the_newsroom(request, page):
    """A new project's managers may draft releases at once; a new newsroom opens to all of them.

    Here rather than in projects, which knows nothing of the newsroom.
    """
    grant_newsroom_for_new_page(page.specific)


# How many releases a project's page lists; the newsroom, filtered by the project, has the rest.
PROJECT_PAGE_RELEASES = 3


@hooks.register(PROJECT_PAGE_SECTIONS, order=20)
def project_releases_section(project, request):
    """A project's latest releases on its page (projects.sections), after its funding."""
    newsroom = public_pages(NewsIndexPage.objects).first()
    if newsroom is None:
        return None
    releases = list(
        live_releases()
        .filter(projects=project)
        .defer_streamfields()
        .order_by("-first_published_at", "-pk")[: PROJECT_PAGE_RELEASES + 1]
    )
    if not releases:
        return None
    return "news/includes/project_releases.html", {
        "project": project,
        "newsroom": newsroom,
        "releases": releases[:PROJECT_PAGE_RELEASES],
        "has_more": len(releases) > PROJECT_PAGE_RELEASES,
    }


# The home page's latest releases as cards, before the call to subscribe (pirsote.core.site_extras).
hooks.register(HOME_PAGE_SECTIONS, lambda: "news/includes/home_latest.html", order=-10)
