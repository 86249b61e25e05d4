"""Listings link a window of pages: the first, the last and two either side of this one."""

from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.utils import translation

import pytest
from bs4 import BeautifulSoup

from tests.core.helpers import text_of


def pagination(number_of_pages, current, filter_query=""):
    page_obj = Paginator(range(number_of_pages * 10), 10).page(current)
    html = render_to_string(
        "components/pagination.html", {"page_obj": page_obj, "filter_query": filter_query}
    )
    return BeautifulSoup(html, "html.parser")


def items(document):
    return [text_of(li).replace("Sivu ", "").replace("Page ", "") for li in document.select("li")]


def test_a_deep_page_links_the_ends_and_its_neighbours_only():
    document = pagination(1000, 500)

    gap = str(Paginator.ELLIPSIS)  # Django's, in the active language
    assert items(document) == [
        "Edellinen sivu", "1", gap, "498", "499", "500", "501", "502", gap, "1000", "Seuraava sivu"
    ]  # fmt: skip
    assert document.select_one('[aria-current="page"]').get_text(" ", strip=True) == "Sivu 500"
    assert document.select_one('a[rel="prev"]')["href"] == "?page=499"


@pytest.mark.parametrize("number_of_pages", [12, 1000, 100_000])
def test_the_number_of_links_does_not_grow_with_the_pages(number_of_pages):
    for current in (1, number_of_pages // 2, number_of_pages):
        assert len(pagination(number_of_pages, current).select("a")) <= 9


def test_few_pages_are_all_linked_without_gaps():
    assert items(pagination(4, 2)) == [
        "Edellinen sivu", "1", "2", "3", "4", "Seuraava sivu"
    ]  # fmt: skip


def test_gaps_are_hidden_from_screen_readers_and_links_keep_the_filters():
    with translation.override("en"):
        document = pagination(50, 25, filter_query="keyword=sote-keskus")

        gap = str(Paginator.ELLIPSIS)
    gaps = [li for li in document.select("li") if text_of(li) == gap]
    assert len(gaps) == 2
    assert all(gap["aria-hidden"] == "true" for gap in gaps)
    assert {a["href"] for a in document.select("a")} >= {
        "?keyword=sote-keskus&page=1",
        "?keyword=sote-keskus&page=50",
    }
    assert document.select_one("nav")["aria-label"] == "Pagination"
