"""The search page: results with their type and snippet, filters, pagination, promotions."""

from django.utils import translation

from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import PageViewRestriction

import pytest

from pirsote.core.models import SearchEntry
from tests.core.helpers import get_html, gettext_in, text_of
from tests.factories import ContactPersonFactory, ReformPageFactory

from .conftest import an_hour_from_now, contact_people_body, paragraph
from .helpers import result_titles, results, search, search_url

pytestmark = pytest.mark.django_db


def test_search_pages_have_their_own_address_in_each_language():
    assert search_url("fi") == "/haku/"
    assert search_url("en") == "/en/search/"


def test_empty_query_explains_how_to_search(client, search_site):
    for language in ("fi", "en"):
        document = get_html(client, search_url(language))
        assert document.html["lang"] == language
        assert document.select_one("#search-help-title")
        assert not document.select(".search-result")
        assert text_of(document.h1) == gettext_in(language, "Search")


def test_result_shows_its_type_title_link_and_highlighted_snippet(client, search_site):
    document = search(client, "kunnilta")
    [result] = results(document)
    assert text_of(result.select_one(".search-result__type")) == gettext_in("fi", "Page")
    link = result.select_one(".search-result__title a")
    assert link["href"] == search_site.goals.relative_url(search_site.goals.get_site())
    assert text_of(link) == "Sote-uudistuksen tavoitteet"
    assert [text_of(mark) for mark in result.select(".search-result__snippet mark")] == ["kunnilta"]


def test_summary_counts_the_results(client, search_site):
    document = search(client, "kunnilta")
    summary = text_of(document.select_one("#search-summary"))
    assert summary.startswith("1 ")
    assert "kunnilta" in summary


def test_english_search_finds_english_content_in_english(client, search_site):
    document = search(client, "municipalities", language="en")
    assert document.html["lang"] == "en"
    assert result_titles(document) == ["Goals of the reform"]
    assert not result_titles(search(client, "municipalities", language="fi"))


@pytest.mark.postgres
def test_english_stop_words_do_not_make_a_search_find_nothing(client, search_site):
    # "the" and "of" are no words to English full-text search: they must not be demanded.
    document = search(client, "the goals of the reform", language="en")

    assert result_titles(document) == ["Goals of the reform"]
    assert not result_titles(search(client, "the of", language="en"))


def test_english_search_finds_untranslated_pages_by_their_finnish_text_marked_finnish(
    client, search_site
):
    document = search(client, "ministeriöstä", language="en")
    [result] = results(document)
    title = result.select_one(".search-result__title a")
    assert text_of(title) == "Miten uudistus rahoitetaan"
    assert title["lang"] == "fi"
    assert result.select_one(".search-result__snippet")["lang"] == "fi"


def test_finnish_search_does_not_find_pages_by_their_english_text(client, search_site):
    assert not result_titles(search(client, "rehabilitation", language="fi"))
    assert result_titles(search(client, "rehabilitation", language="en")) == [
        "Rehabilitation at home"
    ]


def test_every_result_type_is_found_and_labelled(client, search_site):
    expected = {
        "kotipesässä": "News release",
        "PirKOTI": "Project",
        "kotikuntoutus": "Service model",
        "Halme": "Contact person",
    }
    for query, kind in expected.items():
        document = search(client, query)
        types = [text_of(t) for t in document.select(".search-result-list .search-result__type")]
        assert gettext_in("fi", kind) in types, (query, types)


def test_contact_person_result_gives_the_contact_details(client, search_site):
    [result] = results(search(client, "Halme"))
    assert text_of(result.select_one(".search-result__title")) == "Eeva Halme"
    assert "Hankejohtaja, Pirkanmaan liitto" in text_of(result)
    assert result.select_one(f'a[href="mailto:{search_site.person.email}"]')
    [english] = results(search(client, "Halme", language="en"))
    assert "Project director, Council of Tampere Region" in text_of(english)


def test_a_contact_person_is_found_only_once_a_visible_page_names_them(client, search_site):
    hidden = ContactPersonFactory(name="Kalle Koekaniini")
    assert not results(search(client, "Koekaniini"))
    draft = ReformPageFactory(
        parent=search_site.home, live=False, body_fi=contact_people_body([hidden])
    )
    draft.save_revision()
    assert not results(search(client, "Koekaniini"))
    draft.save_revision().publish()
    assert result_titles(search(client, "Koekaniini")) == ["Kalle Koekaniini"]
    draft.refresh_from_db()
    draft.unpublish()
    assert not results(search(client, "Koekaniini"))


def test_type_filter_narrows_the_results_and_lists_counts(client, search_site):
    ReformPageFactory(parent=search_site.home, title_fi="Hyvinvointialueiden sivu")
    document = search(client, "hyvinvointialueiden")
    links = {text_of(a): a["href"] for a in document.select(".search-types a")}
    assert any(label.startswith(gettext_in("fi", "Pages")) for label in links)
    filtered = search(client, "hyvinvointialueiden", type="page")
    assert all(
        text_of(t) == gettext_in("fi", "Page") for t in filtered.select(".search-result__type")
    )
    current = filtered.select_one('.search-types a[aria-current="page"]')
    assert text_of(current).startswith(gettext_in("fi", "Pages"))


def test_unknown_type_is_dropped(client, search_site):
    response = client.get(search_url(), {"q": "Halme", "type": "nonsense"})
    assert response.status_code == 302
    assert response["Location"] == "/haku/?q=Halme"


def test_no_results_suggests_what_to_try(client, search_site):
    document = search(client, "xyzzyquux")
    assert not results(document)
    assert document.select_one("#search-none-title")
    assert document.select(".search-help li")


def test_results_are_paginated_ten_to_a_page(client, home_page):
    for number in range(23):
        ReformPageFactory(parent=home_page, intro_fi=f"Hyvinvointialueen sivu {number}.")
    assert len(results(search(client, "hyvinvointialueen"))) == 10
    assert len(results(search(client, "hyvinvointialueen", page="3"))) == 3
    second = result_titles(search(client, "hyvinvointialueen", page="2"))
    assert not set(second) & set(result_titles(search(client, "hyvinvointialueen")))
    # The pagination keeps the query.
    links = search(client, "hyvinvointialueen").select(".pagination a")
    assert links and all("q=hyvinvointialueen" in a["href"] for a in links)
    # Every page link is the page's own address, answered without a redirect.
    assert {client.get(search_url() + a["href"]).status_code for a in links} == {200}


def test_none_finds_nothing_although_english_fields_are_empty(client, search_site):
    ReformPageFactory(parent=search_site.home, title_en=None, slug_en=None, intro_en=None)
    assert not results(search(client, "none"))
    assert not results(search(client, "None", language="en"))


def test_admin_search_does_not_index_empty_translations_as_none(search_site):
    from wagtail.models import Page
    from wagtail.search.backends import get_search_backend

    # What the admin stores for a translation left empty: None.
    ReformPageFactory(parent=search_site.home, title_en=None, slug_en=None, intro_en=None)
    backend = get_search_backend("default")
    assert list(backend.search("none", Page)) == []
    assert search_site.untranslated.page_ptr in list(backend.search("rahoitus", Page))


class TestOnlyLiveAndPublicPagesAreFound:
    def test_draft(self, client, search_site):
        ReformPageFactory(parent=search_site.home, intro_fi="Luonnoskoekaniini.", live=False)
        assert not results(search(client, "luonnoskoekaniini"))

    def test_scheduled(self, client, search_site):
        page = ReformPageFactory(parent=search_site.home, intro_fi="Ajastettu koekaniini.")
        page.go_live_at = an_hour_from_now()
        page.save_revision().publish()
        assert not results(search(client, "koekaniini"))

    def test_unpublished(self, client, search_site):
        search_site.goals.unpublish()
        assert not results(search(client, "kunnilta"))

    def test_under_an_unpublished_page(self, client, search_site):
        search_site.project.unpublish()
        assert not results(search(client, "kotikuntoutus"))

    def test_private(self, client, search_site):
        PageViewRestriction.objects.create(
            page=search_site.goals, restriction_type="password", password="x"
        )
        assert not results(search(client, "kunnilta"))

    def test_deleted_page_leaves_no_entry(self, search_site):
        page_id = search_site.goals.pk
        search_site.goals.delete()
        assert not SearchEntry.objects.filter(page_id=page_id).exists()


def test_published_edit_is_found_by_its_new_words(client, search_site):
    page = search_site.goals
    page.intro_fi = "Aivan uusi koekaniini."
    page.save_revision().publish()
    assert result_titles(search(client, "koekaniini")) == ["Sote-uudistuksen tavoitteet"]


def test_promoted_page_comes_first_and_unpublished_promotions_are_hidden(client, search_site):
    query = Query.get("rahoitus")
    SearchPromotion.objects.create(query=query, page=search_site.goals, sort_order=0)
    hidden = ReformPageFactory(parent=search_site.home, title_fi="Piilossa", live=False)
    SearchPromotion.objects.create(query=query, page=hidden, sort_order=1)
    document = search(client, "Rahoitus")
    promoted = [text_of(a) for a in document.select(".search-promotions a")]
    assert promoted == ["Sote-uudistuksen tavoitteet"]
    with translation.override("en"):
        english = search(client, "rahoitus", language="en")
    assert [text_of(a) for a in english.select(".search-promotions a")] == ["Goals of the reform"]


def test_every_page_has_a_search_form_leading_to_the_search_page(client, search_site):
    for language in ("fi", "en"):
        url = search_site.goals.get_url() if language == "fi" else "/en/"
        document = get_html(client, url)
        form = document.select_one("header form[role=search]")
        assert form["action"] == search_url(language)
        assert form.select_one("input[name=q]")["id"] == form.select_one("label")["for"]


def test_language_switcher_keeps_the_query(client, search_site):
    document = search(client, "Halme")
    english = document.select_one('.language-switcher a[hreflang="en"]')
    assert english["href"] == "/en/search/?q=Halme"


def test_search_results_are_not_indexed_by_search_engines(client, search_site):
    document = search(client, "Halme")
    assert document.select_one('meta[name="robots"]')["content"].startswith("noindex")
    assert not get_html(client, search_url()).select_one('meta[name="robots"]')


def test_body_text_added_later_is_searchable(client, search_site):
    page = search_site.goals
    page.body_fi = paragraph("Lisätty kappale mobiilipalveluista.")
    page.save_revision().publish()
    assert result_titles(search(client, "mobiilipalveluista")) == ["Sote-uudistuksen tavoitteet"]


def test_no_results_in_english_offers_the_same_search_on_the_finnish_pages(client, search_site):
    # A Finnish word of a page whose English text does not have it.
    document = search(client, "järjestäminen", language="en")
    assert not results(document)
    link = document.select_one('.search-help a[hreflang="fi"]')
    assert link is not None
    finnish = get_html(client, link["href"])
    assert "Sote-uudistuksen tavoitteet" in result_titles(finnish)
    # Where something is found, no such offer.
    assert not search(client, "services", language="en").select('.search-help a[hreflang="fi"]')
