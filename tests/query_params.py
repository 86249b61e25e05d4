"""Strategies and oracles for the listings' query-parameter property tests (Hypothesis).

Visitors and crawlers send anything as `?page=` or a filter: NUL bytes, any Unicode but
surrogates, 10 kB strings, integers longer than Python converts, a parameter repeated, names
nobody uses. tests/*/test_query_params_properties.py share what is here.
"""

import math
from urllib.parse import parse_qsl, urlencode, urlsplit

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from tests.core.helpers import text_of

__all__ = ["TestCase"]

# About 50 examples of a few requests each keeps every test well under 20 seconds.
# No example database: the work tree stays clean, and a failure prints its example anyway.
property_settings = settings(
    max_examples=50, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
languages = st.sampled_from(["fi", "en"])

# Values known to trip parsers: digits int() reads in other scripts, numbers past Python's
# 4 300-digit limit, floats, signs, blanks, escapes, markup and a byte order mark.
AWKWARD_VALUES = [
    "",
    "\x00",
    "1\x00",
    "0",
    "-1",
    "1.5",
    "2.0",
    "1e3",
    "nan",
    "inf",
    " 2 ",
    "\u0663",
    "\u0967\u0968",
    "9" * 4301,
    "1" * 10_000,
    "%00",
    "%",
    "../..",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "\u202e",
    "\ufeff",
    "\U0001f600",
]


def param_values(valid=()):
    """One value for a parameter: anything, with the parameter's valid values among it."""
    anything = [
        st.text(),  # any code point but surrogates, NUL included
        st.sampled_from(AWKWARD_VALUES),
        st.integers().map(str),
        # Past what int() converts (4 300 digits); str() of such an int would fail here too.
        st.text(alphabet="0123456789", min_size=19, max_size=5000),
        st.text(min_size=1, max_size=3).map(lambda text: (text * 10_000)[:10_000]),
    ]
    if valid:
        anything.insert(0, st.sampled_from(list(valid)))
    return st.one_of(anything)


def query_pairs(params):
    """[(name, value)] for a query string: known names (repeated, in any order) and others.

    `params`: {name: valid values}.
    """
    name = st.one_of(st.sampled_from(list(params)), st.text(max_size=12))
    pair = name.flatmap(lambda key: st.tuples(st.just(key), param_values(params.get(key, ()))))
    return st.lists(pair, max_size=6)


def raw_query_strings():
    """QUERY_STRING as a web server hands it over: any bytes, read as Latin-1 (PEP 3333).

    Broken escapes (`%`, `%zz`), escapes of invalid UTF-8 (`%ff`), bare `&`, `=` and `;`.
    """
    pieces = st.sampled_from(["%", "%zz", "%ff", "%C0%80", "%ED%A0%80", "&", "=", ";", "+"])
    text = st.text().map(lambda value: value.encode().decode("latin-1"))
    return st.lists(st.one_of(pieces, text, st.binary().map(lambda b: b.decode("latin-1")))).map(
        "".join
    )


def valid_filters(choices):
    """{name: value} of valid filter values only, any combination of them."""
    return st.fixed_dictionaries(
        {}, optional={name: st.sampled_from(list(values)) for name, values in choices.items()}
    )


def with_query(url, pairs):
    return f"{url}?{urlencode(pairs)}" if pairs else url


def last_values(pairs):
    """{name: value} as the page reads them: the last of a repeated parameter wins."""
    return dict(pairs)


def chosen_filters(pairs, choices):
    """The filters a listing applies: the valid ones; invalid and empty ones are ignored."""
    values = last_values(pairs)
    return {name: values[name] for name in choices if values.get(name) in choices[name]}


def expected_page_number(pairs, page_count):
    """Django's Paginator.get_page(): not a whole number → 1, out of range → the last page."""
    try:
        number = int(last_values(pairs)["page"])
    except (KeyError, ValueError):
        return 1
    return number if 1 <= number <= page_count else page_count


def page_count(items, per_page):
    return max(1, math.ceil(len(items) / per_page))


def page_of(items, number, per_page):
    return items[(number - 1) * per_page : number * per_page]


def get_listing(client, url):
    """(response, final URL) of a listing: one redirect to the chosen filters at most."""
    response = client.get(url)
    assert response.status_code in (200, 302), f"{response.status_code} for {url[:300]!r}"
    if response.status_code == 302:
        location = response["Location"]
        assert urlsplit(location).path == urlsplit(url).path
        response = client.get(location)
        assert response.status_code == 200, f"{response.status_code} after redirect to {location}"
        url = location
    return response, url


def final_pairs(url):
    return parse_qsl(urlsplit(url).query, keep_blank_values=True)


def card_titles(document, listing=""):
    """The titles of the cards, of those in the `listing` element when given (a selector)."""
    return [text_of(a) for a in document.select(f"{listing} .card__title a".strip())]


def current_page_number(document):
    current = document.select_one('.pagination [aria-current="page"]')
    return int(text_of(current).split()[-1]) if current else 1


def is_noindex(document):
    return document.select_one('meta[name="robots"][content^="noindex"]') is not None


def title_in(page, language):
    return getattr(page, f"title_{language}") or page.title_fi
