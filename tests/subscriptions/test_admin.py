"""Subscribers in the Wagtail admin: staff look and delete; no one adds or edits addresses."""

from django.urls import reverse

from wagtail.models import ModelLogEntry

import pytest

from news.subscriptions.models import Subscriber
from pirsote.core.roles import COMMUNICATIONS, setup_roles
from tests.core.helpers import gettext_in, parse_html, text_of
from tests.factories import RoleUserFactory, StaffUserFactory, SubscriberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def communications(client, news_site):
    setup_roles()
    client.force_login(RoleUserFactory(groups=[COMMUNICATIONS]))
    return client


def admin_url(action, *args):
    return reverse(f"subscribers:{action}", args=args)


def test_communications_staff_list_subscribers_with_their_choices(communications, news_site):
    SubscriberFactory(
        email="lukija@example.fi",
        language="en",
        release_types=["press-release"],
        projects=[news_site.pirsote],
    )
    SubscriberFactory(email="toinen@example.fi")

    response = communications.get(admin_url("index"))

    assert response.status_code == 200
    page = parse_html(response)
    rows = [text_of(row) for row in page.select("table tbody tr")]
    assert len(rows) == 2
    row = next(row for row in rows if "lukija@example.fi" in row)
    # The admin speaks Finnish unless the user chose otherwise.
    assert gettext_in("fi", "Press release") in row
    assert "PirSOTE" in row
    assert not page.select(f'a[href="{admin_url("add")}"]')

    results = communications.get(admin_url("index"), {"q": "toinen"})
    found = [text_of(row) for row in parse_html(results).select("table tbody tr")]
    assert len(found) == 1
    assert found[0].startswith("toinen@example.fi")


def test_no_one_adds_or_edits_a_subscriber_not_even_a_superuser(client, communications):
    subscriber = SubscriberFactory(email="lukija@example.fi")
    superuser = StaffUserFactory(is_superuser=True)

    for user_client in (communications, client):
        if user_client is client:
            client.force_login(superuser)
        for url in (admin_url("add"), admin_url("edit", subscriber.pk)):
            assert user_client.get(url).status_code in {302, 403}
            response = user_client.post(url, {"email": "hyokkaaja@example.fi"})
            assert response.status_code in {302, 403}
    assert list(Subscriber.objects.values_list("email", flat=True)) == ["lukija@example.fi"]


def test_communications_staff_inspect_and_delete_a_subscriber(communications):
    subscriber = SubscriberFactory(email="lukija@example.fi", release_types=["article"])

    inspect = communications.get(admin_url("inspect", subscriber.pk))
    assert inspect.status_code == 200
    assert "lukija@example.fi" in text_of(parse_html(inspect))

    response = communications.post(admin_url("delete", subscriber.pk))

    assert response.status_code == 302
    assert not Subscriber.objects.exists()
    # The admin's action log outlives the subscriber: it keeps no whole address.
    [entry] = ModelLogEntry.objects.filter(action="wagtail.delete")
    assert "lukija@example.fi" not in entry.label
    assert "lukija" not in str(entry.data)


def test_staff_without_the_role_do_not_see_the_subscribers(client, news_site):
    SubscriberFactory(email="lukija@example.fi")
    client.force_login(StaffUserFactory())

    response = client.get(admin_url("index"))

    assert response.status_code in {302, 403}
    assert b"lukija@example.fi" not in response.content
