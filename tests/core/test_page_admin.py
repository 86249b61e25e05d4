"""Editors build bilingual pages through the real Wagtail admin."""

from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from funding.models import FundingPage
from pirsote.core.models import HomePage, ReformPage, SectionIndexPage
from projects.models import (
    GoalIndexPage,
    ProjectIndexPage,
    ProjectPage,
    ServiceModelIndexPage,
    ServiceModelPage,
)
from tests.conftest import make_home_page
from tests.factories import ReformPageFactory, SectionIndexPageFactory


@override_settings(MEDIA_ROOT="/tmp/pirsote-test-media")
class PageAdminTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = make_home_page()
        cls.section = SectionIndexPageFactory(
            parent=cls.home, title_fi="Sote-uudistus", title_en="Reform"
        )

    def setUp(self):
        self.editor = self.login()

    def test_page_types_nest_as_the_site_structure_needs(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        # Home and section pages take whatever names them as a parent: the feature apps'
        # pages say where they go, so the core need not know them.
        for parent in (HomePage, SectionIndexPage):
            for child in (
                SectionIndexPage,
                ReformPage,
                ProjectIndexPage,
                ServiceModelIndexPage,
                GoalIndexPage,
                FundingPage,
            ):
                self.assertCanCreateAt(parent, child)
            for child in (HomePage, ProjectPage, ServiceModelPage):
                self.assertCanNotCreateAt(parent, child)
        self.assertAllowedSubpageTypes(ReformPage, {ReformPage})
        self.assertCanNotCreateAt(ReformPage, HomePage)
        self.assertCanNotCreateAt(Page, SectionIndexPage)
        # Projects live in the project list, service models in their project.
        self.assertAllowedSubpageTypes(ProjectIndexPage, {ProjectPage, ServiceModelIndexPage})
        self.assertAllowedParentPageTypes(ProjectPage, {ProjectIndexPage})
        self.assertAllowedSubpageTypes(ProjectPage, {ServiceModelPage})
        self.assertAllowedParentPageTypes(ServiceModelPage, {ProjectPage})
        for leaf in (ServiceModelPage, ServiceModelIndexPage, GoalIndexPage, FundingPage):
            self.assertAllowedSubpageTypes(leaf, set())

    def test_editor_publishes_a_page_in_both_languages(self):
        data = nested_form_data(
            {
                "title_fi": "Palvelut edellä",
                "title_en": "Services first",
                "slug_fi": "palvelut-edella",
                "slug_en": "services-first",
                "intro_fi": "Laaja-alaiset sote-keskukset.",
                "intro_en": "Broad health and social services centres.",
                "body_fi": streamfield(
                    [
                        ("heading", {"text": "Digipalvelut", "level": "h2"}),
                        ("paragraph", rich_text("<p>Digi- ja mobiilipalveluja.</p>")),
                    ]
                ),
                "body_en": streamfield(
                    [
                        ("heading", {"text": "Digital services", "level": "h2"}),
                        ("paragraph", rich_text("<p>Digital and mobile services.</p>")),
                    ]
                ),
            }
        )
        self.assertCanCreate(self.section, ReformPage, data)

        page = ReformPage.objects.get(slug_fi="palvelut-edella")
        finnish = self.client.get("/sote-uudistus/palvelut-edella/").content.decode()
        english = self.client.get("/en/reform/services-first/").content.decode()
        assert page.live
        assert "<h1>Palvelut edellä</h1>" in finnish
        assert "Digi- ja mobiilipalveluja." in finnish
        assert "<h1>Services first</h1>" in english
        assert "Digital and mobile services." in english
        assert "shown in Finnish" not in english

    def test_english_left_empty_in_the_editor_falls_back_to_finnish(self):
        data = nested_form_data(
            {
                "title_fi": "Visio",
                "slug_fi": "visio",
                "intro_fi": "Vahva sosiaali- ja terveydenhuollon järjestäjä.",
                "body_fi": streamfield(
                    [("paragraph", rich_text("<p>Palvelut yhdestä paikasta.</p>"))]
                ),
                "body_en": streamfield([]),
            }
        )
        self.assertCanCreate(self.section, ReformPage, data)

        english = self.client.get("/en/reform/visio/").content.decode()
        assert '<h1 lang="fi">Visio</h1>' in english
        assert '<div class="stream" lang="fi">' in english
        assert "Palvelut yhdestä paikasta." in english
        assert "This content has not been translated into English yet" in english

    def test_every_page_type_can_be_edited_and_published_in_the_admin(self):
        reform = ReformPageFactory(parent=self.section, title_fi="Tavoitteet", title_en="Goals")
        for page in (self.home, self.section, reform):
            with self.subTest(page=type(page).__name__):
                edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
                assert self.client.get(edit_url).status_code == 200
                # StreamFields render client-side, so the form data is given, not scraped.
                post_data = nested_form_data(
                    {
                        "title_fi": page.title_fi + " (muokattu)",
                        "title_en": page.title_en + " (edited)",
                        "slug_fi": page.slug_fi,
                        "slug_en": page.slug_en,
                        "intro_fi": page.intro_fi,
                        "intro_en": page.intro_en,
                        "body_fi": streamfield([("quote", {"quote": "Palvelut edellä."})]),
                        "body_en": streamfield([("quote", {"quote": "Services first."})]),
                        "action-publish": "action-publish",
                    }
                )
                response = self.client.post(edit_url, post_data)
                assert response.status_code == 302, response.context["form"].errors
                assert response.url != reverse("wagtailadmin_login") + f"?next={edit_url}"
                page.refresh_from_db()
                finnish = self.client.get(page.get_url()).content.decode()
                assert page.title_fi + "</h1>" in finnish
                assert "Palvelut edellä." in finnish
                with translation.override("en"):
                    english = self.client.get(page.get_url()).content.decode()
                assert page.title_en.endswith("(edited)")
                assert page.title_en + "</h1>" in english
                assert "Services first." in english
                self.assertPageIsPreviewable(page, post_data=post_data, user=self.editor)
                self.client.force_login(self.editor)

    def test_editor_gets_field_errors_and_keeps_their_input(self):
        url = reverse("wagtailadmin_pages:add", args=["core", "reformpage", self.section.pk])
        data = nested_form_data(
            {
                "title_fi": "",
                "title_en": "Goals",
                "slug_fi": "",
                "intro_fi": "Tämä teksti ei saa kadota.",
                "body_fi": streamfield([]),
                "body_en": streamfield([]),
            }
        )
        response = self.client.post(url, data)
        assert response.status_code == 200
        assert response.context["form"].errors
        assert "Tämä teksti ei saa kadota." in response.content.decode()
        assert not ReformPage.objects.filter(title_en="Goals").exists()
