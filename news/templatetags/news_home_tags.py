"""The home page's latest releases (news/wagtail_hooks.py registers the section)."""

from django import template

from pirsote.core.visibility import public_pages

from ..models import NewsIndexPage, live_releases, with_card_data

register = template.Library()

HOME_PAGE_RELEASES = 3


@register.simple_tag
def home_latest_releases():
    """{"releases": the newest releases the public sees, "newsroom": the newsroom} or None.

    A fixed number of queries however many releases: the newest few, with what their cards
    show (with_card_data).
    """
    newsroom = public_pages(NewsIndexPage.objects).first()
    if newsroom is None:
        return None
    releases = list(
        with_card_data(live_releases().order_by("-first_published_at", "-pk"))[:HOME_PAGE_RELEASES]
    )
    return {"releases": releases, "newsroom": newsroom} if releases else None
