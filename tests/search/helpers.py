"""Reading the search page as a visitor does: the results' titles, types and snippets."""

from django.urls import reverse
from django.utils import translation

from tests.core.helpers import get_html, text_of


def search_url(language="fi"):
    with translation.override(language):
        return reverse("search:search")


def search(client, q, language="fi", **params):
    """The parsed search page for `q` (a 200, not a redirect)."""
    return get_html(client, search_url(language), data={"q": q, **params})


def result_titles(document):
    return [
        text_of(title) for title in document.select(".search-result-list .search-result__title")
    ]


def results(document):
    return document.select(".search-result-list > .search-result")
