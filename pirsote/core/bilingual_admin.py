"""The bilingual page editor: slugs from the titles in both languages, and the admin's
strings in the admin's language.

wagtail-modeltranslation gives every page a Finnish and an English title and slug. Wagtail
fills a single `slug` from the title, in the browser and in `Page.full_clean()`; here the
server does the same for `slug_fi` and `slug_en`, so that a page always gets both slugs, with
or without JavaScript, and an autosave tells the browser which slugs it chose.
"""

from django.conf import settings
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from modeltranslation import settings as mt_settings
from modeltranslation.utils import build_localized_fieldname
from wagtail import hooks
from wagtail.admin.action_menu import SubmitForModerationMenuItem
from wagtail.admin.forms import WagtailAdminPageForm

# Wagtail 8's and wagtail-modeltranslation's Finnish catalogues lack these admin strings, so
# a Finnish editor saw them in English. Marked here so that makemessages keeps them in our
# catalogue (locale/fi), which Django consults before the packages' own.
THIRD_PARTY_ADMIN_STRINGS = (
    gettext_noop("View / edit fields for"),
    gettext_noop("This slug is already in use"),
    gettext_noop("Search all pages…"),
    gettext_noop("Saved"),
    gettext_noop("Go to the first error"),
    gettext_noop("Autosave is paused"),
    gettext_noop("Currently idle"),
    gettext_noop("Currently viewing"),
    gettext_noop("View latest version"),
    gettext_noop("Saving will overwrite a newer version."),
    gettext_noop("The page could not be created due to validation errors."),
    gettext_noop("The page could not be saved due to validation errors."),
    gettext_noop("The page could not be saved as it is locked."),
    gettext_noop("There are validation errors, click save to highlight them."),
    gettext_noop("Actions"),
    gettext_noop("Actions (footer)"),
    gettext_noop("Sort menu order"),
    gettext_noop("Toggle status"),
    gettext_noop("Toggle preview"),
    gettext_noop("Toggle checks"),
    gettext_noop("Toggle comments"),
    gettext_noop("Toggle section"),
    gettext_noop("Once live anyone can view"),
    gettext_noop("Correct the validation errors to resume preview (saving will highlight errors)"),
    gettext_noop("Checks"),
    gettext_noop("Content metrics"),
    gettext_noop("Readability"),
    gettext_noop("This data explained"),
    gettext_noop("Exploring"),
    gettext_noop("Date updated"),
    gettext_noop("Edited by"),
    gettext_noop("Has child pages"),
    gettext_noop("Any"),
    gettext_noop("More options for '%(title)s'"),
    gettext_noop("Unpublish selected pages"),
    gettext_noop("Edit account avatar"),
    gettext_noop("%(start_index)s-%(end_index)s of %(items_count)s %(model_name)s"),
    gettext_noop(
        "%(start_index)s-%(end_index)s of %(items_count)s %(model_name)s across entire site."
    ),
    gettext_noop(
        "%(start_index)s-%(end_index)s of %(items_count)s %(model_name)s in "
        "'<span class=\"w-title-ellipsis\">%(title)s</span>'."
    ),
    # Workflow status, dashboard, explorer and listing strings (helper adminfi).
    gettext_noop("Sent to %(task_name)s %(started_at)s"),
    gettext_noop("Changes requested %(finished_at)s"),
    gettext_noop("Task submitted by"),
    gettext_noop(
        "Pages created here will not be accessible at any URL. To add pages to an existing site, "
        "create them as children of the homepage."
    ),
    gettext_noop("Sort by '%(label)s' in ascending order."),
    gettext_noop("Sort by '%(label)s' in descending order."),
    gettext_noop(
        "Reviewers can edit this %(model_name)s – lock it to prevent other reviewers from editing"
    ),
    gettext_noop("Only reviewers can edit and approve the %(model_name)s"),
    gettext_noop("Is commenting action"),
    gettext_noop("Locked by"),
    gettext_noop("Anyone"),
    gettext_noop("Minimum"),
    gettext_noop("Maximum"),
    gettext_noop("Usage count"),
    gettext_noop("Usage count: (low to high)"),
    gettext_noop("Usage count: (high to low)"),
    gettext_noop("Only reviewers for this task can edit the %(model_name)s."),
)

SLUG_MAX_LENGTH = 255


def languages():
    return mt_settings.AVAILABLE_LANGUAGES


class BilingualPageForm(WagtailAdminPageForm):
    """Fills an empty slug in each language from that language's title.

    The slug is unique among the page's siblings in its language, as Wagtail makes it for
    one language (`-2`, `-3`... when taken). An English slug is made only from an English
    title: without one the page's English address falls back to the Finnish slug.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for code in languages():
            field = self.fields.get(build_localized_fieldname("slug", code))
            if field is not None:
                # Empty is fine: clean() fills it from the title.
                field.required = False
                field.help_text = _(
                    "The page's address in this language. Left empty, it is made from the "
                    "title in this language."
                )

    def clean(self):
        cleaned_data = super().clean()
        for code in languages():
            slug_name = build_localized_fieldname("slug", code)
            title = cleaned_data.get(build_localized_fieldname("title", code))
            if slug_name not in self.fields or slug_name in self.errors:
                continue
            if not cleaned_data.get(slug_name) and title:
                slug = self.free_slug(slugify_title(title), code)
                if slug:
                    cleaned_data[slug_name] = slug
        if (
            mt_settings.DEFAULT_LANGUAGE in languages()
            and "slug_" + mt_settings.DEFAULT_LANGUAGE in self.fields
            and not cleaned_data.get("slug_" + mt_settings.DEFAULT_LANGUAGE)
            and not self.errors
            and not getattr(self, "is_deferred_validation", False)
        ):
            self.add_error(
                "slug_" + mt_settings.DEFAULT_LANGUAGE,
                _("Give the page a title, or an address, in Finnish."),
            )
        return cleaned_data

    def sibling_slugs(self, code):
        """The slugs the page's siblings answer to in language `code` (with fallback)."""
        parent = self.parent_page
        if parent is None and self.instance.pk:
            parent = self.instance.get_parent()
        if parent is None:
            return set()
        siblings = parent.get_children()
        if self.instance.pk:
            siblings = siblings.exclude(pk=self.instance.pk)
        own = build_localized_fieldname("slug", code)
        fallback = build_localized_fieldname("slug", mt_settings.DEFAULT_LANGUAGE)
        rows = siblings.values_list(*dict.fromkeys((own, fallback)))
        return {next(filter(None, row), None) for row in rows} - {None}

    def free_slug(self, base, code):
        if not base:
            return ""
        taken = self.sibling_slugs(code)
        if code != mt_settings.DEFAULT_LANGUAGE:
            # An English slug must not take the address of a sibling's untranslated page.
            taken |= self.sibling_slugs(mt_settings.DEFAULT_LANGUAGE)
        candidate, number = base, 1
        while candidate in taken:
            number += 1
            suffix = f"-{number}"
            candidate = base[: SLUG_MAX_LENGTH - len(suffix)] + suffix
        return candidate

    def get_field_updates_for_resave(self):
        """After an autosave, give the browser the slugs the server made, so that the next
        save or publish sends them rather than empty fields."""
        updates = list(super().get_field_updates_for_resave())
        for code in languages():
            name = build_localized_fieldname("slug", code)
            value = getattr(self.instance, name, None)
            if name in self.fields and value and self.data.get(name) != value:
                updates.append((name, value))
        return updates


def slugify_title(title):
    allow_unicode = getattr(settings, "WAGTAIL_ALLOW_UNICODE_SLUGS", True)
    return slugify(title, allow_unicode=allow_unicode)[:SLUG_MAX_LENGTH]


class SubmitToWorkflowMenuItem(SubmitForModerationMenuItem):
    """Wagtail's "Submit to <workflow>" button, naming the workflow (or task) in the admin's
    language only: our workflows are stored with both languages' names."""

    def get_context_data(self, parent_context):
        from .roles import display_name  # roles imports the models, which import this module

        context = super().get_context_data(parent_context)
        page = context.get("page")
        workflow_state = page.current_workflow_state if page else None
        if workflow_state and workflow_state.status == workflow_state.STATUS_NEEDS_CHANGES:
            context["label"] = _("Resubmit to %(task_name)s") % {
                "task_name": display_name(workflow_state.current_task_state.task.name)
            }
        else:
            workflow_page = page if page and page.pk else context["parent_page"]
            workflow = workflow_page.get_workflow()
            if workflow:
                context["label"] = _("Submit to %(workflow_name)s") % {
                    "workflow_name": display_name(workflow.name)
                }
        return context


@hooks.register("construct_page_action_menu")
def name_workflows_in_admin_language(menu_items, request, context):
    for index, item in enumerate(menu_items):
        if type(item) is SubmitForModerationMenuItem:
            menu_items[index] = SubmitToWorkflowMenuItem(order=item.order)
