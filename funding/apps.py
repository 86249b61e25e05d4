from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class FundingConfig(AppConfig):
    name = "funding"
    verbose_name = _("Funding")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # The app's endpoints in the public read API (pirsote.core.api).
        from pirsote.core import frontend_cache
        from projects.models import Organisation, ProjectPage

        from . import api, audit
        from .models import Grant, Payment, funding_pages, grant_pages, reindex_funding_pages

        api.register()
        # The funding page is found by its grants' words (FundingPage.grants_search_text).
        post_save.connect(reindex_funding_pages, sender=Grant, dispatch_uid="funding_reindex_save")
        post_delete.connect(
            reindex_funding_pages, sender=Grant, dispatch_uid="funding_reindex_delete"
        )
        # Grant edits in the audit log, whatever makes them (funding/audit.py).
        audit.connect()
        # What to purge from the cache in front: a grant or payment shows on the funding
        # page, its project's page and in the open data; projects' and organisations' names
        # on the first and the last.
        frontend_cache.register_model(Grant, grant_pages)
        frontend_cache.register_model(Payment, lambda payment: grant_pages(payment.grant))
        frontend_cache.register_page_dependents(ProjectPage, funding_pages)
        frontend_cache.register_model(Organisation, funding_pages)
