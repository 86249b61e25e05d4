"""Stored content is output safely wherever it goes: pages, feeds, the API, mails.

The rule for URLs (pirsote.core.safe_urls) and the cleaning of rich text
(pirsote.core.safe_html) are tested on their own, then the XSS corpus of
tests/core/xss_corpus.py, written through the ORM into every public field, is read back
from the raw answers. tests/browser/test_xss_corpus.py runs the same corpus in Chromium.
"""

import csv
import io
import json
import xml.etree.ElementTree as ET
from decimal import Decimal

from django.apps import apps
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import models, transaction
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from wagtail import blocks
from wagtail.fields import StreamField
from wagtail.models import Site

import pytest
from bs4 import BeautifulSoup

from pirsote.core.blocks import SafeURLBlock
from pirsote.core.safe_html import clean_html
from pirsote.core.safe_urls import safe_url, validate_safe_url
from projects.models import Organisation
from tests.conftest import make_home_page
from tests.core.helpers import url_in
from tests.core.xss_corpus import MARKUP, SEARCH_WORD, URLS, build_payload_site
from tests.factories import SubscriberFactory
from tests.subscriptions.helpers import body_of, publish_release

# One worker builds the corpus site once, rather than each worker its own copy.
pytestmark = pytest.mark.xdist_group("safe_output")

# --- The URL rule --------------------------------------------------------------------------

SAFE = [
    "https://www.example.fi/",
    "http://example.fi/a?b=c&d=e#f",
    "HTTPS://EXAMPLE.FI/",
    "mailto:kirjaamo@example.fi",
    "tel:+358400000000",
    "/uutishuone/",
    "?page=2",
    "#yhteystiedot",
    "kuva.jpg",
    "https://esimerkki.fi/sote-keskus/ä",
]


@pytest.mark.parametrize("url", SAFE)
def test_web_mail_phone_and_site_addresses_are_safe(url):
    assert safe_url(url) == url
    assert safe_url(f"  {url} ") == url
    validate_safe_url(url)


@pytest.mark.parametrize(
    "url",
    [p.text for p in URLS]
    + [
        "ftp://example.fi/",
        "file:///etc/passwd",
        "jav&#x0A;ascript:alert(1)",
        "javascript\u200b:alert(1)",
        "\u00a0javascript:alert(1)",
        "/\\evil.example",
        "https://example.fi/\u202e",
        "",
        None,
    ],
)
def test_scripts_data_other_schemes_and_disguises_are_not_safe(url):
    assert safe_url(url) == ""
    if url:
        with pytest.raises(ValidationError) as error:
            validate_safe_url(url)
        assert error.value.code == "unsafe_url"


def _own_models():
    return [
        m
        for m in apps.get_models()
        if m.__module__.split(".")[0] in {"pirsote", "projects", "funding", "news"}
    ]


def _url_blocks(block, path=""):
    if isinstance(block, blocks.URLBlock):
        yield path, block
    for name, child in getattr(block, "child_blocks", {}).items():
        yield from _url_blocks(child, f"{path}.{name}")
    if isinstance(block, blocks.ListBlock):
        yield from _url_blocks(block.child_block, f"{path}[]")


def test_every_url_field_and_url_block_checks_the_rule_on_save():
    url_fields = [
        f"{m.__name__}.{f.name}"
        for m in _own_models()
        for f in m._meta.get_fields()
        if isinstance(f, models.URLField)
    ]
    assert "Organisation.website" in url_fields and "ProjectPage.innokyla_url" in url_fields
    for model in _own_models():
        for field in model._meta.get_fields():
            if isinstance(field, models.URLField):
                assert validate_safe_url in field.validators, f"{model.__name__}.{field.name}"
            if isinstance(field, StreamField):
                for path, block in _url_blocks(field.stream_block):
                    assert isinstance(block, SafeURLBlock), f"{model.__name__}.{field.name}{path}"


def test_saving_an_unsafe_address_is_refused_with_a_clear_message(db):
    organisation = Organisation(slug="o", name="O", website="ftp://example.fi/")
    with pytest.raises(ValidationError) as error:
        organisation.full_clean(exclude=["name_fi", "name_en"])
    assert "https://" in " ".join(error.value.message_dict["website"])
    with pytest.raises(ValidationError):
        SafeURLBlock().clean("javascript:alert(1)")
    assert SafeURLBlock().clean("https://example.fi/") == "https://example.fi/"


# --- Rich text ---------------------------------------------------------------------------


def test_rich_text_keeps_its_features_and_loses_scripts_handlers_and_unsafe_links():
    html = (
        '<h3>Otsikko</h3><p>Teksti <b>lihava</b> <i>kursiivi</i> <a href="/sivu/">sisäinen</a> '
        '<a href="https://example.fi/?a=1&amp;b=2">ulkoinen</a></p><ul><li>yksi</li></ul>'
        '<p onclick="x()"><a href="javascript:x()">linkki</a><script>x()</script>'
        "<img src=x onerror=x()><style>p{}</style></p>"
    )
    cleaned = BeautifulSoup(clean_html(html), "html.parser")
    assert [a.get("href") for a in cleaned.select("a")] == [
        "/sivu/",
        "https://example.fi/?a=1&b=2",
        None,
    ]
    assert cleaned.select("h3, b, i, ul > li") and not cleaned.select("script, img, style")
    assert not any(
        attribute.startswith("on") for tag in cleaned.find_all() for attribute in tag.attrs
    )
    assert "x()" not in cleaned.get_text()
    assert "linkki" in cleaned.get_text()


# --- The corpus through the ORM, read back raw ----------------------------------------------


@pytest.fixture(scope="module")
def payload_media(tmp_path_factory):
    return tmp_path_factory.mktemp("payload-media")


@pytest.fixture(autouse=True)
def _media_in_tmp_path(settings, payload_media):
    # Overrides tests/core/conftest.py's: the module's images live in one directory.
    settings.MEDIA_ROOT = payload_media


@pytest.fixture(scope="module")
def payload_site(django_db_setup, django_db_blocker, payload_media):
    """The corpus site, built once for the module in a transaction rolled back at its end."""
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=payload_media):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            home = make_home_page()
            site = Site.objects.get(root_page=home)
            pages, objects = build_payload_site(home, site)
            yield pages, objects
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def pages(payload_site, db):
    return payload_site[0]


UNSAFE_ELEMENTS = "iframe, object, embed, base, applet, frame, frameset, math, svg script"
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "poster", "srcset", "data", "xlink:href")


def assert_inert(html):
    """No script but the site's own files and JSON-LD, no handlers, no unsafe link targets."""
    document = BeautifulSoup(html, "html.parser")
    assert not document.select(UNSAFE_ELEMENTS)
    assert not document.select('meta[http-equiv="refresh" i]')
    for script in document.find_all("script"):
        if script.get("type") == "application/ld+json":
            assert "</" not in script.string
            json.loads(script.string)
        else:
            assert script.get("src", "").startswith("/static/"), script
    for tag in document.find_all(True):
        for attribute, value in tag.attrs.items():
            assert not attribute.lower().startswith("on"), tag
            if attribute in URL_ATTRIBUTES:
                for url in value.split(",") if attribute == "srcset" else [value]:
                    url = url.strip().split(" ")[0]
                    assert (
                        url.startswith(("http://testserver/", "https://")) or safe_url(url) == url
                    ), tag
        if tag.name == "a" and tag.get("href"):
            assert "__xss" not in tag["href"]
    return document


PAGE_NAMES = [
    "home",
    "section",
    "reform",
    "projects",
    "project",
    "service-model",
    "goals",
    "funding",
    "newsroom",
    "release",
]


@pytest.mark.parametrize("language", ["fi", "en"])
@pytest.mark.parametrize("name", PAGE_NAMES)
def test_stored_payloads_show_as_text_on_every_page(client, pages, name, language):
    response = client.get(url_in(pages[name], language))
    assert response.status_code == 200
    document = assert_inert(response.content.decode())
    if name in {"home", "reform", "project", "release"}:
        text = document.get_text()
        # Markup stored in plain text fields is shown as the characters typed, unevaluated.
        assert "<script>__xss(1)</script>" in text
        assert "{{ 7*191 }}" in text
        assert f"xss link {URLS[0].number}" in text  # an unsafe link's text, without its link


def test_media_bank_search_and_not_found_page_show_payloads_as_text(client, pages):
    newsroom = pages["newsroom"]
    for url in (
        url_in(newsroom, "fi") + newsroom.reverse_subpage("media_bank"),
        f"/haku/?q={SEARCH_WORD}",
        f"/en/search/?q={SEARCH_WORD}",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert_inert(response.content.decode())
    search = client.get(f"/haku/?q={SEARCH_WORD}").content.decode()
    # The promotion with a javascript: address, as text.
    assert f"xss link {URLS[0].number}" in search
    missing = client.get("/ei-ole-olemassa/")
    assert missing.status_code == 404
    document = assert_inert(missing.content.decode())
    assert f"xss link {MARKUP[13].number}" in document.get_text()


def test_json_ld_holds_the_stored_title_exactly_and_cannot_end_its_script(client, pages):
    for name, key in (("release", "headline"), ("project", "name")):
        page = pages[name]
        document = BeautifulSoup(client.get(url_in(page, "fi")).content, "html.parser")
        script = document.find("script", type="application/ld+json").string
        assert "</script" not in script.lower()
        assert json.loads(script)[key] == page.title_fi


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_feeds_carry_payloads_as_escaped_text(client, pages, kind):
    newsroom = pages["newsroom"]
    response = client.get(url_in(newsroom, "fi") + newsroom.reverse_subpage(kind))
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    texts = [element.text or "" for element in root.iter()]
    release = pages["release"]
    assert release.title_fi in texts  # the title is XML text, exactly as stored
    descriptions = [
        element.text
        for element in root.iter()
        if element.tag in {"description", "{http://www.w3.org/2005/Atom}summary"} and element.text
    ]
    assert descriptions
    for description in descriptions:
        # Readers treat these as HTML: it must hold no element at all, only escaped text.
        assert BeautifulSoup(description, "html.parser").find() is None, description
    assert any(release.intro_fi == BeautifulSoup(d, "html.parser").get_text() for d in descriptions)


def _api_links_and_html(value):
    """(link URLs, rich text HTML) anywhere in an API body."""
    urls, html = [], []
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "url" and isinstance(item, str):
                urls.append(item)
            elif key == "type" and item == "paragraph":
                html.append(value["value"])
            else:
                more_urls, more_html = _api_links_and_html(item)
                urls += more_urls
                html += more_html
    elif isinstance(value, list):
        for item in value:
            more_urls, more_html = _api_links_and_html(item)
            urls += more_urls
            html += more_html
    return urls, html


def test_api_gives_cleaned_rich_text_and_no_unsafe_addresses(client, pages):
    for name in ("reform", "release"):
        response = client.get(f"/api/pages/{pages[name].pk}/")
        assert response.status_code == 200
        assert response["Content-Type"].startswith("application/json")
        urls, html = _api_links_and_html(response.json()["body"])
        assert len(urls) >= len(URLS) and set(urls) == {""}
        assert html
        for fragment in html:
            assert_inert(fragment)
            assert "<script" not in fragment
    project = client.get(f"/api/projects/{pages['project'].pk}/").json()
    assert project["innokyla_url"] == ""
    assert project["coordinator"]["website"] == ""
    service_model = client.get(f"/api/service-models/{pages['service-model'].pk}/").json()
    assert service_model["innokyla_url"] == ""


def test_open_data_leaves_out_an_unsafe_organisation_address(client, pages):
    grants = client.get("/avoin-data/avustukset.json").json()["grants"]
    assert grants
    for grant in grants:
        assert "url" not in grant["recipientOrganization"][0]


def test_open_data_csv_cells_never_start_a_formula(client, pages):
    text = client.get("/avoin-data/avustukset.csv").content.decode().removeprefix("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) >= 8
    starts = {row["Title"][:2] for row in rows}
    assert {"'=", "'+", "'-", "'@", "'\t", "'\r", "' "} <= starts
    for row in rows:
        for column, cell in row.items():
            if column.startswith("Amount"):
                Decimal(cell)  # numbers stay numbers
            else:
                assert not cell.lstrip(" ").startswith(("=", "+", "-", "@", "\t", "\r")), cell


def test_release_mail_is_plain_text_with_a_one_line_subject(pages, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    SubscriberFactory(email="lukija@example.fi", language="fi")
    title = MARKUP[-1].text  # a title with CR LF and a Bcc header in it
    with translation.override("fi"):
        release = publish_release(pages["newsroom"], title_fi=title, intro_fi=MARKUP[0].text)
    call_command("send_release_mails")
    (message,) = [m for m in mail.outbox if release.title_fi.split()[0] in m.subject]
    assert not getattr(message, "alternatives", None)  # no HTML part to run anything in
    assert message.content_subtype == "plain"
    assert "\n" not in message.subject and "\r" not in message.subject
    headers = message.message()
    assert headers["Bcc"] is None and "uhri@example.com" not in message.recipients()
    assert "<script>__xss(1)</script>" in body_of(message)  # text, as typed


# --- The admin -----------------------------------------------------------------------------


def test_admin_refuses_an_address_the_rule_does_not_accept(admin_client, db):
    """ftp: passes Django's own URL check; the site's rule refuses it, with its message."""
    url = reverse("wagtailsnippets_projects_organisation:add")
    form = {
        "name_fi": "Pirkanmaan liitto",
        "name_en": "Council of Tampere Region",
        "abbreviation": "",
        "slug": "liitto",
        "kind": Organisation.Kind.JOINT_AUTHORITY,
        "identifier": "",
        "website": "ftp://example.fi/",
    }
    response = admin_client.post(url, form)

    assert response.status_code == 200
    assert not Organisation.objects.filter(slug="liitto").exists()
    error = BeautifulSoup(response.content, "html.parser").select_one("#id_website")
    wrapper = error.find_parent(attrs={"data-field-wrapper": True})
    assert "https://" in wrapper.select_one(".error-message").get_text()

    response = admin_client.post(url, {**form, "website": "https://www.example.fi/"})
    assert response.status_code == 302
    assert Organisation.objects.get(slug="liitto").website == "https://www.example.fi/"
