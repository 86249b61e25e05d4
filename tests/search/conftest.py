"""Fixtures for the site search: pages of every result type, in Finnish and English."""

import datetime
from types import SimpleNamespace

from django.utils import timezone

import pytest

from tests.factories import (
    ContactPersonFactory,
    NewsIndexPageFactory,
    ProjectIndexPageFactory,
    ProjectPageFactory,
    ReformPageFactory,
    ReleaseContactFactory,
    ReleasePageFactory,
    ServiceModelPageFactory,
)


def paragraph(text):
    return [{"type": "paragraph", "value": f"<p>{text}</p>"}]


def contact_people_body(people):
    return [
        {
            "type": "contact_people",
            "value": {"heading": "Yhteystiedot", "people": [person.pk for person in people]},
        }
    ]


@pytest.fixture
def search_site(home_page):
    """A reform page, a release, a project with a service model and a contact person."""
    goals = ReformPageFactory(
        parent=home_page,
        title_fi="Sote-uudistuksen tavoitteet",
        title_en="Goals of the reform",
        intro_fi="Sote-palvelut ja niitä tukeva rakenne uudistetaan.",
        intro_en="Health and social services and the structures supporting them are reformed.",
        body_fi=paragraph("Järjestäminen siirretään kunnilta hyvinvointialueiden vastuulle."),
        body_en=paragraph("Organising the services moves from municipalities to counties."),
    )
    untranslated = ReformPageFactory(
        parent=home_page,
        title_fi="Miten uudistus rahoitetaan",
        title_en="",
        slug_en=None,
        intro_fi="Rahoitus tulee sosiaali- ja terveysministeriöstä.",
        intro_en="",
        body_fi=paragraph("Tulevaisuuden sote-keskus -hankkeen toteuttamiseen 5 921 081 euroa."),
    )
    newsroom = NewsIndexPageFactory(parent=home_page)
    release = ReleasePageFactory(
        parent=newsroom,
        title_fi="Sote-hankkeet aloittavat pian uudessa kotipesässä",
        title_en="The projects will soon start in a new home",
        intro_fi="Hankkeet siirtyvät Pirkanmaan hyvinvointialueella integraation vastuualueelle.",
        intro_en="The projects move to the wellbeing services county's integration unit.",
        body_fi=paragraph(
            "Sosiaalipalveluiden ja terveyspalveluiden kehittäminen sote-keskukseen."
        ),
        body_en=paragraph("Developing social services and health services for the centre."),
    )
    projects = ProjectIndexPageFactory(parent=home_page)
    project = ProjectPageFactory(
        parent=projects,
        acronym="PirKOTI",
        title_fi="Tulevaisuuden kotona asumista tukevat palvelut iäkkäille",
        title_en="Future services supporting older people living at home",
    )
    service_model = ServiceModelPageFactory(
        parent=project,
        title_fi="Kotikuntoutus",
        title_en="Rehabilitation at home",
        intro_fi="Moniammatillinen toimintakyvyn arviointi ja kotikuntoutus.",
        intro_en="Multiprofessional assessment of functional capacity and rehabilitation.",
    )
    person = ContactPersonFactory(
        name="Eeva Halme",
        job_title_fi="Hankejohtaja",
        job_title_en="Project director",
        organisation_fi="Pirkanmaan liitto",
        organisation_en="Council of Tampere Region",
    )
    ReleaseContactFactory(page=release, person=person)
    release.save_revision().publish()
    return SimpleNamespace(
        home=home_page,
        goals=goals,
        untranslated=untranslated,
        newsroom=newsroom,
        release=release,
        projects=projects,
        project=project,
        service_model=service_model,
        person=person,
    )


def an_hour_from_now():
    return timezone.now() + datetime.timedelta(hours=1)
