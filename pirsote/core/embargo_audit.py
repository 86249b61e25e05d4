"""The audit log's actions for media privacy: who made an image or document private or public.

pirsote.core.embargo logs them on the image or document (Reports → Site history), with the
user whose change caused them when there is one (Wagtail's log context of the request).
"""

from django.utils.translation import gettext_lazy as _

from wagtail import hooks

from .embargo import MADE_PRIVATE, MADE_PUBLIC


@hooks.register("register_log_actions")
def register_media_privacy_actions(actions):
    actions.register_action(
        MADE_PRIVATE,
        _("Media made private"),
        _("Made private: nothing public uses it (media embargo)"),
    )
    actions.register_action(
        MADE_PUBLIC,
        _("Media made public"),
        _("Made public: a published page or the media bank uses it (media embargo)"),
    )
