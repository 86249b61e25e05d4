import copy

from django.http import Http404
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import bilingual_admin, embargo, embargo_audit  # noqa: F401
from .models import ContactPerson
from .roles import display_name


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


# The bilingual page editor (bilingual_admin.py): files, not inline code, for the admin's CSP.
@hooks.register("insert_editor_js")
def bilingual_editor_js():
    return format_html(
        '<script src="{}" data-translated-language="en" data-empty-label="{}"></script>',
        static("js/admin_bilingual.js"),
        _("Not translated: the site shows the Finnish text"),
    )


@hooks.register("insert_global_admin_css")
def bilingual_editor_css():
    return format_html('<link rel="stylesheet" href="{}">', static("css/admin_bilingual.css"))


# Wagtail's help menu links to its editor guide and release notes on guide.wagtail.org, which is
# in English only: a Finnish admin is not sent there (nor is the dashboard's guide link shown,
# templates/wagtailadmin/home/account_summary.html). Its keyboard shortcuts stay.
ENGLISH_ONLY_HELP = ("editor-guide", "whats-new-in-wagtail-")


@hooks.register("construct_help_menu")
def hide_english_only_help(request, menu_items):
    if (get_language() or "").startswith("en"):
        return
    menu_items[:] = [item for item in menu_items if not item.name.startswith(ENGLISH_ONLY_HELP)]


# The workflow entries of page histories name the workflow and its task as they were stored:
# our bilingual names ("Julkaisun hyväksyntä / Publishing approval"). Wagtail's formatters
# are wrapped so that they get the admin's language only (roles.display_name).
WORKFLOW_LOG_ACTIONS = (
    "wagtail.workflow.start",
    "wagtail.workflow.approve",
    "wagtail.workflow.reject",
    "wagtail.workflow.resume",
    "wagtail.workflow.cancel",
)


def _titles_in_admin_language(data):
    if isinstance(data, dict):
        return {
            key: display_name(value)
            if key == "title" and isinstance(value, str)
            else _titles_in_admin_language(value)
            for key, value in data.items()
        }
    return data


@hooks.register("register_log_actions", order=100)  # after Wagtail's own (order 0)
def name_workflows_in_the_admin_language(actions):
    for action in WORKFLOW_LOG_ACTIONS:
        formatter = actions.formatters.get(action)
        if formatter is None or getattr(formatter, "in_admin_language", False):
            continue

        class InAdminLanguage(type(formatter)):
            in_admin_language = True

            def format_message(self, log_entry):
                entry = copy.copy(log_entry)
                entry.data = _titles_in_admin_language(log_entry.data)
                return super().format_message(entry)

        actions.formatters[action] = InAdminLanguage()
