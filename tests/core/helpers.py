"""Small helpers the foundation's tests share: URLs per language and parsed responses."""

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from bs4 import BeautifulSoup


def url_in(page, language):
    """The page's root-relative URL in `language`, e.g. /en/reform/goals/."""
    with translation.override(language):
        return page.relative_url(page.get_site())


def gettext_in(language, message):
    """`message` as the site's translation catalogues render it in `language`."""
    with translation.override(language):
        return translation.gettext(message)


def parse_html(response):
    return BeautifulSoup(response.content, "html.parser")


def get_html(client, url, status=200, **extra):
    """GET `url`, check the status code and return the parsed document."""
    response = client.get(url, **extra)
    assert response.status_code == status, f"GET {url} gave {response.status_code}, not {status}"
    return parse_html(response)


def text_of(element):
    """The element's visible text with whitespace collapsed."""
    return " ".join(element.get_text(" ").split())


def alternates(document):
    """{hreflang: href} of the document's <link rel="alternate"> elements."""
    return {
        link["hreflang"]: link["href"]
        for link in document.select('link[rel="alternate"][hreflang]')
    }


def queries_to_render(client, url):
    """SQL queries of one anonymous GET of `url` with a cold cache.

    A first visit makes the image renditions, which later visits only read.
    """
    assert client.get(url).status_code == 200
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


SITEMAP_NS = {
    "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "x": "http://www.w3.org/1999/xhtml",
}


def sitemap_entries(client, index="/sitemap.xml"):
    """{address: {hreflang: href}} of every sitemap page the sitemap index lists."""
    from xml.etree import ElementTree

    response = client.get(index)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    sitemaps = ElementTree.fromstring(response.content).findall("s:sitemap", SITEMAP_NS)
    entries = {}
    for sitemap in sitemaps:
        location = sitemap.findtext("s:loc", namespaces=SITEMAP_NS)
        page = client.get(location.removeprefix("http://testserver"))
        assert page.status_code == 200, location
        for url in ElementTree.fromstring(page.content).findall("s:url", SITEMAP_NS):
            entries[url.findtext("s:loc", namespaces=SITEMAP_NS)] = {
                link.get("hreflang"): link.get("href") for link in url.findall("x:link", SITEMAP_NS)
            }
    return entries
