"""Dates known only to the month, season or year read naturally in Finnish and English."""

import datetime

from django.template import Context, Template
from django.utils import translation

import pytest

from pirsote.core.dates import DatePrecision, format_partial_date, format_period

NBSP = "\xa0"


def in_language(language, function, *args):
    with translation.override(language):
        return function(*args)


@pytest.mark.parametrize(
    ("precision", "finnish", "english"),
    [
        (DatePrecision.DAY, "1.7.2021", "1 July 2021"),
        (DatePrecision.MONTH, "heinäkuu 2021", "July 2021"),
        (DatePrecision.SEASON, "kesä 2021", "summer 2021"),
        (DatePrecision.YEAR, "2021", "2021"),
    ],
)
def test_a_date_is_shown_as_precisely_as_it_is_known(precision, finnish, english):
    day = datetime.date(2021, 7, 1)
    assert in_language("fi", format_partial_date, day, precision) == finnish
    assert in_language("en", format_partial_date, day, precision) == english


@pytest.mark.parametrize(
    ("month", "finnish", "english"),
    [
        (3, "kevät 2020", "spring 2020"),
        (9, "syksy 2020", "autumn 2020"),
        (12, "talvi 2020", "winter 2020"),
        # January belongs to the winter that began the December before.
        (1, "talvi 2019", "winter 2019"),
    ],
)
def test_seasons_follow_the_months(month, finnish, english):
    day = datetime.date(2020, month, 1)
    assert in_language("fi", format_partial_date, day, DatePrecision.SEASON) == finnish
    assert in_language("en", format_partial_date, day, DatePrecision.SEASON) == english


def test_unknown_date_is_empty():
    assert format_partial_date(None, DatePrecision.YEAR) == ""
    assert format_period(None, None) == ""


@pytest.mark.parametrize(
    ("start", "end", "precision", "finnish", "english"),
    [
        (
            datetime.date(2020, 1, 1),
            datetime.date(2022, 1, 1),
            DatePrecision.YEAR,
            "2020–2022",
            "2020–2022",
        ),
        (
            datetime.date(2020, 6, 1),
            datetime.date(2022, 12, 31),
            DatePrecision.DAY,
            "1.6.2020–31.12.2022",
            "1 June 2020 – 31 December 2022",
        ),
        (datetime.date(2020, 1, 1), None, DatePrecision.YEAR, "2020 alkaen", "from 2020"),
        (
            None,
            datetime.date(2022, 12, 31),
            DatePrecision.DAY,
            "31.12.2022 asti",
            "until 31 December 2022",
        ),
    ],
)
def test_periods_read_naturally(start, end, precision, finnish, english):
    assert in_language("fi", format_period, start, end, precision) == finnish
    assert in_language("en", format_period, start, end, precision) == english


def test_template_tags_format_partial_dates_and_periods():
    template = Template(
        "{% load core_tags %}{{ day|partial_date:'season' }}; {% period start end 'year' %}"
    )
    context = Context(
        {
            "day": datetime.date(2020, 6, 1),
            "start": datetime.date(2020, 1, 1),
            "end": datetime.date(2022, 1, 1),
        }
    )
    assert in_language("fi", template.render, context) == "kesä 2020; 2020–2022"
    assert in_language("en", template.render, context) == "summer 2020; 2020–2022"
