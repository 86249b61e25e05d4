"""Helpers the funding tests share: amounts as the site writes them, query counts."""

import re
from decimal import Decimal

from django.utils import translation

from funding.models import Grant, Payment
from pirsote.core.formatting import format_euros
from tests.factories import GrantWithPaymentsFactory


def euros_in(language, amount):
    """`amount` as the site writes it in `language`: `5 921 081 €` or `€5,921,081`."""
    with translation.override(language):
        return format_euros(amount)


def number_text(element):
    """The element's text with ASCII whitespace collapsed: no-break spaces are kept."""
    return re.sub(r"[ \t\r\n]+", " ", element.get_text()).strip()


def awarded_sum(grants):
    return sum((grant.amount_awarded for grant in grants), Decimal(0))


def paid_sum(grants):
    return sum((payment.amount for payment in Payment.objects.filter(grant__in=grants)), Decimal(0))


def public_grants():
    """The grants anonymous visitors may see, worked out without GrantQuerySet.public()."""
    return [
        grant
        for grant in Grant.objects.select_related("project")
        if grant.live and grant.project.live and not grant.project.get_view_restrictions()
    ]


def add_grants(count, projects, organisations):
    """`count` published grants spread over `projects`, each with two payments, a payer
    and two supervisors."""
    return [
        GrantWithPaymentsFactory(
            project=projects[number % len(projects)],
            funder=organisations.ministry,
            recipient=organisations.council,
            payer=organisations.payer,
            amount_awarded=Decimal("10000.15"),
            payments=["1000.10", "2000.20"],
            supervisors=[organisations.supervisor, organisations.ministry],
        )
        for number in range(count)
    ]
