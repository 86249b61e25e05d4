"""Project managers keep their own project's pages current through the real Wagtail admin.

Every request here goes through the admin's views as a user whose only rights come from the
groups `setup_roles` creates: the forms are fetched as the admin renders them, changed as an
editor would, and posted back.
"""

from types import SimpleNamespace

from django.contrib import messages
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from wagtail.models import Page
from wagtail.test.utils.form_data import nested_form_data, querydict_from_html, streamfield

import pytest

from pirsote.core.roles import APPROVERS, setup_roles
from projects.models import Goal, ProjectContact, ServiceModelPage, TargetGroup
from projects.roles import project_manager_group_name
from tests.core.helpers import get_html, gettext_in, text_of, url_in
from tests.factories import ContactPersonFactory, ProjectPageFactory, RoleUserFactory

pytestmark = pytest.mark.django_db

# Helpers the other admin tests share.

PERMISSION_DENIED = "Sorry, you do not have permission to access this area."


def assert_permission_denied(response):
    """Wagtail 8 refuses an admin request with a redirect to the dashboard and an error message.

    It does not answer 403: `require_admin_access` turns the view's PermissionDenied into
    that redirect for every request not made with XMLHttpRequest.
    """
    assert response.status_code == 302, f"expected a refusal, got {response.status_code}"
    assert response["Location"] == reverse("wagtailadmin_home")
    errors = [
        str(m).strip() for m in get_messages(response.wsgi_request) if m.level == messages.ERROR
    ]
    # The refusal is written in the request's language, Finnish when the browser asks none.
    # Earlier refusals not yet shown on a page are still queued before it.
    assert errors[-1:] == [gettext_in("fi", PERMISSION_DENIED)]


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def add_service_model_url(project):
    return reverse("wagtailadmin_pages:add", args=["projects", "servicemodelpage", project.pk])


# StreamFields render in the browser, so their data is given rather than read from the form.
# The pages these tests edit have empty bodies.
EMPTY_BODIES = nested_form_data({"body_fi": streamfield([]), "body_en": streamfield([])})


def admin_form(client, url, form_id, changes=()):
    """The form at `url` as the admin renders it, with `changes`: {name: value or [values]}."""
    response = client.get(url)
    assert response.status_code == 200, f"GET {url} gave {response.status_code}"
    data = querydict_from_html(response.content.decode(), form_id=form_id)
    for name, value in dict(changes).items():
        data.setlist(name, value if isinstance(value, list) else [value])
    return {name: data.getlist(name) for name in data}


def page_form(client, url, changes=()):
    return admin_form(client, url, "page-edit-form", {**EMPTY_BODIES, **dict(changes)})


def add_inline_form(data, relation, fields):
    """Add one form to the inline formset `relation`, as the admin's "Add" button does."""
    index = int(data[f"{relation}-TOTAL_FORMS"][0])
    data[f"{relation}-TOTAL_FORMS"] = [str(index + 1)]
    for name, value in {"id": "", "ORDER": str(index + 1), "DELETE": "", **fields}.items():
        data[f"{relation}-{index}-{name}"] = [value]
    return data


def assert_saved(response):
    """A saved admin form redirects onwards; an invalid one is shown again with its errors."""
    if response.status_code == 200 and response.context and "form" in response.context:
        form = response.context["form"]
        formset_errors = {name: fs.errors for name, fs in getattr(form, "formsets", {}).items()}
        pytest.fail(f"The form was not saved: {form.errors.as_data()} {formset_errors}")
    assert response.status_code == 302
    assert response["Location"] != reverse("wagtailadmin_home"), "refused, not saved"


def contact_cards(document):
    return [text_of(card) for card in document.select(".project-contacts .contact-card")]


def service_model_titles(document):
    return [
        text_of(title) for title in document.select(".project-service-models .compact-list__title")
    ]


def field_names(form):
    """Names of the form's fields; StreamFields, drawn in the browser, by their content path."""
    # find_all rather than select: CSS selectors do not look inside <template> elements.
    fields = form.find_all(["input", "select", "textarea"], attrs={"name": True})
    streams = form.select("[data-contentpath][data-field]")
    return {field["name"] for field in fields} | {div["data-contentpath"] for div in streams}


def anonymous_html(page, language):
    """The public page as a visitor who is not logged in sees it."""
    return get_html(Client(), url_in(page, language))


def with_roles(project_site):
    """project_site plus PirKOTI, a project with no service models yet, and the staff roles."""
    pirkoti = ProjectPageFactory(
        parent=project_site.index,
        acronym="PirKOTI",
        title_fi="Kotona asumisen tuki",
        title_en="Support for living at home",
        intro_fi="Hanke tukee kotona asumista.",
        intro_en="The project supports living at home.",
    )
    setup_roles()
    return SimpleNamespace(**vars(project_site), pirkoti=pirkoti)


def log_in(client, *groups, **user_fields):
    """Log `client` in as a new user whose only rights come from the named groups."""
    user = RoleUserFactory(groups=groups, **user_fields)
    client.force_login(user)
    return user


def approve(page):
    """An approver approves what was submitted of `page`, which publishes it."""
    approver = Client()
    log_in(approver, APPROVERS)
    task_state = Page.objects.get(pk=page.pk).current_workflow_task_state
    assert task_state is not None, f"{page} was not submitted for approval"
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk])
    assert approver.post(url, {"comment": ""}).status_code == 302


def action_buttons(document):
    """Names of the page editor's action buttons, e.g. {"action-publish", "action-submit"}."""
    footer = document.select_one("form#page-edit-form footer")
    return {button["name"] for button in footer.select("button[name]")}


@pytest.fixture
def roles_site(project_site):
    return with_roles(project_site)


@pytest.fixture
def pirkoti_manager(client, roles_site):
    """The client, logged in as a member of PirKOTI's project managers' group only."""
    return log_in(client, project_manager_group_name(roles_site.pirkoti))


# The forms


def test_project_form_has_finnish_and_english_fields_for_translated_content(
    client, roles_site, pirkoti_manager
):
    document = get_html(client, edit_url(roles_site.pirkoti))
    form = document.select_one("form#page-edit-form")
    names = field_names(form)

    for name in ("title", "slug", "intro", "body"):
        assert {f"{name}_fi", f"{name}_en"} <= names, name
    # Inline forms are templates the admin copies for each contact or staff figure added.
    for name in ("contacts-__prefix__-role", "staff_figures-__prefix__-description"):
        assert {f"{name}_fi", f"{name}_en"} <= names, name
    assert (
        form.select_one("#id_intro_en").get_text().strip() == "The project supports living at home."
    )
    # Facts that are the same in both languages have one field.
    assert form.select_one("[name=acronym]")["value"] == "PirKOTI"
    assert "acronym_en" not in names
    # Goals are ticked from a list, named in the editor's language (Finnish by default).
    goal_choices = {text_of(box.find_parent("label")) for box in form.select("[name=goals]")}
    assert goal_choices == {goal.name_fi for goal in Goal.objects.all()}


def test_service_model_form_has_finnish_and_english_fields(client, roles_site, pirkoti_manager):
    document = get_html(client, add_service_model_url(roles_site.pirkoti))
    form = document.select_one("form#page-edit-form")
    names = field_names(form)

    for name in ("title", "slug", "intro", "body"):
        assert {f"{name}_fi", f"{name}_en"} <= names, name
    target_group_choices = {
        text_of(box.find_parent("label")) for box in form.select("[name=target_groups]")
    }
    assert target_group_choices == {group.name_fi for group in TargetGroup.objects.all()}


# A project manager's own project


def test_project_manager_submits_new_english_lead_and_contact_and_approval_publishes_them(
    client, roles_site, pirkoti_manager
):
    project = roles_site.pirkoti
    person = ContactPersonFactory(
        name="Kaisa Kotona", job_title_fi="Suunnittelija", job_title_en="Planner"
    )
    # One way to the site: submit for approval; the editor offers no "Publish".
    buttons = action_buttons(get_html(client, edit_url(project)))
    assert "action-submit" in buttons
    assert "action-publish" not in buttons
    data = page_form(
        client,
        edit_url(project),
        {"intro_en": "Home care that reaches every municipality.", "action-submit": "submit"},
    )
    add_inline_form(
        data,
        "contacts",
        {"person": str(person.pk), "role_fi": "Hankepäällikkö", "role_en": "Project manager"},
    )

    assert_saved(client.post(edit_url(project), data))
    project.refresh_from_db()
    assert project.has_unpublished_changes
    assert "Home care that reaches" not in text_of(anonymous_html(project, "en"))

    approve(project)

    project.refresh_from_db()
    assert project.intro_en == "Home care that reaches every municipality."
    assert project.intro_fi == "Hanke tukee kotona asumista."
    assert not project.has_unpublished_changes
    contact = ProjectContact.objects.get(page=project)
    assert (contact.person, contact.role_fi, contact.role_en) == (
        person,
        "Hankepäällikkö",
        "Project manager",
    )
    english = anonymous_html(project, "en")
    assert text_of(english.select_one(".lead")) == "Home care that reaches every municipality."
    [card] = contact_cards(english)
    assert "Kaisa Kotona" in card
    assert "Project manager" in card
    assert "Planner" not in card
    [card] = contact_cards(anonymous_html(project, "fi"))
    assert "Hankepäällikkö" in card


def test_draft_of_a_changed_lead_stays_private_until_approved(client, roles_site, pirkoti_manager):
    project = roles_site.pirkoti
    new_lead = "A draft lead nobody outside should read yet."

    assert_saved(
        client.post(edit_url(project), page_form(client, edit_url(project), {"intro_en": new_lead}))
    )

    project.refresh_from_db()
    assert project.has_unpublished_changes
    assert project.intro_en == "The project supports living at home."
    assert project.get_latest_revision_as_object().intro_en == new_lead
    assert new_lead not in text_of(anonymous_html(project, "en"))

    # Asking to publish saves a draft: managers may not publish.
    data = page_form(client, edit_url(project), {"action-publish": "publish"})
    assert data["intro_en"] == [f"\n{new_lead}"]
    assert_saved(client.post(edit_url(project), data))
    assert new_lead not in text_of(anonymous_html(project, "en"))

    # Submitting the form as it now stands, with the draft in it, and approval make it public.
    data = page_form(client, edit_url(project), {"action-submit": "submit"})
    assert_saved(client.post(edit_url(project), data))
    assert new_lead not in text_of(anonymous_html(project, "en"))
    approve(project)

    assert text_of(anonymous_html(project, "en").select_one(".lead")) == new_lead


def test_project_manager_adds_and_edits_service_model_of_own_project_through_approval(
    client, roles_site, pirkoti_manager
):
    project = roles_site.pirkoti
    older = roles_site.target_groups.older
    access = roles_site.goals.access
    data = page_form(
        client,
        add_service_model_url(project),
        {
            "title_fi": "Kotiutustiimi",
            "title_en": "Discharge team",
            "slug_fi": "kotiutustiimi",
            "slug_en": "discharge-team",
            "intro_fi": "Tiimi tukee kotiutumista sairaalasta.",
            "intro_en": "The team supports going home from hospital.",
            "status": "piloted",
            "target_groups": [str(older.pk)],
            "goals": [str(access.pk)],
            "action-submit": "submit",
        },
    )

    assert_saved(client.post(add_service_model_url(project), data))
    service_model = ServiceModelPage.objects.child_of(project).get()
    assert not service_model.live
    approve(service_model)

    service_model.refresh_from_db()
    assert service_model.live
    assert service_model.owner == pirkoti_manager
    assert list(service_model.target_groups.all()) == [older]
    assert list(service_model.goals.all()) == [access]
    assert service_model_titles(anonymous_html(project, "fi")) == ["Kotiutustiimi"]
    assert service_model_titles(anonymous_html(project, "en")) == ["Discharge team"]
    assert anonymous_html(service_model, "en").h1.get_text(strip=True) == "Discharge team"

    data = page_form(
        client,
        edit_url(service_model),
        {"title_en": "Hospital discharge team", "action-submit": "submit"},
    )
    assert_saved(client.post(edit_url(service_model), data))
    approve(service_model)

    assert service_model_titles(anonymous_html(project, "en")) == ["Hospital discharge team"]
