"""The bilingual site the browser tests visit, and the addresses of its pages.

Every page type and every body block appears in Finnish and English, plus an English page
with no English content (Finnish fallback), a paginated section and the not-found page.
"""

from dataclasses import dataclass

from django.utils import translation

from wagtail.documents.models import Document
from wagtail.models import Page

from pirsote.core.models import ContactPerson, CustomImage, Licence, SectionIndexPage
from tests.factories import (
    CaptionsDocumentFactory,
    ContactPersonFactory,
    HomePageFactory,
    ImageFactory,
    ReformPageFactory,
    SectionIndexPageFactory,
    SiteFactory,
    SiteSettingsFactory,
    VideoDocumentFactory,
    body_with_every_block,
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
    "not-found-fi": SitePage("/ei-ole/", "fi", status=404),
    "not-found-en": SitePage("/en/no-such-page/", "en", status=404),
}

MAIN_MENU_LENGTH = 3  # the top-level pages shown in menus
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
    _check_addresses(
        site, {"home": home, "section": section, "reform": goals, "fallback": fallback}
    )
    return {
        "site": site,
        "home": home,
        "images": [photo, image, untranslated_image, listing_image],
        "documents": [video, captions],
        "people": people,
    }


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
    Page.objects.get(pk=created["home"].pk).delete()
    for model, key in ((Document, "documents"), (ContactPerson, "people"), (CustomImage, "images")):
        model.objects.filter(pk__in=[obj.pk for obj in created[key]]).delete()
