from django.utils.translation import gettext_lazy as _

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Keyword, MediaVideo


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
