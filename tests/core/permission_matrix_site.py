"""The small site that tests/core/test_permission_matrix.py checks every role against.

Built once per module, inside a transaction its fixture rolls back: two projects (A, whose
managers are a role, and B), a newsroom with a live release, a draft release and one waiting
for approval (all written by a communications editor), a grant, a contact person, an image,
a subscriber, a locked-out account and a user to delete. Every role is a real user whose
rights come only from the groups `setup_roles` ships, signed in with a session that passed
the second sign-in step; the forms a request posts are read once from the admin, as a
superuser sees them, and reused by every role.
"""

from io import StringIO
from types import SimpleNamespace

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection, Site
from wagtail.test.utils.form_data import nested_form_data, streamfield

from axes.models import AccessAttempt

from funding.models import Grant
from funding.roles import FUNDING_EDITORS
from pirsote.core.models import ContactPerson
from pirsote.core.roles import APPROVERS, COMMUNICATIONS
from pirsote.core.staff_auth.testing import mark_verified
from projects.models import Organisation
from projects.roles import project_manager_group_name
from tests.conftest import make_home_page
from tests.factories import (
    ContactPersonFactory,
    DraftReleasePageFactory,
    GrantFactory,
    ImageFactory,
    NewsIndexPageFactory,
    OrganisationFactory,
    ProjectIndexPageFactory,
    ProjectPageFactory,
    ReleasePageFactory,
    RoleUserFactory,
    SiteSettingsFactory,
    StaffUserFactory,
    SubscriberFactory,
    UserFactory,
)
from tests.projects.test_admin import admin_form

ANONYMOUS = "anonymous"
STAFF_WITHOUT_GROUP = "staff without group"
COMMUNICATIONS_ROLE = "communications"
APPROVERS_ROLE = "approvers"
FUNDING_ROLE = "funding editors"
MANAGER_OF_A = "manager of project A"
SUPERUSER = "superuser"
ROLES = (
    ANONYMOUS,
    STAFF_WITHOUT_GROUP,
    COMMUNICATIONS_ROLE,
    APPROVERS_ROLE,
    FUNDING_ROLE,
    MANAGER_OF_A,
    SUPERUSER,
)

# What an allowed request writes, found afterwards to tell "done" from "refused".
MARKER = "Muutettu matriisissa / Changed by the matrix"
NEW_RELEASE_SLUG = "matriisin-tiedote"
NEW_GRANT_IDENTIFIER = "360G-matrix-new-grant"
NEW_REDIRECT = "/matriisin-vanha-osoite"
NEW_IMAGE_TITLE = "Matriisin kuva"
LOCKED_USERNAME = "lukittu-toimittaja"

# StreamFields render in the browser: the posted page forms give them empty.
EMPTY_BODIES = nested_form_data({"body_fi": streamfield([]), "body_en": streamfield([])})


def _users(groups_of_a):
    """{role: user}: staff users whose admin rights come only from setup_roles' groups."""
    return {
        STAFF_WITHOUT_GROUP: RoleUserFactory(username="matriisi-ei-ryhmaa"),
        COMMUNICATIONS_ROLE: RoleUserFactory(
            username="matriisi-viestinta", groups=[COMMUNICATIONS]
        ),
        APPROVERS_ROLE: RoleUserFactory(username="matriisi-hyvaksyja", groups=[APPROVERS]),
        FUNDING_ROLE: RoleUserFactory(username="matriisi-rahoitus", groups=[FUNDING_EDITORS]),
        MANAGER_OF_A: RoleUserFactory(username="matriisi-hankepaallikko", groups=[groups_of_a]),
        SUPERUSER: StaffUserFactory(username="matriisi-paakayttaja", is_superuser=True),
    }


def _session_cookies(users):
    """{role: session key} of a signed-in session that passed the second step."""
    cookies = {ANONYMOUS: None}
    for role, user in users.items():
        client = Client()
        client.force_login(user)
        mark_verified(client, user)
        cookies[role] = client.cookies[settings.SESSION_COOKIE_NAME].value
    return cookies


def _submit_for_approval(page, user):
    """Save `page`'s draft and submit it to the workflow setup_roles assigns to every page."""
    page.save_revision(user=user)
    page.get_workflow().start(page, user)


def _page_form(client, url, changes):
    return admin_form(client, url, "page-edit-form", {**EMPTY_BODIES, **changes})


def _forms(site):
    """The forms each operation posts, as the admin renders them to a superuser."""
    client = Client()
    client.cookies[settings.SESSION_COOKIE_NAME] = site.sessions[SUPERUSER]
    project_a = _page_form(client, site.urls.edit_a, {"intro_en": MARKER})
    project_b = _page_form(client, site.urls.edit_b, {"intro_en": MARKER})
    release = _page_form(
        client,
        site.urls.add_release,
        {
            "title_fi": "Matriisin tiedote",
            "title_en": "The matrix's release",
            "slug_fi": NEW_RELEASE_SLUG,
            "slug_en": NEW_RELEASE_SLUG,
            "intro_fi": "Hankkeen uutinen.",
            "intro_en": "News of the project.",
            "release_type": "press-release",
            "projects": [str(site.project_a.pk)],
        },
    )
    grant = admin_form(client, site.urls.edit_grant, "w-editor-form", {"title_en": MARKER})
    grant_fields = {
        "identifier": NEW_GRANT_IDENTIFIER,
        "title_fi": "Matriisin avustus",
        "title_en": "The matrix's grant",
        "description_fi": "Käyttötarkoitus.",
        "description_en": "Purpose.",
        "project": str(site.project_a.pk),
        "funder": str(site.grant.funder_id),
        "recipient": str(site.grant.recipient_id),
        "amount_awarded": "1000.00",
        "award_date": "2021-05-15",
        "award_date_precision": "day",
    }
    new_grant = admin_form(client, site.urls.add_grant, "w-editor-form", grant_fields)
    site_settings = admin_form(
        client,
        site.urls.site_settings,
        "w-editor-form",
        {"publisher_name_en": MARKER, **nested_form_data({"social_links": streamfield([])})},
    )
    person = admin_form(client, site.urls.edit_person, "w-editor-form", {"job_title_en": MARKER})
    image = admin_form(
        client,
        site.urls.add_image,
        "w-editor-form",
        {
            "title": NEW_IMAGE_TITLE,
            "description_fi": "Kuvaus.",
            "description_en": "Description.",
            "collection": str(Collection.get_first_root_node().pk),
        },
    )
    png = get_test_image_file().file.getvalue()
    return SimpleNamespace(
        save_draft_a=project_a,
        publish_a={**project_a, "action-publish": ["action-publish"]},
        save_draft_b=project_b,
        new_release=release,
        publish_new_release={**release, "action-publish": ["action-publish"]},
        edit_grant=grant,
        new_grant=new_grant,
        site_settings=site_settings,
        edit_person=person,
        # A new upload for each request: an uploaded file is read to its end.
        new_image=lambda: {**image, "file": SimpleUploadedFile("matriisi.png", png)},
        redirect={
            "old_path": NEW_REDIRECT,
            "site": "",
            "is_permanent": "on",
            "redirect_page": "",
            "redirect_page_route_path": "",
            "redirect_link": "https://example.fi/",
        },
        unlock={"username": LOCKED_USERNAME},
        approve={"comment": ""},
    )


def _urls(site):
    def page(action, page):
        return reverse(f"wagtailadmin_pages:{action}", args=[page.pk])

    def snippet(model, action, *args):
        return reverse(model.snippet_viewset.get_url_name(action), args=args)

    task_state = site.submitted_release.current_workflow_task_state
    return SimpleNamespace(
        edit_a=page("edit", site.project_a),
        edit_b=page("edit", site.project_b),
        delete_a=page("delete", site.project_a),
        add_release=reverse(
            "wagtailadmin_pages:add", args=["news", "releasepage", site.newsroom.pk]
        ),
        edit_live_release=page("edit", site.live_release),
        unpublish_live_release=page("unpublish", site.live_release),
        view_draft_release=page("view_draft", site.draft_release),
        approve=reverse(
            "wagtailadmin_pages:workflow_action",
            args=[site.submitted_release.pk, "approve", task_state.pk],
        ),
        grants=snippet(Grant, "list"),
        edit_grant=snippet(Grant, "edit", site.grant.pk),
        add_grant=snippet(Grant, "add"),
        edit_person=snippet(ContactPerson, "edit", site.person.pk),
        delete_organisation=snippet(Organisation, "delete", site.organisation.pk),
        site_settings=reverse(
            "wagtailsettings:edit", args=["core", "sitesettings", site.wagtail_site.pk]
        ),
        add_image=reverse("wagtailimages:add"),
        delete_image=reverse("wagtailimages:delete", args=[site.image.pk]),
        add_redirect=reverse("wagtailredirects:add"),
        search_promotions=reverse("wagtailsearchpromotions:index"),
        users=reverse("wagtailusers_users:index"),
        groups=reverse("wagtailusers_groups:index"),
        delete_user=reverse("wagtailusers_users:delete", args=[site.user_to_delete.pk]),
        locked_sign_ins=reverse("staff_auth_locked_sign_ins"),
        subscribers=reverse("subscribers:index"),
        delete_subscriber=reverse("subscribers:delete", args=[site.subscriber.pk]),
    )


def build_site():
    """The site, the roles' users and sessions, and the forms; returns a namespace of them."""
    home = make_home_page()
    wagtail_site = Site.objects.get(root_page=home)
    SiteSettingsFactory()
    projects = ProjectIndexPageFactory(parent=home)
    # A has no service models: Wagtail alone would let its managers delete it.
    project_a = ProjectPageFactory(parent=projects, acronym="MATRIISIA")
    project_b = ProjectPageFactory(parent=projects, acronym="MATRIISIB")
    newsroom = NewsIndexPageFactory(parent=home)
    call_command("setup_roles", stdout=StringIO())
    users = _users(project_manager_group_name(project_a))
    editor = users[COMMUNICATIONS_ROLE]
    live_release = ReleasePageFactory(parent=newsroom, projects=[project_a], owner=editor)
    draft_release = DraftReleasePageFactory(parent=newsroom, projects=[project_a], owner=editor)
    submitted_release = DraftReleasePageFactory(parent=newsroom, projects=[project_a], owner=editor)
    _submit_for_approval(submitted_release, editor)
    # About B: a grant's project is protected from deletion, and A is deleted in a row.
    grant = GrantFactory(project=project_b)
    AccessAttempt.objects.create(
        username=LOCKED_USERNAME,
        ip_address="198.51.100.7",
        user_agent="matrix",
        http_accept="*/*",
        path_info="/admin/login/",
        failures_since_start=settings.AXES_FAILURE_LIMIT,
    )
    site = SimpleNamespace(
        home=home,
        wagtail_site=wagtail_site,
        project_a=project_a,
        project_b=project_b,
        newsroom=newsroom,
        live_release=live_release,
        draft_release=draft_release,
        submitted_release=submitted_release,
        grant=grant,
        person=ContactPersonFactory(),
        # Named by no grant, so nothing protects it from deletion.
        organisation=OrganisationFactory(),
        # wagtail_factories would put it in a collection of its own, beside the tree's root
        # that the roles' image permissions are given on.
        image=ImageFactory(collection=Collection.get_first_root_node()),
        subscriber=SubscriberFactory(),
        user_to_delete=UserFactory(username="matriisi-poistettava"),
        users=users,
        sessions=_session_cookies(users),
    )
    site.urls = _urls(site)
    site.forms = _forms(site)
    return site
