from django import template
from django.utils import formats, timezone
from django.utils.dateformat import format as date_format

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
