import io

from django.core.management import call_command

from tests.factories import ReformPageFactory


def test_bench_pages_reports_every_live_page_in_both_languages(home_page):
    ReformPageFactory(parent=home_page, title_fi="Tavoitteet", title_en="Goals")
    ReformPageFactory(parent=home_page, title_fi="Luonnos", title_en="Draft", live=False)
    output = io.StringIO()
    call_command("bench_pages", repeat=2, stdout=output)

    rows = {line.split()[0]: line.split() for line in output.getvalue().splitlines()[1:]}
    pages = {url for url in rows if "?" not in url}
    assert pages == {"/", "/en/", "/tavoitteet/", "/en/goals/"}
    searches = [url for url in rows if "?" in url]
    assert "/haku/?q=palvelu" in searches and "/en/search/?q=services" in searches
    assert all(row[-1] == "200" and int(row[-2]) > 0 for row in rows.values())
