"""The service-model listing: filters that work without JavaScript and survive any input."""

from urllib.parse import quote_from_bytes

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from projects.models import ServiceModelIndexPage, ServiceModelStatus
from tests.core.helpers import get_html, gettext_in, parse_html, text_of, url_in
from tests.projects.helpers import card_titles

pytestmark = pytest.mark.django_db

LANGUAGES = ["fi", "en"]
FILTERS = ["project", "goal", "target_group", "status"]
INVALID_CHOICE = "This choice is not available. Choose one of the options."


@pytest.fixture(params=LANGUAGES)
def language(request):
    return request.param


def listed(client, project_site, query="", language="en"):
    """Titles of the listed service models, in `language`, for the query string `query`."""
    document = get_html(client, url_in(project_site.service_model_index, language) + query)
    return card_titles(document)


def titles(*pages, language="en"):
    return [getattr(page, f"title_{language}") for page in pages]


def result_count(document):
    return text_of(document.select_one("#results-heading"))


def test_unfiltered_listing_shows_every_live_service_model_with_its_project(
    client, project_site, language
):
    site = project_site
    document = get_html(client, url_in(site.service_model_index, language))
    cards = document.select(".results .service-model-card")

    assert card_titles(document) == titles(
        site.home_care, site.family_centre, site.komas_model, language=language
    )
    projects = [text_of(card.select_one(".service-model-card__project")) for card in cards]
    assert projects == ["PirSOTE", "PirSOTE", "KOMAS"]
    links = [card.select_one(".card__title a")["href"] for card in cards]
    assert links[0] == url_in(site.home_care, language)


def test_result_count_heading_counts_the_listed_service_models(client, project_site):
    index = url_in(project_site.service_model_index, "en")

    assert result_count(get_html(client, index)) == "3 service models"
    assert result_count(get_html(client, index + "?project=komas")) == "1 service model"
    assert result_count(get_html(client, index + "?status=spread")) == "0 service models"


def test_result_count_heading_is_in_finnish_on_finnish_page(client, project_site):
    index = url_in(project_site.service_model_index, "fi")

    assert result_count(get_html(client, index)) == "3 toimintamallia"
    assert result_count(get_html(client, index + "?project=komas")) == "1 toimintamalli"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?project=pirsote", ["home_care", "family_centre"]),
        ("?project=komas", ["komas_model"]),
        ("?goal=integraatio", ["family_centre"]),
        ("?goal=kustannukset", ["komas_model"]),
        ("?target_group=lapsiperheet", ["family_centre", "komas_model"]),
        ("?status=piloted", ["home_care"]),
        ("?status=in-development", ["komas_model"]),
        # Combinations narrow the list further.
        ("?project=pirsote&goal=saatavuus", ["home_care", "family_centre"]),
        ("?project=komas&goal=integraatio", []),
        ("?goal=saatavuus&target_group=ikaantyneet&status=piloted", ["home_care"]),
        ("?goal=saatavuus&target_group=ikaantyneet&status=in-development", ["komas_model"]),
        ("?goal=saatavuus&target_group=lapsiperheet&status=piloted", []),
    ],
)
def test_filters_narrow_the_list(client, project_site, query, expected):
    expected_pages = [getattr(project_site, name) for name in expected]

    assert listed(client, project_site, query) == titles(*expected_pages)
    assert listed(client, project_site, query, "fi") == titles(*expected_pages, language="fi")


@pytest.mark.parametrize(
    "query", ["", "?project=pirsote", "?goal=saatavuus", "?target_group=ikaantyneet"]
)
def test_listing_never_shows_drafts(client, project_site, query):
    document = get_html(client, url_in(project_site.service_model_index, "en") + query)

    assert card_titles(document)
    assert project_site.draft.title_en not in text_of(document)


def test_filter_form_is_a_get_form_of_labelled_selects_with_submit_button(
    client, project_site, language
):
    document = get_html(client, url_in(project_site.service_model_index, language))
    form = document.select_one("form.filter-form")

    assert form["method"] == "get"
    assert form["action"] == url_in(project_site.service_model_index, language)
    for name in FILTERS:
        select = form.select_one(f'select[name="{name}"]')
        label = form.select_one(f'label[for="{select["id"]}"]')
        assert text_of(label)
    button = form.select_one('button[type="submit"]')
    assert text_of(button) == gettext_in(language, "Show")


def test_filter_options_name_goals_in_page_language_and_use_slugs(client, project_site, language):
    document = get_html(client, url_in(project_site.service_model_index, language))
    options = {
        option["value"]: text_of(option) for option in document.select('select[name="goal"] option')
    }

    assert options == {
        "": gettext_in(language, "All"),
        "saatavuus": getattr(project_site.goals.access, f"name_{language}"),
        "kustannukset": getattr(project_site.goals.costs, f"name_{language}"),
        "integraatio": getattr(project_site.goals.integration, f"name_{language}"),
    }


def test_chosen_filters_stay_selected(client, project_site):
    document = get_html(
        client, url_in(project_site.service_model_index, "en") + "?goal=saatavuus&status=piloted"
    )

    selected = {
        select["name"]: [option["value"] for option in select.select("option[selected]")]
        for select in document.select("form.filter-form select")
    }
    assert selected == {
        "project": [""],
        "goal": ["saatavuus"],
        "target_group": [""],
        "status": ["piloted"],
    }


def test_submitted_form_redirects_to_an_address_naming_only_the_chosen_filters(
    client, project_site, language
):
    index = url_in(project_site.service_model_index, language)
    response = client.get(index + "?project=&goal=saatavuus&target_group=&status=piloted")

    assert response.status_code == 302
    assert response["Location"] == index + "?goal=saatavuus&status=piloted"
    assert listed(client, project_site, "?goal=saatavuus&status=piloted") == titles(
        project_site.home_care
    )


def test_submitted_form_with_nothing_chosen_redirects_to_the_plain_listing(client, project_site):
    index = url_in(project_site.service_model_index, "fi")
    response = client.get(index + "?project=&goal=&target_group=&status=")

    assert response.status_code == 302
    assert response["Location"] == index


def test_clear_filters_link_appears_only_when_filtered(client, project_site, language):
    index = url_in(project_site.service_model_index, language)
    unfiltered = get_html(client, index)
    filtered = get_html(client, index + "?goal=saatavuus")

    assert not unfiltered.select(".filter-form__clear")
    clear = filtered.select_one(".filter-form__clear")
    assert clear["href"] == index
    assert text_of(clear) == gettext_in(language, "Clear filters")


def test_no_results_explains_and_links_to_clear_filters(client, project_site, language):
    index = url_in(project_site.service_model_index, language)
    document = get_html(client, index + "?project=komas&goal=integraatio")
    empty = document.select_one(".results .empty-state")

    assert not document.select(".results .service-model-card")
    assert gettext_in(language, "No service models match these filters.") in text_of(empty)
    assert empty.select_one("a")["href"] == index


def test_language_switcher_keeps_the_filters(client, project_site):
    document = get_html(
        client, url_in(project_site.service_model_index, "fi") + "?goal=saatavuus&project=pirsote"
    )
    (link,) = document.select(".language-switcher a")

    assert link["href"].startswith(url_in(project_site.service_model_index, "en") + "?")
    assert set(link["href"].split("?")[1].split("&")) == {"goal=saatavuus", "project=pirsote"}


# Pagination and indexing


@pytest.fixture
def two_per_page(monkeypatch):
    monkeypatch.setattr(ServiceModelIndexPage, "service_models_per_page", 2)


def pagination_hrefs(document):
    return [link["href"] for link in document.select(".pagination a")]


def test_pagination_links_keep_the_filters(client, project_site, two_per_page):
    index = url_in(project_site.service_model_index, "en")
    first = get_html(client, index + "?goal=saatavuus")
    second = get_html(client, index + "?goal=saatavuus&page=2")

    assert card_titles(first) == titles(project_site.home_care, project_site.family_centre)
    assert "?goal=saatavuus&page=2" in pagination_hrefs(first)
    assert card_titles(second) == titles(project_site.komas_model)
    assert "?goal=saatavuus&page=1" in pagination_hrefs(second)


def test_invalid_filters_are_not_kept_in_pagination_links(client, project_site, two_per_page):
    document = get_html(client, url_in(project_site.service_model_index, "en") + "?project=nope")

    assert pagination_hrefs(document)
    assert all("nope" not in href for href in pagination_hrefs(document))


def robots(document):
    tag = document.select_one('meta[name="robots"]')
    return tag["content"] if tag else None


def test_filtered_and_later_pages_are_noindex_but_the_listing_itself_is_not(
    client, project_site, two_per_page
):
    index = url_in(project_site.service_model_index, "en")

    assert robots(get_html(client, index)) is None
    assert robots(get_html(client, index + "?goal=saatavuus")) == "noindex, follow"
    assert robots(get_html(client, index + "?status=piloted&target_group=ikaantyneet")) == (
        "noindex, follow"
    )
    assert robots(get_html(client, index + "?page=2")) == "noindex, follow"


# Bad input


def error_summary(document):
    return document.select_one(".error-summary")


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    ("query", "field"),
    [("?project=nope", "project"), ("?goal=%00", "goal"), ("?status=RUNNING", "status")],
)
def test_invalid_filter_is_reported_in_page_language_and_ignored(
    client, project_site, language, query, field
):
    document = get_html(client, url_in(project_site.service_model_index, language) + query)
    message = gettext_in(language, INVALID_CHOICE)
    select = document.select_one(f'select[name="{field}"]')
    described_by = document.select_one(f"#{select['aria-describedby']}")

    assert message in text_of(error_summary(document))
    assert error_summary(document).select_one("a")["href"] == f"#{select['id']}"
    assert select["aria-invalid"] == "true"
    assert message in text_of(described_by)
    assert document.title.string.startswith(gettext_in(language, "Error") + ": ")
    # The invalid filter is ignored: the whole list is shown.
    assert len(document.select(".results .service-model-card")) == 3


def test_valid_filters_apply_even_beside_an_invalid_one(client, project_site):
    document = get_html(
        client, url_in(project_site.service_model_index, "en") + "?project=nope&goal=integraatio"
    )

    assert error_summary(document) is not None
    assert card_titles(document) == titles(project_site.family_centre)


def test_valid_filters_show_no_errors(client, project_site):
    document = get_html(client, url_in(project_site.service_model_index, "en") + "?goal=saatavuus")

    assert error_summary(document) is None
    assert not document.select("[aria-invalid]")
    assert not document.title.string.startswith("Error")


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("field", FILTERS)
def test_ten_kilobyte_value_is_reported_and_never_echoed(client, project_site, language, field):
    value = "q" * 10_000
    response = client.get(url_in(project_site.service_model_index, language), {field: value})
    document = parse_html(response)

    assert response.status_code == 200
    assert "q" * 50 not in response.content.decode()
    assert gettext_in(language, INVALID_CHOICE) in text_of(error_summary(document))


@pytest.mark.parametrize(
    ("query", "page_number"),
    [
        ("?page=abc", "1"),
        ("?page=99999999999999999999", "2"),
        ("?page=-1", "2"),
        ("?page=999", "2"),
        ("?page=%00", "1"),
        ("?page=1&page=2", "2"),
    ],
)
def test_bad_page_numbers_give_a_page_of_the_listing(
    client, project_site, two_per_page, query, page_number
):
    document = get_html(client, url_in(project_site.service_model_index, "en") + query)

    assert text_of(document.select_one('.pagination [aria-current="page"]')).endswith(page_number)
    assert document.select(".results .service-model-card")


def test_repeated_filter_uses_one_value_consistently(client, project_site):
    document = get_html(
        client,
        url_in(project_site.service_model_index, "en") + "?goal=saatavuus&goal=kustannukset",
    )
    chosen = document.select_one('select[name="goal"] option[selected]')["value"]

    assert chosen in {"saatavuus", "kustannukset"}
    expected = {
        "saatavuus": titles(
            project_site.home_care, project_site.family_centre, project_site.komas_model
        ),
        "kustannukset": titles(project_site.komas_model),
    }
    assert card_titles(document) == expected[chosen]


def test_arbitrary_filter_and_page_values_never_cause_a_server_error(client, project_site):
    # Hypothesis runs inside the test, so that pytest-django's database and the site built
    # by the fixture serve every example; the examples only read.
    index = url_in(project_site.service_model_index, "en")

    @settings(max_examples=40, deadline=None)
    @given(
        params=st.dictionaries(
            st.sampled_from([*FILTERS, "page"]), st.text(max_size=300), min_size=1
        )
    )
    def visit(params):
        response = client.get(index, params)
        assert response.status_code < 500
        if response.status_code == 200:
            for value in params.values():
                if len(value) > 40:
                    assert value not in response.content.decode()

    visit()


def test_arbitrary_bytes_in_the_query_string_never_cause_a_server_error(client, project_site):
    index = url_in(project_site.service_model_index, "fi")

    @settings(max_examples=40, deadline=None)
    @given(
        name=st.sampled_from([*FILTERS, "page"]),
        raw=st.binary(max_size=200),
    )
    def visit(name, raw):
        response = client.get(index, QUERY_STRING=f"{name}={quote_from_bytes(raw)}")
        assert response.status_code < 500

    visit()


def test_status_filter_values_are_the_service_model_statuses(client, project_site):
    document = get_html(client, url_in(project_site.service_model_index, "en"))
    values = [option["value"] for option in document.select('select[name="status"] option')]

    assert values == ["", *ServiceModelStatus.values]
