"""Grants as open data in the 360Giving Data Standard (https://standard.threesixtygiving.org).

JSON uses the standard's field names (`amountAwarded`, `recipientOrganization`...), CSV its
column titles ("Amount Awarded", "Recipient Org:Identifier"...), which is what the
standard's own tools read. Texts are in the language of the address, Finnish by default.
"""

from decimal import Decimal

from django.conf import settings
from django.utils import timezone

from pirsote.core.dates import DatePrecision

from .models import CURRENCY


def json_number(amount):
    """A Decimal as a JSON number with exactly its own digits.

    Amounts have at most 14 digits, well within the 15 significant digits a double keeps,
    so float() and json's shortest repr give back the same decimal text: 5921081.5 stays
    5921081.5, and a reader parsing with Decimal gets the exact amount.
    """
    amount = Decimal(amount)
    return int(amount) if amount == amount.to_integral_value() else float(amount)


def partial_iso_date(value, precision):
    """YYYY, YYYY-MM or YYYY-MM-DD: the standard lets planned dates omit what is unknown."""
    if value is None:
        return None
    if precision == DatePrecision.YEAR:
        return f"{value.year:04d}"
    if precision in (DatePrecision.MONTH, DatePrecision.SEASON):
        return f"{value.year:04d}-{value.month:02d}"
    return value.isoformat()


def organisation_identifier(organisation):
    """The organisation's registered identifier, or one under the publisher's 360G prefix."""
    if organisation.identifier:
        return organisation.identifier
    return f"{settings.OPEN_DATA_IDENTIFIER_PREFIX}-org-{organisation.slug}"


def organisation_data(organisation):
    data = {"id": organisation_identifier(organisation), "name": organisation.name}
    if organisation.website:
        data["url"] = organisation.website
    return data


def grant_data(grant, request):
    """One grant as a 360Giving grant object."""
    data = {
        "id": grant.identifier,
        "title": grant.title,
        "description": grant.description,
        "currency": CURRENCY,
        "amountAwarded": json_number(grant.amount_awarded),
        "amountDisbursed": json_number(grant.amount_paid),
        # The standard wants a full date; a season or year is given as its first day.
        "awardDate": grant.award_date.isoformat(),
        "recipientOrganization": [organisation_data(grant.recipient)],
        "fundingOrganization": [organisation_data(grant.funder)],
        "url": grant.project.get_full_url(request),
    }
    planned = {
        key: partial_iso_date(value, grant.award_date_precision)
        for key, value in (("startDate", grant.planned_start), ("endDate", grant.planned_end))
        if value
    }
    if planned.get("startDate"):
        data["plannedDates"] = [planned]
    payments = list(grant.payments.all())
    if payments:
        data["disbursementTransaction"] = [
            {
                "id": f"{grant.identifier}-payment-{number}",
                "transactionDate": payment.date.isoformat(),
                "currency": CURRENCY,
                "value": json_number(payment.amount),
            }
            for number, payment in enumerate(payments, start=1)
        ]
    if grant.last_published_at:
        data["dateModified"] = timezone.localtime(grant.last_published_at).isoformat()
    return data


# 360Giving's CSV column titles and how each is read from a grant's JSON object.
CSV_COLUMNS = [
    ("Identifier", lambda g: g["id"]),
    ("Title", lambda g: g["title"]),
    ("Description", lambda g: g["description"]),
    ("Currency", lambda g: g["currency"]),
    ("Amount Awarded", lambda g: g["amountAwarded"]),
    ("Amount Disbursed", lambda g: g["amountDisbursed"]),
    ("Award Date", lambda g: g["awardDate"]),
    ("Planned Dates:Start Date", lambda g: g.get("plannedDates", [{}])[0].get("startDate", "")),
    ("Planned Dates:End Date", lambda g: g.get("plannedDates", [{}])[0].get("endDate", "")),
    ("Recipient Org:Identifier", lambda g: g["recipientOrganization"][0]["id"]),
    ("Recipient Org:Name", lambda g: g["recipientOrganization"][0]["name"]),
    ("Funding Org:Identifier", lambda g: g["fundingOrganization"][0]["id"]),
    ("Funding Org:Name", lambda g: g["fundingOrganization"][0]["name"]),
    ("URL", lambda g: g["url"]),
    ("Last Modified", lambda g: g.get("dateModified", "")),
]


def csv_rows(grants_data):
    yield [title for title, _ in CSV_COLUMNS]
    for grant in grants_data:
        yield [read(grant) for _, read in CSV_COLUMNS]
