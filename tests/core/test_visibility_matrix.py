"""One rule for what the public sees: a live page under an unpublished one is hidden everywhere.

One site for the whole table: the project index "Piilotetut" is unpublished, while its
project XYZZY, that project's service model, a grant for it and a release about it stay live.
A visible project PLUGH beside it, under a live index, shows that each view does list
projects at all. Every public view, listing, feed, sitemap, search and API answer is read
in both languages, and none may name XYZZY.
"""

import re

from django.urls import reverse
from django.utils import translation

import pytest

from tests.core.helpers import url_in
from tests.factories import (
    FundingPageFactory,
    GoalFactory,
    GoalIndexPageFactory,
    GrantFactory,
    NewsIndexPageFactory,
    ProjectIndexPageFactory,
    ProjectPageFactory,
    ReleasePageFactory,
    ServiceModelIndexPageFactory,
    ServiceModelPageFactory,
)

pytestmark = pytest.mark.django_db

HIDDEN, SHOWN = "xyzzy", "plugh"


@pytest.fixture
def site(home_page):
    goal = GoalFactory()
    shown_index = ProjectIndexPageFactory(parent=home_page)
    hidden_index = ProjectIndexPageFactory(
        parent=home_page, title_fi="Piilotetut", title_en="Hidden", slug_fi="piilo", slug_en="hid"
    )
    shown = ProjectPageFactory(parent=shown_index, acronym="PLUGH", goals=[goal])
    hidden = ProjectPageFactory(parent=hidden_index, acronym="XYZZY", goals=[goal])
    ServiceModelPageFactory(parent=shown, title_fi="Plugh-malli", title_en="Plugh model")
    hidden_model = ServiceModelPageFactory(
        parent=hidden, title_fi="Xyzzy-malli", title_en="Xyzzy model", goals=[goal]
    )
    GrantFactory(project=shown, title_fi="Plugh-avustus", title_en="Plugh grant")
    GrantFactory(project=hidden, title_fi="Xyzzy-avustus", title_en="Xyzzy grant")
    newsroom = NewsIndexPageFactory(parent=home_page)
    release = ReleasePageFactory(parent=newsroom, projects=[shown, hidden])
    release.save_revision().publish()
    GoalIndexPageFactory(parent=home_page)
    ServiceModelIndexPageFactory(parent=home_page)
    FundingPageFactory(parent=home_page)
    hidden_index.unpublish()
    hidden.refresh_from_db()
    assert hidden.live and hidden_model.live and not hidden_index.live
    return {
        "hidden": hidden,
        "hidden_model": hidden_model,
        "newsroom": newsroom,
        "release": release,
    }


def views(site, language):
    """(name, address, should the visible project PLUGH be named there)."""
    newsroom = url_in(site["newsroom"], language)
    with translation.override(language):
        search = reverse("search:search")
        rows = [
            ("home page", "/" if language == "fi" else "/en/", False),
            ("goals page", "tavoitteet/" if language == "fi" else "goals/", True),
            ("project index", "hankkeet/" if language == "fi" else "projects/", True),
            ("service models", "toimintamallit/" if language == "fi" else "service-models/", True),
            ("funding page", "rahoitus/" if language == "fi" else "funding/", True),
            ("newsroom", newsroom, True),
            ("release", url_in(site["release"], language), True),
            ("RSS feed", newsroom + "rss/", False),
            ("Atom feed", newsroom + "atom/", False),
            # The query is not the hidden project's name: the results page repeats the query.
            ("search", f"{search}?q=" + ("hanke" if language == "fi" else "project"), True),
            ("subscription form", reverse("subscriptions:subscribe"), True),
            ("open data JSON", reverse("funding:grants_json"), True),
            ("open data CSV", reverse("funding:grants_csv"), True),
        ]
    prefix = "/" if language == "fi" else "/en/"
    rows = [
        (name, url if url.startswith("/") else prefix + url, shown) for name, url, shown in rows
    ]
    api = f"{prefix}api/"
    rows += [
        (f"API {endpoint}", f"{api}{endpoint}/?limit=100", shown)
        for endpoint, shown in (
            ("pages", True),
            ("projects", True),
            ("service-models", True),
            ("goals", True),
            ("grants", True),
            ("funding", True),
        )
    ]
    return rows


def test_a_live_project_under_an_unpublished_index_is_hidden_from_every_public_view(site, client):
    wrong = []
    for language in ("fi", "en"):
        for name, url in (
            ("project page", url_in(site["hidden"], language)),
            ("service model page", url_in(site["hidden_model"], language)),
        ):
            if (status := client.get(url).status_code) != 404:
                wrong.append(f"{language} {name} {url}: {status}, not 404")
        for name, url, shows_others in views(site, language):
            response = client.get(url)
            text = response.content.decode().lower()
            if response.status_code != 200:
                wrong.append(f"{language} {name} {url}: {response.status_code}")
            elif HIDDEN in text:
                wrong.append(f"{language} {name} {url}: names the hidden project")
            elif shows_others and SHOWN not in text:
                wrong.append(f"{language} {name} {url}: does not name the visible project")
    sitemap = client.get("/sitemap.xml").content.decode()
    for section in re.findall(r"<loc>http://testserver(/[^<]+)</loc>", sitemap):
        if HIDDEN in client.get(section).content.decode().lower():
            wrong.append(f"sitemap {section}: lists the hidden project")
    assert not wrong, "\n".join(wrong)
