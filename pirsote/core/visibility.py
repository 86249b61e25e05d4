"""What the public may see of the page tree: one definition for the API, search and listings."""

from django.db.models import Exists, OuterRef
from django.db.models.functions import Length, Substr

from wagtail.models import Page


def visible_pages(site, model=Page):
    """Pages of `site` that an anonymous visitor may see, as `model`.

    Live and public (no view restriction on them or above them), and not under a page that
    is not live: Wagtail serves such pages, but nothing public links to them, and the
    site's own listings and sitemap leave them out. A fixed number of queries: one for the
    view restrictions, the rest is subqueries.
    """
    unpublished_ancestor = Page.objects.filter(
        live=False,
        depth__lt=OuterRef("depth"),
        path=Substr(OuterRef("path"), 1, Length("path")),
    )
    return (
        model.objects.descendant_of(site.root_page, inclusive=True)
        .live()
        .public()
        .exclude(Exists(unpublished_ancestor))
    )
