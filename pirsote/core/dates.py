"""Dates known only to the year, season or month, as the sources often give them.

"Kesällä 2020" is what the reform's documents say of the grant decisions, and projects are
known by the year they began. A date field plus a precision stores that without inventing a
day; the first day of the period is what is stored.
"""

from django.db import models
from django.utils import formats
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _


class DatePrecision(models.TextChoices):
    DAY = "day", _("Exact date")
    MONTH = "month", _("Month")
    SEASON = "season", _("Season (spring, summer, autumn, winter)")
    YEAR = "year", _("Year")


def _season_name(month):
    # Meteorological seasons, as Finns speak of them: winter starts in December.
    if month in (3, 4, 5):
        return pgettext("season", "spring")
    if month in (6, 7, 8):
        return pgettext("season", "summer")
    if month in (9, 10, 11):
        return pgettext("season", "autumn")
    return pgettext("season", "winter")


def format_partial_date(value, precision=DatePrecision.DAY):
    """`1.7.2021`, `kesäkuu 2020`, `kesä 2020` or `2020` in Finnish; `1 July 2021`... in English."""
    if value is None:
        return ""
    if precision == DatePrecision.YEAR:
        return str(value.year)
    if precision == DatePrecision.SEASON:
        # A winter is named by the year it starts in: "talvi 2020" is December 2020 to
        # February 2021, whichever of its days is stored.
        year = value.year - 1 if value.month in (1, 2) else value.year
        return gettext("%(season)s %(year)s") % {"season": _season_name(value.month), "year": year}
    if precision == DatePrecision.MONTH:
        return formats.date_format(value, "YEAR_MONTH_FORMAT")
    return formats.date_format(value, "DATE_FORMAT")


def format_period(start, end, precision=DatePrecision.DAY):
    """A period such as `2020–2022`, `from 2020` or `until 31.12.2022`; '' when both are unknown."""
    start_text = format_partial_date(start, precision)
    end_text = format_partial_date(end, precision)
    if start_text and end_text:
        # An en dash joins single words; multi-word dates ("1 July 2021") get spaces round it.
        joiner = " – " if " " in start_text + end_text else "–"
        return f"{start_text}{joiner}{end_text}"
    if start_text:
        return gettext("from %(start)s") % {"start": start_text}
    if end_text:
        return gettext("until %(end)s") % {"end": end_text}
    return ""
