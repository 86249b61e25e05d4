"""Locale-aware formatting of money: `5 921 081 €` in Finnish, `€5,921,081` in English."""

from decimal import Decimal

from django.utils import numberformat
from django.utils.formats import get_format
from django.utils.translation import get_language


def format_number(value, decimal_pos=None):
    """Group thousands the way the active language writes them (non-breaking space in Finnish)."""
    return numberformat.format(
        value,
        get_format("DECIMAL_SEPARATOR"),
        decimal_pos=decimal_pos,
        grouping=get_format("NUMBER_GROUPING"),
        thousand_sep=get_format("THOUSAND_SEPARATOR"),
        force_grouping=True,
    )


def format_euros(amount):
    """Whole euros without decimals, otherwise cents; the sign goes where the language puts it."""
    if amount is None or amount == "":
        return ""
    amount = Decimal(amount)
    decimal_pos = 0 if amount == amount.to_integral_value() else 2
    sign = "-" if amount < 0 else ""
    number = format_number(abs(amount), decimal_pos)
    if (get_language() or "fi").startswith("en"):
        return f"{sign}€{number}"
    return f"{sign}{number}\xa0€"
