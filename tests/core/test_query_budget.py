"""Listing pages cost a fixed number of SQL queries, however many pages they list.

Measured on SQLite and PostgreSQL for an anonymous visitor with a cold cache (renditions
exist but are not cached), the children being section index and reform pages, each with
its own listing image:

    home page, 3 or 50 in-menu children as cards         15 queries
    section index, 3 or 50 children (12 cards a page)    19 queries

Of these, each listed page type costs two: its specific rows and its images' renditions.
Before with_listing_images() every card cost an image query and, uncached, a rendition
query: 3 → 50 children took the home page from 19 to 113 queries, the section index from
23 to 41.
Raise a budget only knowingly, and say why.
"""

import pytest

from tests.core.helpers import get_html, queries_to_render, url_in
from tests.factories import ImageFactory, ReformPageFactory, SectionIndexPageFactory

pytestmark = pytest.mark.django_db

HOME_PAGE_BUDGET = 15
SECTION_INDEX_BUDGET = 19
FEW, MANY = 3, 50


def add_children(parent, count):
    """`count` more children of both listable types, each with a listing image, in menus."""
    start = parent.get_children().count()
    for number in range(start, start + count):
        # Explicit titles: the two page factories' sequences can give siblings the same slug.
        factory = SectionIndexPageFactory if number % 2 else ReformPageFactory
        factory(
            parent=parent,
            title_fi=f"Alasivu {number}",
            title_en=f"Subpage {number}",
            show_in_menus=True,
            listing_image=ImageFactory(),
        )


def queries_with_few_and_many_children(client, listing_page, language):
    url = url_in(listing_page, language)
    add_children(listing_page, FEW)
    with_few = queries_to_render(client, url)
    add_children(listing_page, MANY - FEW)
    with_many = queries_to_render(client, url)
    return with_few, with_many


@pytest.mark.parametrize("language", ["fi", "en"])
def test_home_page_queries_do_not_grow_with_number_of_sections(client, home_page, language):
    with_few, with_many = queries_with_few_and_many_children(client, home_page, language)

    assert with_few == with_many, f"{FEW} sections: {with_few} queries, {MANY}: {with_many}"
    assert with_many <= HOME_PAGE_BUDGET


@pytest.mark.parametrize("language", ["fi", "en"])
def test_section_index_queries_do_not_grow_with_number_of_children(client, home_page, language):
    section = SectionIndexPageFactory(parent=home_page, listing_image=ImageFactory())

    with_few, with_many = queries_with_few_and_many_children(client, section, language)

    assert with_few == with_many, f"{FEW} children: {with_few} queries, {MANY}: {with_many}"
    assert with_many <= SECTION_INDEX_BUDGET


@pytest.mark.parametrize("listing", ["home", "section"])
def test_listing_cards_show_each_childs_own_listing_image(client, home_page, listing):
    # The prefetching that keeps the budget must still give every card its own image.
    parent = home_page if listing == "home" else SectionIndexPageFactory(parent=home_page)
    add_children(parent, FEW)
    document = get_html(client, url_in(parent, "fi"))

    shown = [image["src"] for image in document.select(".card-grid .card img")]
    children = parent.get_children().specific().order_by("path")
    assert shown == [child.listing_image.get_rendition("fill-480x270").url for child in children]
