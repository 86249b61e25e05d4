"""Searching the site search's index: any query text in, live and public results out.

Whatever a visitor types (60 000 characters, NUL bytes, tsquery or SQL syntax) becomes at most
MAX_TERMS words of letters and digits, each standing for itself and its Finnish base forms.
On PostgreSQL every word is a plainto_tsquery() of those forms under the language's
text-search configurations, so nothing typed is ever query syntax; elsewhere the words are
matched against the entries' expanded word lists.
"""

import re

from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.db import connection
from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    Value,
    When,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast
from django.utils.html import escape
from django.utils.safestring import mark_safe

from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Page, ReferenceIndex

from modelsearch.utils import normalise_query_string

from ..visibility import visible_pages
from . import finnish

# Longer queries are cut here: no real question needs more, and the cost stays bounded.
MAX_QUERY_LENGTH = 200
MAX_TERMS = 12
# Text-search configurations a search in each language tries: an English entry's untranslated
# fields are Finnish, indexed with Finnish rules.
QUERY_CONFIGS = {"fi": ("finnish",), "en": ("english", "finnish")}
CONTROL_CHARACTERS_RE = re.compile(r"[\x00-\x1f\x7f]+")
SNIPPET_WORDS = 32


class SearchQueryText:
    """The visitor's query, cleaned: what is searched, what is shown back, and its words."""

    def __init__(self, raw):
        cleaned = " ".join(CONTROL_CHARACTERS_RE.sub(" ", raw or "").split())
        self.text = cleaned[:MAX_QUERY_LENGTH].strip()
        terms = list(dict.fromkeys(word.lower() for word in finnish.words(self.text)))
        self.words_cut = len(terms) > MAX_TERMS
        self.terms = terms[:MAX_TERMS]
        self.forms = [finnish.query_forms(term) for term in self.terms]

    def __bool__(self):
        return bool(self.terms)


def _visible(entries, site):
    """The site's pages that the public may see, and the contact people those pages name.

    A person is public once a visible page shows them (Wagtail's reference index knows which
    pages name whom): a contact added for a release that is not out yet stays out of sight.
    """
    from pirsote.core.models import ContactPerson

    visible = visible_pages(site)
    named_on_visible_page = ReferenceIndex.objects.filter(
        to_content_type=ContentType.objects.get_for_model(ContactPerson),
        to_object_id=Cast(OuterRef("person_id"), CharField()),
        base_content_type=ContentType.objects.get_for_model(Page),
        object_id__in=visible.annotate(id_text=Cast("pk", CharField())).values("id_text"),
    )
    return entries.filter(Q(page__in=visible) | Q(Exists(named_on_visible_page)))


def _stop_words(terms, config):
    """The terms that `config` drops as stop words ("the", "in"), asked of PostgreSQL."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT term FROM unnest(%s::text[]) AS term "
            "WHERE numnode(plainto_tsquery(%s::regconfig, term)) = 0",
            [list(terms), config],
        )
        return {row[0] for row in cursor.fetchall()}


def _matching(entries, query, language, full_text):
    if full_text:
        configs = QUERY_CONFIGS.get(language, ("simple",))
        # A stop word of the language's own configuration is no word to look for: the
        # fallback configuration would otherwise demand it ("the" in Finnish text) and an
        # English search for "the health centres" would find nothing.
        stop_words = _stop_words(query.terms, configs[0]) if len(configs) > 1 else set()
        tsquery = None
        for term, forms in zip(query.terms, query.forms, strict=True):
            if term in stop_words:
                continue
            term_query = None
            for form in forms:
                for config in configs:
                    one = SearchQuery(form, config=config, search_type="plain")
                    term_query = one if term_query is None else term_query | one
            tsquery = term_query if tsquery is None else tsquery & term_query
        if tsquery is None:  # nothing but stop words
            return entries.none().annotate(rank=Value(0))
        # Ranked by the title and lead words only (the generated column of migration 0005):
        # the full vector of every match is only matched, through its GIN index.
        rank_vector = RawSQL('"core_searchentry"."rank_vector"', (), SearchVectorField())
        return entries.filter(vector=tsquery).annotate(rank=SearchRank(rank_vector, tsquery))
    condition = Q()
    for term, forms in zip(query.terms, query.forms, strict=True):
        if language == "en":
            forms = [*forms, english_stem(term)]
        term_condition = Q()
        for form in forms:
            term_condition |= Q(terms__contains=f" {form}")
        condition &= term_condition
    first = query.terms[0]
    return entries.filter(condition).annotate(
        rank=Case(
            When(title__icontains=first, then=Value(1)), default=0, output_field=IntegerField()
        )
    )


# Endings stripped from an English word, longest first, for the plain matching of databases
# without English full-text search. Indexed words are matched by their beginning, so the
# stem finds every form: "grants" → "grant" finds "grant" and "grants", "centres" → "centr".
ENGLISH_ENDINGS = ("ies", "ing", "es", "ed", "ly", "s")
MIN_ENGLISH_STEM = 3


def english_stem(word):
    """The beginning that the English forms of `word` share, as a plain search matches them."""
    for ending in ENGLISH_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= MIN_ENGLISH_STEM:
            return word[: -len(ending)]
    return word


def search(query, *, language, site, result_type=None, full_text=None):
    """(results, counts by result type) for `query` in `language`; results best first.

    `full_text` (PostgreSQL's, by default where the database is PostgreSQL) can be turned
    off to see what the plain matching of other databases finds.
    """
    from pirsote.core.models import SearchEntry

    if not query:
        return SearchEntry.objects.none(), {}
    if full_text is None:
        full_text = connection.vendor == "postgresql"
    entries = _matching(
        _visible(SearchEntry.objects.filter(language=language), site), query, language, full_text
    )
    counts = dict(
        entries.order_by()
        .values_list("result_type")
        .annotate(count=Count("id"))
        .values_list("result_type", "count")
    )
    if result_type:
        entries = entries.filter(result_type=result_type)
    # The page and person of the ten results shown are read after the slice (prefetch), not
    # joined to every match before the sort; the heavy columns are only matched against.
    results = (
        entries.defer("terms", "vector")
        .prefetch_related("page", "person")
        .order_by("-rank", "title", "pk")
    )
    return results, counts


def promotions(query, site):
    """The editors' promoted results for this exact query: live, public pages and links.

    The promotions of the query are read first (a handful at most), then only their pages
    are checked against what the public may see, rather than every page of the site.
    """
    if not query:
        return []
    promoted = list(
        SearchPromotion.objects.filter(query__query_string=normalise_query_string(query.text))
        .select_related("page")
        .order_by("sort_order")
    )
    page_ids = [promotion.page_id for promotion in promoted if promotion.page_id]
    visible = (
        set(visible_pages(site).filter(pk__in=page_ids).values_list("pk", flat=True))
        if page_ids
        else set()
    )
    return [
        promotion
        for promotion in promoted
        if promotion.page_id is None or promotion.page_id in visible
    ]


def _stems(query):
    """Word beginnings that mark a hit in a snippet: "uudistu" marks "uudistuksen"."""
    stems = set()
    for forms in query.forms:
        for form in forms:
            stems.add(form[: max(4, len(form) - 2)])
    return stems


def snippet(text, query, words=SNIPPET_WORDS):
    """A passage of `text` around its first hit, the hits in <mark>, everything else escaped."""
    stems = _stems(query)
    matches = list(finnish.WORD_RE.finditer(text))
    if not matches:
        return ""

    def is_hit(match):
        word = match.group().lower()
        return any(stem in word for stem in stems)

    first = next((i for i, match in enumerate(matches) if is_hit(match)), 0)
    start = max(0, first - words // 4)
    window = matches[start : start + words]
    pieces = ["…" if start > 0 else ""]
    position = window[0].start()
    for match in window:
        pieces.append(escape(text[position : match.start()]))
        word = escape(match.group())
        pieces.append(f"<mark>{word}</mark>" if is_hit(match) else word)
        position = match.end()
    end = window[-1].end()
    if end < len(text):
        pieces.append(escape(text[end : end + 1]) if text[end] in ".!?" else "")
        pieces.append("…" if end + 1 < len(text) else "")
    return mark_safe("".join(pieces).strip())
