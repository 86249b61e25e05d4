from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = _("Projects")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # The app's endpoints in the public read API (pirsote.core.api).
        from pirsote.core import frontend_cache

        from . import api
        from .models import Goal, Organisation, TargetGroup, project_listings

        api.register()
        # Purge the cache in front when the taxonomies change: projects, service models and
        # the lists of both show them.
        for model in (Goal, TargetGroup, Organisation):
            frontend_cache.register_model(model, project_listings)
