from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StaffAuthConfig(AppConfig):
    name = "pirsote.core.staff_auth"
    label = "staff_auth"
    verbose_name = _("Staff sign-in")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import audit, sessions

        audit.connect()
        sessions.connect()
