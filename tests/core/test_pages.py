"""Every page type and every body block renders in Finnish and in English."""

import pytest

from pirsote.core.models import Licence
from tests.core.helpers import get_html, gettext_in, text_of, url_in
from tests.factories import _BODY_TEXTS as BODY_TEXTS
from tests.factories import ReformPageFactory, SectionIndexPageFactory

LANGUAGES = ["fi", "en"]
PAGE_KINDS = ["home", "section", "goals"]

pytestmark = pytest.mark.django_db


@pytest.fixture(params=PAGE_KINDS)
def page(request, reform_site):
    """Each page type of the reform site in turn: HomePage, SectionIndexPage, ReformPage."""
    return getattr(reform_site, request.param)


@pytest.fixture(params=LANGUAGES)
def language(request):
    return request.param


@pytest.fixture
def body(client, reform_site, language):
    """The rendered body (the block stream) of the ReformPage "Tavoitteet" in `language`."""
    document = get_html(client, url_in(reform_site.goals, language))
    return document.select_one("main .stream")


def title_in(page, language):
    return getattr(page, f"title_{language}")


def test_page_renders_with_html_lang_and_title_in_its_language(client, page, language):
    document = get_html(client, url_in(page, language))
    site_name = gettext_in(language, "Pirkanmaa health and social services reform")

    assert document.html["lang"] == language
    assert document.title.string == f"{title_in(page, language)} | {site_name}"
    assert text_of(document.select_one("main h1")) == title_in(page, language)


def test_page_shows_its_lead_in_its_language(client, page, language):
    document = get_html(client, url_in(page, language))

    assert text_of(document.select_one("main .lead")) == getattr(page, f"intro_{language}")


BLOCK_SELECTORS = {
    "heading": ".block-heading",
    "paragraph": ".block-text",
    "image": "figure.block-image img",
    "quote": "figure.block-quote",
    "fact_figures": ".block-facts .fact",
    "link_list": ".block-links a",
    "video": "figure.block-video video",
    "contact_people": ".block-contacts .contact-card",
}


def test_every_page_type_renders_every_body_block(client, page, language):
    stream = get_html(client, url_in(page, language)).select_one("main .stream")

    missing = [name for name, selector in BLOCK_SELECTORS.items() if not stream.select(selector)]
    assert missing == []
    assert not stream.has_attr("lang")


def test_heading_blocks_render_at_their_levels_in_page_language(body, language):
    texts = BODY_TEXTS[language]

    assert text_of(body.select_one("h2.block-heading")) == texts["heading"]
    assert text_of(body.select_one("h3.block-heading")) == texts["subheading"]


def test_paragraph_block_renders_rich_text_in_page_language(body, language):
    paragraph = body.select_one(".block-text")
    link = paragraph.select_one("a")

    assert paragraph.select_one("b") is not None
    assert len(paragraph.select("ul li")) == 2
    expected_href = {"fi": "https://example.fi/sote", "en": "https://example.fi/en/reform"}
    assert link["href"] == expected_href[language]
    assert BODY_TEXTS[language]["caption"] not in text_of(paragraph)


def test_image_block_shows_caption_credit_and_translated_alt_text(body, language, reform_site):
    figure = body.select_one("figure.block-image")
    image = figure.select_one("img")
    licence = str(gettext_in(language, Licence.CC_BY_4.label))
    credit = f"{gettext_in(language, 'Image')}: Pirkanmaan liitto, {licence}"

    assert image["alt"] == getattr(reform_site.image, f"description_{language}")
    assert not image.has_attr("lang")
    assert ".width-800." in image["src"]
    assert text_of(figure.select_one(".block-image__caption")) == BODY_TEXTS[language]["caption"]
    assert text_of(figure.select_one(".image-credit")) == credit


def test_quote_block_renders_quote_and_attribution(body, language):
    quote = body.select_one("figure.block-quote")

    assert text_of(quote.select_one("blockquote")) == BODY_TEXTS[language]["quote"]
    assert text_of(quote.select_one("figcaption")) == BODY_TEXTS[language]["attribution"]


def test_fact_figures_block_writes_figures_and_units_the_language_way(body, language):
    facts = body.select_one(".block-facts")
    expected_values = {
        "fi": ["5\xa0921\xa0081\xa0€", "12,5\xa0%", "48\xa0000"],
        "en": ["€5,921,081", "12.5%", "48,000"],
    }

    assert text_of(facts.select_one("h2")) == BODY_TEXTS[language]["facts"]
    assert [v.get_text() for v in facts.select(".fact__value")] == expected_values[language]
    labels = [text_of(label) for label in facts.select(".fact__label")]
    assert labels == list(BODY_TEXTS[language]["fact_labels"])


def test_link_list_links_internal_page_in_page_language_and_marks_external_site(
    body, language, reform_site
):
    internal, external = body.select(".block-links li a")

    assert internal["href"] == url_in(reform_site.section, language)
    assert text_of(internal) == title_in(reform_site.section, language)
    assert not internal.has_attr("lang")
    assert external["href"] == "https://stm.fi/hyvinvointialueet"
    external_site = gettext_in(language, "external site")
    assert text_of(external) == f"{BODY_TEXTS[language]['external']} ({external_site})"


def test_contact_people_block_shows_card_with_translated_job_title(body, language, reform_site):
    card = body.select_one(".block-contacts .contact-card")
    job_title = {"fi": "Hankejohtaja", "en": "Programme director"}[language]

    assert text_of(body.select_one(".block-contacts h2")) == BODY_TEXTS[language]["contacts"]
    assert text_of(card.select_one(".contact-card__name")) == "Eeva Esimerkki"
    assert text_of(card.select_one(".contact-card__title")) == job_title
    assert not card.select_one(".contact-card__title").has_attr("lang")
    assert card.select_one('a[href^="mailto:"]')["href"] == f"mailto:{reform_site.person.email}"
    assert card.select_one('a[href^="tel:"]')["href"] == "tel:+358400000000"


def test_video_block_offers_captions_in_page_language(body, language):
    video = body.select_one("figure.block-video video")

    assert video.select_one("source")["src"].endswith(".mp4")
    assert video.select_one("track")["srclang"] == language
    assert text_of(body.select_one(".block-video figcaption")) == BODY_TEXTS[language]["video"]


def test_home_page_lists_sections_shown_in_menus(client, reform_site, language):
    hidden = SectionIndexPageFactory(parent=reform_site.home, show_in_menus=False)
    document = get_html(client, url_in(reform_site.home, language))

    cards = [text_of(a) for a in document.select(".card-grid .card__title a")]
    assert cards == [title_in(reform_site.section, language)]
    assert title_in(hidden, language) not in cards


@pytest.fixture
def section_with_30_children(home_page):
    section = SectionIndexPageFactory(parent=home_page, title_fi="Ajankohtaista", title_en="News")
    for number in range(1, 31):
        ReformPageFactory(
            parent=section, title_fi=f"Alasivu {number:02}", title_en=f"Subpage {number:02}"
        )
    return section


def listed_titles(document):
    return [text_of(a) for a in document.select(".card-grid .card__title a")]


def current_page_number(document):
    return document.select_one('.pagination [aria-current="page"]').contents[-1].strip()


@pytest.mark.parametrize(
    ("query", "first", "last", "number"),
    [
        ("", 1, 12, "1"),
        ("?page=2", 13, 24, "2"),
        ("?page=3", 25, 30, "3"),
        ("?page=4", 25, 30, "3"),
        ("?page=99", 25, 30, "3"),
    ],
    ids=["first", "second", "last", "one-past-the-end", "far-out-of-range"],
)
def test_section_index_pages_its_children(
    client, section_with_30_children, query, first, last, number
):
    document = get_html(client, url_in(section_with_30_children, "fi") + query)

    expected = [f"Alasivu {n:02}" for n in range(first, last + 1)]
    assert listed_titles(document) == expected
    assert current_page_number(document) == number


def test_section_index_pagination_links_lead_to_neighbouring_pages(
    client, section_with_30_children
):
    document = get_html(client, url_in(section_with_30_children, "en") + "?page=2")

    assert document.select_one('.pagination a[rel="prev"]')["href"] == "?page=1"
    assert document.select_one('.pagination a[rel="next"]')["href"] == "?page=3"
    assert listed_titles(document)[0] == "Subpage 13"
