"""Stored rich text made safe to show, whatever reached the database.

Wagtail's editor only ever stores the elements of its features, but rich text written
through the ORM (an import, a migration, the shell) is shown as it is by `expand_db_html`.
`clean_html` keeps the elements the site's rich text features produce, with their link
targets checked by pirsote.core.safe_urls, and escapes everything else: a `<script>`
becomes its text, an `onclick` disappears. It runs on Wagtail's expanded HTML, so internal
page and document links (already turned into addresses) pass through.

Every rich text reaches a page through Wagtail's `wagtailcore/shared/richtext.html`
(the `|richtext` filter and `RichText` values alike): templates/wagtailcore/shared/richtext.html
applies it there; the API applies it in pirsote.core.blocks.SafeRichTextBlock.
"""

from functools import lru_cache

from django.utils.safestring import mark_safe

from wagtail.whitelist import Whitelister, allow_without_attributes, attribute_rule

from .safe_urls import safe_url


def _link_target(value):
    return safe_url(value) or None  # None: Wagtail's whitelister drops the attribute


class RichTextWhitelister(Whitelister):
    """The elements of the site's rich text features (pirsote.core.blocks.RICH_TEXT_FEATURES)."""

    element_rules = {
        "[document]": allow_without_attributes,
        "a": attribute_rule({"href": _link_target}),
        "b": allow_without_attributes,
        "strong": allow_without_attributes,
        "i": allow_without_attributes,
        "em": allow_without_attributes,
        "br": allow_without_attributes,
        "p": allow_without_attributes,
        "div": allow_without_attributes,
        "h2": allow_without_attributes,
        "h3": allow_without_attributes,
        "h4": allow_without_attributes,
        "h5": allow_without_attributes,
        "h6": allow_without_attributes,
        "ol": allow_without_attributes,
        "ul": allow_without_attributes,
        "li": allow_without_attributes,
        "sub": allow_without_attributes,
        "sup": allow_without_attributes,
        "hr": allow_without_attributes,
    }

    def clean_tag_node(self, doc, tag):
        # The text of a script or style is code, not content: removed rather than shown.
        if tag.name in {"script", "style", "template", "noscript", "iframe", "object"}:
            tag.decompose()
            return
        super().clean_tag_node(doc, tag)


_whitelister = RichTextWhitelister()


@lru_cache(maxsize=1024)
def _clean(html):
    return _whitelister.clean(html)


def clean_html(html):
    """`html` (expanded rich text) with only safe elements, attributes and links, marked safe.

    Pages show the same texts over and over: the result is remembered per text.
    """
    if not html:
        return mark_safe("")
    return mark_safe(_clean(str(html)))
