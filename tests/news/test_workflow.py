"""The newsroom's editorial workflow, proven with real admin requests.

Communications staff and project managers draft releases and submit them to the "Publishing
approval" workflow; approvers publish. Every user here gets their rights only from the groups
`setup_roles` creates.
"""

import re
from types import SimpleNamespace

from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.urls import reverse

from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowState,
    WorkflowTask,
)

import pytest

from news.models import NewsIndexPage, ReleasePage
from pirsote.core.roles import (
    APPROVAL_TASK,
    APPROVERS,
    COMMUNICATIONS,
    PUBLISHING_APPROVAL,
    setup_roles,
)
from projects.models import ProjectPage
from projects.roles import project_manager_group_name
from tests.core.helpers import get_html, parse_html, text_of, url_in
from tests.factories import (
    NewsIndexPageFactory,
    ProjectIndexPageFactory,
    ProjectPageFactory,
    ReleasePageFactory,
)
from tests.projects.test_admin import (
    anonymous_html,
    assert_permission_denied,
    assert_saved,
    edit_url,
    log_in,
    page_form,
)
from tests.projects.test_roles import edit_links, roles_snapshot

pytestmark = pytest.mark.django_db


def build_site(home_page, *, newsroom=True):
    """Home → Hankkeet → PirSOTE and KOMAS, and (unless told not to) Home → Uutishuone."""
    index = ProjectIndexPageFactory(parent=home_page)
    return SimpleNamespace(
        home=home_page,
        index=index,
        pirsote=ProjectPageFactory(parent=index, acronym="PirSOTE"),
        komas=ProjectPageFactory(parent=index, acronym="KOMAS"),
        newsroom=NewsIndexPageFactory(parent=home_page) if newsroom else None,
    )


@pytest.fixture
def site(home_page):
    site = build_site(home_page)
    setup_roles()
    return site


def pirsote_managers(site):
    return project_manager_group_name(site.pirsote)


def add_release_url(newsroom):
    return reverse("wagtailadmin_pages:add", args=["news", "releasepage", newsroom.pk])


def release_form(client, url, projects, **changes):
    """The release form as the admin renders it at `url`, about `projects`."""
    return page_form(
        client,
        url,
        {"projects": [str(project.pk) for project in projects], **changes},
    )


def new_release_form(client, newsroom, projects, slug):
    return release_form(
        client,
        add_release_url(newsroom),
        projects,
        title_fi=f"Tiedote {slug}",
        title_en=f"Release {slug}",
        slug_fi=slug,
        slug_en=slug,
        intro_fi="Hankkeen uutinen.",
        intro_en="News of the project.",
        release_type="press-release",
    )


def explore_links(document):
    """Ids of the pages a listing lets one explore."""
    links = document.select('a[href*="/admin/pages/"]')
    return {int(m[1]) for a in links if (m := re.fullmatch(r"/admin/pages/(\d+)/", a["href"]))}


def action_buttons(document):
    """Names of the page editor's action buttons, e.g. {"action-publish", "action-submit"}."""
    footer = document.select_one("form#page-edit-form footer")
    return {button["name"] for button in footer.select("button[name]")}


def awaiting_review(client):
    """{title: approve URL} of the dashboard's "Awaiting your review" panel."""
    panel = get_html(client, reverse("wagtailadmin_home")).select_one("#awaiting-review-content")
    if panel is None:
        return {}
    return {
        text_of(row.select_one("td.title")): button["data-workflow-action-url"]
        for row in panel.select("tbody tr")
        for button in row.select("button[data-workflow-action-url]")
        if "/approve/" in button["data-workflow-action-url"]
        and not button.has_attr("data-launch-modal")
    }


def projects_field_errors(response):
    """The error messages shown under the release form's projects field."""
    assert response.status_code == 200, "the form was saved or refused, not shown again"
    field = parse_html(response).select_one('[data-contentpath="projects"]')
    return [text_of(error) for error in field.select(".error-message")]


# Communications staff and approvers


def test_communications_staff_draft_and_submit_a_release_but_cannot_publish_it(client, site):
    editor = log_in(client, COMMUNICATIONS)
    add = add_release_url(site.newsroom)
    assert action_buttons(get_html(client, add)) == {"action-submit"}
    data = new_release_form(client, site.newsroom, [site.komas], "viestinnan-tiedote")

    # Asking to publish saves a draft: Wagtail publishes only for those who may.
    assert_saved(client.post(add, {**data, "action-publish": ["action-publish"]}))

    release = ReleasePage.objects.get(slug_fi="viestinnan-tiedote")
    assert not release.live
    assert release.owner == editor
    assert list(release.projects.all()) == [site.komas]
    document = get_html(client, edit_url(release))
    assert action_buttons(document) == {"action-submit"}
    submit = document.select_one('footer button[name="action-submit"]')
    # The button names the workflow in the admin's language only (issue 13).
    assert text_of(submit) == "Lähetä työnkulkuun Julkaisun hyväksyntä"
    # The same from the edit form: still a draft.
    edited = release_form(client, edit_url(release), [site.komas], intro_en="Changed lead.")
    assert_saved(client.post(edit_url(release), {**edited, "action-publish": ["action-publish"]}))
    release.refresh_from_db()
    assert not release.live

    assert_saved(client.post(edit_url(release), {**edited, "action-submit": ["action-submit"]}))

    release.refresh_from_db()
    assert not release.live
    state = release.current_workflow_state
    assert state.workflow.name == PUBLISHING_APPROVAL
    assert state.current_task_state.task.name == APPROVAL_TASK
    assert state.requested_by == editor
    assert client.get(url_in(release, "fi")).status_code == 404
    # Nor may they approve their own submission.
    task_state = state.current_task_state
    approve = reverse(
        "wagtailadmin_pages:workflow_action", args=[release.pk, "approve", task_state.pk]
    )
    assert_permission_denied(client.post(approve, {"comment": ""}))
    assert awaiting_review(client) == {}
    release.refresh_from_db()
    assert not release.live
    assert release.current_workflow_state == state


def test_approver_finds_a_submitted_release_in_their_tasks_and_approving_publishes_it(client, site):
    log_in(client, COMMUNICATIONS)
    add = add_release_url(site.newsroom)
    data = new_release_form(client, site.newsroom, [site.pirsote], "hyvaksyttava")
    assert_saved(client.post(add, {**data, "action-submit": ["action-submit"]}))
    release = ReleasePage.objects.get(slug_fi="hyvaksyttava")
    assert not release.live
    approver = Client()
    log_in(approver, APPROVERS)

    tasks = awaiting_review(approver)
    assert set(tasks) == {"Tiedote hyvaksyttava"}
    assert approver.post(tasks["Tiedote hyvaksyttava"], {"comment": ""}).status_code == 302

    release.refresh_from_db()
    assert release.live
    assert release.current_workflow_state is None
    assert WorkflowState.objects.get(object_id=str(release.pk)).status == "approved"
    assert "Tiedote hyvaksyttava" in text_of(anonymous_html(release, "fi"))
    assert awaiting_review(approver) == {}


def test_approver_edits_and_publishes_any_page_directly(client, site):
    log_in(client, APPROVERS)
    release = ReleasePageFactory(parent=site.newsroom, projects=[site.komas])
    for page, lead in ((release, "Corrected lead."), (site.pirsote, "Updated summary.")):
        document = get_html(client, edit_url(page))
        assert {"action-publish", "action-submit"} <= action_buttons(document)
        data = page_form(client, edit_url(page), {"intro_en": lead, "action-publish": "publish"})

        assert_saved(client.post(edit_url(page), data))

        page.refresh_from_db()
        assert page.intro_en == lead
        assert not page.has_unpublished_changes
        assert lead in text_of(anonymous_html(page, "en"))


# Project managers


def test_project_manager_drafts_a_release_about_their_project_and_submits_it(client, site):
    manager = log_in(client, pirsote_managers(site))
    add = add_release_url(site.newsroom)
    document = get_html(client, add)
    # They choose among their own projects only, and cannot publish.
    choices = document.select("form#page-edit-form input[name=projects]")
    assert [int(box["value"]) for box in choices] == [site.pirsote.pk]
    assert action_buttons(document) == {"action-submit"}
    data = new_release_form(client, site.newsroom, [site.pirsote], "pirsoten-uutinen")

    assert_saved(client.post(add, {**data, "action-publish": ["action-publish"]}))

    release = ReleasePage.objects.get(slug_fi="pirsoten-uutinen")
    assert not release.live
    assert release.owner == manager
    assert action_buttons(get_html(client, edit_url(release))) == {"action-submit"}
    edited = release_form(client, edit_url(release), [site.pirsote])
    assert_saved(client.post(edit_url(release), {**edited, "action-submit": ["action-submit"]}))
    release.refresh_from_db()
    assert not release.live
    assert release.current_workflow_state.workflow.name == PUBLISHING_APPROVAL

    approver = Client()
    log_in(approver, APPROVERS)
    approve = awaiting_review(approver)["Tiedote pirsoten-uutinen"]
    assert approver.post(approve, {"comment": ""}).status_code == 302
    release.refresh_from_db()
    assert release.live
    assert list(release.projects.all()) == [site.pirsote]


@pytest.mark.parametrize("about", ["other", "none", "both"])
def test_project_manager_cannot_save_a_release_about_another_project_or_none(client, site, about):
    log_in(client, pirsote_managers(site), preferred_language="en")
    add = add_release_url(site.newsroom)
    projects = {"other": [site.komas], "none": [], "both": [site.pirsote, site.komas]}[about]
    data = new_release_form(client, site.newsroom, projects, "vaara-hanke")

    for action in ("action-save-draft", "action-submit"):
        errors = projects_field_errors(client.post(add, {**data, action: [action]}))

        if about == "none":
            assert errors == ["Choose the project, one that you manage, that the release is about."]
        else:
            # KOMAS is not among their choices at all.
            assert len(errors) == 1
            assert str(site.komas.pk) in errors[0]
    assert not ReleasePage.objects.filter(slug_fi="vaara-hanke").exists()


def test_project_manager_cannot_keep_another_project_someone_added_to_their_release(client, site):
    manager = log_in(client, pirsote_managers(site), preferred_language="en")
    data = new_release_form(client, site.newsroom, [site.pirsote], "yhteinen")
    assert_saved(client.post(add_release_url(site.newsroom), data))
    release = ReleasePage.objects.get(slug_fi="yhteinen")
    # Communications staff add KOMAS to the manager's draft.
    editor = Client()
    log_in(editor, COMMUNICATIONS)
    both = release_form(editor, edit_url(release), [site.pirsote, site.komas])
    assert_saved(editor.post(edit_url(release), both))

    document = get_html(client, edit_url(release))
    ticked = document.select("form#page-edit-form input[name=projects][checked]")
    assert {int(box["value"]) for box in ticked} == {site.pirsote.pk, site.komas.pk}
    both = release_form(client, edit_url(release), [site.pirsote, site.komas])

    assert projects_field_errors(client.post(edit_url(release), both)) == [
        "You may only write about projects you manage, not Project KOMAS (KOMAS)."
    ]
    release.refresh_from_db()
    assert release.get_latest_revision().user != manager
    # Unticking KOMAS is what they may do.
    assert_saved(
        client.post(edit_url(release), release_form(client, edit_url(release), [site.pirsote]))
    )
    release.refresh_from_db()
    latest = release.get_latest_revision()
    assert latest.user == manager
    assert latest.as_object().projects.get() == site.pirsote


def test_project_manager_cannot_edit_publish_or_delete_someone_elses_release(
    client, admin_client, site
):
    release = ReleasePageFactory(
        parent=site.newsroom, projects=[site.pirsote], intro_en="The original lead."
    )
    changed = page_form(admin_client, edit_url(release), {"intro_en": "Changed by a manager."})
    log_in(client, pirsote_managers(site))

    assert_permission_denied(client.get(edit_url(release)))
    assert_permission_denied(client.post(edit_url(release), changed))
    assert_permission_denied(
        client.post(edit_url(release), {**changed, "action-publish": ["action-publish"]})
    )
    assert_permission_denied(
        client.post(reverse("wagtailadmin_pages:unpublish", args=[release.pk]))
    )
    assert_permission_denied(client.post(reverse("wagtailadmin_pages:delete", args=[release.pk])))

    release.refresh_from_db()
    assert release.live
    assert release.intro_en == "The original lead."
    assert not release.has_unpublished_changes


def test_project_manager_finds_the_newsroom_in_the_explorer_and_may_edit_only_their_releases(
    client, site
):
    others = ReleasePageFactory(parent=site.newsroom, projects=[site.pirsote])
    log_in(client, pirsote_managers(site))
    data = new_release_form(client, site.newsroom, [site.pirsote], "oma")
    assert_saved(client.post(add_release_url(site.newsroom), data))
    own = ReleasePage.objects.get(slug_fi="oma")

    # The explorer now starts where both their project and the newsroom are found.
    response = client.get(reverse("wagtailadmin_explore_root"))
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_explore", args=[site.home.pk])
    home = get_html(client, reverse("wagtailadmin_explore", args=[site.home.pk]))
    assert {site.newsroom.pk, site.index.pk} <= explore_links(home)
    newsroom = get_html(client, reverse("wagtailadmin_explore", args=[site.newsroom.pk]))
    add_child = reverse("wagtailadmin_pages:add_subpage", args=[site.newsroom.pk])
    assert newsroom.select(f'a[href="{add_child}"]')
    assert edit_links(newsroom) == {own.pk}
    assert others.title_fi in text_of(newsroom)


def test_a_project_manager_of_another_project_may_not_write_about_pirsote(client, site):
    log_in(client, project_manager_group_name(site.komas), preferred_language="en")
    data = new_release_form(client, site.newsroom, [site.pirsote], "pirsotesta")

    errors = projects_field_errors(client.post(add_release_url(site.newsroom), data))

    assert len(errors) == 1
    assert str(site.pirsote.pk) in errors[0]
    assert not ReleasePage.objects.filter(slug_fi="pirsotesta").exists()


# The groups and the workflow that setup_roles makes


def newsroom_permissions(newsroom):
    return set(
        GroupPagePermission.objects.filter(page=newsroom).values_list(
            "group__name", "permission__codename"
        )
    )


def workflow_snapshot():
    return {
        "workflows": sorted(Workflow.objects.values_list("name", "active")),
        "tasks": sorted(GroupApprovalTask.objects.values_list("name", "active", "groups__name")),
        "steps": sorted(
            WorkflowTask.objects.values_list("workflow__name", "task__name", "sort_order")
        ),
        "assigned": sorted(WorkflowPage.objects.values_list("page_id", "workflow__name")),
    }


def test_setup_roles_twice_changes_nothing_and_assigns_one_workflow_to_the_whole_tree(
    home_page,
):
    site = build_site(home_page)
    root = Page.get_first_root_node()
    # Wagtail's own default, which ours replaces.
    assert WorkflowPage.objects.get(page=root).workflow.name == "Moderators approval"

    setup_roles()
    first = (roles_snapshot(), workflow_snapshot())
    names = setup_roles()
    assert names[:2] == [COMMUNICATIONS, APPROVERS]
    assert {pirsote_managers(site), project_manager_group_name(site.komas)} <= set(names)

    assert (roles_snapshot(), workflow_snapshot()) == first
    workflow = Workflow.objects.get(name=PUBLISHING_APPROVAL)
    assert workflow.active
    assert WorkflowPage.objects.get(page=root).workflow == workflow
    assert [task.name for task in workflow.tasks] == [APPROVAL_TASK]
    task = GroupApprovalTask.objects.get(name=APPROVAL_TASK)
    assert list(task.groups.values_list("name", flat=True)) == [APPROVERS]
    for page in (site.home, site.newsroom, site.pirsote):
        assert page.get_workflow() == workflow
    assert newsroom_permissions(site.newsroom) == {
        (pirsote_managers(site), "add_page"),
        (project_manager_group_name(site.komas), "add_page"),
    }


def test_setup_roles_takes_publishing_from_communications_and_reactivates_the_workflow(site):
    communications = Group.objects.get(name=COMMUNICATIONS)
    publish = Permission.objects.get(content_type__app_label="wagtailcore", codename="publish_page")
    # As an earlier setup_roles left it, plus a grant of the same kind on the newsroom.
    for page in (Page.get_first_root_node(), site.newsroom):
        GroupPagePermission.objects.create(group=communications, page=page, permission=publish)
    workflow = Workflow.objects.get(name=PUBLISHING_APPROVAL)
    workflow.deactivate()
    GroupApprovalTask.objects.filter(name=APPROVAL_TASK).update(active=False)
    assert site.newsroom.get_workflow() is None

    setup_roles()

    codenames = set(communications.page_permissions.values_list("permission__codename", flat=True))
    assert codenames == {"add_page", "change_page", "lock_page", "unlock_page"}
    workflow.refresh_from_db()
    assert workflow.active
    assert [task.name for task in workflow.tasks.filter(active=True)] == [APPROVAL_TASK]
    assert site.newsroom.get_workflow() == workflow
    user = log_in(Client(), COMMUNICATIONS)
    assert not site.newsroom.permissions_for_user(user).can_publish()
    assert site.newsroom.permissions_for_user(user).can_edit()


def test_project_managers_get_the_newsroom_when_setup_roles_runs_after_it_is_made(home_page):
    site = build_site(home_page, newsroom=False)
    setup_roles()
    managers = Group.objects.get(name=pirsote_managers(site))
    assert set(managers.page_permissions.values_list("page_id", flat=True)) == {site.pirsote.pk}

    newsroom = NewsIndexPageFactory(parent=home_page)
    setup_roles()

    assert newsroom_permissions(newsroom) == {
        (pirsote_managers(site), "add_page"),
        (project_manager_group_name(site.komas), "add_page"),
    }
    client = Client()
    log_in(client, managers.name)
    assert client.get(add_release_url(newsroom)).status_code == 200


def test_newsroom_created_in_the_admin_opens_to_every_projects_managers(client, home_page):
    site = build_site(home_page, newsroom=False)
    setup_roles()
    log_in(client, COMMUNICATIONS)
    url = reverse("wagtailadmin_pages:add", args=["news", "newsindexpage", home_page.pk])
    data = page_form(
        client, url, {"title_fi": "Uutishuone", "title_en": "Newsroom", "slug_fi": "uutishuone"}
    )

    assert_saved(client.post(url, data))

    newsroom = NewsIndexPage.objects.get()
    assert newsroom_permissions(newsroom) == {
        (pirsote_managers(site), "add_page"),
        (project_manager_group_name(site.komas), "add_page"),
    }


def test_project_created_in_the_admin_has_managers_who_may_write_releases(client, site):
    log_in(client, COMMUNICATIONS)
    url = reverse("wagtailadmin_pages:add", args=["projects", "projectpage", site.index.pk])
    data = page_form(
        client,
        url,
        {
            "title_fi": "Digitaaliset palvelut",
            "title_en": "Digital services",
            "slug_fi": "pirdigi",
            "acronym": "PirDIGI",
            "status": "in-preparation",
            "date_precision": "year",
        },
    )

    assert_saved(client.post(url, data))

    project = ProjectPage.objects.get(acronym="PirDIGI")
    group = project_manager_group_name(project)
    assert (group, "add_page") in newsroom_permissions(site.newsroom)
    manager = Client()
    log_in(manager, group)
    choices = get_html(manager, add_release_url(site.newsroom)).select(
        "form#page-edit-form input[name=projects]"
    )
    assert [int(box["value"]) for box in choices] == [project.pk]
