"""The project page: a summary first, then sections under headings, some added by other apps.

Funding and news add their sections through the projects app's hook
(projects.sections.PROJECT_PAGE_SECTIONS); the projects app names neither.
"""

import re
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail import hooks

import pytest

from projects.sections import PROJECT_PAGE_SECTIONS
from tests.core.helpers import get_html, gettext_in, text_of, url_in
from tests.factories import GrantFactory, NewsIndexPageFactory, ReleasePageFactory

pytestmark = pytest.mark.django_db

ORDER = [
    "project-facts",
    "project-about",
    "project-service-models",
    "project-funding",
    "project-releases",
    "project-contacts",
]

EXTRA_SECTION = '<section class="project-section project-extra">{{ acronym }}</section>'


@pytest.fixture
def full_project(project_site, home_page):
    """PirSOTE with a body, service models, contacts, a grant and a release."""
    project = project_site.pirsote
    project.body_fi = [("paragraph", "<p>Hankkeen oma teksti.</p>")]
    project.body_en = [("paragraph", "<p>The project's own text.</p>")]
    project.save_revision().publish()
    GrantFactory(project=project)
    newsroom = NewsIndexPageFactory(parent=home_page)
    ReleasePageFactory(parent=newsroom, projects=[project])
    return project_site


def section_classes(document):
    sections = document.select("article.project > section.project-section")
    return [next(c for c in s["class"] if c != "project-section") for s in sections]


@pytest.mark.parametrize("language", ["fi", "en"])
def test_summary_comes_first_then_every_section_under_its_own_heading(
    client, full_project, language
):
    document = get_html(client, url_in(full_project.pirsote, language))

    assert section_classes(document) == ORDER
    for section in document.select("article.project > section.project-section"):
        heading = section.find(id=section["aria-labelledby"])
        assert heading.name == "h2"
        assert "visually-hidden" not in heading.get("class", [])
    about = document.select_one(".project-about")
    assert {"fi": "Hankkeen oma teksti.", "en": "The project's own text."}[language] in (
        text_of(about)
    )
    releases_heading = document.select_one("#project-releases-heading")
    assert text_of(releases_heading) == gettext_in(language, "Latest releases")


@pytest.fixture
def extra_section_template(settings):
    """A template only this module knows, from Django's in-memory loader."""
    engine = settings.TEMPLATES[0]
    loaders = [
        (
            "django.template.loaders.locmem.Loader",
            {"extra.html": EXTRA_SECTION},
        ),
        "django.template.loaders.filesystem.Loader",
        "django.template.loaders.app_directories.Loader",
    ]
    settings.TEMPLATES = [
        {**engine, "APP_DIRS": False, "OPTIONS": {**engine["OPTIONS"], "loaders": loaders}}
    ]
    return "extra.html"


def test_contributed_sections_come_in_hook_order_and_none_is_left_out(
    client, full_project, extra_section_template
):
    def between(project, request):
        return extra_section_template, {"acronym": project.acronym}

    def nothing(project, request):
        return None

    with (
        hooks.register_temporarily(PROJECT_PAGE_SECTIONS, between, order=15),
        hooks.register_temporarily(PROJECT_PAGE_SECTIONS, nothing, order=16),
    ):
        document = get_html(client, url_in(full_project.pirsote, "fi"))

    classes = section_classes(document)
    assert classes.index("project-funding") < classes.index("project-extra")
    assert classes.index("project-extra") < classes.index("project-releases")
    assert text_of(document.select_one(".project-extra")) == "PirSOTE"


def test_a_second_view_reads_no_grants_or_releases(client, full_project):
    url = url_in(full_project.pirsote, "en")

    def sql():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return " ".join(query["sql"] for query in queries.captured_queries)

    # The first view after building the site bumps the content version once (as it does for
    # any new site); the views after that are the cached ones.
    first, _, third = sql(), sql(), sql()
    for table in ("funding_grant", "news_releasepage"):
        assert table in first
        assert table not in third


def test_projects_app_loads_no_news_or_funding_tags_and_imports_neither():
    root = Path(settings.BASE_DIR)
    loads = re.compile(r"{%\s*load\s[^%]*\b(news|funding)_tags\b")
    for path in (root / "templates/projects").rglob("*.html"):
        assert not loads.search(path.read_text()), path
    imports = re.compile(r"^\s*(from|import)\s+(news|funding)\b", re.MULTILINE)
    for path in (root / "projects").rglob("*.py"):
        assert not imports.search(path.read_text()), path
