"""What each change purges from the cache in front, recorded by a stub backend (no Varnish).

Every purge waits for the transaction to commit: the tests run the commit callbacks.
"""

import logging
from datetime import timedelta

from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from wagtail.models import Page

import pytest

from pirsote.core import content_version, frontend_cache
from tests.factories import (
    ContactPersonFactory,
    FundingPageFactory,
    GoalIndexPageFactory,
    GrantFactory,
    KeywordFactory,
    NewsIndexPageFactory,
    PaymentFactory,
    ProjectIndexPageFactory,
    ProjectPageFactory,
    ReformPageFactory,
    ReleasePageFactory,
    SectionIndexPageFactory,
    ServiceModelIndexPageFactory,
    SiteSettingsFactory,
)

ALWAYS_PATHS = {"/", "/en/", "/haku/", "/en/search/"}
ALWAYS_PREFIXES = {"/sitemap", "/api/", "/en/api/"}


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def reform(home_page):
    section = SectionIndexPageFactory(parent=home_page, title_fi="Sote-uudistus", title_en="Reform")
    funding = ReformPageFactory(parent=section, title_fi="Rahoitus", title_en="Funding")
    other = SectionIndexPageFactory(parent=home_page, title_fi="Ajankohtaista", title_en="Topical")
    return section, funding, other


@pytest.fixture
def newsroom_site(home_page):
    projects = ProjectIndexPageFactory(parent=home_page)
    project = ProjectPageFactory(parent=projects, acronym="PirSOTE")
    newsroom = NewsIndexPageFactory(parent=home_page)
    release = ReleasePageFactory(
        parent=newsroom, title_fi="Tiedote", title_en="Release", projects=[project]
    )
    return newsroom, release, project


def publish(page, **changes):
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision().publish()


def test_publishing_a_page_purges_it_in_both_languages_with_its_ancestors(reform, purges, commit):
    _section, funding, _other = reform
    with commit():
        publish(funding, intro_en="New lead.")
    assert {"/sote-uudistus/rahoitus/", "/en/reform/funding/"} <= purges.prefixes
    assert {"/sote-uudistus/", "/en/reform/"} | ALWAYS_PATHS <= purges.paths
    assert purges.prefixes >= ALWAYS_PREFIXES
    assert "/" not in purges.prefixes, "a page deep in the tree is no reason to purge everything"
    assert all(url.startswith("http://testserver/") for url in purges.urls)


def test_changing_the_english_slug_purges_the_old_and_the_new_english_address(
    reform, purges, commit
):
    _section, funding, _other = reform
    with commit():
        publish(funding, slug_en="money")
    assert {"/en/reform/funding/", "/en/reform/money/", "/sote-uudistus/rahoitus/"} <= (
        purges.prefixes
    )


def test_changing_a_section_slug_purges_its_old_address_and_everything_under_it(
    reform, purges, commit
):
    section, _funding, _other = reform
    with commit():
        publish(section, slug_fi="uudistus")
    # A child of the site root is in the main menu, shown on every page.
    assert purges.prefixes == {"/"}


def test_moving_a_page_purges_both_addresses_and_both_parents(reform, purges, commit):
    _section, funding, other = reform
    with commit():
        funding.move(other, pos="last-child")
    assert {
        "/sote-uudistus/rahoitus/",
        "/en/reform/funding/",
        "/ajankohtaista/rahoitus/",
        "/en/topical/funding/",
    } <= purges.prefixes
    assert {"/sote-uudistus/", "/en/reform/", "/ajankohtaista/", "/en/topical/"} <= purges.paths


def test_unpublishing_and_deleting_purge_the_page(reform, purges, commit):
    _section, funding, _other = reform
    with commit():
        funding.unpublish()
    assert {"/sote-uudistus/rahoitus/", "/en/reform/funding/"} <= purges.prefixes
    purges.clear()
    other = ReformPageFactory(parent=reform[0], title_fi="Muu", title_en="Other")
    purges.clear()
    with commit():
        Page.objects.get(pk=other.pk).delete()
    assert {"/sote-uudistus/muu/", "/en/reform/other/"} <= purges.prefixes


def test_saving_a_draft_purges_nothing(reform, purges, commit):
    _section, funding, _other = reform
    with commit():
        funding.intro_fi = "Luonnos"
        funding.save_revision()
    assert not purges


def test_a_release_purges_its_projects_and_the_whole_newsroom(newsroom_site, purges, commit):
    _newsroom, release, _project = newsroom_site
    with commit():
        publish(release, title_en="Changed")
    assert {"/uutishuone/", "/en/newsroom/"} <= purges.prefixes  # listing, feeds, releases
    assert {"/hankkeet/pirsote/", "/en/projects/pirsote/"} <= purges.paths


def test_a_release_moved_off_a_project_purges_the_old_project_too(newsroom_site, purges, commit):
    _newsroom, release, project = newsroom_site
    other = ProjectPageFactory(parent=project.get_parent(), acronym="Muu")
    purges.clear()
    with commit():
        release.projects = [other]
        release.save_revision().publish()
    assert {"/hankkeet/pirsote/", "/hankkeet/muu/", "/en/projects/muu/"} <= purges.paths


def test_a_project_purges_the_lists_that_name_it(newsroom_site, home_page, purges, commit):
    _newsroom, _release, project = newsroom_site
    ServiceModelIndexPageFactory(parent=project.get_parent(), slug_fi="mallit", slug_en="models")
    GoalIndexPageFactory(parent=home_page, slug_fi="tavoitteet", slug_en="goals")
    FundingPageFactory(parent=home_page)
    purges.clear()
    with commit():
        publish(project, intro_fi="Uusi")
    assert {"/hankkeet/pirsote/", "/en/projects/pirsote/"} <= purges.prefixes
    assert {"/hankkeet/mallit/", "/tavoitteet/", "/en/goals/", "/rahoitus/"} <= purges.paths
    # The newsroom's filter names the project (the news app registered that).
    assert {"/uutishuone/", "/en/newsroom/"} <= purges.prefixes


def test_a_grant_purges_the_funding_page_its_project_and_the_open_data(
    newsroom_site, home_page, purges, commit
):
    _newsroom, _release, project = newsroom_site
    FundingPageFactory(parent=home_page)
    purges.clear()
    grant = GrantFactory(project=project)
    purges.clear()
    with commit():
        grant.title_fi = "Uusi nimi"
        grant.save()
    expected = {
        "/rahoitus/",
        "/en/funding/",
        "/hankkeet/pirsote/",
        "/en/projects/pirsote/",
        "/avoin-data/avustukset.json",
        "/avoin-data/avustukset.csv",
        "/en/open-data/grants.json",
        "/en/open-data/grants.csv",
    }
    assert expected <= purges.paths
    assert {"/api/", "/en/api/"} <= purges.prefixes
    assert "/" not in purges.prefixes
    purges.clear()
    with commit():
        PaymentFactory(grant=grant)
    assert purges.covers(*expected)


def test_a_keyword_purges_the_newsroom_and_a_contact_person_everything(
    newsroom_site, purges, commit
):
    with commit():
        KeywordFactory()
    assert {"/uutishuone/", "/en/newsroom/"} <= purges.prefixes
    assert "/" not in purges.prefixes
    purges.clear()
    with commit():
        ContactPersonFactory()
    assert purges.prefixes == {"/"}
    assert not purges.paths, "everything is one ban, nothing else"
    purges.clear()
    with commit():
        settings = SiteSettingsFactory()
        settings.publisher_name_fi = "Uusi julkaisija"
        settings.save()
    assert purges.prefixes == {"/"}


def test_the_purges_of_one_transaction_go_out_once_after_it_commits(reform, purges, commit):
    _section, funding, _other = reform
    with commit(), transaction.atomic():
        publish(funding, intro_fi="Yksi")
        assert not purges, "nothing before the commit"
        publish(funding, intro_fi="Kaksi")
    assert len(purges.urls) == len(set(purges.urls)), "no URL twice"


def test_a_rolled_back_publication_purges_nothing(reform, purges, commit):
    _section, funding, _other = reform
    with commit():
        try:
            with transaction.atomic():
                publish(funding, intro_fi="Peruttu")
                raise RuntimeError
        except RuntimeError:
            pass
    assert not purges


def test_a_failing_cache_never_breaks_a_publication(reform, purges, commit, caplog):
    _section, funding, _other = reform
    purges_fail = __import__("tests.cache.recording", fromlist=["RecordingBackend"])
    purges_fail.RecordingBackend.fail = True
    with caplog.at_level(logging.ERROR), commit():
        publish(funding, intro_fi="Silti julki")
    funding.refresh_from_db()
    assert funding.intro_fi == "Silti julki"
    assert "Purging the frontend cache" in caplog.text


def test_every_change_bumps_the_content_version(reform, commit, settings):
    settings.WAGTAILFRONTENDCACHE = {}
    _section, funding, _other = reform
    before = content_version.current()
    with commit():
        publish(funding, intro_fi="Uusi")
    assert content_version.current() != before
    before = content_version.current()
    with commit():
        ContactPersonFactory()
    assert content_version.current() != before


def test_scheduled_release_purges_the_newsroom_when_it_goes_live(newsroom_site, purges, commit):
    newsroom, _release, _project = newsroom_site
    release = ReleasePageFactory(parent=newsroom, live=False, title_fi="Ajastettu")
    release.go_live_at = timezone.now() + timedelta(hours=1)
    release.save_revision().publish()  # scheduled: not live yet
    release.refresh_from_db()
    assert not release.live
    purges.clear()
    later = timezone.now() + timedelta(hours=2)
    with commit(), pytest.MonkeyPatch.context() as patch:
        patch.setattr(timezone, "now", lambda: later)
        call_command("publish_scheduled", verbosity=0)
    release.refresh_from_db()
    assert release.live
    assert {"/uutishuone/", "/en/newsroom/"} <= purges.prefixes


def test_page_paths_are_each_languages_own(reform):
    _section, funding, _other = reform
    assert frontend_cache.page_paths(funding) == {"/sote-uudistus/rahoitus/", "/en/reform/funding/"}


def test_without_a_cache_in_front_nothing_is_worked_out(reform, settings, commit):
    settings.WAGTAILFRONTENDCACHE = {}
    _section, funding, _other = reform
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(frontend_cache, "page_change", lambda *a, **k: pytest.fail("computed"))
        with commit():
            publish(funding, intro_fi="Ilman välimuistia")
