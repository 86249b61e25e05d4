"""Small helpers the projects app's page tests share."""

from tests.core.helpers import text_of


def card_titles(document, selector=".card-grid .card__title"):
    return [text_of(title) for title in document.select(selector)]


def facts(container):
    """{label: value element} of a <dl> whose dt/dd pairs may be wrapped in <div>s."""
    return {text_of(term): term.find_next_sibling("dd") for term in container.select("dt")}
