"""What feature apps add to the core's home page and footer, without the core naming them.

Two Wagtail hooks, registered in a feature app's wagtail_hooks.py:

- ``register_home_page_section``: a function of no arguments returning the name of a template
  that the home page includes after its section cards (with the page's context), or None.
- ``register_site_footer_link``: a function of no arguments returning ``{"label": ...,
  "url": ...}`` in the active language, or None; the footer lists them under "Follow us".
  With ``"until_sunset": True`` the link goes away in sunset mode (pirsote.core.sunset).

Both are read with `hooks.get_hooks()`, in their `order`. The footer is cached per language
until the next change (templates/components/site_footer.html), so a link must not depend on
the request.
"""

from wagtail import hooks

HOME_PAGE_SECTIONS = "register_home_page_section"
FOOTER_LINKS = "register_site_footer_link"


def home_page_sections():
    """The template names the home page includes, in hook order."""
    return [name for hook in hooks.get_hooks(HOME_PAGE_SECTIONS) if (name := hook())]


def footer_links(sunset=False):
    """The footer's contributed links: dicts with "label" and "url", in hook order; in sunset
    mode without those that are only for a running project."""
    links = [link for hook in hooks.get_hooks(FOOTER_LINKS) if (link := hook())]
    return [link for link in links if not (sunset and link.get("until_sunset"))]
