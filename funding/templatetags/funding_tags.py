from decimal import ROUND_DOWN, ROUND_HALF_UP, ROUND_UP, Decimal

from django import template
from django.utils.translation import get_language

from pirsote.core.formatting import format_number

from ..models import ZERO, Grant

register = template.Library()

HUNDRED = Decimal(100)


def format_share(part, whole):
    """`part` as a percentage of `whole`: `25 %` in Finnish, `25%` in English; '' if unknown.

    Whole per cents, except where rounding would claim that nothing or everything has been
    paid when that is not so: 0.2 % stays `0,2 %` and 99.96 % becomes `99,9 %`.
    """
    if part is None or not whole:
        return ""
    share = Decimal(part) * HUNDRED / Decimal(whole)
    decimal_pos = 0
    rounded = share.quantize(Decimal(1), rounding=ROUND_HALF_UP)
    if rounded in (0, HUNDRED) and share != rounded:
        decimal_pos = 1
        rounding = ROUND_UP if rounded == 0 else ROUND_DOWN
        rounded = share.quantize(Decimal("0.1"), rounding=rounding)
    number = format_number(rounded, decimal_pos)
    return f"{number}%" if (get_language() or "fi").startswith("en") else f"{number}\xa0%"


@register.filter
def share_of(part, whole):
    """`{{ paid|share_of:awarded }}`: what share of `whole` `part` is, as a percentage."""
    return format_share(part, whole)


@register.inclusion_tag("tags/project_funding.html", takes_context=True)
def project_funding(context, project):
    """The published grants of `project`, what they awarded and what has been paid.

    Two queries, however many grants: the grants with their organisations and amount paid,
    and the supervisors of all of them.
    """
    grants = list(
        Grant.objects.filter(project=project, live=True)
        .with_amount_paid()
        .select_related("funder", "payer")
        .prefetch_related("supervisors")
        .order_by("award_date", "identifier")
    )
    return {
        "request": context.get("request"),
        "project": project,
        "grants": grants,
        "awarded": sum((grant.amount_awarded for grant in grants), start=ZERO),
        "paid": sum((grant.amount_paid for grant in grants), start=ZERO),
    }
