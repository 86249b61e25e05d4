from django import template
from django.conf import settings
from django.core.cache import cache
from django.db.models import Exists, OuterRef, Q
from django.http import QueryDict
from django.urls import translate_url
from django.utils import translation
from django.utils.html import format_html

from modeltranslation.utils import build_localized_fieldname
from wagtail.models import Page, PageViewRestriction, Site

from .. import content_version
from ..absolute_urls import absolute_url
from ..dates import format_partial_date, format_period
from ..formatting import format_euros, format_number
from ..sharing import share_image as page_share_image
from ..structured_data import json_ld, with_image

register = template.Library()

MAX_KEPT_PARAM_LENGTH = 20
# Menus and fragments are dropped at every change anyway; this only bounds their life.
MENU_CACHE_SECONDS = 24 * 60 * 60


@register.filter
def euros(amount):
    """`5 921 081 €` in Finnish, `€5,921,081` in English."""
    return format_euros(amount)


@register.filter
def partial_date(value, precision="day"):
    """A date shown as precisely as it is known: `1.7.2021`, `kesä 2020`, `2020`."""
    return format_partial_date(value, precision)


@register.simple_tag
def period(start, end, precision="day"):
    """`2020–2022`, `from 2020`, `until 2022` in the active language; '' when unknown."""
    return format_period(start, end, precision)


def _is_fallback(obj, field_name):
    """True when the active language has no value of its own and the Finnish one shows."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    if language == settings.MODELTRANSLATION_DEFAULT_LANGUAGE or obj is None:
        return False
    own = getattr(obj, build_localized_fieldname(field_name, language), None)
    default = getattr(
        obj, build_localized_fieldname(field_name, settings.MODELTRANSLATION_DEFAULT_LANGUAGE), None
    )
    return not own and bool(default)


@register.simple_tag
def fallback_lang(obj, field_name):
    """` lang="fi"` on an element whose text falls back to Finnish, else nothing."""
    language = fallback_language(obj, field_name)
    return format_html(' lang="{}"', language) if language else ""


@register.filter
def is_untranslated(obj):
    """True when any of a page's translated content fields is shown in Finnish."""
    fields = getattr(obj, "translated_content_fields", ("title",))
    return any(_is_fallback(obj, name) for name in fields)


@register.simple_tag(takes_context=True)
def language_versions(context):
    """The current page (or view) in each language: code, name, URL, absolute URL, current."""
    request = context.get("request")
    page = context.get("page")
    current = translation.get_language()
    versions = []
    subpath = ""
    if isinstance(page, Page) and request and hasattr(page, "reverse_subpage"):
        own_url = page.get_url(request)
        if own_url and request.path.startswith(own_url):
            subpath = request.path[len(own_url) :]
    for code, name in settings.LANGUAGES:
        if not isinstance(page, Page):
            # Outside override(): translate_url() resolves the path in the request's language.
            url = translate_url(request.get_full_path() if request else "/", code)
        with translation.override(code):
            if isinstance(page, Page):
                url = page.get_url(request)
                # A routable page's sub-view (e.g. a newsroom's media bank) has the same
                # route in every language, under the page's translated address.
                if url and subpath:
                    url += subpath
                # Keep the visitor's place (e.g. page 2 of a listing), and nothing else.
                kept = QueryDict(mutable=True)
                for param in getattr(page, "language_switch_query_params", ()):
                    if request and request.GET.get(param):
                        kept[param] = request.GET[param][:MAX_KEPT_PARAM_LENGTH]
                if kept:
                    url = f"{url}?{kept.urlencode()}"
            native_name = translation.gettext(name)
        versions.append(
            {
                "code": code,
                "name": native_name,
                "url": url,
                "absolute_url": absolute_url(url, request) if url else None,
                "is_current": code == current,
            }
        )
    return versions


def public_children(page):
    """The children of `page` that no view restriction covers, found in one query.

    What `.public()` gives, without its query of every restriction of the site first: the
    menu is on every page, and that query is what pays for the page's own share image.
    """
    steps = range(Page.steplen, len(page.path) + 1, Page.steplen)
    restricted = PageViewRestriction.objects.filter(
        Q(page_id=OuterRef("pk")) | Q(page__path__in=[page.path[:end] for end in steps])
    )
    return Page.objects.child_of(page).filter(~Exists(restricted))


def menu_items(site, request):
    """The main menu's pages as (title, lang attribute, URL, url_path): read once per change.

    Kept in the cache under the content version (pirsote.core.content_version), per site
    and language, so that pages cost no menu query until something is published.
    """
    key = f"main-menu:{site.pk}:{translation.get_language()}"
    version = content_version.for_request(request)
    items = cache.get(key, version=version)
    if items is None:
        items = [
            (item.title, fallback_lang(item, "title"), item.get_url(request), item.url_path)
            for item in public_children(site.root_page).live().in_menu()
        ]
        cache.set(key, items, MENU_CACHE_SECONDS, version=version)
    return items


@register.inclusion_tag("tags/main_menu.html", takes_context=True)
def main_menu(context):
    request = context["request"]
    current_page = context.get("page")
    site = Site.find_for_request(request)
    current_path = current_page.url_path if isinstance(current_page, Page) else None
    items = [
        {
            "title": title,
            "fallback_lang": lang,
            "url": url,
            "is_current": current_path == url_path,
            "is_ancestor": bool(current_path and current_path.startswith(url_path)),
        }
        for title, lang, url, url_path in (menu_items(site, request) if site else [])
    ]
    return {"items": items, "request": request}


@register.simple_tag(takes_context=True)
def fragment_version(context):
    """What a site-wide fragment cache key varies on: the site and the content version.

    For `{% wagtailcache %}` around the footer and other fragments that change only when
    the site's content does; Wagtail's tag skips the cache in previews.
    """
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    return f"{site.pk if site else 0}-{content_version.for_request(request)}"


@register.inclusion_tag("tags/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page):
    """The trail to `page`. A routable view of a page (such as a newsroom's media bank) puts
    its own name in the context as `breadcrumb_current`: the page is then a link, and the
    view's name the current item."""
    request = context["request"]
    ancestors = page.get_ancestors().filter(depth__gt=1) if page.depth > 2 else []
    current = context.get("breadcrumb_current")
    return {"ancestors": ancestors, "page": page, "request": request, "current": current}


@register.simple_tag
def page_window(page_obj):
    """The page numbers a listing links to: the first, the last and two either side of this one.

    Django's elided range: the list of links stays the same length however many pages
    there are, with the paginator's ELLIPSIS where numbers are left out.
    """
    return list(
        page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1)
    )


@register.simple_tag
def lang_attr_if_differs(code):
    """`lang` for text in another language than the page, e.g. the switcher's own name."""
    if code != translation.get_language():
        return format_html(' lang="{}"', code)
    return ""


@register.simple_tag
def fact_figure(value, unit=""):
    """A fact figure with its unit in the active language's style."""
    if value is None:
        return ""
    if unit == "eur":
        return format_euros(value)
    # As many decimals as the figure has, at most the two the block stores.
    decimal_pos = min(2, max(0, -value.normalize().as_tuple().exponent))
    number = format_number(value, decimal_pos)
    if unit == "percent":
        return f"{number}\xa0%" if translation.get_language() == "fi" else f"{number}%"
    return number


@register.simple_tag
def fallback_language(obj, field_name):
    """The language a field's text is shown in when it falls back ("fi"), else ""."""
    return settings.MODELTRANSLATION_DEFAULT_LANGUAGE if _is_fallback(obj, field_name) else ""


@register.simple_tag(takes_context=True)
def structured_data(context):
    """The page's schema.org description as JSON-LD, if its type has one."""
    page = context.get("page")
    request = context.get("request")
    describe = getattr(page, "structured_data", None)
    if not (callable(describe) and request):
        return ""
    return json_ld(with_image(describe(request), page_share_image(page, request)))


@register.simple_tag(takes_context=True)
def share_image(context):
    """The page's image for social media cards (pirsote.core.sharing): url, width, height, alt."""
    return page_share_image(context["page"], context.get("request"))
