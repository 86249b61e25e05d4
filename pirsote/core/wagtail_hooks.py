from django.http import Http404
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import embargo, embargo_audit  # noqa: F401
from .models import ContactPerson


class ContactPersonViewSet(SnippetViewSet):
    model = ContactPerson
    icon = "user"
    menu_label = _("Contact people")
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["name", "job_title", "organisation", "email"]
    search_fields = ["name", "job_title", "organisation"]


register_snippet(ContactPersonViewSet)


# Embargo-safe media (embargo.py): its receivers note what each save or delete of a page,
# snippet, image or view restriction, and each page move, may change, and refresh those media
# after the commit. Wagtail loads this module at start-up, in every process (wagtail.snippets'
# ready()); embargo_audit registers the audit log's actions.
embargo.connect()


@hooks.register("before_serve_document")
def refuse_private_documents(document, request):
    if not embargo.document_is_public(document) and not embargo.may_see_embargoed(
        request.user, document
    ):
        raise Http404
