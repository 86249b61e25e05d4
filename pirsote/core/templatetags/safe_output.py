"""Template filters that keep stored content safe on output (pirsote.core.safe_urls, .safe_html)."""

from django import template

from ..safe_html import clean_html as _clean_html
from ..safe_urls import safe_url as _safe_url

register = template.Library()


@register.filter
def safe_url(value):
    """The stored URL if it is safe as a link target, else '': `{% if x|safe_url %}<a ...>`."""
    return _safe_url(value)


@register.filter
def clean_html(value):
    """Expanded rich text with only the elements and links rich text may have."""
    return _clean_html(value)
