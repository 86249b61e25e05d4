"""Dates, times, money and fact figures written the Finnish way and the English way."""

import datetime
from decimal import Decimal

from django.template import Context, Template
from django.utils import formats, translation

import pytest

from pirsote.core.blocks import FactFiguresBlock
from pirsote.core.formatting import format_euros, format_number
from pirsote.core.templatetags.core_tags import fact_figure

NBSP = "\xa0"
JULY_FIRST = datetime.date(2021, 7, 1)
# 07:04 UTC is 10:04 in Helsinki (summer time, UTC+3).
JULY_FIRST_MORNING_UTC = datetime.datetime(2021, 7, 1, 7, 4, tzinfo=datetime.UTC)


def render(source, language, **context):
    with translation.override(language):
        return Template("{% load core_tags %}" + source).render(Context(context))


def in_language(language, function, *args):
    with translation.override(language):
        return function(*args)


@pytest.mark.parametrize(
    ("language", "expected"),
    [("fi", "1.7.2021"), ("en", "1 July 2021")],
)
def test_date_filter_uses_project_date_format(language, expected):
    assert render("{{ day|date }}", language, day=JULY_FIRST) == expected
    assert render('{{ day|date:"SHORT_DATE_FORMAT" }}', language, day=JULY_FIRST) == expected


@pytest.mark.parametrize(("language", "expected"), [("fi", "10.04"), ("en", "10:04")])
def test_time_filter_shows_utc_time_in_helsinki_time(language, expected):
    assert render("{{ moment|time }}", language, moment=JULY_FIRST_MORNING_UTC) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [("fi", "1.7.2021 10.04"), ("en", "1 July 2021, 10:04")],
)
def test_datetime_format_joins_date_and_time(language, expected):
    rendered = render(
        '{{ moment|date:"DATETIME_FORMAT" }}', language, moment=JULY_FIRST_MORNING_UTC
    )
    assert rendered == expected


def test_date_format_in_python_code_uses_project_formats():
    assert in_language("fi", formats.date_format, JULY_FIRST) == "1.7.2021"
    assert in_language("en", formats.date_format, JULY_FIRST) == "1 July 2021"


@pytest.mark.parametrize(
    ("amount", "finnish", "english"),
    [
        (Decimal("5921081"), f"5{NBSP}921{NBSP}081{NBSP}€", "€5,921,081"),
        (Decimal("5921081.00"), f"5{NBSP}921{NBSP}081{NBSP}€", "€5,921,081"),
        (Decimal("9329760.5"), f"9{NBSP}329{NBSP}760,50{NBSP}€", "€9,329,760.50"),
        (Decimal("1234.56"), f"1{NBSP}234,56{NBSP}€", "€1,234.56"),
        (Decimal("0.5"), f"0,50{NBSP}€", "€0.50"),
        (Decimal("999"), f"999{NBSP}€", "€999"),
        (1000, f"1{NBSP}000{NBSP}€", "€1,000"),
        ("250000", f"250{NBSP}000{NBSP}€", "€250,000"),
        (Decimal("-1500"), f"-1{NBSP}500{NBSP}€", "-€1,500"),
    ],
    ids=[
        "whole",
        "whole-with-zero-cents",
        "cents",
        "small-cents",
        "under-a-euro",
        "no-grouping",
        "int",
        "string",
        "negative",
    ],
)
def test_format_euros_writes_amount_in_language_style(amount, finnish, english):
    assert in_language("fi", format_euros, amount) == finnish
    assert in_language("en", format_euros, amount) == english


@pytest.mark.parametrize("empty", [None, ""])
def test_format_euros_writes_nothing_for_a_missing_amount(empty):
    assert in_language("fi", format_euros, empty) == ""
    assert in_language("en", format_euros, empty) == ""


def test_format_number_groups_thousands_with_non_breaking_space_in_finnish():
    assert in_language("fi", format_number, Decimal("1234567.8"), 1) == f"1{NBSP}234{NBSP}567,8"
    assert in_language("en", format_number, Decimal("1234567.8"), 1) == "1,234,567.8"


@pytest.mark.parametrize(
    ("language", "expected"),
    [("fi", f"5{NBSP}921{NBSP}081{NBSP}€"), ("en", "€5,921,081")],
)
def test_euros_filter_formats_in_active_language(language, expected):
    assert render("{{ amount|euros }}", language, amount=Decimal("5921081")) == expected


@pytest.mark.parametrize(
    ("value", "unit", "finnish", "english"),
    [
        (Decimal("5921081"), "eur", f"5{NBSP}921{NBSP}081{NBSP}€", "€5,921,081"),
        (Decimal("12.5"), "percent", f"12,5{NBSP}%", "12.5%"),
        (Decimal("40.00"), "percent", f"40{NBSP}%", "40%"),
        (Decimal("48000"), "", f"48{NBSP}000", "48,000"),
        (Decimal("2.5"), "", "2,5", "2.5"),
        (Decimal("12.75"), "percent", f"12,75{NBSP}%", "12.75%"),
        (Decimal("1.25"), "", "1,25", "1.25"),
    ],
)
def test_fact_figure_writes_units_in_language_style(value, unit, finnish, english):
    assert in_language("fi", fact_figure, value, unit) == finnish
    assert in_language("en", fact_figure, value, unit) == english


def test_fact_figure_without_value_writes_nothing():
    assert in_language("fi", fact_figure, None, "eur") == ""


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fi", [f"9{NBSP}329{NBSP}760{NBSP}€", f"87,5{NBSP}%", f"1{NBSP}200"]),
        ("en", ["€9,329,760", "87.5%", "1,200"]),
    ],
)
def test_fact_figures_block_renders_each_figure_with_its_unit(language, expected):
    block = FactFiguresBlock()
    value = block.to_python(
        {
            "heading": "Rahoitus",
            "figures": [
                {"value": "9329760", "unit": "eur", "label": "Rakenneuudistus"},
                {"value": "87.5", "unit": "percent", "label": "Osuus"},
                {"value": "1200", "unit": "", "label": "Asiakkaita"},
            ],
        }
    )
    with translation.override(language):
        html = block.render(value)

    for figure in expected:
        assert f'<span class="fact__value">{figure}</span>' in html
