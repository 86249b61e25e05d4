"""Funding editors keep grants and their payments through the real Wagtail admin.

Grants are drafts until published: only published grants are public, and a draft of a
change to a published grant leaves the public figures as they were.
"""

import re
from decimal import Decimal

from django.test import Client
from django.urls import reverse
from django.utils import translation

import pytest

from funding.models import Grant, Payment
from funding.roles import FUNDING_EDITORS
from pirsote.core.formatting import format_euros
from pirsote.core.roles import setup_roles
from tests.core.helpers import gettext_in, parse_html, url_in
from tests.projects.test_admin import add_inline_form, admin_form, assert_saved, field_names, log_in

pytestmark = pytest.mark.django_db

EXCEEDED = "The payments (%(paid)s) exceed the amount awarded (%(awarded)s)."


def grant_url(action, *args):
    return reverse(Grant.snippet_viewset.get_url_name(action), args=args)


def grant_form(client, url, changes=()):
    return admin_form(client, url, "w-editor-form", changes)


@pytest.fixture
def funding_editor(client, funding_site):
    setup_roles()
    return log_in(client, FUNDING_EDITORS)


def new_grant_changes(site, amount_awarded):
    organisations = site.organisations
    return {
        "identifier": "360G-pirsote-2021-kotona",
        "title_fi": "Kotona asumisen valtionavustus",
        "title_en": "State grant for living at home",
        "description_fi": "Kotona asumisen tuen kehittäminen.",
        "description_en": "Developing support for living at home.",
        "project": str(site.pirsote.pk),
        "funder": str(organisations.ministry.pk),
        "recipient": str(organisations.council.pk),
        "payer": str(organisations.payer.pk),
        "supervisors": [str(organisations.supervisor.pk)],
        "amount_awarded": amount_awarded,
        "award_date": "2021-05-15",
        "award_date_precision": "day",
        "decision_reference": "VN/2021/77",
    }


def add_payment(data, date, amount):
    return add_inline_form(data, "payments", {"date": date, "amount": amount, "reference": ""})


def amount_awarded_errors(response):
    field = parse_html(response).select_one("#id_amount_awarded")
    wrapper = field.find_parent(attrs={"data-field-wrapper": True})
    # Not text_of: the no-break spaces of Finnish sums are part of what is checked.
    return [error.get_text().strip() for error in wrapper.select(".error-message")]


def test_grant_form_has_finnish_and_english_fields_for_translated_content(
    client, funding_site, funding_editor
):
    response = client.get(grant_url("add"))

    assert response.status_code == 200
    names = field_names(parse_html(response).select_one("form#w-editor-form"))
    for name in ("title", "description"):
        assert {f"{name}_fi", f"{name}_en"} <= names, name
    assert {"identifier", "amount_awarded", "award_date", "payments-__prefix__-amount"} <= names
    assert not {"amount_awarded_en", "identifier_en"} & names


def test_funding_editor_adds_grant_with_two_payments_publishes_and_edits_it(
    client, funding_site, funding_editor
):
    data = grant_form(client, grant_url("add"), new_grant_changes(funding_site, "1234567.89"))
    add_payment(data, "2021-06-01", "600000.45")
    add_payment(data, "2021-12-01", "34567.44")

    assert_saved(client.post(grant_url("add"), data))

    grant = Grant.objects.get(identifier="360G-pirsote-2021-kotona")
    assert grant.amount_awarded == Decimal("1234567.89")
    assert sorted(grant.payments.values_list("amount", flat=True)) == [
        Decimal("34567.44"),
        Decimal("600000.45"),
    ]
    assert list(grant.supervisors.all()) == [funding_site.organisations.supervisor]
    assert not grant.live  # saved, not yet published
    assert not Grant.objects.public().filter(pk=grant.pk).exists()

    publish = grant_form(client, grant_url("edit", grant.pk), {"action-publish": "publish"})
    assert_saved(client.post(grant_url("edit", grant.pk), publish))

    public = Grant.objects.public().with_amount_paid().get(pk=grant.pk)
    assert public.amount_paid == Decimal("634567.89")
    funding_page = Client().get(url_in(funding_site.funding_page, "en")).content.decode()
    assert "State grant for living at home" in funding_page

    edit = grant_form(
        client,
        grant_url("edit", grant.pk),
        {"amount_awarded": "1300000.10", "action-publish": "publish"},
    )
    assert_saved(client.post(grant_url("edit", grant.pk), edit))

    assert Grant.objects.public().get(pk=grant.pk).amount_awarded == Decimal("1300000.10")
    assert Payment.objects.filter(grant=grant).count() == 2


def test_draft_of_a_published_grant_leaves_the_public_figures_unchanged(
    client, funding_site, funding_editor
):
    grant = funding_site.grants[0]
    totals = Grant.objects.public().totals()
    url = grant_url("edit", grant.pk)
    data = grant_form(client, url, {"amount_awarded": "6000000.00"})
    add_payment(data, "2022-01-03", "1000000.00")

    assert_saved(client.post(url, data))

    grant.refresh_from_db()
    assert grant.has_unpublished_changes
    assert grant.amount_awarded == Decimal("5921081.00")
    assert grant.payments.count() == 2
    assert Grant.objects.public().totals() == totals
    draft = grant.get_latest_revision_as_object()
    assert draft.amount_awarded == Decimal("6000000.00")
    assert len(draft.payments.all()) == 3


@pytest.mark.parametrize(
    ("preferred_language", "language"),
    [(None, "fi"), ("en", "en")],
    ids=["finnish-by-default", "english-profile"],
)
def test_payments_above_the_amount_awarded_are_refused_in_the_editors_language(
    client, funding_site, preferred_language, language
):
    setup_roles()
    log_in(client, FUNDING_EDITORS, preferred_language=preferred_language)
    grants, payments = Grant.objects.count(), Payment.objects.count()
    data = grant_form(client, grant_url("add"), new_grant_changes(funding_site, "100000.00"))
    add_payment(data, "2021-06-01", "60000.00")
    add_payment(data, "2021-12-01", "50000.50")

    response = client.post(grant_url("add"), data)

    assert response.status_code == 200
    with translation.override(language):
        paid, awarded = format_euros(Decimal("110000.50")), format_euros(Decimal("100000"))
    assert amount_awarded_errors(response) == [
        gettext_in(language, EXCEEDED) % {"paid": paid, "awarded": awarded}
    ]
    assert parse_html(response).html["lang"] == language
    assert (Grant.objects.count(), Payment.objects.count()) == (grants, payments)


def test_payments_removed_on_the_form_no_longer_count_against_the_amount_awarded(
    client, funding_site, funding_editor
):
    grant = funding_site.grants[0]  # 5 921 081 € awarded, 1 000 000 € + 480 270,25 € paid
    first = grant.payments.get(amount=Decimal("1000000.00"))
    url = grant_url("edit", grant.pk)
    data = grant_form(client, url, {"action-publish": "publish"})
    add_payment(data, "2022-06-01", "4500000.00")

    assert amount_awarded_errors(client.post(url, data))

    # Tick "delete" on the first payment's form, as the editor would.
    [id_field] = [
        name
        for name, value in data.items()
        if re.fullmatch(r"payments-\d+-id", name) and value == [str(first.pk)]
    ]
    data[id_field.removesuffix("-id") + "-DELETE"] = ["on"]
    assert_saved(client.post(url, data))

    assert sorted(Grant.objects.get(pk=grant.pk).payments.values_list("amount", flat=True)) == [
        Decimal("480270.25"),
        Decimal("4500000.00"),
    ]


def test_an_invalid_payment_shows_its_own_error_and_nothing_is_saved(
    client, funding_site, funding_editor
):
    data = grant_form(client, grant_url("add"), new_grant_changes(funding_site, "100000.00"))
    add_payment(data, "2021-06-01", "")

    response = client.post(grant_url("add"), data)

    assert response.status_code == 200
    payment_errors = response.context["form"].formsets["payments"].errors
    assert payment_errors[0]["amount"] == [gettext_in("fi", "This field is required.")]
    assert amount_awarded_errors(response) == []
    assert not Grant.objects.filter(identifier="360G-pirsote-2021-kotona").exists()
