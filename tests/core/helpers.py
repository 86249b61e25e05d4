"""Small helpers the foundation's tests share: URLs per language and parsed responses."""

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
