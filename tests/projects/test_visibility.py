"""Nothing unpublished is listed publicly: draft projects hide their service models too."""

import pytest

from projects.models import ServiceModelPage
from tests.core.helpers import get_html, url_in
from tests.factories import ProjectPageFactory, ServiceModelPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def hidden(project_site):
    """A draft project with a live service model pursuing a goal and a target group."""
    project = ProjectPageFactory(
        parent=project_site.index,
        acronym="SALAINEN",
        title_fi="Julkaisematon hanke",
        title_en="Unpublished project",
        live=False,
        goals=[project_site.goals.access],
    )
    service_model = ServiceModelPageFactory(
        parent=project,
        title_fi="Julkaisemattoman hankkeen malli",
        title_en="Model of an unpublished project",
        live=True,
        goals=[project_site.goals.access],
        target_groups=[project_site.target_groups.older],
    )
    return project, service_model


def public_listing_urls(site, language):
    listing = url_in(site.service_model_index, language)
    return [
        url_in(site.home, language),
        url_in(site.index, language),
        listing,
        f"{listing}?goal=saatavuus",
        f"{listing}?target_group=ikaantyneet",
        f"{listing}?status=piloted",
        url_in(site.goal_index, language),
        url_in(site.pirsote, language),
    ]


@pytest.mark.parametrize("language", ["fi", "en"])
def test_service_model_of_unpublished_project_is_not_listed_anywhere(
    client, project_site, hidden, language
):
    project, service_model = hidden
    for url in public_listing_urls(project_site, language):
        document = get_html(client, url)
        page_text = document.get_text()
        links = {link["href"] for link in document.select("a[href]")}

        assert getattr(service_model, f"title_{language}") not in page_text, url
        assert getattr(project, f"title_{language}") not in page_text, url
        assert url_in(service_model, language) not in links, url


def test_unpublished_project_is_not_a_filter_choice(client, project_site, hidden):
    document = get_html(client, url_in(project_site.service_model_index, "en"))
    choices = [option["value"] for option in document.select('select[name="project"] option')]

    assert choices == ["", "pirsote", "komas"]
    # Asking for it anyway is an invalid filter, not a way in.
    response = client.get(url_in(project_site.service_model_index, "en") + "?project=salainen")
    assert response.status_code == 200
    assert "Model of an unpublished project" not in response.content.decode()


def test_draft_project_page_itself_is_not_served(client, hidden):
    project, _ = hidden

    assert client.get(url_in(project, "fi")).status_code == 404


@pytest.mark.parametrize("language", ["fi", "en"])
def test_service_model_of_unpublished_project_has_no_public_address(
    client, project_site, hidden, language
):
    project, service_model = hidden
    get_html(client, url_in(service_model, language), status=404)
    get_html(client, url_in(project, language), status=404)
    # The page itself is live: only its unpublished project hides it.
    assert ServiceModelPage.objects.get(pk=service_model.pk).live
    # Publishing the project opens both.
    project.save_revision().publish()
    get_html(client, url_in(project, language))
    get_html(client, url_in(service_model, language))
