"""The projects app's pages render in Finnish and English: data, labels, dates, fallbacks."""

import json

from django.utils import translation

import pytest

from pirsote.core.dates import format_period
from projects.models import ProjectStatus, ServiceModelStatus
from tests.core.helpers import get_html, gettext_in, text_of, url_in
from tests.factories import GrantFactory, ProjectPageFactory
from tests.projects.helpers import card_titles, facts

pytestmark = pytest.mark.django_db

LANGUAGES = ["fi", "en"]
PAGE_KINDS = ["index", "pirsote", "home_care", "service_model_index", "goal_index"]
NOTICE = "This content has not been translated into English yet, so it is shown in Finnish."


@pytest.fixture(params=LANGUAGES)
def language(request):
    return request.param


def title_in(page, language):
    return getattr(page, f"title_{language}")


@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_page_renders_with_html_lang_h1_and_lead_in_its_language(
    client, project_site, kind, language
):
    page = getattr(project_site, kind)
    document = get_html(client, url_in(page, language))
    site_name = gettext_in(language, "Pirkanmaa health and social services reform")

    assert document.html["lang"] == language
    assert document.title.string == f"{title_in(page, language)} | {site_name}"
    (heading,) = document.select("main h1")
    assert text_of(heading) == title_in(page, language)
    lead = document.select_one("main .lead")
    assert text_of(lead) == getattr(page, f"intro_{language}")
    assert not heading.has_attr("lang")
    assert not lead.has_attr("lang")
    assert not document.select(".notice--translation")


# Project index


def project_card(document, acronym):
    (card,) = [
        card
        for card in document.select(".project-card")
        if text_of(card.select_one(".project-card__acronym")) == acronym
    ]
    return card


def test_project_index_lists_projects_as_cards_with_acronym_link_status_and_lead(
    client, project_site, language
):
    document = get_html(client, url_in(project_site.index, language))
    card = project_card(document, "PirSOTE")
    link = card.select_one(".card__title a")

    assert card_titles(document) == [
        title_in(project_site.pirsote, language),
        title_in(project_site.komas, language),
    ]
    assert link["href"] == url_in(project_site.pirsote, language)
    assert text_of(card.select_one(".project-card__status")) == gettext_in(
        language, ProjectStatus.RUNNING.label
    )
    assert getattr(project_site.pirsote, f"intro_{language}") in text_of(card)


def test_project_index_writes_status_in_english_on_english_pages(client, project_site):
    document = get_html(client, url_in(project_site.index, "en"))

    assert text_of(project_card(document, "PirSOTE").select_one(".project-card__status")) == (
        "Running"
    )
    assert text_of(project_card(document, "KOMAS").select_one(".project-card__status")) == "Ended"


@pytest.mark.parametrize(("acronym", "english"), [("PirSOTE", "2020–2022"), ("KOMAS", "from 2020")])
def test_year_precision_project_periods_read_as_years(client, project_site, acronym, english):
    finnish = gettext_in("fi", "from %(start)s") % {"start": "2020"}
    expected = {"fi": english if acronym == "PirSOTE" else finnish, "en": english}

    for language in LANGUAGES:
        document = get_html(client, url_in(project_site.index, language))
        period = project_card(document, acronym).select_one(".project-card__period")
        assert text_of(period) == expected[language]


def test_project_index_links_to_service_model_listing(client, project_site, language):
    document = get_html(client, url_in(project_site.index, language))

    hrefs = [link["href"] for link in document.select("main .more-link a")]
    assert hrefs == [url_in(project_site.service_model_index, language)]


def test_project_index_paginates_projects(client, project_site, monkeypatch):
    monkeypatch.setattr(type(project_site.index), "projects_per_page", 1)
    document = get_html(client, url_in(project_site.index, "en") + "?page=2")

    assert card_titles(document) == [project_site.komas.title_en]
    assert document.select_one('.pagination a[rel="prev"]')["href"] == "?page=1"


# English fallback


@pytest.fixture
def untranslated_project(project_site):
    return ProjectPageFactory(
        parent=project_site.index,
        acronym="PirKOTI",
        title_fi="Kotona asumisen tukeminen",
        title_en="",
        slug_en="",
        intro_fi="Hanke tukee kotona asumista.",
        intro_en="",
    )


def test_untranslated_project_shows_finnish_title_and_lead_marked_finnish_with_notice(
    client, untranslated_project
):
    document = get_html(client, url_in(untranslated_project, "en"))
    heading = document.select_one("main h1")
    lead = document.select_one("main .lead")

    assert document.html["lang"] == "en"
    assert text_of(heading) == "Kotona asumisen tukeminen"
    assert heading["lang"] == "fi"
    assert text_of(lead) == "Hanke tukee kotona asumista."
    assert lead["lang"] == "fi"
    assert text_of(document.select_one(".notice--translation")) == NOTICE


def test_untranslated_project_card_on_english_index_is_marked_finnish(
    client, project_site, untranslated_project
):
    document = get_html(client, url_in(project_site.index, "en"))
    link = project_card(document, "PirKOTI").select_one(".card__title a")

    assert text_of(link) == "Kotona asumisen tukeminen"
    assert link["lang"] == "fi"
    assert not project_card(document, "PirSOTE").select_one(".card__title a").has_attr("lang")


def test_translated_project_has_no_fallback_notice_in_finnish(client, untranslated_project):
    document = get_html(client, url_in(untranslated_project, "fi"))

    assert not document.select(".notice--translation")
    assert not document.select_one("main h1").has_attr("lang")


# Project page


@pytest.fixture
def project_facts(client, project_site, language):
    document = get_html(client, url_in(project_site.pirsote, language))
    return facts(document.select_one(".project-facts dl"))


def test_project_page_shows_acronym_under_its_full_name(client, project_site, language):
    document = get_html(client, url_in(project_site.pirsote, language))

    assert text_of(document.select_one("main h1")) == title_in(project_site.pirsote, language)
    assert "PirSOTE" in text_of(document.select_one(".page-header"))


def test_project_facts_give_status_and_planned_and_actual_periods(project_facts, language):
    def value(label):
        return text_of(project_facts[gettext_in(language, label)])

    assert value("Status") == gettext_in(language, ProjectStatus.RUNNING.label)
    assert value("Planned period") == "2020–2021"
    assert value("Actual period") == "2020–2022"


def test_project_facts_leave_out_unknown_periods(client, project_site, language):
    document = get_html(client, url_in(project_site.komas, language))
    labels = facts(document.select_one(".project-facts dl"))

    assert gettext_in(language, "Planned period") not in labels
    with translation.override(language):
        expected = format_period(project_site.komas.actual_start, None, "year")
    assert text_of(labels[gettext_in(language, "Actual period")]) == expected


def test_project_facts_name_organisations_and_goals_in_page_language(
    project_facts, language, project_site
):
    coordinator = project_facts[gettext_in(language, "Coordinator")]
    implementers = project_facts[gettext_in(language, "Implementing organisations")]
    goals = project_facts[gettext_in(language, "Goals")]

    assert text_of(coordinator) == getattr(project_site.coordinator, f"name_{language}")
    assert sorted(text_of(item) for item in implementers.select("li")) == sorted(
        [getattr(project_site.coordinator, f"name_{language}"), "Tampereen kaupunki"]
    )
    assert [text_of(item) for item in goals.select("li")] == [
        getattr(project_site.goals.access, f"name_{language}"),
        getattr(project_site.goals.integration, f"name_{language}"),
    ]


def test_organisation_without_english_name_is_marked_finnish_on_english_page(client, project_site):
    document = get_html(client, url_in(project_site.pirsote, "en"))
    implementers = facts(document.select_one(".project-facts dl"))["Implementing organisations"]
    languages = {text_of(item): item.get("lang") for item in implementers.select("li")}

    assert languages == {"Tampereen kaupunki": "fi", "Council of Tampere Region": None}


@pytest.mark.parametrize(
    ("language", "expected"), [("fi", "noin 40 valmistelijaa"), ("en", "about 40 preparers")]
)
def test_staff_figure_reads_naturally_in_each_language(client, project_site, language, expected):
    document = get_html(client, url_in(project_site.pirsote, language))
    staff = facts(document.select_one(".project-facts dl"))[gettext_in(language, "Staff")]

    assert [text_of(item) for item in staff.select("li")] == [expected]


def test_project_innokyla_link_says_where_it_goes(client, project_site):
    finnish = get_html(client, url_in(project_site.pirsote, "fi"))
    english = get_html(client, url_in(project_site.pirsote, "en"))
    finnish_link = finnish.select_one(".project-facts a.external")
    english_link = english.select_one(".project-facts a.external")

    assert finnish_link["href"] == english_link["href"] == project_site.pirsote.innokyla_url
    assert english_link["hreflang"] == "fi"
    assert text_of(english_link).startswith("PirSOTE in Innokylä (in Finnish)")
    assert "Innokylä" in text_of(finnish_link)
    assert "in Finnish" not in text_of(finnish_link)


def test_project_page_lists_only_its_own_live_service_models(client, project_site, language):
    document = get_html(client, url_in(project_site.pirsote, language))
    section = document.select_one(".project-service-models")

    assert card_titles(section, ".compact-list__title") == [
        title_in(project_site.home_care, language),
        title_in(project_site.family_centre, language),
    ]
    hrefs = [link["href"] for link in section.select(".compact-list__title a")]
    assert hrefs == [
        url_in(project_site.home_care, language),
        url_in(project_site.family_centre, language),
    ]


def test_project_page_lists_service_models_with_status_and_target_groups(
    client, project_site, language
):
    document = get_html(client, url_in(project_site.pirsote, language))
    item = document.select(".project-service-models .compact-list__item")[1]
    groups = project_site.target_groups

    assert text_of(item.select_one(".service-model-card__status")) == gettext_in(
        language, ServiceModelStatus.ESTABLISHED.label
    )
    assert [text_of(li) for li in item.select(".service-model-card__target-groups li")] == [
        getattr(groups.families, f"name_{language}")
    ]
    # The goals and pictures are in the service model list, which the section links to.
    more = document.select_one(".project-service-models .more-link a")
    assert more["href"] == url_in(project_site.service_model_index, language) + "?project=pirsote"


def test_service_model_cards_list_target_groups_and_goals_one_item_each(
    client, project_site, language
):
    # Names contain commas ("Lapset, nuoret ja perheet"): joined by commas they read as one.
    document = get_html(client, url_in(project_site.service_model_index, language))
    card = document.select(".results .service-model-card")[1]
    groups = project_site.target_groups
    goals = project_site.goals

    assert [text_of(li) for li in card.select(".service-model-card__target-groups li")] == [
        getattr(groups.families, f"name_{language}")
    ]
    goal_names = [getattr(goal, f"name_{language}") for goal in (goals.access, goals.integration)]
    assert [text_of(li) for li in card.select(".service-model-card__goals li")] == goal_names


def test_project_page_shows_contacts_with_their_role_or_else_job_title(
    client, project_site, language
):
    document = get_html(client, url_in(project_site.pirsote, language))
    cards = document.select(".project-contacts .contact-card")
    shown = {
        text_of(card.select_one(".contact-card__name")): text_of(
            card.select_one(".contact-card__title")
        )
        for card in cards
    }

    assert text_of(document.select_one(".project-contacts h2")) == gettext_in(
        language, "Contact people"
    )
    assert shown == {
        "Eeva Esimerkki": {"fi": "Hankejohtaja", "en": "Project director"}[language],
        "Matti Malli": {"fi": "Suunnittelija", "en": "Planner"}[language],
    }


def test_project_page_shows_its_published_grants(client, project_site, language):
    GrantFactory(
        project=project_site.pirsote, title_fi="Sote-keskusavustus", title_en="Centre grant"
    )
    GrantFactory(project=project_site.komas, title_fi="Rakenneavustus", title_en="Structure grant")
    document = get_html(client, url_in(project_site.pirsote, language))

    text = text_of(document.select_one("main"))
    assert {"fi": "Sote-keskusavustus", "en": "Centre grant"}[language] in text
    assert {"fi": "Rakenneavustus", "en": "Structure grant"}[language] not in text


# Service model page


def test_service_model_page_shows_its_project_status_target_groups_and_goals(
    client, project_site, language
):
    document = get_html(client, url_in(project_site.komas_model, language))
    shown = facts(document.select_one(".project-facts dl"))
    project_link = shown[gettext_in(language, "Project")].select_one("a")
    groups = project_site.target_groups
    goals = project_site.goals

    assert project_link["href"] == url_in(project_site.komas, language)
    assert text_of(project_link) == title_in(project_site.komas, language)
    assert "KOMAS" in text_of(shown[gettext_in(language, "Project")])
    assert text_of(shown[gettext_in(language, "Status")]) == gettext_in(
        language, ServiceModelStatus.IN_DEVELOPMENT.label
    )
    assert [text_of(li) for li in shown[gettext_in(language, "Target groups")].select("li")] == [
        getattr(group, f"name_{language}") for group in (groups.older, groups.families)
    ]
    assert [text_of(li) for li in shown[gettext_in(language, "Goals")].select("li")] == [
        getattr(goal, f"name_{language}") for goal in (goals.access, goals.costs)
    ]


def test_service_model_page_links_to_innokyla_and_back_to_listing(client, project_site, language):
    project_site.home_care.innokyla_url = "https://innokyla.fi/fi/toimintamalli/etavastaanotto"
    project_site.home_care.save()
    document = get_html(client, url_in(project_site.home_care, language))

    innokyla = document.select_one(".project-facts a.external")
    assert innokyla["href"] == "https://innokyla.fi/fi/toimintamalli/etavastaanotto"
    assert "Innokylä" in text_of(innokyla)
    back = document.select_one("main .more-link a")
    assert back["href"] == url_in(project_site.service_model_index, language)


def test_project_describes_itself_as_a_schema_org_project(client, project_site):
    document = get_html(client, url_in(project_site.pirsote, "en"))
    data = json.loads(document.select_one('script[type="application/ld+json"]').string)

    assert data["@type"] == "Project"
    assert data["alternateName"] == "PirSOTE"
    assert data["name"] == "Pirkanmaa Health and Social Services Centre of the Future"
    # Known to the year only: the date says no more than that.
    assert data["foundingDate"] == "2020"
    assert data["parentOrganization"]["name"] == "Council of Tampere Region"
