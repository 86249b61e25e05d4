"""{% home_page_sections %} and {% site_footer_links %}: see pirsote.core.site_extras."""

from django import template

from .. import site_extras

register = template.Library()


@register.simple_tag
def home_page_sections():
    return site_extras.home_page_sections()


@register.simple_tag
def site_footer_links(sunset=False):
    return site_extras.footer_links(sunset=sunset)
