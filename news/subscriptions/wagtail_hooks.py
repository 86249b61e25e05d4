"""The subscribers in the admin: staff may look and delete, never add or change addresses.

Only a subscriber confirms their own address and choices; staff delete a subscriber when
asked to (the public unsubscribe link does the same).
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from pirsote.core.roles import COMMUNICATIONS, ensure_group, grant_model_permissions
from pirsote.core.site_extras import FOOTER_LINKS, HOME_PAGE_SECTIONS

from .models import Subscriber

READ_ONLY_REFUSED = {"add", "change"}


class ReadOnlyPermissionPolicy(ModelPermissionPolicy):
    """Django's model permissions, except that no one, not even a superuser, adds or edits."""

    def user_has_permission(self, user, action):
        return action not in READ_ONLY_REFUSED and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission(set(actions) - READ_ONLY_REFUSED)


register_permission_policy(Subscriber, ReadOnlyPermissionPolicy(Subscriber))


class SubscriberIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().prefetch_related("projects")


class SubscriberViewSet(ModelViewSet):
    model = Subscriber
    icon = "mail"
    menu_label = _("E-mail subscribers")
    menu_order = 306
    add_to_admin_menu = True
    index_view_class = SubscriberIndexView
    copy_view_enabled = False
    inspect_view_enabled = True
    # The add and edit views exist but the permission policy refuses them to everyone.
    form_fields = []
    list_display = [
        "email",
        "language",
        "release_types_label",
        "projects_label",
        "confirmed_at",
    ]
    list_filter = ["language", "all_projects"]
    search_fields = ["email"]
    inspect_view_fields = [
        "email",
        "language",
        "release_types_label",
        "projects_label",
        "confirmed_at",
        "created_at",
    ]


hooks.register("register_admin_viewset", lambda: SubscriberViewSet("subscribers"))


def setup_subscription_roles():
    """Communications staff see the subscribers and delete one when asked to."""
    group = ensure_group(COMMUNICATIONS)
    grant_model_permissions(group, Subscriber, ("view", "delete"))
    return [group]


hooks.register("setup_roles", setup_subscription_roles, order=20)


# The ways in from every page: a call to subscribe on the home page, a link in the footer.
hooks.register(HOME_PAGE_SECTIONS, lambda: "subscriptions/includes/promo.html")


@hooks.register(FOOTER_LINKS)
def subscribe_footer_link():
    return {
        "label": _("Subscribe to releases by e-mail"),
        "url": reverse("subscriptions:subscribe"),
        "until_sunset": True,  # the project has ended: nothing to subscribe to
    }
