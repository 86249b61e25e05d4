"""Grants and the funding totals in the public read API (pirsote.core.api).

The same grants as the open data (funding/views.py): published ones of projects the public
sees. Amounts are strings of euros with two decimals ("5921081.00"), so that no reader
rounds them through a float.
"""

import datetime
from decimal import Decimal
from typing import Literal

from django.shortcuts import get_object_or_404

from ninja import Field, Path, Query, Router, Schema

from pirsote.core.api import (
    ERRORS,
    Pagination,
    ValidationErrorSchema,
    absolute_api_url,
    paged,
    paginate,
    register_router,
    visible_pages,
)
from pirsote.core.dates import DatePrecision
from projects.api import SLUG_PATTERN, OrganisationSchema, ProjectRefSchema
from projects.models import MAX_FILTER_VALUE_LENGTH, ProjectPage

from .models import CURRENCY, ZERO, Grant, funding_by_project

# The identifier's own validator (funding.models.Grant.identifier).
IDENTIFIER_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]*$"
AMOUNT_PATTERN = r"^[0-9]+\.[0-9]{2}$"
DatePrecisionCode = Literal[tuple(DatePrecision.values)]  # type: ignore[valid-type]


def euros(amount):
    """A Decimal of euros as exact text with two decimals: "5921081.00"."""
    return f"{Decimal(amount):.2f}"


def amount_field(description):
    return Field(pattern=AMOUNT_PATTERN, description=description, examples=["5921081.00"])


class PaymentSchema(Schema):
    date: datetime.date
    amount: str = amount_field("Euros paid.")
    reference: str

    @staticmethod
    def resolve_amount(obj):
        return euros(obj.amount)


class GrantSchema(Schema):
    identifier: str = Field(description="The grant's stable identifier, as in the open data.")
    title: str
    description: str = Field(description="What the grant is for.")
    currency: Literal["EUR"]
    amount_awarded: str = amount_field("Euros awarded.")
    amount_paid: str = amount_field("Euros paid so far: the sum of the payments.")
    award_date: datetime.date
    award_date_precision: DatePrecisionCode = Field(
        description="How precisely the award date is known: for a season or a year, the "
        "date is the first day of it."
    )
    planned_start: datetime.date | None
    planned_end: datetime.date | None
    decision_reference: str
    project: ProjectRefSchema
    funder: OrganisationSchema
    recipient: OrganisationSchema
    payer: OrganisationSchema | None
    supervisors: list[OrganisationSchema]
    payments: list[PaymentSchema]
    last_published_at: datetime.datetime | None
    detail_url: str

    @staticmethod
    def resolve_currency(obj):
        return CURRENCY

    @staticmethod
    def resolve_amount_awarded(obj):
        return euros(obj.amount_awarded)

    @staticmethod
    def resolve_amount_paid(obj):
        return euros(obj.amount_paid)

    @staticmethod
    def resolve_supervisors(obj):
        return sorted(obj.supervisors.all(), key=lambda o: o.name.casefold())

    @staticmethod
    def resolve_detail_url(obj, context):
        return absolute_api_url(context["request"], "grant_detail", identifier=obj.identifier)


class ProjectFundingSchema(Schema):
    project: ProjectRefSchema
    awarded: str = amount_field("Euros awarded to the project.")
    paid: str = amount_field("Euros paid to the project.")
    count: int = Field(description="The project's grants.")


class FundingSchema(Schema):
    """What the funding page shows: the sums per project and in all."""

    currency: Literal["EUR"]
    awarded: str = amount_field("Euros awarded in all.")
    paid: str = amount_field("Euros paid in all.")
    count: int = Field(description="Grants in all.")
    projects: list[ProjectFundingSchema]


class GrantFilters(Schema):
    project: str | None = Field(
        None,
        max_length=MAX_FILTER_VALUE_LENGTH,
        pattern=SLUG_PATTERN,
        description="Only this project's grants (its code, e.g. pirsote).",
    )
    year: int | None = Field(None, ge=1900, le=2100, description="Only grants awarded this year.")


def _grants(projects):
    return (
        Grant.objects.public(projects)
        .with_amount_paid()
        .select_related("project", "funder", "recipient", "payer")
        .prefetch_related("payments", "supervisors")
        .order_by("award_date", "identifier")
    )


GrantList = paged(GrantSchema, "GrantList")
grants_router = Router(tags=["grants"])
funding_router = Router(tags=["grants"])


@grants_router.get(
    "/",
    response={200: GrantList, 422: ValidationErrorSchema},
    summary="List grants",
    operation_id="grants_list",
    url_name="grant_list",
)
def list_grants(request, pagination: Query[Pagination], filters: Query[GrantFilters]):
    projects = visible_pages(request, ProjectPage)
    if filters.project:
        projects = projects.filter(code=filters.project)
    grants = _grants(projects)
    if filters.year:
        grants = grants.filter(award_date__year=filters.year)
    return paginate(grants, pagination)


@grants_router.get(
    "/{identifier}/",
    response={200: GrantSchema, **ERRORS},
    summary="Grant detail",
    operation_id="grants_detail",
    url_name="grant_detail",
)
def get_grant(request, identifier: str = Path(..., max_length=100, pattern=IDENTIFIER_PATTERN)):
    projects = visible_pages(request, ProjectPage)
    return get_object_or_404(_grants(projects), identifier=identifier)


@funding_router.get(
    "/",
    response={200: FundingSchema},
    summary="Funding totals",
    description="The grants' sums per project and in all, as on the funding page.",
    operation_id="funding_totals",
    url_name="funding_totals",
)
def funding_totals(request):
    grants = Grant.objects.public(visible_pages(request, ProjectPage))
    rows = funding_by_project(grants)
    return {
        "currency": CURRENCY,
        "awarded": euros(sum((row["awarded"] for row in rows), ZERO)),
        "paid": euros(sum((row["paid"] for row in rows), ZERO)),
        "count": sum(row["count"] for row in rows),
        "projects": [
            {
                "project": row["project"],
                "awarded": euros(row["awarded"]),
                "paid": euros(row["paid"]),
                "count": row["count"],
            }
            for row in rows
        ],
    }


def register():
    register_router("/grants/", grants_router)
    register_router("/funding/", funding_router)
