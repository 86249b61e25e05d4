from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

app_name = "search"
# /haku/ in Finnish, /en/search/ in English.
urlpatterns = [path(_("search/"), views.search, name="search")]
