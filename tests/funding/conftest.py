"""A bilingual site with a funding page and two projects' grants, as in the demo.

Home → "Sote-uudistus" (/en/reform/) → "Miten uudistus rahoitetaan" (/sote-uudistus/rahoitus/,
/en/reform/funding/); Home → "Hankkeet" → PirSOTE and SoteRakenne. PirSOTE's grant of
5 921 081 € is one quarter paid out in two payments; SoteRakenne's 9 329 760 € has no
payments yet.
"""

import datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest

from projects.models import Organisation
from tests.factories import (
    FundingPageFactory,
    GrantWithPaymentsFactory,
    OrganisationFactory,
    ProjectIndexPageFactory,
    ProjectPageFactory,
    SectionIndexPageFactory,
)


@pytest.fixture
def organisations(db):
    return SimpleNamespace(
        ministry=OrganisationFactory(
            slug="stm",
            name_fi="Sosiaali- ja terveysministeriö",
            name_en="Ministry of Social Affairs and Health",
            kind=Organisation.Kind.MINISTRY,
            identifier="FI-PRO-0000000-0",
        ),
        council=OrganisationFactory(
            slug="pirkanmaan-liitto",
            name_fi="Pirkanmaan liitto",
            name_en="Council of Tampere Region",
            kind=Organisation.Kind.JOINT_AUTHORITY,
            website="https://www.example.fi/",
        ),
        payer=OrganisationFactory(
            slug="avi",
            name_fi="Aluehallintovirasto",
            name_en="Regional State Administrative Agency",
            kind=Organisation.Kind.AGENCY,
        ),
        supervisor=OrganisationFactory(
            slug="thl",
            name_fi="Terveyden ja hyvinvoinnin laitos",
            name_en="Finnish Institute for Health and Welfare",
            kind=Organisation.Kind.AGENCY,
        ),
    )


@pytest.fixture
def funding_site(home_page, organisations):
    section = SectionIndexPageFactory(
        parent=home_page,
        title_fi="Sote-uudistus",
        slug_fi="sote-uudistus",
        title_en="Reform",
        slug_en="reform",
    )
    funding_page = FundingPageFactory(parent=section)
    index = ProjectIndexPageFactory(parent=home_page)
    pirsote = ProjectPageFactory(parent=index, acronym="PirSOTE")
    rakenne = ProjectPageFactory(parent=index, acronym="SoteRakenne")
    pirsote_grant = GrantWithPaymentsFactory(
        project=pirsote,
        identifier="360G-pirsote-2020-pirsote",
        title_fi="Tulevaisuuden sote-keskus -ohjelman valtionavustus",
        title_en="State grant of the Health and Social Services Centre of the Future programme",
        funder=organisations.ministry,
        recipient=organisations.council,
        payer=organisations.payer,
        amount_awarded=Decimal("5921081.00"),
        award_date=datetime.date(2020, 6, 1),
        award_date_precision="season",
        planned_start=datetime.date(2020, 1, 1),
        planned_end=datetime.date(2022, 10, 31),
        decision_reference="VN/12345/2020",
        payments=["1000000.00", "480270.25"],
        supervisors=[organisations.supervisor, organisations.ministry],
    )
    rakenne_grant = GrantWithPaymentsFactory(
        project=rakenne,
        identifier="360G-pirsote-2020-rakenne",
        title_fi="Rakenneuudistuksen valtionavustus",
        title_en="State grant for the structural reform",
        funder=organisations.ministry,
        recipient=organisations.council,
        amount_awarded=Decimal("9329760.00"),
        award_date=datetime.date(2020, 12, 15),
        award_date_precision="day",
    )
    return SimpleNamespace(
        home=home_page,
        section=section,
        funding_page=funding_page,
        index=index,
        pirsote=pirsote,
        rakenne=rakenne,
        grants=[pirsote_grant, rakenne_grant],
        organisations=organisations,
    )
