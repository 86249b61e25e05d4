"""The project managers' dashboard panel (projects/dashboard.py), through the real admin.

A manager finds their project, its service models, their drafts (releases among them) and
what awaits approval, each a link into the admin; others see no such panel; and the panel's
queries do not grow with the number of pages.
"""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest

from pirsote.core.roles import APPROVERS, COMMUNICATIONS
from projects.roles import project_manager_group_name
from tests.core.helpers import get_html, text_of
from tests.factories import NewsIndexPageFactory, ReleasePageFactory, ServiceModelPageFactory
from tests.projects.test_admin import edit_url, log_in, with_roles

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("wagtailadmin_home")


@pytest.fixture
def roles_site(project_site):
    return with_roles(project_site)


def panel_of(client):
    return get_html(client, DASHBOARD).select_one("#project-manager-section")


def links(element):
    return {text_of(a): a["href"] for a in element.select("a[href]")}


def submit(page, user):
    """`user` submits the page's latest revision to its workflow, as the editor's menu does."""
    page.get_workflow().start(page, user)


def add_drafts_and_submissions(site, manager, count):
    """`count` draft service models, draft releases and submitted service models of PirSOTE."""
    newsroom = getattr(site, "newsroom", None) or NewsIndexPageFactory(parent=site.home)
    site.newsroom = newsroom
    for _ in range(count):
        ServiceModelPageFactory(parent=site.pirsote, live=False, owner=manager)
        ReleasePageFactory(parent=newsroom, live=False, owner=manager, projects=[site.pirsote])
        submitted = ServiceModelPageFactory(parent=site.pirsote, live=False, owner=manager)
        submitted.save_revision(user=manager)
        submit(submitted, manager)


def test_project_manager_dashboard_leads_to_their_project_drafts_and_submissions(
    client, roles_site
):
    pirsote = roles_site.pirsote
    manager = log_in(client, project_manager_group_name(pirsote))
    newsroom = NewsIndexPageFactory(parent=roles_site.home)
    release = ReleasePageFactory(
        parent=newsroom, live=False, owner=manager, title_fi="Luonnostiedote", projects=[pirsote]
    )
    pirsote.save_revision(user=manager)
    submit(pirsote, manager)

    panel = panel_of(client)

    assert panel is not None
    found = links(panel)
    project = panel.select_one(f'[data-project="{pirsote.pk}"]')
    assert project.select_one("a.project-manager-panel__edit")["href"] == edit_url(pirsote)
    service_models = {
        text_of(a) for a in project.select(".project-manager-panel__service-models a")
    }
    assert service_models == {child.title for child in pirsote.get_children()}
    assert roles_site.home_care.title in service_models
    assert reverse("wagtailadmin_explore", args=[pirsote.pk]) in found.values()
    drafts = links(panel.select_one(".project-manager-panel__drafts"))
    assert drafts == {"Luonnostiedote": edit_url(release)}
    awaiting = links(panel.select_one(".project-manager-panel__awaiting"))
    assert awaiting == {pirsote.title: edit_url(pirsote)}
    # Only their own project: not PirKOTI, nor anything of it.
    assert f'data-project="{roles_site.pirkoti.pk}"' not in str(panel)
    assert client.get(edit_url(pirsote)).status_code == 200


def test_only_project_managers_get_the_panel(client, roles_site):
    for group in (COMMUNICATIONS, APPROVERS):
        log_in(client, group)
        assert panel_of(client) is None, group
    client.logout()
    log_in(client, project_manager_group_name(roles_site.pirkoti))
    panel = panel_of(client)
    assert panel.select_one(f'[data-project="{roles_site.pirkoti.pk}"]') is not None
    assert not panel.select(".project-manager-panel__service-models")


def test_the_panels_queries_and_rows_do_not_grow_with_the_pages(client, roles_site):
    manager = log_in(client, project_manager_group_name(roles_site.pirsote))
    add_drafts_and_submissions(roles_site, manager, 1)
    client.get(DASHBOARD)  # caches warmed
    with CaptureQueriesContext(connection) as few:
        panel = panel_of(client)
    assert len(panel.select(".project-manager-panel__drafts li")) == 2

    add_drafts_and_submissions(roles_site, manager, 6)
    with CaptureQueriesContext(connection) as many:
        panel = panel_of(client)

    assert len(many.captured_queries) == len(few.captured_queries)
    assert len(panel.select(".project-manager-panel__drafts li")) == 5
    assert len(panel.select(".project-manager-panel__awaiting li")) == 5
    assert len(panel.select(".project-manager-panel__service-models li")) == 5
    show_all = links(panel)
    assert any(
        href.startswith(reverse("wagtailadmin_reports:workflow")) for href in show_all.values()
    )
    assert any(f"owner={manager.pk}" in href for href in show_all.values())
