from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = _("News")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # What to purge from the cache in front when the newsroom's data changes.
        from pirsote.core import frontend_cache
        from projects.models import ProjectPage

        from .models import Keyword, MediaVideo, newsrooms

        # The newsroom's filters name keywords and projects, its release pages their keywords
        # and related projects' titles, its media bank the videos: all under its address.
        frontend_cache.register_model(Keyword, newsrooms)
        frontend_cache.register_model(MediaVideo, newsrooms)
        frontend_cache.register_page_dependents(ProjectPage, newsrooms)
