from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

app_name = "funding"
urlpatterns = [
    path(_("open-data/grants.json"), views.grants_json, name="grants_json"),
    path(_("open-data/grants.csv"), views.grants_csv, name="grants_csv"),
]
