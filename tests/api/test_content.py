"""What the public API says of pages, media, projects, service models, goals and grants.

In Finnish under /api/, in English under /en/api/, an untranslated English text falling
back to the Finnish one as on the site.
"""

import datetime
from decimal import Decimal

import pytest

from tests.api.helpers import LANGUAGES, api_path, euros, get_json, ids_of, items_of
from tests.core.helpers import url_in

pytestmark = pytest.mark.django_db


def by_id(items, key="id"):
    return {item[key]: item for item in items}


def absolute(path):
    return f"http://testserver{path}"


# Languages


def test_finnish_api_gives_finnish_texts_and_english_api_english_ones(client, api_site):
    fi = get_json(client, api_path("fi", f"projects/{api_site.pirsote.pk}/"))
    en = get_json(client, api_path("en", f"projects/{api_site.pirsote.pk}/"))

    assert fi["name"] == "Pirkanmaan tulevaisuuden sote-keskus"
    assert en["name"] == "Pirkanmaa Health and Social Services Centre of the Future"
    assert (fi["intro"], en["intro"]) == (
        "Hanke kehittää sote-keskuksia.",
        "The project develops health and social services centres.",
    )
    assert (fi["status_label"], en["status_label"]) == ("Käynnissä", "Running")
    assert [g["name"] for g in en["goals"]] == ["Access to services", "Integrated services"]
    assert en["coordinator"]["name"] == "Council of Tampere Region"
    # Addresses in the language of the answer.
    assert fi["url"] == absolute(url_in(api_site.pirsote, "fi"))
    assert en["url"] == absolute(url_in(api_site.pirsote, "en"))
    assert en["detail_url"] == absolute(f"/en/api/projects/{api_site.pirsote.pk}/")
    assert fi["detail_url"] == absolute(f"/api/projects/{api_site.pirsote.pk}/")


def test_english_falls_back_to_finnish_where_there_is_no_translation(client, api_site):
    page = get_json(client, api_path("en", f"pages/{api_site.untranslated.pk}/"))
    assert page["title"] == "Tavoitteet"
    assert page["intro"] == "Uudistuksen tavoitteet."
    assert [block["value"] for block in page["body"]] == ["<p>Suomeksi.</p>"]
    assert page["meta"]["locale"] == "en"
    assert page["meta"]["html_url"] == absolute(url_in(api_site.untranslated, "en"))
    assert page["meta"]["parent"]["title"] == "Reform"

    project = get_json(client, api_path("en", f"projects/{api_site.pirsote.pk}/"))
    names = [organisation["name"] for organisation in project["implementers"]]
    assert names == ["Council of Tampere Region", "Tampereen kaupunki"]

    grant = get_json(client, api_path("en", "grants/360G-pirsote-2020-pirsote/"))
    assert grant["title"].startswith("State grant")
    assert grant["description"] == "Avustuksen käyttötarkoitus."
    assert grant["payer"]["name"] == "Aluehallintovirasto"

    image = get_json(client, api_path("en", f"images/{api_site.public_image.pk}/"))
    assert image["credit"] == "Kuvaaja"


def test_page_lists_give_titles_and_addresses_in_the_language_of_the_address(client, api_site):
    for language in LANGUAGES:
        pages = by_id(items_of(client, api_path(language, "pages/")))
        section = pages[api_site.section.pk]
        assert section["title"] == {"fi": "Sote-uudistus", "en": "Reform"}[language]
        assert section["meta"]["type"] == "core.SectionIndexPage"
        assert section["meta"]["html_url"] == absolute(url_in(api_site.section, language))
        assert section["meta"]["detail_url"] == absolute(
            api_path(language, f"pages/{api_site.section.pk}/")
        )
        assert section["meta"]["locale"] == language


# Pages, images and documents


def test_page_detail_has_its_lead_body_listing_image_and_parent(client, api_site):
    page = get_json(client, api_path("fi", f"pages/{api_site.untranslated.pk}/"))
    assert page["meta"]["type"] == "core.ReformPage"
    assert page["meta"]["slug"] == "tavoitteet"
    assert page["body"][0]["type"] == "paragraph"
    assert page["listing_image"]["id"] == api_site.public_image.pk
    assert page["listing_image"]["detail_url"] == absolute(
        f"/api/images/{api_site.public_image.pk}/"
    )
    assert page["meta"]["parent"]["id"] == api_site.section.pk

    home = get_json(client, api_path("fi", f"pages/{api_site.home.pk}/"))
    # The tree's root above the home page is not a page of the site.
    assert home["meta"]["parent"] is None


def test_pages_can_be_listed_by_type_and_parent(client, api_site):
    projects = ids_of(client, api_path("fi", "pages/?type=projects.ProjectPage"))
    assert projects == {api_site.pirsote.pk, api_site.komas.pk}
    children = ids_of(client, api_path("fi", f"pages/?child_of={api_site.pirsote.pk}"))
    assert children == {api_site.home_care.pk, api_site.family_centre.pk}
    assert ids_of(client, api_path("fi", "pages/?child_of=999999")) == set()


def test_images_have_their_credit_terms_and_a_public_download_address(client, api_site):
    image = get_json(client, api_path("fi", f"images/{api_site.public_image.pk}/"))
    assert image["title"] == "Julkinen kuva"
    assert image["description"] == api_site.public_image.description_fi
    assert image["licence"] == "all-rights-reserved"
    assert image["free_for_media_use"] is False
    assert image["meta"]["download_url"] == absolute(api_site.public_image.file.url)
    assert client.get(api_site.public_image.file.url).status_code == 200

    english = get_json(client, api_path("en", f"images/{api_site.public_image.pk}/"))
    assert english["description"] == api_site.public_image.description_en


def test_documents_link_to_the_document_view(client, api_site):
    document = get_json(client, api_path("fi", f"documents/{api_site.public_document.pk}/"))
    assert document["title"] == "Julkinen asiakirja"
    assert document["file_extension"] == "txt"
    assert document["meta"]["download_url"] == absolute(api_site.public_document.url)
    assert client.get(api_site.public_document.url).status_code == 200


# Projects, service models and goals


def test_projects_have_their_facts_as_data(client, api_site):
    projects = by_id(items_of(client, api_path("fi", "projects/")))
    assert list(projects) == [api_site.pirsote.pk, api_site.komas.pk]
    pirsote = projects[api_site.pirsote.pk]
    assert pirsote["acronym"] == "PirSOTE"
    assert pirsote["code"] == "pirsote"
    assert pirsote["status"] == "running"
    assert (pirsote["actual_start"], pirsote["actual_end"]) == ("2020-01-01", "2022-01-01")
    assert (pirsote["planned_start"], pirsote["planned_end"]) == ("2020-01-01", "2021-01-01")
    assert pirsote["date_precision"] == "year"
    assert pirsote["innokyla_url"] == "https://innokyla.fi/fi/kehittamistoiminta/pirsote"
    assert [g["slug"] for g in pirsote["goals"]] == ["saatavuus", "integraatio"]
    # Only the live service models, and whom they serve.
    assert [s["id"] for s in pirsote["service_models"]] == [
        api_site.home_care.pk,
        api_site.family_centre.pk,
    ]
    assert [t["slug"] for t in pirsote["target_groups"]] == ["ikaantyneet", "lapsiperheet"]
    assert projects[api_site.komas.pk]["actual_end"] is None

    detail = get_json(client, api_path("fi", f"projects/{api_site.pirsote.pk}/"))
    assert detail["staff_figures"] == [
        {"count": 40, "is_approximate": True, "description": "valmistelijaa"}
    ]
    assert detail["body"] == []


def test_projects_can_be_listed_by_status_and_goal(client, api_site):
    assert ids_of(client, api_path("fi", "projects/?status=ended")) == {api_site.komas.pk}
    assert ids_of(client, api_path("fi", "projects/?goal=kustannukset")) == {api_site.komas.pk}
    assert ids_of(client, api_path("fi", "projects/?goal=tuntematon")) == set()


def test_service_models_name_their_project_goals_and_target_groups(client, api_site):
    models = by_id(items_of(client, api_path("en", "service-models/")))
    assert set(models) == {
        api_site.home_care.pk,
        api_site.family_centre.pk,
        api_site.komas_model.pk,
    }
    home_care = models[api_site.home_care.pk]
    assert home_care["name"] == "Remote home care"
    assert (home_care["status"], home_care["status_label"]) == ("piloted", "Piloted")
    assert home_care["project"]["acronym"] == "PirSOTE"
    assert home_care["project"]["url"] == absolute(url_in(api_site.pirsote, "en"))
    assert home_care["url"] == absolute(url_in(api_site.home_care, "en"))
    assert [g["name"] for g in home_care["goals"]] == ["Access to services"]
    assert [t["name"] for t in home_care["target_groups"]] == ["Older people"]

    detail = get_json(client, api_path("en", f"service-models/{api_site.komas_model.pk}/"))
    assert detail["project"]["acronym"] == "KOMAS"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("project=pirsote", {"home_care", "family_centre"}),
        ("project=komas", {"komas_model"}),
        ("project=luonnos", set()),
        ("goal=kustannukset", {"komas_model"}),
        ("target_group=lapsiperheet", {"family_centre", "komas_model"}),
        ("status=established", {"family_centre"}),
        ("project=pirsote&target_group=ikaantyneet", {"home_care"}),
    ],
)
def test_service_models_can_be_filtered(client, api_site, query, expected):
    found = ids_of(client, api_path("fi", f"service-models/?{query}"))
    assert found == {getattr(api_site, name).pk for name in expected}


def test_goals_list_the_projects_and_service_models_that_pursue_them(client, api_site):
    goals = by_id(items_of(client, api_path("en", "goals/")), key="slug")
    assert list(goals) == ["saatavuus", "kustannukset", "integraatio"]
    access = goals["saatavuus"]
    assert access["name"] == "Access to services"
    assert access["description"] == "Services are available in time."
    assert [p["acronym"] for p in access["projects"]] == ["PirSOTE"]
    assert [s["id"] for s in access["service_models"]] == [
        api_site.home_care.pk,
        api_site.family_centre.pk,
        api_site.komas_model.pk,
    ]
    detail = get_json(client, api_path("en", f"goals/{access['id']}/"))
    assert detail == access


# Grants


def test_grants_have_exact_amounts_iso_dates_and_their_organisations(client, api_site):
    grants = by_id(items_of(client, api_path("fi", "grants/")), key="identifier")
    assert list(grants) == ["360G-pirsote-2020-pirsote", "360G-pirsote-2021-komas"]
    grant = grants["360G-pirsote-2020-pirsote"]
    assert grant["currency"] == "EUR"
    assert grant["amount_awarded"] == "5921081.00"
    assert euros(grant["amount_paid"]) == Decimal("1000000.00") + Decimal("480270.25")
    assert grant["award_date"] == "2020-06-01"
    assert grant["award_date_precision"] == "season"
    assert (grant["planned_start"], grant["planned_end"]) == ("2020-01-01", "2022-10-31")
    assert grant["decision_reference"] == "VN/12345/2020"
    assert grant["project"]["acronym"] == "PirSOTE"
    assert grant["funder"]["identifier"] == "FI-PRO-0000000-0"
    assert grant["recipient"]["slug"] == "pirkanmaan-liitto"
    assert [s["slug"] for s in grant["supervisors"]] == ["stm", "thl"]
    assert [(p["date"], p["amount"]) for p in grant["payments"]] == [
        ("2021-02-01", "1000000.00"),
        ("2021-03-01", "480270.25"),
    ]
    assert grants["360G-pirsote-2021-komas"]["amount_awarded"] == "9329760.50"
    assert grants["360G-pirsote-2021-komas"]["amount_paid"] == "0.00"
    assert grants["360G-pirsote-2021-komas"]["payer"] is None

    detail = get_json(client, grant["detail_url"])
    assert detail == grant


def test_grants_can_be_filtered_by_project_and_year(client, api_site):
    def identifiers(query):
        return ids_of(client, api_path("fi", f"grants/?{query}"), key="identifier")

    assert identifiers("project=komas") == {"360G-pirsote-2021-komas"}
    assert identifiers("year=2020") == {"360G-pirsote-2020-pirsote"}
    assert identifiers("project=komas&year=2020") == set()
    assert identifiers("project=luonnos") == set()


def test_funding_totals_add_up_the_published_grants(client, api_site):
    funding = get_json(client, api_path("en", "funding/"))
    grants = items_of(client, api_path("en", "grants/"))
    assert funding["count"] == len(grants) == 2
    assert euros(funding["awarded"]) == sum(euros(g["amount_awarded"]) for g in grants)
    assert euros(funding["paid"]) == sum(euros(g["amount_paid"]) for g in grants)
    assert [row["project"]["acronym"] for row in funding["projects"]] == ["PirSOTE", "KOMAS"]
    assert funding["projects"][0]["project"]["name"].startswith("Pirkanmaa Health")
    assert funding["projects"][1]["awarded"] == "9329760.50"


def test_published_dates_are_iso_8601_with_a_time_zone(client, api_site):
    published = datetime.datetime(2025, 9, 4, 7, 4, tzinfo=datetime.UTC)
    api_site.section.first_published_at = published
    api_site.section.save()
    page = get_json(client, api_path("fi", f"pages/{api_site.section.pk}/"))
    assert datetime.datetime.fromisoformat(page["meta"]["first_published_at"]) == published
