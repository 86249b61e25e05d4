"""Promoted search results are kept in the admin by approvers, not by communications staff."""

from django.urls import reverse

from wagtail.contrib.search_promotions.models import Query, SearchPromotion

import pytest

from pirsote.core.roles import APPROVERS, COMMUNICATIONS, setup_roles
from tests.factories import RoleUserFactory

from .helpers import search

pytestmark = pytest.mark.django_db


@pytest.fixture
def roles(search_site):
    setup_roles()


def log_in(client, group):
    client.force_login(RoleUserFactory(groups=[group]))


def add_promotion(client, page):
    return client.post(
        reverse("wagtailsearchpromotions:add"),
        {
            "query_string": "rahoitus",
            "editors_picks-TOTAL_FORMS": "1",
            "editors_picks-INITIAL_FORMS": "0",
            "editors_picks-MIN_NUM_FORMS": "0",
            "editors_picks-MAX_NUM_FORMS": "1000",
            "editors_picks-0-page": str(page.pk),
            "editors_picks-0-external_link_url": "",
            "editors_picks-0-external_link_text": "",
            "editors_picks-0-description": "Miten uudistus rahoitetaan.",
            "editors_picks-0-ORDER": "0",
        },
    )


def test_approver_promotes_a_page_that_the_search_then_shows_first(client, search_site, roles):
    log_in(client, APPROVERS)
    index = reverse("wagtailsearchpromotions:index")
    assert index in client.get(reverse("wagtailadmin_home")).content.decode()
    response = add_promotion(client, search_site.untranslated)
    assert response.status_code == 302, response.content[:2000]
    assert SearchPromotion.objects.filter(query__query_string="rahoitus").count() == 1

    client.logout()
    document = search(client, "Rahoitus")
    promoted = document.select(".search-promotions li")
    assert len(promoted) == 1
    assert "Miten uudistus rahoitetaan" in promoted[0].get_text()


def test_communications_staff_cannot_promote_search_results(client, search_site, roles):
    log_in(client, COMMUNICATIONS)
    index = reverse("wagtailsearchpromotions:index")
    assert index not in client.get(reverse("wagtailadmin_home")).content.decode()
    assert client.get(index).status_code in (302, 403)
    response = add_promotion(client, search_site.goals)
    assert response.status_code in (302, 403)
    assert not Query.objects.filter(query_string="rahoitus", editors_picks__isnull=False).exists()
