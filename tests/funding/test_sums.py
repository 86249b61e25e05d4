"""Sums of grants and payments are exact Decimals; shares are rounded honestly."""

from decimal import Decimal

from django.utils import translation

import pytest

from funding.models import Grant, funding_by_project
from funding.templatetags.funding_tags import format_share
from tests.factories import GrantFactory, GrantWithPaymentsFactory
from tests.funding.helpers import awarded_sum, paid_sum, public_grants


@pytest.mark.parametrize(
    ("part", "whole", "finnish", "english"),
    [
        ("1480270.25", "5921081", "25\xa0%", "25%"),
        ("6480270.25", "15921081", "41\xa0%", "41%"),
        ("1", "3", "33\xa0%", "33%"),
        ("2", "3", "67\xa0%", "67%"),
        ("100", "100", "100\xa0%", "100%"),
        # Rounding must not claim that nothing or everything has been paid.
        ("0.2", "100", "0,2\xa0%", "0.2%"),
        ("0.01", "1000000", "0,1\xa0%", "0.1%"),
        ("99.96", "100", "99,9\xa0%", "99.9%"),
        ("1234.5", "1000", "123\xa0%", "123%"),
    ],
)
def test_share_is_a_whole_percentage_in_each_languages_style(part, whole, finnish, english):
    for language, expected in (("fi", finnish), ("en", english)):
        with translation.override(language):
            assert format_share(Decimal(part), Decimal(whole)) == expected


def test_share_of_nothing_is_unknown():
    assert format_share(Decimal("10"), Decimal("0")) == ""
    assert format_share(None, Decimal("10")) == ""


@pytest.mark.django_db
def test_totals_are_exact_sums_of_amounts_with_cents(funding_site):
    project = funding_site.pirsote
    GrantWithPaymentsFactory(
        project=project, amount_awarded=Decimal("0.10"), payments=["0.01", "0.02", "0.03"]
    )
    GrantWithPaymentsFactory(project=project, amount_awarded=Decimal("0.20"), payments=["0.04"])
    GrantFactory(project=project, amount_awarded=Decimal("0.40"), live=False)

    totals = Grant.objects.public().totals()
    grants = public_grants()

    assert totals == {
        "awarded": awarded_sum(grants),
        "paid": paid_sum(grants),
        "count": len(grants),
    }
    assert totals["awarded"] == Decimal("15250841.30")
    assert all(isinstance(totals[key], Decimal) for key in ("awarded", "paid"))


@pytest.mark.django_db
def test_funding_by_project_sums_each_projects_grants_once(funding_site):
    # Several grants and several payments per project: neither join may multiply a sum.
    for amount in ("0.10", "0.20"):
        GrantWithPaymentsFactory(
            project=funding_site.rakenne, amount_awarded=Decimal(amount), payments=["0.05", "0.05"]
        )

    rows = funding_by_project(Grant.objects.public())

    assert [row["project"] for row in rows] == [funding_site.pirsote, funding_site.rakenne]
    for row in rows:
        grants = [grant for grant in public_grants() if grant.project == row["project"]]
        assert row["awarded"] == awarded_sum(grants)
        assert row["paid"] == paid_sum(grants)
        assert row["count"] == len(grants)
    assert rows[1]["awarded"] == Decimal("9329760.30")
    assert rows[1]["paid"] == Decimal("0.20")
