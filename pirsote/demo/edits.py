"""What a person changed in the admin, which the demo loader must leave as it is."""

from wagtail.log_actions import registry as log_registry
from wagtail.models import DraftStateMixin, RevisionMixin


def edited_by_someone(obj):
    """True when a person has touched obj since the builder wrote it, so it must stay as it is.

    The builder's own revisions and log entries have no user; the admin's always have one
    (edit, publish, unpublish, move, revert...). An object with drafts that is not live, or
    has a draft, was unpublished or drafted by someone: the builder never leaves it so.
    """
    if obj.pk is None:
        return False
    if log_registry.get_logs_for_instance(obj).filter(user__isnull=False).exists():
        return True
    if isinstance(obj, RevisionMixin) and obj.revisions.filter(user__isnull=False).exists():
        return True
    return isinstance(obj, DraftStateMixin) and (not obj.live or obj.has_unpublished_changes)
