from django import template
from django.utils import formats, timezone
from django.utils.dateformat import format as date_format

from pirsote.core.visibility import public_pages

register = template.Library()


@register.filter
def release_time(value):
    """`4.9.2025 10.04 EEST` in Finnish, `4 September 2025, 10:04 EEST` in English.

    Shown in Helsinki time with its zone, as news services print it.
    """
    if not value:
        return ""
    local = timezone.localtime(value)
    return f"{formats.date_format(local, 'DATETIME_FORMAT')} {date_format(local, 'T')}"


@register.filter
def file_format(image):
    """The original's format for a download link: JPEG, PNG, WEBP..."""
    return image.file.name.rsplit(".", 1)[-1].upper().replace("JPG", "JPEG")


@register.inclusion_tag("tags/project_releases.html", takes_context=True)
def project_releases(context, project, count=3):
    """A project's latest releases on its page, with a link to all of them in the newsroom."""
    from ..models import NewsIndexPage, live_releases, with_card_data

    newsroom = public_pages(NewsIndexPage.objects).first()
    releases = []
    if newsroom:
        releases = list(
            with_card_data(live_releases().filter(projects=project)).order_by(
                "-first_published_at", "-pk"
            )[: count + 1]
        )
    return {
        "request": context.get("request"),
        "project": project,
        "newsroom": newsroom,
        "releases": releases[:count],
        "has_more": len(releases) > count,
    }
