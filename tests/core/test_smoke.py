import pytest

from tests.factories import ReformPageFactory, SectionIndexPageFactory


@pytest.mark.django_db
def test_reform_page_renders_in_both_languages(client, home_page):
    section = SectionIndexPageFactory(parent=home_page, title_fi="Uudistus", title_en="Reform")
    page = ReformPageFactory(parent=section, title_fi="Tavoitteet", title_en="Goals")
    fi = client.get(page.url)
    assert fi.status_code == 200
    assert b"<h1>Tavoitteet</h1>" in fi.content
    en = client.get("/en/reform/goals/")
    assert en.status_code == 200, en
    assert b"<h1>Goals</h1>" in en.content
