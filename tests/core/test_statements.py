"""The demo's statements and texts say what the law asks and only what is true.

The accessibility statement (Act on the Provision of Digital Services 306/2019) gives its
date and the supervising authority's contact details; the privacy statement says what the
e-mail subscription keeps, for how long and how to have it deleted. Read from the demo
content itself (no database): tests/core/test_cookies_declared.py checks the built pages.
The header's search field has a label a sighted visitor sees.
"""

import re

from django.utils.html import strip_tags

import pytest

from pirsote.demo.content import news, site
from pirsote.demo.specs import Bi
from tests.core.helpers import get_html, text_of

LANGUAGES = ["fi", "en"]
DATES = {
    "fi": r"\b\d{1,2}\.\d{1,2}\.20\d\d\b",
    "en": r"\b\d{1,2} (January|February|March|April|May|June|July|August|September|October|"
    r"November|December) 20\d\d\b",
}


def texts(value, language):
    """Every text in a spec's value (Bi, dicts, lists) in `language`, tags left in."""
    if isinstance(value, Bi):
        yield from texts(getattr(value, language), language)
    elif isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from texts(item, language)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from texts(item, language)


def page_html(spec, language):
    return " ".join(texts([spec.title, spec.intro, spec.body], language))


def page_text(spec, language):
    return " ".join(strip_tags(page_html(spec, language)).split())


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_accessibility_statement_gives_its_date(language):
    text = page_text(site.ACCESSIBILITY_STATEMENT, language)

    assert re.search(DATES[language], text), text


@pytest.mark.parametrize(
    ("language", "authority", "unit", "address"),
    [
        (
            "fi",
            "Liikenne- ja viestintävirasto Traficom",
            "Saavutettavuusvalvonta",
            "www.saavutettavuusvaatimukset.fi",
        ),
        (
            "en",
            "Finnish Transport and Communications Agency Traficom",
            "Accessibility monitoring",
            "www.webaccessibility.fi",
        ),
    ],
)
def test_the_accessibility_statement_gives_the_supervising_authoritys_contact_details(
    language, authority, unit, address
):
    html = page_html(site.ACCESSIBILITY_STATEMENT, language)
    text = page_text(site.ACCESSIBILITY_STATEMENT, language)

    for detail in (authority, unit, address, "saavutettavuus@traficom.fi", "29 534 5000"):
        assert detail in text
    assert 'href="mailto:saavutettavuus@traficom.fi"' in html
    assert f'href="https://{address}"' in html


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "fi",
            [
                "Ennen kuin vahvistat tilauksen, emme tallenna osoitettasi",
                "Tietoja säilytetään niin kauan kuin tilaus on voimassa",
                "peruminen poistaa heti osoitteesi",
                site.PRIVACY_EMAIL,
            ],
        ),
        (
            "en",
            [
                "Until you confirm the subscription, we do not store your address",
                "The data is kept for as long as the subscription lasts",
                "cancelling immediately deletes your address",
                site.PRIVACY_EMAIL,
            ],
        ),
    ],
)
def test_the_privacy_statement_says_what_a_subscription_keeps_and_how_to_delete_it(
    language, expected
):
    text = page_text(site.PRIVACY_STATEMENT, language)

    for sentence in expected:
        assert sentence in text
    assert re.search(DATES[language], text)


def test_the_privacy_statement_gives_the_settings_own_figures(settings):
    text = page_text(site.PRIVACY_STATEMENT, "en")

    days = settings.SUBSCRIPTIONS_CONFIRM_MAX_AGE // (24 * 60 * 60)
    assert f"which works for {days} days" in text
    assert f"after {settings.STAFF_SESSION_IDLE_TIMEOUT // 60} minutes without activity" in text


@pytest.mark.parametrize(
    ("language", "not_shown"),
    [("fi", ["video", "yhteyshenkilö"]), ("en", ["video", "contact"])],
)
def test_the_newsroom_intro_promises_only_what_the_newsroom_shows(language, not_shown):
    intro = getattr(news.NEWSROOM.intro, language).lower()

    for word in not_shown:
        assert word not in intro


@pytest.mark.parametrize(
    ("language", "label"), [("fi", "Hae sivustolta"), ("en", "Search the site")]
)
def test_the_header_search_field_has_a_visible_label(client, home_page, language, label):
    document = get_html(client, "/" if language == "fi" else "/en/")

    form = document.select_one("header .site-search")
    field = form.select_one("input[type=search]")
    visible = form.select_one(f'label[for="{field["id"]}"]')
    assert text_of(visible) == label
    assert "visually-hidden" not in visible.get("class", [])
