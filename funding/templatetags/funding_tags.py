from decimal import ROUND_DOWN, ROUND_HALF_UP, ROUND_UP, Decimal

from django import template
from django.utils.translation import get_language

from pirsote.core.formatting import format_number

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


@register.filter
def any_decision_reference(grants):
    """Whether any of `grants` has a decision reference: the grants table's column is left out
    when none has, rather than shown empty."""
    return any(grant.decision_reference for grant in grants)
