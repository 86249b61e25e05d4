"""A bilingual site for the public API: projects, service models, goals, grants and media,
beside content the public must not see through the API."""

import datetime
from decimal import Decimal

from django.utils import timezone

from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

import pytest

from pirsote.core.embargo import refresh_media_privacy
from pirsote.core.models import ReformPage
from projects.models import Organisation
from tests.factories import (
    DocumentFactory,
    GrantFactory,
    GrantWithPaymentsFactory,
    ImageFactory,
    OrganisationFactory,
    ProjectPageFactory,
    ReformPageFactory,
    SectionIndexPageFactory,
    ServiceModelPageFactory,
    VideoDocumentFactory,
)
from tests.projects.conftest import project_site  # noqa: F401  (a fixture)


@pytest.fixture(autouse=True)
def _media_in_tmp_path(settings, tmp_path):
    # Images and documents must not land in the project's media/ directory.
    settings.MEDIA_ROOT = tmp_path / "media"


def video_body(video, poster):
    return [
        {
            "type": "video",
            "value": {
                "title": "Video",
                "video": video.pk,
                "captions": None,
                "poster": poster.pk,
                "transcript": "",
            },
        }
    ]


@pytest.fixture
def api_site(project_site):  # noqa: F811
    """project_site (PirSOTE, KOMAS, their service models, goals) with grants and media.

    Public: a section "Sote-uudistus" with "Tavoitteet" (not translated into English, with a
    listing image and a paragraph), PirSOTE's and KOMAS's grants, an image and a document.
    Hidden: besides project_site's draft service model (`draft`), a draft page (`draft_page`),
    a scheduled and a private page (with a child), a live page under an unpublished section,
    a draft project with a live service model and a published grant, an unpublished grant,
    the image and document only the draft page uses (under embargo) and an image in a
    restricted collection.
    """
    site = project_site
    site.public_image = ImageFactory(title="Julkinen kuva", credit_fi="Kuvaaja", credit_en="")
    site.public_document = DocumentFactory(title="Julkinen asiakirja")
    site.embargoed_image = ImageFactory(title="Salainen kuva")
    site.embargoed_document = VideoDocumentFactory(title="Salainen video")
    restricted = Collection.get_first_root_node().add_child(name="Sisäinen")
    CollectionViewRestriction.objects.create(
        collection=restricted, restriction_type="password", password="salasana"
    )
    site.restricted_image = ImageFactory(title="Sisäinen kuva", collection=restricted)

    site.section = SectionIndexPageFactory(
        parent=site.home, title_fi="Sote-uudistus", title_en="Reform"
    )
    site.untranslated = ReformPageFactory(
        parent=site.section,
        title_fi="Tavoitteet",
        title_en="",
        slug_en="",
        intro_fi="Uudistuksen tavoitteet.",
        intro_en="",
        body_fi=[{"type": "paragraph", "value": "<p>Suomeksi.</p>"}],
        body_en=[],
        listing_image=site.public_image,
    )
    site.draft_page = ReformPageFactory(
        parent=site.section,
        title_fi="Luonnos",
        live=False,
        listing_image=site.embargoed_image,
        body_fi=video_body(site.embargoed_document, site.embargoed_image),
    )
    site.scheduled = ReformPageFactory(
        parent=site.section,
        title_fi="Ajastettu",
        live=False,
        go_live_at=timezone.now() + datetime.timedelta(days=7),
    )
    site.private = ReformPageFactory(parent=site.section, title_fi="Yksityinen")
    site.private_child = ReformPageFactory(parent=site.private, title_fi="Yksityisen alasivu")
    PageViewRestriction.objects.create(
        page=site.private, restriction_type="password", password="salasana"
    )
    site.unpublished_section = SectionIndexPageFactory(
        parent=site.home, title_fi="Piilotettu osio", live=False
    )
    site.orphan = ReformPageFactory(parent=site.unpublished_section, title_fi="Orpo sivu")

    site.draft_project = ProjectPageFactory(
        parent=site.index, acronym="LUONNOS", live=False, goals=[site.goals.access]
    )
    site.draft_project_model = ServiceModelPageFactory(
        parent=site.draft_project, title_fi="Luonnoshankkeen malli", goals=[site.goals.access]
    )

    ministry = OrganisationFactory(
        slug="stm",
        name_fi="Sosiaali- ja terveysministeriö",
        name_en="Ministry of Social Affairs and Health",
        kind=Organisation.Kind.MINISTRY,
        identifier="FI-PRO-0000000-0",
    )
    payer = OrganisationFactory(slug="avi", name_fi="Aluehallintovirasto", name_en="")
    supervisor = OrganisationFactory(
        slug="thl",
        name_fi="Terveyden ja hyvinvoinnin laitos",
        name_en="Finnish Institute for Health and Welfare",
        kind=Organisation.Kind.AGENCY,
    )
    council = site.coordinator
    site.pirsote_grant = GrantWithPaymentsFactory(
        project=site.pirsote,
        identifier="360G-pirsote-2020-pirsote",
        title_fi="Tulevaisuuden sote-keskus -ohjelman valtionavustus",
        title_en="State grant of the Health and Social Services Centre of the Future programme",
        description_en="",
        funder=ministry,
        recipient=council,
        payer=payer,
        amount_awarded=Decimal("5921081.00"),
        award_date=datetime.date(2020, 6, 1),
        award_date_precision="season",
        planned_start=datetime.date(2020, 1, 1),
        planned_end=datetime.date(2022, 10, 31),
        decision_reference="VN/12345/2020",
        payments=["1000000.00", "480270.25"],
        supervisors=[supervisor, ministry],
    )
    site.komas_grant = GrantFactory(
        project=site.komas,
        identifier="360G-pirsote-2021-komas",
        funder=ministry,
        recipient=council,
        amount_awarded=Decimal("9329760.50"),
        award_date=datetime.date(2021, 12, 15),
        award_date_precision="day",
    )
    site.unpublished_grant = GrantFactory(
        project=site.pirsote, identifier="360G-pirsote-luonnos", live=False
    )
    site.draft_project_grant = GrantFactory(
        project=site.draft_project, identifier="360G-pirsote-luonnoshanke"
    )
    site.ministry, site.payer, site.supervisor = ministry, payer, supervisor
    refresh_media_privacy(
        reindex=[(ReformPage, site.draft_page.pk), (ReformPage, site.untranslated.pk)]
    )
    return site
