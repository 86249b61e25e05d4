from django.urls import path
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from . import views

app_name = "subscriptions"
# Translated paths: e.g. /tilaa-tiedotteet/ in Finnish and /en/subscribe/ in English.
urlpatterns = [
    path(_("subscribe/"), views.subscribe, name="subscribe"),
    path(_("subscribe/sent/"), views.sent, name="sent"),
    path(format_lazy("{}<str:token>/", _("subscribe/confirm/")), views.confirm, name="confirm"),
    path(format_lazy("{}<str:token>/", _("unsubscribe/")), views.unsubscribe, name="unsubscribe"),
]
