"""Who may do what in the admin and on the site: one table, operation by role.

Each row is a real HTTP request through the test client (the admin's own forms, as a
superuser sees them, posted by every role) and what each of the seven roles must get:

- ALLOWED: the request does what it asks (a 200 for a view; for a POST, its effect is found
  in the database afterwards);
- DENIED: a refusal (Wagtail's redirect to the sign-in page or to the dashboard with its
  "no permission" message, or 403, or 404), and for a POST no row added or removed anywhere
  in the tables the table watches (WATCHED), nor the asked-for change made;
- DRAFT: Wagtail's answer to publishing without the right to publish: the request is saved
  as a draft (found afterwards) and nothing goes live.

The expectations are the policy in the roles modules' docstrings (pirsote/core/roles.py,
projects/roles.py, news/roles.py, funding/roles.py, news/subscriptions/wagtail_hooks.py,
pirsote/core/staff_auth/lockout.py), checked against the groups `setup_roles` ships. The
site is built once for the module (tests/core/permission_matrix_site.py); each cell runs in
its own transaction, rolled back after it. A cell that finds a leak is not relaxed here: it
stays DENIED and is listed in LEAKS, an xfail(strict=True) with what happened.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import Group, User
from django.db import transaction
from django.db.models import Count, Max
from django.test import Client, override_settings
from django.urls import reverse

from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    GroupPagePermission,
    ModelLogEntry,
    Page,
    PageLogEntry,
    Revision,
    TaskState,
    WorkflowState,
)

import pytest
from axes.models import AccessAttempt

from funding.models import Grant
from news.models import ReleasePage
from news.subscriptions.models import Subscriber
from pirsote.core.models import ContactPerson, SiteSettings
from projects.models import Organisation, ProjectPage
from tests.core.helpers import url_in
from tests.core.permission_matrix_site import (
    ANONYMOUS,
    LOCKED_USERNAME,
    MARKER,
    NEW_GRANT_IDENTIFIER,
    NEW_IMAGE_TITLE,
    NEW_REDIRECT,
    NEW_RELEASE_SLUG,
    ROLES,
    STAFF_WITHOUT_GROUP,
    build_site,
)

# One worker builds the module's site once, rather than each worker its own copy.
pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("permission_matrix")]

ALLOWED, DENIED, DRAFT = "Y", "n", "d"

# Every table whose rows a refused POST must leave as they were (count and highest id).
WATCHED = (
    Page,
    Revision,
    PageLogEntry,
    ModelLogEntry,
    WorkflowState,
    TaskState,
    GroupPagePermission,
    Group,
    User,
    Grant,
    ContactPerson,
    Organisation,
    SiteSettings,
    Redirect,
    Subscriber,
    AccessAttempt,
)


def fingerprint():
    watched = (*WATCHED, get_image_model(), get_document_model())
    return {
        model.__name__: model.objects.aggregate(n=Count("pk"), top=Max("pk")) for model in watched
    }


def revised(obj):
    """Whether any revision of `obj` (a page or a snippet) holds the matrix's marker."""
    return any(
        MARKER in str(content)
        for content in Revision.objects.for_instance(obj).values_list("content", flat=True)
    )


def ok(site, response):
    return response.status_code == 200


@dataclass(frozen=True)
class Operation:
    name: str
    method: str
    url: Callable
    # Whether the request did what it asked: fn(site, response) -> bool.
    done: Callable = ok
    # The POSTed data: fn(site) -> dict.
    data: Callable = None
    # One of ALLOWED, DENIED, DRAFT per role, in the order of ROLES.
    expected: str = ""
    # For a publishing POST: whether it saved a draft instead, fn(site) -> bool.
    drafted: Callable = None


def get(name, expected, url):
    return Operation(name, "get", url, ok, None, expected)


def post(name, expected, url, data, done, drafted=None):
    return Operation(name, "post", url, done, data, expected, drafted)


# Each row: the operation, then one letter per role (Y allowed, n denied, d draft only) in
# the order of ROLES: anonymous, staff without a group, communications, approvers, funding
# editors, manager of project A, superuser. Then the request and, for a POST, its data and
# how to tell that it was done.
TABLE = [
    get("open the admin dashboard", "nnYYYYY", lambda s: reverse("wagtailadmin_home")),
    # Project pages: project A's managers and everyone who edits every page; approvers and
    # superusers publish; communications and managers submit for approval (a draft is saved).
    get("open project A's editor", "nnYYnYY", lambda s: s.urls.edit_a),
    post(
        "save a draft of project A",
        "nnYYnYY",
        lambda s: s.urls.edit_a,
        lambda s: s.forms.save_draft_a,
        lambda s, r: revised(s.project_a),
    ),
    post(
        "publish project A",
        "nndYndY",
        lambda s: s.urls.edit_a,
        lambda s: s.forms.publish_a,
        lambda s, r: ProjectPage.objects.get(pk=s.project_a.pk).intro_en == MARKER,
        drafted=lambda s: revised(s.project_a),
    ),
    get("open project B's editor", "nnYYnnY", lambda s: s.urls.edit_b),
    post(
        "save a draft of project B",
        "nnYYnnY",
        lambda s: s.urls.edit_b,
        lambda s: s.forms.save_draft_b,
        lambda s, r: revised(s.project_b),
    ),
    # Deleting a project is for those who edit the project list (projects/wagtail_hooks.py).
    # Wagtail lets no one without "publish" delete a live page, so communications may not
    # either; approvers may.
    post(
        "delete project A",
        "nnnYnnY",
        lambda s: s.urls.delete_a,
        lambda s: {},
        lambda s, r: not Page.objects.filter(pk=s.project_a.pk).exists(),
    ),
    # The newsroom: communications and project managers draft, approvers publish.
    post(
        "add a release about project A",
        "nnYYnYY",
        lambda s: s.urls.add_release,
        lambda s: s.forms.new_release,
        lambda s, r: ReleasePage.objects.filter(slug_fi=NEW_RELEASE_SLUG).exists(),
    ),
    post(
        "add and publish a release",
        "nndYndY",
        lambda s: s.urls.add_release,
        lambda s: s.forms.publish_new_release,
        lambda s, r: ReleasePage.objects.filter(slug_fi=NEW_RELEASE_SLUG, live=True).exists(),
        drafted=lambda s: ReleasePage.objects.filter(slug_fi=NEW_RELEASE_SLUG).exists(),
    ),
    # Project managers edit only the releases they added (news/roles.py).
    get("open a release someone else added", "nnYYnnY", lambda s: s.urls.edit_live_release),
    post(
        "approve a release submitted for approval",
        "nnnYnnY",
        lambda s: s.urls.approve,
        lambda s: s.forms.approve,
        lambda s, r: ReleasePage.objects.get(pk=s.submitted_release.pk).live,
    ),
    post(
        "unpublish a live release",
        "nnnYnnY",
        lambda s: s.urls.unpublish_live_release,
        lambda s: {},
        lambda s, r: not ReleasePage.objects.get(pk=s.live_release.pk).live,
    ),
    get("preview a draft release", "nnYYnnY", lambda s: s.urls.view_draft_release),
    # Drafts are never public: not at their address, not in the API, not for staff either.
    get(
        "open a draft release at its public address",
        "nnnnnnn",
        lambda s: url_in(s.draft_release, "fi"),
    ),
    get(
        "read a draft release from the API",
        "nnnnnnn",
        lambda s: f"/api/pages/{s.draft_release.pk}/",
    ),
    # Grants: funding editors keep them, communications read them (funding/roles.py).
    get("list the grants", "nnYnYnY", lambda s: s.urls.grants),
    get("open a grant's editor", "nnnnYnY", lambda s: s.urls.edit_grant),
    post(
        "change a grant",
        "nnnnYnY",
        lambda s: s.urls.edit_grant,
        lambda s: s.forms.edit_grant,
        lambda s, r: revised(s.grant) or Grant.objects.get(pk=s.grant.pk).title_en == MARKER,
    ),
    post(
        "add a grant",
        "nnnnYnY",
        lambda s: s.urls.add_grant,
        lambda s: s.forms.new_grant,
        lambda s, r: Grant.objects.filter(identifier=NEW_GRANT_IDENTIFIER).exists(),
    ),
    # Site settings and contact people's details: communications (pirsote/core/roles.py,
    # projects/roles.py: managers only add and choose contact people).
    post(
        "change the site settings",
        "nnYnnnY",
        lambda s: s.urls.site_settings,
        lambda s: s.forms.site_settings,
        lambda s, r: SiteSettings.objects.get(site=s.wagtail_site).publisher_name_en == MARKER,
    ),
    post(
        "change a contact person's details",
        "nnYnnnY",
        lambda s: s.urls.edit_person,
        lambda s: s.forms.edit_person,
        lambda s, r: ContactPerson.objects.get(pk=s.person.pk).job_title_en == MARKER,
    ),
    # Organisations: communications keep them; funding editors add and change, not delete
    # (projects/roles.py, funding/roles.py).
    post(
        "delete an organisation",
        "nnYnnnY",
        lambda s: s.urls.delete_organisation,
        lambda s: {},
        lambda s, r: not Organisation.objects.filter(pk=s.organisation.pk).exists(),
    ),
    # Images: communications and approvers keep them all; managers upload and choose only.
    post(
        "upload an image",
        "nnYYnYY",
        lambda s: s.urls.add_image,
        lambda s: s.forms.new_image(),
        lambda s, r: get_image_model().objects.filter(title=NEW_IMAGE_TITLE).exists(),
    ),
    post(
        "delete an image",
        "nnYYnnY",
        lambda s: s.urls.delete_image,
        lambda s: {},
        lambda s, r: not get_image_model().objects.filter(pk=s.image.pk).exists(),
    ),
    # Redirects and promoted search results go live unapproved: approvers only
    # (pirsote/core/roles.py).
    post(
        "add a redirect",
        "nnnYnnY",
        lambda s: s.urls.add_redirect,
        lambda s: s.forms.redirect,
        lambda s, r: Redirect.objects.filter(old_path=NEW_REDIRECT).exists(),
    ),
    get("list the promoted search results", "nnnYnnY", lambda s: s.urls.search_promotions),
    # Subscribers: communications look and delete (news/subscriptions/wagtail_hooks.py).
    get("list the e-mail subscribers", "nnYnnnY", lambda s: s.urls.subscribers),
    post(
        "delete a subscriber",
        "nnYnnnY",
        lambda s: s.urls.delete_subscriber,
        lambda s: {},
        lambda s, r: not Subscriber.objects.filter(pk=s.subscriber.pk).exists(),
    ),
    # Accounts, groups and lockouts: administrators only; no role is given them.
    get("list the users", "nnnnnnY", lambda s: s.urls.users),
    get("list the groups", "nnnnnnY", lambda s: s.urls.groups),
    post(
        "delete a user",
        "nnnnnnY",
        lambda s: s.urls.delete_user,
        lambda s: {},
        lambda s, r: not User.objects.filter(pk=s.user_to_delete.pk).exists(),
    ),
    get("list the locked sign-ins", "nnnnnnY", lambda s: s.urls.locked_sign_ins),
    post(
        "unlock a locked account",
        "nnnnnnY",
        lambda s: s.urls.locked_sign_ins,
        lambda s: s.forms.unlock,
        lambda s, r: not AccessAttempt.objects.filter(username=LOCKED_USERNAME).exists(),
    ),
    # Django's own admin is not mounted: nothing answers there, not even to a superuser.
    get("open Django's admin", "nnnnnnn", lambda s: "/django-admin/"),
]

# Cells where a role can do what the policy says it must not: {(operation, role): what happens}.
LEAKS = {}


def cells():
    """One pytest param per (operation, role), xfail(strict=True) where LEAKS lists it."""
    params = []
    for operation in TABLE:
        assert len(operation.expected) == len(ROLES), operation.name
        for role, expected in zip(ROLES, operation.expected, strict=True):
            leak = LEAKS.get((operation.name, role))
            marks = [pytest.mark.xfail(strict=True, reason=leak)] if leak else []
            params.append(
                pytest.param(
                    operation, role, expected, id=f"{operation.name} | {role}", marks=marks
                )
            )
    return params


# --- The site, built once ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def matrix_media(tmp_path_factory):
    return tmp_path_factory.mktemp("permission-matrix-media")


@pytest.fixture(autouse=True)
def _media_in_tmp_path(settings, matrix_media):
    # Overrides tests/core/conftest.py's: the module's image lives in one directory.
    settings.MEDIA_ROOT = matrix_media


@pytest.fixture(scope="module")
def matrix_site(django_db_setup, django_db_blocker, matrix_media):
    """The site, built once for the module in a transaction rolled back at its end."""
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=matrix_media):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield build_site()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def site(matrix_site, db):
    return matrix_site


# --- The matrix -------------------------------------------------------------------------------


def client_of(site, role):
    """A new client with `role`'s signed-in session (none for the anonymous visitor)."""
    client = Client()
    if session := site.sessions[role]:
        client.cookies[settings.SESSION_COOKIE_NAME] = session
    return client


def refusal(response):
    """Why `response` counts as a refusal, or None if it does not."""
    status = response.status_code
    if status in (403, 404):
        return status
    if status == 302:
        location = response["Location"]
        if location.startswith(reverse("wagtailadmin_login")):
            return "sign-in"
        if location == reverse("wagtailadmin_home"):
            return "dashboard"
    return None


def form_errors(response):
    """The errors of a form shown again, to say why a POST that should work did not."""
    form = response.context and response.context.get("form")
    return form.errors.as_data() if form else ""


def test_table_covers_at_least_twenty_operations_and_every_role():
    assert len({operation.name for operation in TABLE}) == len(TABLE) >= 20
    for operation in TABLE:
        assert set(operation.expected) <= {ALLOWED, DENIED, DRAFT}, operation.name
    for index, role in enumerate(ROLES):
        # Every role with admin access is allowed something and refused something.
        column = {operation.expected[index] for operation in TABLE}
        assert DENIED in column, role
        if role not in (ANONYMOUS, STAFF_WITHOUT_GROUP):
            assert ALLOWED in column, role
    for operation in TABLE:
        assert (DRAFT in operation.expected) == (operation.drafted is not None), operation.name


@pytest.mark.parametrize(("operation", "role", "expected"), cells())
def test_permission_matrix(site, operation, role, expected):
    client = client_of(site, role)
    url = operation.url(site)
    before = fingerprint() if operation.method == "post" else None
    if operation.method == "post":
        response = client.post(url, operation.data(site))
    else:
        response = client.get(url)
    done = operation.done(site, response)
    location = response.get("Location", "")
    answer = f"{operation.method.upper()} {url} gave {response.status_code} {location}"

    if expected == ALLOWED:
        assert done, f"{role} was refused: {answer} {form_errors(response)}"
    elif expected == DRAFT:
        assert not done, f"LEAK: {role} published: {answer}"
        assert response.status_code == 302 and not refusal(response), answer
        assert operation.drafted(site), f"{role}'s draft was not saved: {answer}"
    else:
        assert not done, f"LEAK: {role} could {operation.name}: {answer}"
        assert refusal(response), f"{role} was not refused: {answer}"
        if before is not None:
            assert fingerprint() == before, f"{role}'s refused POST changed the database"
