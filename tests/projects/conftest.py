"""Fixtures for the projects app's public pages: a small bilingual site of projects and models."""

import datetime
from types import SimpleNamespace

import pytest

from tests.factories import (
    ContactPersonFactory,
    GoalFactory,
    GoalIndexPageFactory,
    OrganisationFactory,
    ProjectContactFactory,
    ProjectIndexPageFactory,
    ProjectPageFactory,
    ProjectStaffFigureFactory,
    ServiceModelIndexPageFactory,
    ServiceModelPageFactory,
    TargetGroupFactory,
)


@pytest.fixture(autouse=True)
def _media_in_tmp_path(settings, tmp_path):
    # Images and renditions must not land in the project's media/ directory.
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def project_site(home_page):
    """Home → Hankkeet (/hankkeet/, /en/projects/) → PirSOTE and KOMAS, and the listings.

    PirSOTE (2020–2022, known to the year) has two live service models and a draft one, a
    staff figure of about 40 preparers and two contacts, one with a role in the project;
    KOMAS has one service model. "Toimintamallit" lists the service models, "Tavoitteet"
    the goals.
    """
    access = GoalFactory(
        slug="saatavuus",
        name_fi="Palvelujen saatavuus",
        name_en="Access to services",
        description_fi="Palvelut saadaan ajoissa.",
        description_en="Services are available in time.",
    )
    costs = GoalFactory(
        slug="kustannukset",
        name_fi="Kustannusten kasvun hillintä",
        name_en="Curbing the growth in costs",
    )
    integration = GoalFactory(
        slug="integraatio", name_fi="Palvelujen yhteensovitus", name_en="Integrated services"
    )
    older = TargetGroupFactory(slug="ikaantyneet", name_fi="Ikääntyneet", name_en="Older people")
    families = TargetGroupFactory(
        slug="lapsiperheet", name_fi="Lapsiperheet", name_en="Families with children"
    )
    coordinator = OrganisationFactory(
        slug="pirkanmaan-liitto", name_fi="Pirkanmaan liitto", name_en="Council of Tampere Region"
    )
    tampere = OrganisationFactory(slug="tampere", name_fi="Tampereen kaupunki", name_en="")

    index = ProjectIndexPageFactory(parent=home_page)
    pirsote = ProjectPageFactory(
        parent=index,
        acronym="PirSOTE",
        title_fi="Pirkanmaan tulevaisuuden sote-keskus",
        title_en="Pirkanmaa Health and Social Services Centre of the Future",
        intro_fi="Hanke kehittää sote-keskuksia.",
        intro_en="The project develops health and social services centres.",
        status="running",
        actual_start=datetime.date(2020, 1, 1),
        actual_end=datetime.date(2022, 1, 1),
        planned_start=datetime.date(2020, 1, 1),
        planned_end=datetime.date(2021, 1, 1),
        date_precision="year",
        coordinator=coordinator,
        implementers=[coordinator, tampere],
        goals=[access, integration],
        innokyla_url="https://innokyla.fi/fi/kehittamistoiminta/pirsote",
    )
    komas = ProjectPageFactory(
        parent=index,
        acronym="KOMAS",
        title_fi="Kohti maakunnallista sotea",
        title_en="Towards Regional Health and Social Services",
        status="ended",
        actual_start=datetime.date(2020, 1, 1),
        actual_end=None,
        date_precision="year",
        goals=[costs],
    )
    ProjectStaffFigureFactory(page=pirsote, count=40, is_approximate=True)
    lead_person = ContactPersonFactory(name="Eeva Esimerkki")
    ProjectContactFactory(
        page=pirsote, person=lead_person, role_fi="Hankejohtaja", role_en="Project director"
    )
    other_person = ContactPersonFactory(
        name="Matti Malli", job_title_fi="Suunnittelija", job_title_en="Planner"
    )
    ProjectContactFactory(page=pirsote, person=other_person, role_fi="", role_en="")

    home_care = ServiceModelPageFactory(
        parent=pirsote,
        title_fi="Kotihoidon etävastaanotto",
        title_en="Remote home care",
        status="piloted",
        goals=[access],
        target_groups=[older],
    )
    family_centre = ServiceModelPageFactory(
        parent=pirsote,
        title_fi="Perhekeskus",
        title_en="Family centre",
        status="established",
        goals=[access, integration],
        target_groups=[families],
    )
    draft = ServiceModelPageFactory(
        parent=pirsote,
        title_fi="Keskeneräinen malli",
        title_en="Unfinished model",
        live=False,
        goals=[access],
        target_groups=[older],
    )
    komas_model = ServiceModelPageFactory(
        parent=komas,
        title_fi="Alueellinen palveluohjaus",
        title_en="Regional service guidance",
        status="in-development",
        goals=[costs, access],
        target_groups=[older, families],
    )
    service_model_index = ServiceModelIndexPageFactory(parent=index)
    goal_index = GoalIndexPageFactory(parent=home_page)
    return SimpleNamespace(
        home=home_page,
        index=index,
        pirsote=pirsote,
        komas=komas,
        home_care=home_care,
        family_centre=family_centre,
        draft=draft,
        komas_model=komas_model,
        service_model_index=service_model_index,
        goal_index=goal_index,
        goals=SimpleNamespace(access=access, costs=costs, integration=integration),
        target_groups=SimpleNamespace(older=older, families=families),
        coordinator=coordinator,
        tampere=tampere,
        lead_person=lead_person,
        other_person=other_person,
    )
