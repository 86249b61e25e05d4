"""Wagtail admin templates we override (templates/wagtailadmin/) show our bilingual workflow
and task names in the admin's language only (pirsote.core.roles.display_name)."""

from django import template
from django.contrib.humanize.templatetags.humanize import naturaltime
from django.utils.translation import gettext as _

from ..roles import display_name

register = template.Library()


@register.filter
def in_admin_language(name):
    """The active language's part of a "Suomeksi / In English" name."""
    return display_name(str(name)) if name is not None else ""


@register.simple_tag
def workflow_status_in_admin_language(workflow_state):
    """Wagtail's workflow_status_with_date, with the task named in the admin's language."""
    task_state = workflow_state.current_task_state
    context = {
        "finished_at": naturaltime(task_state.finished_at),
        "started_at": naturaltime(task_state.started_at),
        "task_name": display_name(task_state.task.name),
        "status_display": workflow_state.get_status_display(),
    }
    if workflow_state.status == workflow_state.STATUS_NEEDS_CHANGES:
        return _("Changes requested %(finished_at)s") % context
    if workflow_state.status == workflow_state.STATUS_IN_PROGRESS:
        return _("Sent to %(task_name)s %(started_at)s") % context
    return _("%(status_display)s %(task_name)s %(started_at)s") % context
