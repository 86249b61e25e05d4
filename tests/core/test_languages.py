"""Language versions: the switcher, hreflang alternates, Finnish fallback on English pages."""

import pytest

from tests.core.helpers import alternates, get_html, gettext_in, text_of, url_in
from tests.factories import ContactPersonFactory, ReformPageFactory, SectionIndexPageFactory

pytestmark = pytest.mark.django_db

OTHER = {"fi": "en", "en": "fi"}
ABSOLUTE = "http://testserver"


@pytest.fixture
def goals(home_page):
    """ "Tavoitteet" at /sote-uudistus/tavoitteet/, "Goals" at /en/reform/goals/."""
    section = SectionIndexPageFactory(parent=home_page, title_fi="Sote-uudistus", title_en="Reform")
    return ReformPageFactory(parent=section, title_fi="Tavoitteet", title_en="Goals")


def switcher_link(document):
    """The language switcher's one link: to the other language."""
    (link,) = document.select(".language-switcher a")
    return link


def test_page_urls_use_each_languages_own_slugs(goals):
    assert url_in(goals, "fi") == "/sote-uudistus/tavoitteet/"
    assert url_in(goals, "en") == "/en/reform/goals/"


@pytest.mark.parametrize("language", ["fi", "en"])
def test_language_switcher_links_to_same_page_in_other_language(client, goals, language):
    document = get_html(client, url_in(goals, language))
    other = OTHER[language]
    link = switcher_link(document)

    assert link["href"] == url_in(goals, other)
    assert link["hreflang"] == other
    assert link["lang"] == other
    current = document.select_one('.language-switcher [aria-current="true"]')
    assert text_of(current) == gettext_in(language, {"fi": "Finnish", "en": "English"}[language])


@pytest.mark.parametrize("language", ["fi", "en"])
def test_hreflang_alternates_give_absolute_urls_of_both_language_versions(client, goals, language):
    document = get_html(client, url_in(goals, language))

    assert alternates(document) == {
        "fi": ABSOLUTE + "/sote-uudistus/tavoitteet/",
        "en": ABSOLUTE + "/en/reform/goals/",
        "x-default": ABSOLUTE + "/sote-uudistus/tavoitteet/",
    }


def test_switching_language_keeps_the_listing_page_but_drops_other_parameters(client, goals):
    section_fi = url_in(goals.get_parent(), "fi")
    document = get_html(client, section_fi + "?page=2&utm_source=x&q=%00")

    assert switcher_link(document)["href"] == "/en/reform/?page=2"
    assert alternates(document)["en"] == ABSOLUTE + "/en/reform/?page=2"


@pytest.mark.parametrize(("url", "other_url"), [("/", "/en/"), ("/en/", "/")])
def test_home_page_switcher_and_alternates_pair_root_and_en(client, home_page, url, other_url):
    document = get_html(client, url)

    assert switcher_link(document)["href"] == other_url
    assert alternates(document) == {
        "fi": ABSOLUTE + "/",
        "en": ABSOLUTE + "/en/",
        "x-default": ABSOLUTE + "/",
    }


@pytest.mark.parametrize(
    ("url", "language", "fi_url", "en_url"),
    [
        ("/ei-ole/", "fi", "/ei-ole/", "/en/ei-ole/"),
        ("/en/no-such-page/", "en", "/no-such-page/", "/en/no-such-page/"),
    ],
)
def test_not_found_page_switcher_and_alternates_point_to_other_language(
    client, home_page, url, language, fi_url, en_url
):
    document = get_html(client, url, status=404)

    assert switcher_link(document)["href"] == {"fi": en_url, "en": fi_url}[language]
    assert alternates(document) == {
        "fi": ABSOLUTE + fi_url,
        "en": ABSOLUTE + en_url,
        "x-default": ABSOLUTE + fi_url,
    }


# Fallback: English pages whose English content is missing show the Finnish text, marked.

FINNISH_BODY = [{"type": "heading", "value": {"text": "Uudistuksen aikataulu", "level": "h2"}}]
ENGLISH_BODY = [{"type": "heading", "value": {"text": "Timetable of the reform", "level": "h2"}}]


@pytest.fixture
def section(home_page):
    return SectionIndexPageFactory(parent=home_page, title_fi="Sote-uudistus", title_en="Reform")


def english_page(client, page):
    document = get_html(client, url_in(page, "en"))
    assert document.html["lang"] == "en"
    return document


def translation_notice(document):
    return document.select_one("main .notice--translation")


def test_untranslated_english_page_shows_finnish_content_marked_with_lang_fi(client, section):
    page = ReformPageFactory(
        parent=section,
        title_fi="Aikataulu",
        title_en="",
        intro_fi="Uudistus etenee vaiheittain.",
        intro_en="",
        body_fi=FINNISH_BODY,
    )
    document = english_page(client, page)
    h1 = document.select_one("main h1")
    lead = document.select_one("main .lead")
    stream = document.select_one("main .stream")

    assert (text_of(h1), h1.get("lang")) == ("Aikataulu", "fi")
    assert (text_of(lead), lead.get("lang")) == ("Uudistus etenee vaiheittain.", "fi")
    assert (text_of(stream), stream.get("lang")) == ("Uudistuksen aikataulu", "fi")
    assert document.title.string.startswith("Aikataulu | ")
    notice = gettext_in(
        "en", "This content has not been translated into English yet, so it is shown in Finnish."
    )
    assert text_of(translation_notice(document)) == notice


def test_partly_translated_english_page_marks_only_the_finnish_parts(client, section):
    page = ReformPageFactory(
        parent=section, title_fi="Aikataulu", title_en="Timetable", body_fi=FINNISH_BODY
    )
    document = english_page(client, page)

    assert document.select_one("main h1").get("lang") is None
    assert document.select_one("main .lead").get("lang") is None
    assert document.select_one("main .stream")["lang"] == "fi"
    assert translation_notice(document) is not None


def test_fully_translated_english_page_has_no_fallback_marks_or_notice(client, section):
    page = ReformPageFactory(
        parent=section,
        title_fi="Aikataulu",
        title_en="Timetable",
        body_fi=FINNISH_BODY,
        body_en=ENGLISH_BODY,
    )
    document = english_page(client, page)

    assert text_of(document.select_one("main h1")) == "Timetable"
    assert text_of(document.select_one("main .stream")) == "Timetable of the reform"
    assert document.select("main [lang]") == []
    assert translation_notice(document) is None


def test_finnish_page_never_shows_translation_notice(client, section):
    page = ReformPageFactory(parent=section, title_fi="Aikataulu", title_en="", intro_en="")
    document = get_html(client, url_in(page, "fi"))

    assert document.select("main [lang]") == []
    assert translation_notice(document) is None


def test_contact_card_without_english_job_title_shows_finnish_one_marked(client, section):
    person = ContactPersonFactory(job_title_fi="Viestintäasiantuntija", job_title_en="")
    page = ReformPageFactory(
        parent=section,
        body_en=[{"type": "contact_people", "value": {"heading": "", "people": [person.pk]}}],
    )
    job_title = english_page(client, page).select_one(".contact-card__title")

    assert (text_of(job_title), job_title.get("lang")) == ("Viestintäasiantuntija", "fi")
