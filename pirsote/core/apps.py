from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "pirsote.core"
    label = "core"
    verbose_name = _("Site content")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import account, checks, frontend_cache, rendition_signals, routing  # noqa: F401
        from .search.fields import index_no_empty_translations

        index_no_empty_translations()
        routing.install()
        # Purge the cache in front on every publication and edit (feature apps add theirs).
        frontend_cache.connect()
        # Renditions are made when images are saved and pages published, not on visits.
        rendition_signals.connect()
        # A user without a name can still save their language (pirsote/core/account.py).
        account.install()
