"""Only what the public may see: nothing unpublished, private or under embargo, anywhere.

Every hidden thing of conftest.py's site is absent from the lists, nested or not, and its
detail address answers 404, in both languages; a signed-in editor gets the same answers as
anyone, since they may be cached publicly.
"""

import pytest

from tests.api.helpers import LANGUAGES, api_path, get_json, ids_of, items_of
from tests.factories import StaffUserFactory

pytestmark = pytest.mark.django_db

# conftest.py's pages the public does not see; "draft" is project_site's draft service model.
HIDDEN_PAGES = (
    "draft",
    "draft_page",
    "scheduled",
    "private",
    "private_child",
    "unpublished_section",
    "orphan",
    "draft_project",
    "draft_project_model",
)


def all_ids(client, language):
    """Every page, project and service model id the API mentions, in lists or nested."""
    found = ids_of(client, api_path(language, "pages/"))
    for project in items_of(client, api_path(language, "projects/")):
        found |= {project["id"]} | {model["id"] for model in project["service_models"]}
    for model in items_of(client, api_path(language, "service-models/")):
        found |= {model["id"], model["project"]["id"]}
    for goal in items_of(client, api_path(language, "goals/")):
        found |= {project["id"] for project in goal["projects"]}
        found |= {model["id"] for model in goal["service_models"]}
    for grant in items_of(client, api_path(language, "grants/")):
        found.add(grant["project"]["id"])
    return found


@pytest.mark.parametrize("language", LANGUAGES)
def test_hidden_pages_are_in_no_list(client, api_site, language):
    found = all_ids(client, language)
    assert {api_site.untranslated.pk, api_site.pirsote.pk, api_site.home_care.pk} <= found
    hidden = {name: getattr(api_site, name).pk for name in HIDDEN_PAGES}
    assert [name for name, pk in hidden.items() if pk in found] == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_hidden_pages_have_no_detail(client, api_site, language):
    for name in HIDDEN_PAGES:
        pk = getattr(api_site, name).pk
        for endpoint in ("pages", "projects", "service-models"):
            get_json(client, api_path(language, f"{endpoint}/{pk}/"), status=404)


def test_a_draft_service_model_of_a_live_project_is_hidden(client, project_site):
    draft = project_site.draft
    assert draft.pk not in ids_of(client, api_path("fi", "service-models/"))
    get_json(client, api_path("fi", f"service-models/{draft.pk}/"), status=404)
    project = get_json(client, api_path("fi", f"projects/{project_site.pirsote.pk}/"))
    assert draft.pk not in {model["id"] for model in project["service_models"]}


def test_children_of_hidden_pages_are_not_listed_by_parent(client, api_site):
    for parent in (api_site.private, api_site.unpublished_section, api_site.draft_project):
        assert ids_of(client, api_path("fi", f"pages/?child_of={parent.pk}")) == set()


@pytest.mark.parametrize("language", LANGUAGES)
def test_unpublished_grants_and_grants_of_hidden_projects_are_hidden(client, api_site, language):
    identifiers = ids_of(client, api_path(language, "grants/"), key="identifier")
    assert identifiers == {"360G-pirsote-2020-pirsote", "360G-pirsote-2021-komas"}
    for grant in (api_site.unpublished_grant, api_site.draft_project_grant):
        get_json(client, api_path(language, f"grants/{grant.identifier}/"), status=404)
    funding = get_json(client, api_path(language, "funding/"))
    assert funding["count"] == 2
    assert [row["project"]["id"] for row in funding["projects"]] == [
        api_site.pirsote.pk,
        api_site.komas.pk,
    ]


def test_a_grant_is_hidden_again_when_unpublished(client, api_site):
    url = api_path("fi", "grants/360G-pirsote-2021-komas/")
    get_json(client, url)
    api_site.komas_grant.unpublish()
    get_json(client, url, status=404)


@pytest.mark.parametrize("language", LANGUAGES)
def test_embargoed_and_restricted_media_are_hidden(client, api_site, language):
    api_site.embargoed_image.refresh_from_db()
    assert api_site.embargoed_image.is_private  # only the draft uses it

    assert ids_of(client, api_path(language, "images/")) == {api_site.public_image.pk}
    assert ids_of(client, api_path(language, "documents/")) == {api_site.public_document.pk}
    for image in (api_site.embargoed_image, api_site.restricted_image):
        get_json(client, api_path(language, f"images/{image.pk}/"), status=404)
    get_json(client, api_path(language, f"documents/{api_site.embargoed_document.pk}/"), status=404)


def test_an_image_leaves_the_embargo_with_its_page(client, api_site):
    from pirsote.core.embargo import refresh_media_privacy

    url = api_path("fi", f"images/{api_site.embargoed_image.pk}/")
    get_json(client, url, status=404)
    api_site.draft_page.save_revision().publish()
    refresh_media_privacy()
    image = get_json(client, url)
    assert image["meta"]["download_url"].startswith("http://testserver/media/original_images/")
    page = get_json(client, api_path("fi", f"pages/{api_site.draft_page.pk}/"))
    assert page["listing_image"]["id"] == api_site.embargoed_image.pk


def test_a_scheduled_page_appears_when_it_goes_live(client, api_site):
    url = api_path("fi", f"pages/{api_site.scheduled.pk}/")
    get_json(client, url, status=404)
    api_site.scheduled.go_live_at = None
    api_site.scheduled.save_revision().publish()
    get_json(client, url)


def test_editors_get_the_public_answers(client, api_site):
    """The API never reads the session: a signed-in editor sees what anyone sees."""
    client.force_login(StaffUserFactory(is_superuser=True))
    get_json(client, api_path("fi", f"pages/{api_site.draft_page.pk}/"), status=404)
    get_json(client, api_path("fi", f"pages/{api_site.private.pk}/"), status=404)
    get_json(client, api_path("fi", f"images/{api_site.embargoed_image.pk}/"), status=404)
    assert api_site.draft_page.pk not in ids_of(client, api_path("fi", "pages/"))
