"""Fixtures for the newsroom: a bilingual newsroom with one release of each type."""

import datetime
from types import SimpleNamespace

import pytest

from pirsote.core.models import Licence
from tests.factories import (
    CaptionsDocumentFactory,
    ContactPersonFactory,
    ImageFactory,
    KeywordFactory,
    NewsIndexPageFactory,
    ProjectIndexPageFactory,
    ProjectPageFactory,
    ReleaseContactFactory,
    ReleaseCorrectionFactory,
    ReleaseImageFactory,
    ReleasePageFactory,
    SiteSettingsFactory,
    VideoDocumentFactory,
    body_with_every_block,
)


@pytest.fixture(autouse=True)
def _media_in_tmp_path(settings, tmp_path):
    # Images, documents and renditions must not land in the project's media/ directory.
    settings.MEDIA_ROOT = tmp_path / "media"


def helsinki(*args):
    return datetime.datetime(*args, tzinfo=datetime.UTC) - datetime.timedelta(hours=3)


@pytest.fixture
def newsroom_site(home_page):
    """Home → Uutishuone (/uutishuone/, /en/newsroom/) with three live releases.

    - `press_release` (4.9.2025 10.04 EEST): every body block, two keywords, PirSOTE, a
      contact, an image free for media use, a correction;
    - `article` (1.9.2025 21.37 EEST): keyword "Sote-keskus", KOMAS;
    - `blog_post` (20.8.2024 9.40 EEST): no keywords or projects, not translated.
    """
    SiteSettingsFactory(
        publisher_description_fi="Pirkanmaan liitto julkaisee sote-hankkeiden tiedotteet.",
        publisher_description_en="The Council of Tampere Region publishes the releases.",
    )
    projects = ProjectIndexPageFactory(parent=home_page)
    pirsote = ProjectPageFactory(parent=projects, acronym="PirSOTE")
    komas = ProjectPageFactory(parent=projects, acronym="KOMAS")
    newsroom = NewsIndexPageFactory(parent=home_page)
    centre = KeywordFactory(slug="sote-keskus", name_fi="Sote-keskus", name_en="Health centre")
    county = KeywordFactory(
        slug="hyvinvointialue", name_fi="Hyvinvointialue", name_en="Wellbeing county"
    )
    image = ImageFactory(
        title="Hankejohtaja",
        description_fi="Hankejohtaja puhuu",
        description_en="The director speaks",
        credit="Kuvaaja Esimerkki",
        licence=Licence.CC_BY_4,
        free_for_media_use=True,
    )
    person = ContactPersonFactory(
        name="Eeva Esimerkki", job_title_fi="Hankejohtaja", job_title_en="Programme director"
    )
    press_release = ReleasePageFactory(
        parent=newsroom,
        title_fi="Sote-hankkeet aloittavat hyvinvointialueella",
        title_en="The projects start in the wellbeing services county",
        intro_fi="Sosiaali- ja terveydenhuolto on saatu vietyä yhteen.",
        intro_en="Social welfare and health care have been brought together.",
        release_type="press-release",
        first_published_at=helsinki(2025, 9, 4, 10, 4, 3),
        keywords=[centre, county],
        projects=[pirsote],
    )
    media = {
        "image": image,
        "video": VideoDocumentFactory(),
        "captions": CaptionsDocumentFactory(),
        "people": [person],
        "internal_page": pirsote,
    }
    press_release.body_fi = body_with_every_block("fi", **media)
    press_release.body_en = body_with_every_block("en", **media)
    press_release.save()
    ReleaseContactFactory(page=press_release, person=person)
    ReleaseImageFactory(
        page=press_release,
        image=image,
        caption_fi="Hankejohtaja Eeva Esimerkki",
        caption_en="Programme director Eeva Esimerkki",
    )
    ReleaseCorrectionFactory(page=press_release)
    article = ReleasePageFactory(
        parent=newsroom,
        title_fi="Kunnat saavat apua",
        title_en="Municipalities get help",
        release_type="article",
        first_published_at=helsinki(2025, 9, 1, 21, 37, 46),
        keywords=[centre],
        projects=[komas],
    )
    blog_post = ReleasePageFactory(
        parent=newsroom,
        title_fi="Väestöennusteet valmistuvat syksyllä",
        title_en="",
        slug_en="",
        intro_en="",
        release_type="blog-post",
        first_published_at=helsinki(2024, 8, 20, 9, 40, 7),
    )
    return SimpleNamespace(
        home=home_page,
        newsroom=newsroom,
        press_release=press_release,
        article=article,
        blog_post=blog_post,
        pirsote=pirsote,
        komas=komas,
        centre=centre,
        county=county,
        image=image,
        person=person,
    )
