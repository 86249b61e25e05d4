"""The site search page: /haku/ in Finnish, /en/search/ in English."""

from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from wagtail.models import Site

from ..archive import is_static_export
from ..archive.az import az_index
from ..listing import paginate
from . import query as site_search
from .types import result_types

RESULTS_PER_PAGE = 10
# Page numbers longer than this are not pages of any search.
MAX_PAGE_DIGITS = 6


def canonical_params(request, query):
    """The search's parameters as the page's own address names them, junk left out."""
    params = {}
    if query.text:
        params["q"] = query.text
    kind = request.GET.get("type", "")
    if query and kind in {kind.key for kind in result_types()}:
        params["type"] = kind
    page = request.GET.get("page", "")
    if query and page.isascii() and page.isdigit() and len(page) <= MAX_PAGE_DIGITS:
        params["page"] = page
    return params


def other_language_search(query, language):
    """The same search on the site's other language: (language code, address), or None."""
    other = next((code for code, _name in settings.LANGUAGES if code != language), None)
    if other is None or not query.text:
        return None
    with translation.override(other):
        return other, f"{reverse('search:search')}?{urlencode({'q': query.text})}"


@require_GET
def search(request):
    """Results of the visitor's query, best first, filterable by type and paginated.

    Whatever the query string holds, the answer is this page: a query that is too long or
    holds control characters, an unknown type or a page number that is no number is
    redirected once to the address of the search it amounts to.
    """
    if is_static_export(request):  # the static archive has no search: an A–Z index instead
        return az_index(request)
    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    query = site_search.SearchQueryText(request.GET.get("q", ""))
    params = canonical_params(request, query)
    if {key: request.GET.getlist(key) for key in request.GET} != {
        key: [value] for key, value in params.items()
    }:
        return redirect(f"{request.path}?{urlencode(params)}" if params else request.path)

    language = get_language()
    kinds = result_types()
    chosen = params.get("type", "")
    results, counts = site_search.search(
        query, language=language, site=site, result_type=chosen or None
    )
    # The counts by type already say how many results there are: the paginator need not
    # run the search a third time to count them.
    total = sum(counts.values())
    page_obj = paginate(
        request, results, RESULTS_PER_PAGE, count=counts.get(chosen, 0) if chosen else total
    )
    base_params = {"q": query.text} if query.text else {}
    type_links = [
        {
            "key": "",
            "label": None,
            "count": total,
            "url": f"?{urlencode(base_params)}",
            "is_current": not chosen,
        },
        *(
            {
                "key": kind.key,
                "label": kind.plural,
                "count": counts.get(kind.key, 0),
                "url": f"?{urlencode({**base_params, 'type': kind.key})}",
                "is_current": chosen == kind.key,
            }
            for kind in kinds
            if counts.get(kind.key) or chosen == kind.key
        ),
    ]
    labels = {kind.key: kind.label for kind in kinds}
    for entry in page_obj:
        entry.type_label = labels.get(entry.result_type, "")
        entry.snippet = site_search.snippet(entry.text, query)
        entry.url = entry.page.get_url(request) if entry.page else ""
    return render(
        request,
        "core/search.html",
        {
            "query": query,
            "page_obj": page_obj,
            "total": total,
            "type_links": type_links if query else [],
            "promotions": site_search.promotions(query, site) if page_obj.number == 1 else [],
            "filter_query": urlencode({key: v for key, v in params.items() if key != "page"}),
            # Result pages are for visitors, not for search engines' indexes.
            "noindex": bool(query),
            # Nothing found: the other language's pages may have it in their words.
            "other_language_search": other_language_search(query, language) if not total else None,
        },
    )
