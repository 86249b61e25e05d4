"""The bilingual site the browser tests visit, and the addresses of its pages.

Every page type and every body block appears in Finnish and English, plus an English page
with no English content (Finnish fallback), a paginated section and the not-found page.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.utils import translation

from wagtail.documents.models import Document
from wagtail.models import Page

from funding.models import Grant
from news.models import Keyword, MediaVideo
from pirsote.core.models import ContactPerson, CustomImage, Licence, SectionIndexPage
from projects.models import Goal, Organisation, ProjectPage, TargetGroup
from tests.factories import (
    CaptionsDocumentFactory,
    ContactPersonFactory,
    FundingPageFactory,
    GoalFactory,
    GoalIndexPageFactory,
    GrantFactory,
    HomePageFactory,
    ImageFactory,
    KeywordFactory,
    MediaVideoFactory,
    NewsIndexPageFactory,
    OrganisationFactory,
    PaymentFactory,
    ProjectIndexPageFactory,
    ProjectPageFactory,
    ReformPageFactory,
    ReleaseContactFactory,
    ReleaseCorrectionFactory,
    ReleaseImageFactory,
    ReleasePageFactory,
    SectionIndexPageFactory,
    ServiceModelIndexPageFactory,
    ServiceModelPageFactory,
    SiteFactory,
    SiteSettingsFactory,
    TargetGroupFactory,
    VideoDocumentFactory,
    body_with_every_block,
    own_collections,
)


@dataclass(frozen=True)
class SitePage:
    path: str
    language: str
    status: int = 200


# Keyed by a name that also serves as the test id, so a failure names the page.
PAGES = {
    "home-fi": SitePage("/", "fi"),
    "home-en": SitePage("/en/", "en"),
    "section-fi": SitePage("/sote-uudistus/", "fi"),
    "section-en": SitePage("/en/reform/", "en"),
    "section-page-2-fi": SitePage("/sote-uudistus/?page=2", "fi"),
    "section-page-2-en": SitePage("/en/reform/?page=2", "en"),
    "reform-fi": SitePage("/sote-uudistus/tavoitteet/", "fi"),
    "reform-en": SitePage("/en/reform/goals/", "en"),
    "fallback-fi": SitePage("/sote-uudistus/aikataulu/", "fi"),
    "fallback-en": SitePage("/en/reform/aikataulu/", "en"),
    "projects-fi": SitePage("/hankkeet/", "fi"),
    "projects-en": SitePage("/en/projects/", "en"),
    "project-fi": SitePage("/hankkeet/pirsote/", "fi"),
    "project-en": SitePage("/en/projects/pirsote/", "en"),
    "service-model-fi": SitePage("/hankkeet/pirsote/perhekeskus/", "fi"),
    "service-model-en": SitePage("/en/projects/pirsote/family-centre/", "en"),
    "service-models-fi": SitePage("/hankkeet/toimintamallit/", "fi"),
    "service-models-en": SitePage("/en/projects/service-models/", "en"),
    "service-models-filtered-fi": SitePage(
        "/hankkeet/toimintamallit/?project=pirsote&goal=ennaltaehkaisy", "fi"
    ),
    "service-models-invalid-en": SitePage(
        "/en/projects/service-models/?goal=no-such-goal&status=running", "en"
    ),
    "goals-fi": SitePage("/sote-uudistus/tavoitteet-ja-hankkeet/", "fi"),
    "goals-en": SitePage("/en/reform/goals-and-projects/", "en"),
    "funding-fi": SitePage("/sote-uudistus/rahoitus/", "fi"),
    "funding-en": SitePage("/en/reform/funding/", "en"),
    "newsroom-fi": SitePage("/uutishuone/", "fi"),
    "newsroom-en": SitePage("/en/newsroom/", "en"),
    "newsroom-page-2-fi": SitePage("/uutishuone/?page=2", "fi"),
    "newsroom-filtered-en": SitePage("/en/newsroom/?type=press-release&keyword=sote-keskus", "en"),
    "newsroom-invalid-fi": SitePage("/uutishuone/?type=uutinen&year=abc", "fi"),
    "release-fi": SitePage("/uutishuone/sote-hankkeet-hyvinvointialueella/", "fi"),
    "release-en": SitePage("/en/newsroom/projects-in-the-wellbeing-county/", "en"),
    "release-fallback-en": SitePage("/en/newsroom/vaestoennusteet/", "en"),
    "media-bank-fi": SitePage("/uutishuone/media/", "fi"),
    "media-bank-en": SitePage("/en/newsroom/media/", "en"),
    "subscribe-fi": SitePage("/tilaa-tiedotteet/", "fi"),
    "subscribe-en": SitePage("/en/subscribe/", "en"),
    "subscribe-sent-fi": SitePage("/tilaa-tiedotteet/lahetetty/", "fi"),
    "subscribe-sent-en": SitePage("/en/subscribe/sent/", "en"),
    "search-fi": SitePage("/haku/", "fi"),
    "search-en": SitePage("/en/search/", "en"),
    "search-results-fi": SitePage("/haku/?q=tavoitteet", "fi"),
    "search-results-en": SitePage("/en/search/?q=goals", "en"),
    "search-filtered-fi": SitePage("/haku/?q=pirsote&type=project", "fi"),
    "search-fallback-en": SitePage("/en/search/?q=aikataulu", "en"),
    "search-nothing-en": SitePage("/en/search/?q=xyzzyquux", "en"),
    "unsubscribe-broken-link-fi": SitePage("/peru-tilaus/rikki/", "fi", status=400),
    "confirm-broken-link-en": SitePage("/en/subscribe/confirm/broken/", "en", status=400),
    "not-found-fi": SitePage("/ei-ole/", "fi", status=404),
    "not-found-en": SitePage("/en/no-such-page/", "en", status=404),
}

MAIN_MENU_LENGTH = 5  # the top-level pages shown in menus
SECTION_CHILDREN = 14  # two pages of SectionIndexPage.children_per_page (12)


def build_site(hostname, port):
    """Create and publish the whole site for the live server at hostname:port.

    Returns the objects to delete afterwards. The site matches the live server's host and
    port exactly, so it wins over any other default site in the database.
    """
    assert SectionIndexPage.children_per_page < SECTION_CHILDREN, "no page 2 to test"
    with translation.override("fi"):
        photo = ImageFactory(title="Eeva Halme", file__width=320, file__height=320)
        image = ImageFactory(
            title="Odotustila",
            description_fi="Asiakkaita sote-keskuksen odotustilassa",
            description_en="Clients in the waiting room of a health centre",
            licence=Licence.CC_BY_4,
            file__width=1600,
            file__height=900,
        )
        untranslated_image = ImageFactory(
            title="Rakennustyömaa",
            description_fi="Uuden sairaalan rakennustyömaa",
            description_en="",
            file__width=1200,
            file__height=800,
        )
        listing_image = ImageFactory(file__width=960, file__height=540)
        video = VideoDocumentFactory()
        captions = CaptionsDocumentFactory()
        people = [
            ContactPersonFactory(
                name="Eeva Halme",
                job_title_fi="Hankejohtaja",
                job_title_en="Programme director",
                email="eeva.halme@example.fi",
                photo=photo,
            ),
            # Long address and no English titles: wrapping and the Finnish fallback.
            ContactPersonFactory(
                name="Matti-Pekka Virtanen",
                job_title_fi="Hyvinvointialuevalmistelun erityisasiantuntija",
                job_title_en="",
                organisation_en="",
                email="matti-pekka.virtanen@hyvinvointialuevalmistelu.example.fi",
            ),
        ]

        # Wagtail's own welcome page is the home page's sibling, and its slug is "home".
        home = HomePageFactory(slug_en="front-page", listing_image=listing_image)
        site = SiteFactory(hostname=hostname, port=port, root_page=home, is_default_site=False)
        section = SectionIndexPageFactory(
            parent=home,
            title_fi="Sote-uudistus",
            slug_fi="sote-uudistus",
            title_en="Health and social services reform",
            slug_en="reform",
            intro_fi="Mitä sosiaali- ja terveydenhuollon uudistus tarkoittaa pirkanmaalaisille.",
            intro_en="What the health and social services reform means for Pirkanmaa.",
            listing_image=listing_image,
        )
        funding = SectionIndexPageFactory(parent=home, title_fi="Rahoitus", title_en="Funding")
        ReformPageFactory(
            parent=home, title_fi="Yhteystiedot", title_en="Contact us", show_in_menus=True
        )
        statement = ReformPageFactory(
            parent=home, title_fi="Saavutettavuusseloste", title_en="Accessibility statement"
        )
        goals = ReformPageFactory(
            parent=section,
            title_fi="Uudistuksen tavoitteet",
            slug_fi="tavoitteet",
            title_en="Goals of the reform",
            slug_en="goals",
            listing_image=listing_image,
        )
        fallback = ReformPageFactory(
            parent=section,
            title_fi="Hyvinvointialueen valmistelun aikataulu",
            slug_fi="aikataulu",
            title_en="",
            intro_fi="Valmistelu etenee vaiheittain vuoteen 2027 asti.",
            intro_en="",
        )
        for number in range(1, SECTION_CHILDREN - 1):
            ReformPageFactory(
                parent=section, title_fi=f"Ajankohtaista {number}", title_en=f"Current {number}"
            )

        media = {"video": video, "captions": captions, "people": people}
        for page, link_target in ((home, goals), (section, funding), (goals, section)):
            page.body_fi = body_with_every_block(
                "fi", image=image, internal_page=link_target, **media
            )
            page.body_en = body_with_every_block(
                "en", image=image, internal_page=link_target, **media
            )
            page.save()
        fallback.body_fi = body_with_every_block(
            "fi", image=untranslated_image, internal_page=goals, **media
        )
        fallback.body_en = []
        fallback.save()

        SiteSettingsFactory(
            site=site,
            publisher_description_fi="Pirkanmaan liitto valmistelee sote-uudistusta.",
            publisher_description_en="The Council of Tampere Region prepares the reform.",
            address_fi="Kelloportinkatu 1 B\n33100 Tampere",
            address_en="Kelloportinkatu 1 B\nFI-33100 Tampere",
            phone="+358 3 000 0000",
            accessibility_statement=statement,
            privacy_statement=statement,
            social_links=[
                {"type": "link", "value": {"service": "LinkedIn", "url": "https://example.fi/li"}}
            ],
            not_found_title_fi="Sivua ei löytynyt",
            not_found_title_en="Page not found",
            not_found_text_fi="<p>Etsimääsi sivua ei löytynyt.</p>",
            not_found_text_en="<p>The page you were looking for was not found.</p>",
        )
        feature_pages, taxonomy = build_projects_and_funding(
            home, section, people=people, listing_image=listing_image
        )
        news_pages, news_objects = build_newsroom(
            home,
            project=feature_pages["project"],
            people=people,
            image=image,
            listing_image=listing_image,
            media={"video": video, "captions": captions},
        )
    _check_addresses(
        site,
        {
            "home": home,
            "section": section,
            "reform": goals,
            "fallback": fallback,
            **feature_pages,
            **news_pages,
        },
    )
    return {
        "site": site,
        "home": home,
        "images": [photo, image, untranslated_image, listing_image],
        "documents": [video, captions],
        "people": people,
        **taxonomy,
        **news_objects,
    }


def build_projects_and_funding(home, section, *, people, listing_image):
    """Projects with service models, the goals page and the funding page with grants.

    One project has no English texts at all, so the listings show Finnish fallbacks.
    """
    municipalities = OrganisationFactory(
        slug="kunnat", name_fi="Pirkanmaan kunnat", name_en="Municipalities of Pirkanmaa"
    )
    council = OrganisationFactory(
        slug="liitto",
        name_fi="Pirkanmaan liitto",
        name_en="Council of Tampere Region",
        kind=Organisation.Kind.JOINT_AUTHORITY,
    )
    ministry = OrganisationFactory(
        slug="stm",
        name_fi="Sosiaali- ja terveysministeriö",
        name_en="Ministry of Social Affairs and Health",
        kind=Organisation.Kind.MINISTRY,
    )
    goals = [
        GoalFactory(slug="saatavuus", name_fi="Yhdenvertainen saatavuus", name_en="Equal access"),
        GoalFactory(
            slug="ennaltaehkaisy",
            name_fi="Painopiste ehkäisevään työhön",
            name_en="Emphasis on prevention",
        ),
    ]
    families = TargetGroupFactory(
        slug="perheet", name_fi="Lapset, nuoret ja perheet", name_en="Children and families"
    )
    index = ProjectIndexPageFactory(parent=home, listing_image=listing_image)
    pirsote = ProjectPageFactory(
        parent=index,
        acronym="PirSOTE",
        title_fi="Pirkanmaan tulevaisuuden sote-keskus",
        title_en="Pirkanmaa Health and Social Services Centre of the Future",
        status="transferred",
        actual_start=datetime.date(2020, 1, 1),
        date_precision="year",
        coordinator=council,
        implementers=[municipalities, council],
        goals=goals,
        innokyla_url="https://innokyla.fi/",
        listing_image=listing_image,
    )
    pirsote.staff_figures.create(
        count=40, is_approximate=True, description_fi="valmistelijaa", description_en="preparers"
    )
    for person in people:
        pirsote.contacts.create(person=person, role_fi="Hankejohtaja", role_en="")
    ProjectPageFactory(
        parent=index,
        acronym="PirKOTI",
        title_fi="Kotona asumista tukevat palvelut iäkkäille",
        title_en="",
        intro_en="",
        goals=goals[:1],
    )
    family_centre = ServiceModelPageFactory(
        parent=pirsote,
        title_fi="Perhekeskustoimintamalli",
        slug_fi="perhekeskus",
        title_en="Family centre model",
        slug_en="family-centre",
        goals=goals,
        target_groups=[families],
    )
    for number in range(1, 15):
        ServiceModelPageFactory(parent=pirsote, goals=goals[number % 2 :], status="established")
    service_models = ServiceModelIndexPageFactory(parent=index)
    goals_page = GoalIndexPageFactory(
        parent=section, slug_fi="tavoitteet-ja-hankkeet", slug_en="goals-and-projects"
    )
    funding = FundingPageFactory(parent=section)
    for number, amount in enumerate(("5921081", "9329760.50"), start=1):
        grant = GrantFactory(
            project=pirsote,
            funder=ministry,
            recipient=council,
            amount_awarded=Decimal(amount),
            identifier=f"360G-pirsote-selain-{number}",
        )
        PaymentFactory(grant=grant, amount=Decimal("1000000"))
    pages = {
        "projects": index,
        "project": pirsote,
        "service-model": family_centre,
        "service-models": service_models,
        "goals": goals_page,
        "funding": funding,
    }
    taxonomy = {
        "organisations": [municipalities, council, ministry],
        "goals": goals,
        "target_groups": [families],
    }
    return pages, taxonomy


def build_newsroom(home, *, project, people, image, listing_image, media):
    """The newsroom: a release of every type (one with all its furniture), two pages of them.

    One release has no English texts, so the listing and its page show Finnish fallbacks.
    """
    centre = KeywordFactory(slug="sote-keskus", name_fi="Sote-keskus", name_en="Health centre")
    county = KeywordFactory(
        slug="hyvinvointialue", name_fi="Hyvinvointialue", name_en="Wellbeing services county"
    )
    newsroom = NewsIndexPageFactory(parent=home, listing_image=listing_image)
    release = ReleasePageFactory(
        parent=newsroom,
        title_fi="Sote-hankkeet aloittavat hyvinvointialueella",
        slug_fi="sote-hankkeet-hyvinvointialueella",
        title_en="The projects start in the wellbeing services county",
        slug_en="projects-in-the-wellbeing-county",
        release_type="press-release",
        listing_image=listing_image,
        keywords=[centre, county],
        projects=[project],
    )
    release.body_fi = body_with_every_block(
        "fi", image=image, internal_page=project, people=people, **media
    )
    release.body_en = body_with_every_block(
        "en", image=image, internal_page=project, people=people, **media
    )
    release.save()
    for person in people:
        ReleaseContactFactory(page=release, person=person)
    ReleaseImageFactory(page=release, image=image)
    ReleaseCorrectionFactory(page=release)
    fallback = ReleasePageFactory(
        parent=newsroom,
        title_fi="Väestöennusteet valmistuvat syksyllä",
        slug_fi="vaestoennusteet",
        title_en="",
        slug_en="",
        intro_en="",
        release_type="blog-post",
        keywords=[county],
    )
    for number in range(1, 11):
        ReleasePageFactory(
            parent=newsroom,
            title_fi=f"Artikkeli {number}",
            title_en=f"Article {number}",
            release_type="article",
            keywords=[centre],
        )
    video = MediaVideoFactory(
        title_fi="Sote-uudistus kahdessa minuutissa",
        title_en="The reform in two minutes",
        video=media["video"],
        captions=media["captions"],
        poster=image,
    )
    pages = {"newsroom": newsroom, "release": release}
    assert fallback.slug_fi == "vaestoennusteet"
    return pages, {"keywords": [centre, county], "videos": [video]}


def _check_addresses(site, pages):
    """Fail early, and clearly, if the pages' addresses drift from PAGES."""
    for name, page in pages.items():
        for language in ("fi", "en"):
            expected = PAGES[f"{name}-{language}"].path
            with translation.override(language):
                actual = Page.objects.get(pk=page.pk).specific.get_url_parts()[2]
            assert actual == expected, f"{name}-{language} is at {actual}, PAGES says {expected}"


def delete_site(created):
    """Remove everything build_site() made, so later test runs start from a clean slate."""
    created["site"].delete()
    home = Page.objects.get(pk=created["home"].pk)
    # Grants protect their projects from deletion: they go first.
    Grant.objects.filter(project__in=ProjectPage.objects.descendant_of(home)).delete()
    home.delete()
    collections = own_collections([*created["images"], *created["documents"]])
    for model, key in (
        (Document, "documents"),
        (ContactPerson, "people"),
        (CustomImage, "images"),
        (Organisation, "organisations"),
        (Goal, "goals"),
        (TargetGroup, "target_groups"),
        (MediaVideo, "videos"),
        (Keyword, "keywords"),
    ):
        model.objects.filter(pk__in=[obj.pk for obj in created[key]]).delete()
    collections.delete()
