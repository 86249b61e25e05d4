"""Grants as open data in the 360Giving Data Standard (https://standard.threesixtygiving.org).

JSON uses the standard's field names (`amountAwarded`, `recipientOrganization`...), CSV its
column titles ("Amount Awarded", "Recipient Org:Identifier"...), which is what the
standard's own tools read. Texts are in the language of the address (English under /en/,
with Finnish where a text has not been translated), Finnish by default.
"""

import re
from decimal import Decimal

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone

from pirsote.core.absolute_urls import page_url
from pirsote.core.safe_urls import safe_url

from .models import CURRENCY


def json_number(amount):
    """A Decimal as a JSON number with exactly its own digits.

    Amounts have at most 14 digits, within the 15 significant digits a double keeps, so
    float() and json's shortest repr give back the same decimal text: 5921081.5 stays
    5921081.5, and a reader parsing with Decimal gets the exact amount.
    """
    amount = Decimal(amount)
    return int(amount) if amount == amount.to_integral_value() else float(amount)


def csv_number(amount):
    """A Decimal as CSV text: `5921081` or `9329760.50`, with a full stop and no grouping."""
    amount = Decimal(amount)
    return str(int(amount)) if amount == amount.to_integral_value() else f"{amount:f}"


class OpenDataJSONEncoder(DjangoJSONEncoder):
    """Amounts as JSON numbers; DjangoJSONEncoder would write Decimals as strings."""

    def default(self, o):
        if isinstance(o, Decimal):
            return json_number(o)
        return super().default(o)


def organisation_identifier(organisation):
    """The organisation's registered identifier, or one under the publisher's 360G prefix."""
    if organisation.identifier:
        return organisation.identifier
    return f"{settings.OPEN_DATA_IDENTIFIER_PREFIX}-org-{organisation.slug}"


def organisation_data(organisation):
    data = {"id": organisation_identifier(organisation), "name": organisation.name}
    # An address that is no safe link (pirsote.core.safe_urls) is left out, as an empty one.
    if website := safe_url(organisation.website):
        data["url"] = website
    return data


def grant_data(grant, request, data_source):
    """One grant as a 360Giving grant object, amounts as Decimals.

    `grant` comes with `amount_paid` annotated, project, funder, recipient and payer
    selected and payments prefetched; `data_source` is the address of the export.
    """
    data = {
        "id": grant.identifier,
        "title": grant.title,
        "description": grant.description,
        "currency": CURRENCY,
        "amountAwarded": grant.amount_awarded,
        "amountDisbursed": grant.amount_paid,
        # The standard wants a full date; a season or year is given as its first day.
        "awardDate": grant.award_date.isoformat(),
        "recipientOrganization": [organisation_data(grant.recipient)],
        "fundingOrganization": [organisation_data(grant.funder)],
        "url": page_url(grant.project, request),
        "dataSource": data_source,
    }
    # The grant period is stored as exact dates (the standard would also take YYYY-MM or
    # YYYY, but the model records no precision for the period, only for the award date).
    planned = {
        key: value.isoformat()
        for key, value in (("startDate", grant.planned_start), ("endDate", grant.planned_end))
        if value
    }
    if planned:
        data["plannedDates"] = [planned]
    payments = grant.payments.all()
    if payments:
        recipient = organisation_identifier(grant.recipient)
        data["disbursementTransaction"] = [
            {
                # The payment's own key: numbering would shift if an earlier one were removed.
                "id": f"{grant.identifier}-payment-{payment.pk}",
                "transactionDate": payment.date.isoformat(),
                "currency": CURRENCY,
                "value": payment.amount,
                "recipient": recipient,
                **({"provider": organisation_identifier(grant.payer)} if grant.payer else {}),
            }
            for payment in payments
        ]
    if grant.last_published_at:
        data["dateModified"] = timezone.localtime(grant.last_published_at).isoformat()
    return data


def _planned(grant, key):
    return grant.get("plannedDates", [{}])[0].get(key, "")


def _organisation(grant, role, key):
    return grant[role][0].get(key, "")


# 360Giving's CSV column titles, in the order of its template, and how each is read from
# a grant's JSON object.
CSV_COLUMNS = [
    ("Identifier", lambda g: g["id"]),
    ("Title", lambda g: g["title"]),
    ("Description", lambda g: g["description"]),
    ("Currency", lambda g: g["currency"]),
    ("Amount Awarded", lambda g: csv_number(g["amountAwarded"])),
    ("Amount Disbursed", lambda g: csv_number(g["amountDisbursed"])),
    ("Award Date", lambda g: g["awardDate"]),
    ("URL", lambda g: g["url"]),
    ("Planned Dates:Start Date", lambda g: _planned(g, "startDate")),
    ("Planned Dates:End Date", lambda g: _planned(g, "endDate")),
    ("Recipient Org:Identifier", lambda g: _organisation(g, "recipientOrganization", "id")),
    ("Recipient Org:Name", lambda g: _organisation(g, "recipientOrganization", "name")),
    ("Recipient Org:Web Address", lambda g: _organisation(g, "recipientOrganization", "url")),
    ("Funding Org:Identifier", lambda g: _organisation(g, "fundingOrganization", "id")),
    ("Funding Org:Name", lambda g: _organisation(g, "fundingOrganization", "name")),
    ("Last modified", lambda g: g.get("dateModified", "")),
    ("Data Source", lambda g: g["dataSource"]),
]


# What makes a spreadsheet read a cell as a formula (OWASP, "CSV Injection"), full-width
# forms included, and a cell that starts with TAB or CR.
_FORMULA_START = tuple("=+-@\uff1d\uff0b\uff0d\uff20")
_NUMBER = re.compile(r"[+-]?\d+(?:\.\d+)?")


def spreadsheet_safe(cell):
    """`cell` as text a spreadsheet shows rather than runs: "'=HYPERLINK(...)".

    A cell starting with = + - @, TAB or CR, also after leading spaces, gets a leading single
    quote, which spreadsheets read as "this is text". A number stays a number: `-1500.50`.
    """
    if not isinstance(cell, str) or _NUMBER.fullmatch(cell):
        return cell
    if cell.startswith(("\t", "\r")) or cell.lstrip().startswith(_FORMULA_START):
        return "'" + cell
    return cell


def csv_rows(grants_data):
    """The CSV's rows, header first, every cell made spreadsheet_safe (the JSON is exact)."""
    yield [title for title, _ in CSV_COLUMNS]
    for grant in grants_data:
        yield [spreadsheet_safe(read(grant)) for _, read in CSV_COLUMNS]
