"""The grants as downloadable open data: JSON and CSV in the 360Giving Data Standard.

Both take the same optional filters, `?project=<acronym in lower case>` and `?year=2020`;
a bad value gives 400 with the reasons, never a server error, and other parameters are
ignored. The same few queries however many grants: the projects (and their view
restrictions), the grants with their organisations, and the payments.
"""

import csv

from django import forms
from django.http import HttpResponse, JsonResponse
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from wagtail.models import Site

from pirsote.core.absolute_urls import absolute_url
from pirsote.core.listing import FilterChoiceField, ListingFilterForm
from pirsote.core.visibility import visible_pages
from projects.models import ProjectPage

from .models import Grant
from .open_data import OpenDataJSONEncoder, csv_rows, grant_data


class GrantExportForm(ListingFilterForm):
    project = FilterChoiceField(label=_("Project"))
    year = forms.IntegerField(
        label=_("Year of the award"), required=False, min_value=1900, max_value=2100
    )

    def __init__(self, data=None, *, projects, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["project"].choices = [("", "")] + [(p.code, p.acronym) for p in projects]


def export_grants(request):
    """(grant objects, None) for valid parameters, else (None, {field: [messages]})."""
    site = Site.find_for_request(request)
    projects = list(visible_pages(site, ProjectPage)) if site else []
    form = GrantExportForm(request.GET, projects=projects)
    if not form.is_valid():
        return None, {
            name: [str(error) for error in errors] for name, errors in form.errors.items()
        }
    grants = Grant.objects.public(projects).with_amount_paid()
    if project_code := form.cleaned_data.get("project"):
        grants = grants.filter(project__code=project_code)
    if year := form.cleaned_data.get("year"):
        grants = grants.filter(award_date__year=year)
    grants = (
        grants.select_related("project", "funder", "recipient", "payer")
        .prefetch_related("payments")
        .order_by("award_date", "identifier")
    )
    # The unfiltered JSON file in this language is where every grant's data comes from.
    data_source = absolute_url(reverse("funding:grants_json"), request)
    return [grant_data(grant, request, data_source) for grant in grants], None


def filename(extension):
    return f"pirsote-grants-{get_language()}.{extension}"


@require_GET
def grants_json(request):
    grants, errors = export_grants(request)
    if errors:
        return JsonResponse({"errors": errors}, status=400)
    response = JsonResponse(
        {"grants": grants},
        encoder=OpenDataJSONEncoder,
        json_dumps_params={"ensure_ascii": False},
    )
    response["Content-Disposition"] = f'inline; filename="{filename("json")}"'
    response["Access-Control-Allow-Origin"] = "*"  # open data: any site may read it
    return response


@require_GET
def grants_csv(request):
    grants, errors = export_grants(request)
    if errors:
        text = "\n".join(f"{name}: {' '.join(messages)}" for name, messages in errors.items())
        return HttpResponse(text, status=400, content_type="text/plain; charset=utf-8")
    # The byte order mark lets spreadsheet programs recognise UTF-8 (ä, ö).
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename("csv")}"'
    response["Access-Control-Allow-Origin"] = "*"
    response.write("\ufeff")
    csv.writer(response).writerows(csv_rows(grants))
    return response
