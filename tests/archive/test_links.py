"""Finding the live site's absolute addresses in exported text."""

from pirsote.core.archive import links

BASE = "https://sote.example.fi"


def addresses(text, **options):
    return [match[0] for match in links.absolute_pattern(BASE, **options).finditer(text)]


def test_in_csv_a_comma_ends_the_address():
    row = f"PirSOTE,{BASE}/hankkeet/pirsote/,,,360G-pirsote-org,Council\n"
    assert addresses(row, csv=True) == [f"{BASE}/hankkeet/pirsote/"]


def test_elsewhere_an_address_keeps_its_query_and_ends_at_quotes_and_space():
    text = f'<a href="{BASE}/uutishuone/?type=blog&amp;page=2">x</a> {BASE}/en/ {BASE}.evil/'
    assert addresses(text) == [f"{BASE}/uutishuone/?type=blog&amp;page=2", f"{BASE}/en/"]
