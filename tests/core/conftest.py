"""Fixtures for the foundation's tests: a small bilingual site, uploads in a temporary directory."""

from types import SimpleNamespace

import pytest

from pirsote.core.models import Licence
from tests.factories import (
    CaptionsDocumentFactory,
    ContactPersonFactory,
    ImageFactory,
    NewsIndexPageFactory,
    ReformPageFactory,
    SectionIndexPageFactory,
    VideoDocumentFactory,
    body_with_every_block,
)


@pytest.fixture(autouse=True)
def _media_in_tmp_path(settings, tmp_path):
    # Images, documents and renditions must not land in the project's media/ directory.
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def reform_site(home_page):
    """Home → "Sote-uudistus" (/en/reform/) → "Tavoitteet" (/en/reform/goals/).

    Every page has a body with every block type in both languages; the link list points
    to the section and the contact block shows one person.
    """
    section = SectionIndexPageFactory(parent=home_page, title_fi="Sote-uudistus", title_en="Reform")
    goals = ReformPageFactory(parent=section, title_fi="Tavoitteet", title_en="Goals")
    image = ImageFactory(
        description_fi="Sote-keskuksen aula",
        description_en="The lobby of a health centre",
        credit="Pirkanmaan liitto",
        licence=Licence.CC_BY_4,
    )
    person = ContactPersonFactory(
        name="Eeva Esimerkki", job_title_fi="Hankejohtaja", job_title_en="Programme director"
    )
    media = {
        "image": image,
        "video": VideoDocumentFactory(),
        "captions": CaptionsDocumentFactory(),
        "people": [person],
        "internal_page": section,
    }
    for page in (home_page, section, goals):
        page.body_fi = body_with_every_block("fi", **media)
        page.body_en = body_with_every_block("en", **media)
        page.save()
    return SimpleNamespace(home=home_page, section=section, goals=goals, image=image, person=person)


@pytest.fixture
def newsroom(home_page):
    return NewsIndexPageFactory(parent=home_page)


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what waits for the commit (embargo refresh, renditions) when the block ends."""
    return lambda: django_capture_on_commit_callbacks(execute=True)
