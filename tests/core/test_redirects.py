"""The old site's addresses answer 301 with the new page, from Wagtail's import or the demo.

docs/redirects/soteuudistus-pirkanmaa-fi.csv is the assumed map of soteuudistus.pirkanmaa.fi
onto the demo's pages. Wagtail's `import_redirects` command and the admin's import store its
targets as links; the demo loads it with the targets linked to the pages themselves. Approvers
keep the redirects; communications staff may not, since a redirect goes live unapproved.
"""

import io
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import TestCase, override_settings
from django.urls import reverse

from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page

import pytest

from news.models import NewsIndexPage
from pirsote.core.models import HomePage
from pirsote.core.roles import APPROVERS, COMMUNICATIONS, setup_roles
from pirsote.demo.redirects import OLD_SITE_REDIRECTS, PLACEHOLDER_ORIGIN, read_redirects
from projects.models import GoalIndexPage
from tests.core.helpers import get_html, parse_html, text_of
from tests.factories import RoleUserFactory
from tests.projects.test_admin import assert_permission_denied

OLD_ADDRESSES = read_redirects()


def redirect_rows():
    return sorted(
        Redirect.objects.values_list(
            "pk",
            "old_path",
            "site_id",
            "is_permanent",
            "redirect_page_id",
            "redirect_page_route_path",
            "redirect_link",
        )
    )


def path_of(url):
    return urlsplit(url).path


class OldAddressesTests(TestCase):
    """The demo site with the old site's redirects: built once for all these tests."""

    @classmethod
    def setUpClass(cls):
        media = tempfile.TemporaryDirectory()
        cls.addClassCleanup(media.cleanup)
        cls.media_root = Path(media.name)
        cls.enterClassContext(override_settings(MEDIA_ROOT=cls.media_root))
        super().setUpClass()

    @pytest.fixture(autouse=True)
    def _demo_media(self, _media_in_tmp_path, settings):
        # The demo's images were stored once for the class, not in each test's directory.
        settings.MEDIA_ROOT = self.media_root

    @classmethod
    def setUpTestData(cls):
        call_command("load_initial_data", stdout=io.StringIO())
        setup_roles()

    def assert_redirects_permanently(self, old, expected_location):
        response = self.client.get(old)
        assert response.status_code == 301, f"{old} answered {response.status_code}"
        assert response["Location"] == expected_location, old
        return response["Location"]

    def title_at(self, path):
        return text_of(get_html(self.client, path).h1)

    # The list

    def test_shipped_list_maps_old_addresses_onto_the_new_sites_pages(self):
        assert len(OLD_ADDRESSES) >= 20
        old_paths = [Redirect.normalise_path(old) for old, _new in OLD_ADDRESSES]
        assert len(old_paths) == len(set(old_paths)), "an old address listed twice"
        for old, new in OLD_ADDRESSES:
            assert old.startswith("/") and "://" not in old, old
            assert new.startswith(PLACEHOLDER_ORIGIN + "/"), new

    def test_no_old_address_is_an_address_of_the_new_site(self):
        # The middleware redirects only what would be a 404: an old address that is a page
        # of the new site would never redirect.
        Redirect.objects.all().delete()
        for old, _new in OLD_ADDRESSES:
            assert self.client.get(old).status_code == 404, old

    # The demo's redirects

    def test_demo_redirects_every_old_address_to_its_page(self):
        assert Redirect.objects.count() == len(OLD_ADDRESSES)
        for old, new in OLD_ADDRESSES:
            location = self.assert_redirects_permanently(old, path_of(new))
            assert self.client.get(location).status_code == 200, location
            # Wagtail matches the address without its trailing slash too.
            self.assert_redirects_permanently(old.rstrip("/"), path_of(new))

    def test_demo_redirects_point_at_the_pages_themselves(self):
        assert not Redirect.objects.exclude(redirect_link="").exists()
        goals = Redirect.objects.get(old_path="/tavoitteet")
        assert goals.redirect_page.specific == GoalIndexPage.objects.get()
        feed = Redirect.objects.get(old_path="/feed")
        assert feed.redirect_page.specific == NewsIndexPage.objects.get()
        assert feed.redirect_page_route_path == "/rss/"
        response = self.client.get("/feed/")
        assert response["Location"] == "/uutishuone/rss/"
        assert self.client.get(response["Location"])["Content-Type"].startswith(
            "application/rss+xml"
        )

    def test_old_english_address_leads_to_the_english_page(self):
        self.assert_redirects_permanently("/en/goals-of-the-reform/", "/en/reform/goals/")
        assert self.title_at("/en/reform/goals/") == "Goals of the reform"
        self.assert_redirects_permanently("/tavoitteet/", "/sote-uudistus/tavoitteet/")
        assert self.title_at("/sote-uudistus/tavoitteet/") == "Sote-uudistuksen tavoitteet"

    def test_redirect_follows_its_page_to_a_new_slug(self):
        goals = GoalIndexPage.objects.get()
        goals.slug_fi = "yhteiset-tavoitteet"
        goals.slug_en = "shared-goals"
        goals.save_revision().publish()

        self.assert_redirects_permanently("/tavoitteet/", "/sote-uudistus/yhteiset-tavoitteet/")
        self.assert_redirects_permanently("/en/goals-of-the-reform/", "/en/reform/shared-goals/")
        assert self.title_at("/sote-uudistus/yhteiset-tavoitteet/") == "Sote-uudistuksen tavoitteet"

    def test_loading_the_demo_again_changes_no_redirect(self):
        first = redirect_rows()
        output = io.StringIO()

        call_command("load_initial_data", stdout=output)

        assert redirect_rows() == first
        assert f"redirect unchanged: {len(OLD_ADDRESSES)}" in output.getvalue()

    def test_loading_the_demo_again_repairs_a_changed_redirect(self):
        first = redirect_rows()
        goals = Redirect.objects.get(old_path="/tavoitteet")
        goals.redirect_page = HomePage.objects.get()
        goals.save()

        output = io.StringIO()
        call_command("load_initial_data", stdout=output)

        assert redirect_rows() == first
        assert "redirect updated: 1" in output.getvalue()

    # Wagtail's own import

    def test_import_command_on_the_shipped_list_gives_permanent_redirects(self):
        Redirect.objects.all().delete()
        output = io.StringIO()

        call_command("import_redirects", src=str(OLD_SITE_REDIRECTS), stdout=output)

        assert f"Created: {len(OLD_ADDRESSES)}" in output.getvalue()
        assert Redirect.objects.count() == len(OLD_ADDRESSES)
        for old, new in OLD_ADDRESSES:
            # The production address is the placeholder's: the path is this site's page.
            location = self.assert_redirects_permanently(old, new)
            assert self.client.get(path_of(location)).status_code == 200, location

    def test_importing_the_list_twice_adds_no_duplicates(self):
        Redirect.objects.all().delete()
        call_command("import_redirects", src=str(OLD_SITE_REDIRECTS), stdout=io.StringIO())
        first = redirect_rows()
        output = io.StringIO()

        call_command("import_redirects", src=str(OLD_SITE_REDIRECTS), stdout=output)

        assert redirect_rows() == first
        assert "Created: 0" in output.getvalue()
        assert f"Errors: {len(OLD_ADDRESSES)}" in output.getvalue()

    def test_importing_over_the_demos_redirects_keeps_them_linked_to_pages(self):
        first = redirect_rows()

        call_command("import_redirects", src=str(OLD_SITE_REDIRECTS), stdout=io.StringIO())

        assert redirect_rows() == first

    # Who keeps the redirects

    def log_in(self, group):
        self.client.force_login(RoleUserFactory(groups=[group]))

    def admin_import(self, csv_bytes):
        """Upload a list through Settings → Redirects → Import and confirm its columns."""
        upload = SimpleUploadedFile("vanhat-osoitteet.csv", csv_bytes, content_type="text/csv")
        confirm = self.client.post(
            reverse("wagtailredirects:start_import"), {"import_file": upload}
        )
        assert confirm.status_code == 200
        form = parse_html(confirm).select_one(
            f'form[action="{reverse("wagtailredirects:process_import")}"]'
        )
        hidden = {field["name"]: field["value"] for field in form.select("input[type=hidden]")}
        columns = {
            text_of(option): option["value"] for option in form.select("#id_from_index option")
        }
        return self.client.post(
            reverse("wagtailredirects:process_import"),
            {
                **hidden,
                "from_index": columns["from"],
                "to_index": columns["to"],
                "site": "",
                "permanent": "on",
            },
        )

    def test_approvers_import_the_old_addresses_in_the_admin(self):
        Redirect.objects.all().delete()
        self.log_in(APPROVERS)
        assert self.client.get(reverse("wagtailredirects:index")).status_code == 200

        response = self.admin_import(OLD_SITE_REDIRECTS.read_bytes())

        assert response.status_code == 302
        assert response["Location"] == reverse("wagtailredirects:index")
        assert Redirect.objects.count() == len(OLD_ADDRESSES)
        old, new = OLD_ADDRESSES[0]
        self.client.logout()
        self.assert_redirects_permanently(old, new)

    def test_approvers_see_redirects_in_the_settings_menu_and_communications_do_not(self):
        index = reverse("wagtailredirects:index")
        self.log_in(APPROVERS)
        assert index in self.client.get(reverse("wagtailadmin_home")).content.decode()
        self.log_in(COMMUNICATIONS)
        assert index not in self.client.get(reverse("wagtailadmin_home")).content.decode()

    def test_communications_staff_cannot_add_import_change_or_delete_redirects(self):
        redirect = Redirect.objects.get(old_path="/tavoitteet")
        rows = redirect_rows()
        self.log_in(COMMUNICATIONS)

        assert_permission_denied(self.client.get(reverse("wagtailredirects:index")))
        assert_permission_denied(self.client.get(reverse("wagtailredirects:start_import")))
        upload = SimpleUploadedFile("x.csv", b"from,to\n/x/,https://example.com/\n")
        assert_permission_denied(
            self.client.post(reverse("wagtailredirects:start_import"), {"import_file": upload})
        )
        assert_permission_denied(
            self.client.post(
                reverse("wagtailredirects:add"),
                {"old_path": "/kampanja/", "redirect_link": "https://example.com/", "site": ""},
            )
        )
        edit = reverse("wagtailredirects:edit", args=[redirect.pk])
        assert_permission_denied(
            self.client.post(
                edit, {"old_path": "/tavoitteet/", "redirect_link": "https://example.com/"}
            )
        )
        delete = reverse("wagtailredirects:delete", args=[redirect.pk])
        assert_permission_denied(self.client.post(delete))

        assert redirect_rows() == rows

    def test_approvers_point_a_redirect_at_a_page_in_the_admin(self):
        self.log_in(APPROVERS)
        funding = Page.objects.get(slug_fi="rahoitus")

        response = self.client.post(
            reverse("wagtailredirects:add"),
            {"old_path": "/avustukset/", "redirect_page": funding.pk, "is_permanent": "on"},
        )

        assert response.status_code == 302
        self.client.logout()
        self.assert_redirects_permanently("/avustukset/", "/sote-uudistus/rahoitus/")
