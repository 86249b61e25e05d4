"""The demo-data command builds the whole bilingual site, and building it again changes nothing."""

import csv
import io
import json
import tempfile
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

from django.core.management import call_command
from django.test import TestCase, override_settings
from django.urls import reverse
from django.utils import translation

from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Page, Revision, Site

import pytest

from funding.models import FundingPage, Grant
from news.models import Keyword, NewsIndexPage, ReleaseContact, ReleaseImage, ReleasePage
from pirsote.core.models import ContactPerson, CustomImage, HomePage, SearchEntry, SiteSettings
from pirsote.demo import content
from projects.models import (
    Goal,
    GoalIndexPage,
    Organisation,
    ProjectContact,
    ProjectIndexPage,
    ProjectPage,
    ProjectStaffFigure,
    ServiceModelIndexPage,
    ServiceModelPage,
    TargetGroup,
)
from tests.core.helpers import get_html, sitemap_entries, text_of
from tests.factories import ReformPageFactory

REAL_CONTACT_DETAILS = ["044 422 2246", "0444222246", "444 2246", "eeva.halme@pirha.fi"]
# Many-to-many tables the demo fills: compared row by row, ids included.
LINK_TABLES = {
    "project implementers": ProjectPage.implementers.through,
    "project goals": ProjectPage.goals.through,
    "service model goals": ServiceModelPage.goals.through,
    "service model target groups": ServiceModelPage.target_groups.through,
    "grant supervisors": Grant.supervisors.through,
    "release keywords": ReleasePage.keywords.through,
    "release projects": ReleasePage.projects.through,
}


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def demo_site(db, media_root):
    """The demo site loaded into the test database; returns its home page."""
    call_command("load_initial_data", stdout=io.StringIO())
    return HomePage.objects.get()


def rows(model, *fields):
    return sorted(model.objects.values_list(*fields))


def site_snapshot(media_root):
    """What the command is responsible for, in a comparable form (primary keys included)."""
    return {
        "pages": sorted(
            (
                page.depth,
                page.specific_class.__name__,
                page.slug_fi,
                page.slug_en,
                page.live,
                page.latest_revision_id,
            )
            for page in Page.objects.filter(depth__gt=1)
        ),
        "images": rows(CustomImage, "title", "file", "file_hash"),
        "people": rows(ContactPerson, "name", "phone", "email"),
        "organisations": rows(Organisation, "pk", "slug", "name_fi", "name_en", "kind", "website"),
        "goals": list(Goal.objects.values_list("pk", "slug", "name_fi", "name_en")),
        "target groups": list(TargetGroup.objects.values_list("pk", "slug", "name_fi", "name_en")),
        "grants": rows(
            Grant,
            "pk",
            "identifier",
            "amount_awarded",
            "project__slug_fi",
            "live",
            "latest_revision_id",
            "live_revision_id",
        ),
        "links": {
            name: rows(
                table,
                "pk",
                *(field.attname for field in table._meta.concrete_fields if not field.primary_key),
            )
            for name, table in LINK_TABLES.items()
        },
        "staff figures": rows(
            ProjectStaffFigure,
            "pk",
            "page_id",
            "sort_order",
            "count",
            "is_approximate",
            "description_fi",
            "description_en",
        ),
        "contacts": rows(ProjectContact, "pk", "page_id", "sort_order", "person_id", "role_fi"),
        "keywords": rows(Keyword, "pk", "slug", "name_fi", "name_en"),
        "release rows": [
            rows(ReleaseContact, "pk", "page_id", "sort_order", "person_id"),
            rows(ReleaseImage, "pk", "page_id", "sort_order", "image_id", "caption_fi"),
        ],
        "release times": rows(ReleasePage, "slug_fi", "first_published_at", "release_type"),
        "files": sorted(str(path.relative_to(media_root)) for path in media_root.rglob("*")),
        "revisions": rows(Revision, "pk", "base_content_type_id", "object_id"),
        "sites": list(Site.objects.values_list("hostname", "root_page__slug_fi")),
        "settings": SiteSettings.objects.count(),
        "search promotions": rows(
            SearchPromotion, "pk", "query__query_string", "page__slug_fi", "sort_order"
        ),
        "search entries": rows(SearchEntry, "pk", "page_id", "person_id", "language", "title"),
    }


def page_specs(spec=content.HOME):
    """Every page spec of the demo content, depth first."""
    yield spec
    for child in spec.children:
        yield from page_specs(child)


def page_spec(slug_fi):
    return next(spec for spec in page_specs() if spec.slug.fi == slug_fi)


def object_spec(kind, key):
    return next(spec for spec in content.OBJECTS if (spec.kind, spec.key) == (kind, key))


def reload_demo():
    """Run the command again; returns the revisions it created as (model name, object id)."""
    last = Revision.objects.order_by("-pk").values_list("pk", flat=True).first()
    call_command("load_initial_data", stdout=io.StringIO())
    return [
        (revision.content_type.model, revision.object_id)
        for revision in Revision.objects.filter(pk__gt=last).select_related("content_type")
    ]


def demo_urls(home):
    """Every demo page's URL in Finnish and in English."""
    urls = []
    for page in home.get_descendants(inclusive=True).specific():
        for language in ("fi", "en"):
            with translation.override(language):
                urls.append((language, page, page.get_url()))
    return urls


def get(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def url_of(page, language):
    with translation.override(language):
        return page.get_url()


def test_loading_twice_gives_the_same_site_without_duplicates(demo_site, media_root):
    first = site_snapshot(media_root)
    call_command("load_initial_data", stdout=io.StringIO())
    second = site_snapshot(media_root)

    assert second == first
    slugs = [(depth, slug) for depth, _, slug, *_ in first["pages"]]
    assert len(slugs) == len(set(slugs)) == len(list(page_specs()))
    assert len(first["images"]) == len({title for title, *_ in first["images"]})
    assert len(first["images"]) == len(content.IMAGES)
    assert [name for name, *_ in first["people"]] == [
        "Eeva Halme",
        "Maija Esimerkki",
        "Matti Meikäläinen",
    ]
    for kind, key in (("organisations", 1), ("goals", 1), ("target groups", 1), ("grants", 1)):
        keys = [row[key] for row in first[kind]]
        assert len(keys) == len(set(keys)) > 0
    assert all(first["links"].values())
    assert first["staff figures"]
    assert first["contacts"]
    assert first["settings"] == 1


def test_changed_values_publish_one_revision_of_each_changed_object_only(demo_site, monkeypatch):
    # An inline row of a project, a many-to-many link of a service model, a grant's amount.
    pirsote_spec = page_spec("pirsote")
    figures = [dict(row) for row in pirsote_spec.fields["staff_figures"]]
    figures[0]["count"] = 41
    monkeypatch.setitem(pirsote_spec.fields, "staff_figures", figures)
    family_centre_spec = page_spec("perhekeskus")
    first_goal = family_centre_spec.fields["goals"][0]
    monkeypatch.setitem(family_centre_spec.fields, "goals", [first_goal])
    grant_spec = object_spec("grant", "360G-pirsote-2020-komas")
    monkeypatch.setitem(grant_spec.fields, "amount_awarded", Decimal("9329761"))
    pirsote = ProjectPage.objects.get(acronym="PirSOTE")
    family_centre = ServiceModelPage.objects.get(slug_fi="perhekeskus")
    grant = Grant.objects.get(identifier=grant_spec.key)

    assert sorted(reload_demo()) == [
        ("grant", str(grant.pk)),
        ("projectpage", str(pirsote.pk)),
        ("servicemodelpage", str(family_centre.pk)),
    ]
    assert [figure.count for figure in pirsote.staff_figures.all()] == [41, 70]
    assert [goal.slug for goal in family_centre.goals.all()] == [first_goal.key]
    grant.refresh_from_db()
    assert grant.amount_awarded == Decimal("9329761")
    assert grant.live and not grant.has_unpublished_changes
    assert reload_demo() == []


def test_a_demo_page_whose_type_changed_is_replaced_and_relinked(demo_site):
    # A database loaded before the goals page became a GoalIndexPage.
    goals = GoalIndexPage.objects.get()
    section = goals.get_parent()
    goals.delete()
    old = ReformPageFactory(parent=section, title_fi="Vanha", slug_fi="tavoitteet", slug_en="goals")

    call_command("load_initial_data", stdout=io.StringIO())

    assert not Page.objects.filter(pk=old.pk).exists()
    goals = GoalIndexPage.objects.get()
    assert goals.get_parent() == section
    assert url_of(goals, "en") == "/en/reform/goals/"
    home_links = [
        link["page"].pk
        for block in HomePage.objects.get().body
        if block.block_type == "link_list"
        for link in block.value["links"]
        if link["page"]
    ]
    assert goals.pk in home_links


class DemoSiteTests(TestCase):
    """The built demo site, read but not changed: built once for all these tests."""

    @classmethod
    def setUpClass(cls):
        media = tempfile.TemporaryDirectory()
        cls.addClassCleanup(media.cleanup)
        cls.media_root = Path(media.name)
        cls.enterClassContext(override_settings(MEDIA_ROOT=cls.media_root))
        cls.rendered = {}  # address -> HTML, for page()
        super().setUpClass()

    @classmethod
    def setUpTestData(cls):
        call_command("load_initial_data", stdout=io.StringIO())
        cls.home = HomePage.objects.get()

    def page(self, url):
        """The page at `url` (200), rendered once for all these tests: they do not change
        the site."""
        if url not in self.rendered:
            self.rendered[url] = get(self.client, url)
        return self.rendered[url]

    def test_every_page_and_grant_is_published_with_one_revision(self):
        pages = Page.objects.filter(depth__gt=1)
        assert all(page.live and not page.has_unpublished_changes for page in pages)
        assert Revision.objects.page_revisions().count() == pages.count()
        grants = Grant.objects.all()
        assert grants.count() == 2
        for grant in grants:
            assert grant.live
            assert not grant.has_unpublished_changes
            assert list(grant.revisions.values_list("pk", flat=True)) == [grant.live_revision_id]

    def test_home_page_replaces_wagtails_welcome_page_as_the_site_root(self):
        site = Site.objects.get(is_default_site=True)
        assert site.root_page_id == self.home.pk
        assert not Page.objects.filter(depth=2).exclude(pk=self.home.pk).exists()

    def test_page_tree_has_its_slugs_in_both_languages(self):
        urls = {(language, page.slug_fi): url for language, page, url in demo_urls(self.home)}
        assert urls["fi", "etusivu"] == "/"
        assert urls["en", "etusivu"] == "/en/"
        assert urls["fi", "rahoitus"] == "/sote-uudistus/rahoitus/"
        assert urls["en", "rahoitus"] == "/en/reform/funding/"
        assert urls["fi", "tavoitteet"] == "/sote-uudistus/tavoitteet/"
        assert urls["en", "tavoitteet"] == "/en/reform/goals/"
        assert urls["fi", "pirsote"] == "/hankkeet/pirsote/"
        assert urls["en", "toimintamallit"] == "/en/projects/service-models/"
        assert urls["fi", "saavutettavuusseloste"] == "/tietoa-sivustosta/saavutettavuusseloste/"
        assert urls["en", "tietosuojaseloste"] == "/en/about-this-site/privacy-statement/"

    def test_reform_pages_with_data_have_their_own_page_types(self):
        assert GoalIndexPage.objects.get().slug_fi == "tavoitteet"
        assert FundingPage.objects.get().slug_fi == "rahoitus"
        projects = ProjectIndexPage.objects.get()
        assert projects.get_parent().specific == self.home
        assert ServiceModelIndexPage.objects.get().get_parent().specific == projects

    def test_main_menu_has_the_reform_the_projects_and_the_newsroom(self):
        menu = Page.objects.child_of(self.home).in_menu()
        assert [page.slug_fi for page in menu] == ["sote-uudistus", "hankkeet", "uutishuone"]
        for language, prefix in (("fi", "/"), ("en", "/en/")):
            nav = get_html(self.client, prefix).select_one("nav.main-nav")
            assert [link["href"] for link in nav.select("a")] == [url_of(p, language) for p in menu]

    def test_three_projects_with_their_acronyms_and_service_models(self):
        projects = ProjectPage.objects.child_of(ProjectIndexPage.objects.get()).order_by("path")
        service_models = {
            project.acronym: [page.slug_fi for page in ServiceModelPage.objects.child_of(project)]
            for project in projects
        }
        assert sorted(service_models) == ["KOMAS", "PirKOTI", "PirSOTE"]
        assert len(service_models["PirSOTE"]) == 7
        assert service_models["PirKOTI"] == ["kotona-asumista-tukevat-palvelut"]
        assert service_models["KOMAS"] == []
        for service_model in ServiceModelPage.objects.all():
            assert service_model.goals.exists()
            assert service_model.target_groups.exists()

    def test_five_goals_in_the_order_of_the_seed(self):
        assert list(Goal.objects.values_list("slug", flat=True)) == [
            "saatavuus",
            "ennaltaehkaisy",
            "laatu",
            "monialaisuus",
            "kustannukset",
        ]
        pirsote = ProjectPage.objects.get(acronym="PirSOTE")
        assert pirsote.goals.count() == Goal.objects.count()

    def test_grants_are_the_seeds_summer_2020_decisions(self):
        grants = {grant.project.acronym: grant for grant in Grant.objects.select_related("project")}
        assert grants["PirSOTE"].amount_awarded == Decimal("5921081")
        assert grants["KOMAS"].amount_awarded == Decimal("9329760")
        for grant in grants.values():
            assert grant.funder.slug == "stm"
            assert grant.payer.slug == "avi"
            assert sorted(grant.supervisors.values_list("slug", flat=True)) == ["stm", "thl"]
            assert grant.award_date_precision == "season"
            assert not grant.payments.exists()

    def test_newsroom_holds_the_seed_release_with_its_furniture(self):
        newsroom = NewsIndexPage.objects.get()
        release = ReleasePage.objects.get(
            slug_fi="sote-hankkeet-aloittavat-pian-uudessa-kotipesassa"
        )
        assert release.get_parent().specific == newsroom
        assert release.title_en and release.intro_en and release.body_en
        assert [contact.person.name for contact in release.contacts.all()] == ["Eeva Halme"]
        assert {project.acronym for project in release.projects.all()} == {"PirSOTE", "PirKOTI"}
        assert release.keywords.count() >= 3
        images = [row.image for row in release.images.all()]
        assert images and all(image.free_for_media_use and image.credit for image in images)

    def test_the_publishers_other_releases_have_the_seeds_types_and_times(self):
        helsinki = ZoneInfo("Europe/Helsinki")
        expected = [
            ("Pirkanmaan kunnat saavat ilmastonmuutoksen", "article", (2025, 9, 4, 10, 4, 3)),
            (
                "Maakuntavaltuuston puheenjohtaja Sofia Vikman",
                "press-release",
                (2025, 9, 1, 21, 37, 46),
            ),
            ("Pirkanmaan palkinto Patrian", "press-release", (2025, 9, 1, 21, 34, 51)),
            ("Pirkanmaan liitolle valittiin", "press-release", (2025, 8, 25, 13, 17, 13)),
            ("Pirkanmaan liiton väestöennusteet", "blog-post", (2025, 8, 20, 9, 40, 7)),
        ]
        releases = list(ReleasePage.objects.order_by("-first_published_at")[:5])
        for release, (title, release_type, time) in zip(releases, expected, strict=True):
            assert release.title_fi.startswith(title)
            assert release.release_type == release_type
            assert release.first_published_at.astimezone(helsinki).timetuple()[:6] == time
            assert release.title_en

    def test_seed_release_page_shows_the_time_and_the_publishers_latest(self):
        release = ReleasePage.objects.get(
            slug_fi="sote-hankkeet-aloittavat-pian-uudessa-kotipesassa"
        )
        document = get_html(self.client, release.url)
        assert text_of(document.select_one(".release__time")) == "15.12.2022 10.00 EET"
        latest = [text_of(a) for a in document.select(".publisher-releases .card__title a")]
        assert latest[0].startswith("Pirkanmaan kunnat saavat ilmastonmuutoksen")
        assert len(latest) == 5

    def test_every_sitemap_address_answers_in_its_language(self):
        entries = sitemap_entries(self.client)
        assert len(entries) == 2 * Page.objects.filter(depth__gt=1).count()
        for location, links in entries.items():
            own = next(code for code, href in links.items() if href == location)
            html = self.page(location.removeprefix("http://testserver"))
            assert f'<html lang="{own}">' in html, location

    def test_every_demo_page_answers_in_finnish_and_english(self):
        for language, page, url in demo_urls(self.home):
            html = self.page(url)
            assert f'<html lang="{language}">' in html
            assert f"<h1>{getattr(page, f'title_{language}')}</h1>" in html
            # Every text has an English version: nothing falls back to Finnish.
            assert "notice--translation" not in html

    def test_funding_page_computes_the_sums_from_the_grants(self):
        finnish = get(self.client, "/sote-uudistus/rahoitus/")
        for amount in ("5\xa0921\xa0081\xa0€", "9\xa0329\xa0760\xa0€", "15\xa0250\xa0841\xa0€"):
            assert amount in finnish
        english = get(self.client, "/en/reform/funding/")
        for amount in ("€5,921,081", "€9,329,760", "€15,250,841"):
            assert amount in english

    def test_open_data_exports_sum_to_the_grants_total(self):
        with translation.override("fi"):
            json_url, csv_url = reverse("funding:grants_json"), reverse("funding:grants_csv")
        grants = json.loads(get(self.client, json_url))["grants"]
        assert sum(grant["amountAwarded"] for grant in grants) == 15250841
        table = list(csv.DictReader(io.StringIO(get(self.client, csv_url).lstrip("\ufeff"))))
        assert sum(Decimal(row["Amount Awarded"]) for row in table) == Decimal("15250841")

    def test_goals_page_lists_the_goals_in_order(self):
        for language in ("fi", "en"):
            main = text_of(
                get_html(self.client, url_of(GoalIndexPage.objects.get(), language)).main
            )
            names = [getattr(goal, f"name_{language}") for goal in Goal.objects.all()]
            positions = [main.find(name) for name in names]
            assert -1 not in positions, names
            assert positions == sorted(positions)

    def test_service_model_index_lists_every_service_model(self):
        for language in ("fi", "en"):
            main = text_of(
                get_html(self.client, url_of(ServiceModelIndexPage.objects.get(), language)).main
            )
            for service_model in ServiceModelPage.objects.all():
                assert getattr(service_model, f"title_{language}") in main

    def test_real_contact_details_appear_nowhere_on_the_site(self):
        pages = [self.page(url) for _, _, url in demo_urls(self.home)]
        pages.append(self.client.get("/ei-ole-olemassa/").content.decode())
        pages.append(self.client.get("/en/does-not-exist/").content.decode())
        for html in pages:
            for detail in REAL_CONTACT_DETAILS:
                assert detail not in html
        assert "eeva.halme@example.fi" in get(self.client, "/sote-uudistus/valmistelijat/")
        assert "eeva.halme@example.fi" in get(self.client, "/hankkeet/pirsote/")

    def test_footer_links_the_accessibility_statement_in_both_languages(self):
        finnish_footer = get(self.client, "/").split("<footer", 1)[1]
        assert (
            '<a href="/tietoa-sivustosta/saavutettavuusseloste/">Saavutettavuusseloste</a>'
            in finnish_footer
        )
        english_footer = get(self.client, "/en/").split("<footer", 1)[1]
        assert (
            '<a href="/en/about-this-site/accessibility-statement/">Accessibility statement</a>'
            in english_footer
        )

    def test_not_found_page_uses_the_site_settings_text(self):
        assert "Sivua ei löytynyt" in self.client.get("/ei-ole-olemassa/").content.decode()
        assert "Page not found" in self.client.get("/en/does-not-exist/").content.decode()

    def test_vision_image_is_credited_to_the_ministry_in_each_language(self):
        finnish = get(self.client, "/sote-uudistus/visio/")
        assert "demo-vision-fi" in finnish
        assert "sosiaali- ja terveysministeriö" in finnish
        english = get(self.client, "/en/reform/vision/")
        assert "demo-vision-en" in english
        assert "seven days" in english
        assert "Ministry of Social Affairs and Health" in english

    def test_demo_data_fits_the_database_constraints(self):
        # SQLite ignores max_length; PostgreSQL does not. Validate what was saved on both.
        models = (
            CustomImage,
            ContactPerson,
            SiteSettings,
            Organisation,
            Goal,
            TargetGroup,
            Grant,
            ProjectStaffFigure,
            ProjectContact,
        )
        for model in models:
            for obj in model.objects.all():
                obj.full_clean()
        for page in Page.objects.filter(depth__gt=1).specific():
            page.full_clean()

    def test_every_live_page_and_person_is_in_the_search_index_in_both_languages(self):
        indexed = set(SearchEntry.objects.values_list("page_id", "language"))
        for page in Page.objects.filter(depth__gt=1).live():
            assert {(page.pk, "fi"), (page.pk, "en")} <= indexed, page.slug_fi
        people = SearchEntry.objects.filter(person__isnull=False)
        assert people.count() == 2 * ContactPerson.objects.count()

    def test_promoted_pages_come_first_for_their_queries(self):
        for query_string, slug, description in content.SEARCH_PROMOTIONS:
            document = get_html(self.client, reverse("search:search"), data={"q": query_string})
            promoted = document.select(".search-promotions li")
            assert len(promoted) == 1, query_string
            page = Page.objects.get(slug_fi=slug)
            assert promoted[0].a["href"] == page.url
            assert description in promoted[0].get_text()
