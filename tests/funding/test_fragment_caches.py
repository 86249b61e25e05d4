"""The funding page's cached figures: never stale after a grant or payment changes."""

from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from tests.core.helpers import get_html, text_of, url_in
from tests.factories import PaymentFactory, SiteSettingsFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _site_settings(home_page):
    # Else the first view makes them, which is a change of the site like any other.
    SiteSettingsFactory()


def _figures(client, url):
    return [text_of(value) for value in get_html(client, url).select(".fact__value")]


@pytest.mark.parametrize("language", ["fi", "en"])
def test_a_second_view_does_not_add_up_the_grants_again(client, funding_site, language):
    url = url_in(funding_site.funding_page, language)
    client.get(url)

    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200

    assert not any("SUM(" in query["sql"].upper() for query in queries)


@pytest.mark.parametrize("language", ["fi", "en"])
def test_a_payment_shows_in_the_figures_at_the_next_view(client, funding_site, language):
    url = url_in(funding_site.funding_page, language)
    awarded, count, paid = _figures(client, url)

    PaymentFactory(grant=funding_site.grants[1], amount=Decimal("1000.00"))

    assert _figures(client, url)[:2] == [awarded, count]
    assert _figures(client, url)[2] != paid


def test_an_unpublished_grant_leaves_the_figures_at_the_next_view(client, funding_site):
    url = url_in(funding_site.funding_page, "fi")
    assert _figures(client, url)[1] == "2"

    grant = funding_site.grants[1]
    grant.live = False
    grant.save()

    assert _figures(client, url)[1] == "1"
