from django.utils.translation import gettext_lazy as _

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

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
