from django.db.models.signals import post_delete
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, published, unpublished
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import embargo
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


# Embargo-safe media (embargo.py): recompute whenever what pages and snippets use, or whether
# they are live, changes. page_published also fires for a publication scheduled for later,
# and from `manage.py publish_scheduled`. Wagtail loads this module at start-up, in every
# process (wagtail.snippets' ready()).
page_published.connect(embargo.changed, dispatch_uid="embargo_page_published")
page_unpublished.connect(embargo.changed, dispatch_uid="embargo_page_unpublished")
post_delete.connect(embargo.changed, sender=Page, dispatch_uid="embargo_page_deleted")
published.connect(embargo.changed_snippet, dispatch_uid="embargo_published")
unpublished.connect(embargo.changed_snippet, dispatch_uid="embargo_unpublished")
# Drafts, and schedules for pages already live, which send no signal.
for hook_name in (
    "after_create_page",
    "after_edit_page",
    "after_create_snippet",
    "after_edit_snippet",
):
    hooks.register(hook_name, embargo.saved_in_admin)
hooks.register("after_delete_snippet", embargo.deleted_in_admin)


@hooks.register("before_serve_document")
def refuse_embargoed_documents(document, request):
    if not embargo.may_see_embargoed(request.user) and embargo.document_is_embargoed(document):
        raise Http404
