"""The media embargo's rows of the permission matrix: who gets a private image and document.

The image and the document are fresh uploads that only a draft service model of project A
uses. The table says, for each operation and role, whether the role gets the file (or sees
it listed). One site for the whole table: a test per cell would build it 40 times.
"""

from django.test import Client

import pytest

from funding.roles import FUNDING_EDITORS
from pirsote.core.embargo import refresh_media_privacy
from pirsote.core.roles import APPROVERS, COMMUNICATIONS, setup_roles
from projects.models import ServiceModelPage
from projects.roles import project_manager_group_name
from tests.core.helpers import url_in
from tests.factories import (
    DocumentFactory,
    ImageFactory,
    NewsIndexPageFactory,
    ProjectIndexPageFactory,
    ProjectPageFactory,
    RoleUserFactory,
    ServiceModelPageFactory,
    StaffUserFactory,
)

pytestmark = pytest.mark.django_db

ROLES = (
    "anonymous",
    "communications",
    "approver",
    "funding editor",
    "manager of the project",
    "manager of another project",
    "superuser",
)
OPERATIONS = (
    "fetch original image",
    "fetch rendition",
    "fetch document",
    "listed in /api/images/",
    "image detail in the API",
    "listed in /api/documents/",
    "listed in the media bank",
)
# 1: gets it, 0: 404 or not listed. The API and the media bank answer everyone alike: they
# list public media only.
EXPECTED = {
    #                               anon comm appr fund mgrA mgrB super
    "fetch original image": (0, 1, 1, 0, 1, 0, 1),
    "fetch rendition": (0, 1, 1, 0, 1, 0, 1),
    "fetch document": (0, 1, 1, 0, 1, 0, 1),
    "listed in /api/images/": (0, 0, 0, 0, 0, 0, 0),
    "image detail in the API": (0, 0, 0, 0, 0, 0, 0),
    "listed in /api/documents/": (0, 0, 0, 0, 0, 0, 0),
    "listed in the media bank": (0, 0, 0, 0, 0, 0, 0),
}


def ids_listed(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    return {item["id"] for item in response.json()["items"]}


def operations(client, site):
    """What `client` gets of the image and the document: operation → bool."""
    image, document = site["image"], site["document"]
    media_bank = client.get(url_in(site["newsroom"], "fi") + "media/").content.decode()
    return {
        "fetch original image": client.get(image.file.url).status_code == 200,
        "fetch rendition": client.get(site["rendition_url"]).status_code == 200,
        "fetch document": client.get(document.url).status_code == 200,
        "listed in /api/images/": image.pk in ids_listed(client, "/api/images/?limit=100"),
        "image detail in the API": client.get(f"/api/images/{image.pk}/").status_code == 200,
        "listed in /api/documents/": document.pk in ids_listed(client, "/api/documents/?limit=100"),
        "listed in the media bank": image.description_fi in media_bank,
    }


@pytest.fixture
def site(home_page, committed):
    newsroom = NewsIndexPageFactory(parent=home_page)
    index = ProjectIndexPageFactory(parent=home_page)
    project, other_project = ProjectPageFactory(parent=index), ProjectPageFactory(parent=index)
    setup_roles()
    # Fresh uploads: private by default.
    image = ImageFactory(is_private=True, description_fi="Salainen kuva")
    document = DocumentFactory(public=False, title="Salainen liite")
    link = f'<p><a linktype="document" id="{document.pk}">Liite</a></p>'
    draft = ServiceModelPageFactory(
        parent=project,
        live=False,
        listing_image=image,
        body_fi=[{"type": "paragraph", "value": link}],
    )
    refresh_media_privacy(reindex=[(ServiceModelPage, draft.pk)])
    # Marked free for media use, but the refresh that would make it public has not run (as
    # if it failed): the media bank must not list it on the flag alone.
    type(image).objects.filter(pk=image.pk).update(free_for_media_use=True)
    image.refresh_from_db()
    users = {
        "communications": RoleUserFactory(groups=[COMMUNICATIONS]),
        "approver": RoleUserFactory(groups=[APPROVERS]),
        "funding editor": RoleUserFactory(groups=[FUNDING_EDITORS]),
        "manager of the project": RoleUserFactory(groups=[project_manager_group_name(project)]),
        "manager of another project": RoleUserFactory(
            groups=[project_manager_group_name(other_project)]
        ),
        "superuser": StaffUserFactory(is_superuser=True),
    }
    return {
        "image": image,
        "document": document,
        "draft": draft,
        "newsroom": newsroom,
        "users": users,
        "rendition_url": image.get_rendition("width-400").url,
    }


def client_for(site, role):
    client = Client()
    if role != "anonymous":
        client.force_login(site["users"][role])
    return client


def test_embargo_matrix_private_upload_used_by_a_draft(site, committed):
    assert site["image"].is_private
    assert site["rendition_url"].startswith("/media/private/images/")
    got = {}
    for role in ROLES:
        results = operations(client_for(site, role), site)
        for operation in OPERATIONS:
            got[operation, role] = int(results[operation])
    expected = {
        (operation, role): EXPECTED[operation][column]
        for operation in OPERATIONS
        for column, role in enumerate(ROLES)
    }
    wrong = [
        f"{op} x {role}: got {got[op, role]}"
        for (op, role) in expected
        if got[op, role] != expected[op, role]
    ]
    assert not wrong, "\n".join(wrong)

    # Once the page is published, everyone gets everything: the table above is the embargo's.
    with committed():
        site["draft"].save_revision().publish()
    site["image"].refresh_from_db()
    anonymous = Client()
    assert not site["image"].is_private
    public = operations(
        anonymous, {**site, "rendition_url": site["image"].get_rendition("width-400").url}
    )
    assert all(public.values()), public
