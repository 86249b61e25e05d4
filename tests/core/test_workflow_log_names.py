"""Page histories name our bilingual workflow and task in the admin's language only."""

from django.utils import translation

from wagtail.log_actions import registry
from wagtail.models import PageLogEntry

import pytest

from pirsote.core.roles import APPROVAL_TASK, PUBLISHING_APPROVAL

pytestmark = pytest.mark.django_db


def entry(action, **workflow):
    return PageLogEntry(action=action, data={"workflow": workflow}, label="Tiedote")


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fi", ("Julkaisun hyväksyntä", "Hyväksyjien hyväksyntä")),
        ("en", ("Publishing approval", "Approvers' approval")),
    ],
)
def test_workflow_entries_name_the_workflow_and_task_in_the_admin_language(language, expected):
    workflow, task = expected
    other = "en" if language == "fi" else "fi"
    started = entry(
        "wagtail.workflow.start", title=PUBLISHING_APPROVAL, next={"title": APPROVAL_TASK}
    )
    cancelled = entry(
        "wagtail.workflow.cancel", title=PUBLISHING_APPROVAL, task={"title": APPROVAL_TASK}
    )
    with translation.override(language):
        messages = [registry.get_formatter(e).format_message(e) for e in (started, cancelled)]
    for message in messages:
        assert workflow in message and task in message
        assert " / " not in message
    with translation.override(other):
        assert workflow not in registry.get_formatter(started).format_message(started)
    # The entry itself keeps what was stored.
    assert started.data["workflow"]["title"] == PUBLISHING_APPROVAL
