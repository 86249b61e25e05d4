"""An editor publishes a new release on the first try, through the real admin (issue 13).

The release editor had a plain title field, so nothing filled the slug; an autosave then
created the page with a Finnish slug the browser never learnt, and publishing failed on the
empty slug of the promote tab. Both slugs now come from the titles, on the server too.
"""

from django.test import TestCase
from django.urls import reverse
from django.utils import translation

from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from news.models import ReleasePage
from pirsote.core.roles import APPROVERS, setup_roles
from tests.conftest import make_home_page
from tests.factories import NewsIndexPageFactory, ReleasePageFactory, RoleUserFactory

TITLE_FI = "Uusi sote-keskus avautuu Näsijärven rannalla"
TITLE_EN = "A new health centre opens by Lake Näsijärvi"
SLUG_FI = "uusi-sote-keskus-avautuu-nasijarven-rannalla"
SLUG_EN = "a-new-health-centre-opens-by-lake-nasijarvi"


def release_form(**values):
    """The release editor's fields as the browser posts them, slugs left empty."""
    data = {
        "title_fi": TITLE_FI,
        "title_en": TITLE_EN,
        "slug_fi": "",
        "slug_en": "",
        "release_type": "press-release",
        "intro_fi": "",
        "intro_en": "",
        "body_fi": streamfield([]),
        "body_en": streamfield([]),
        "contacts": inline_formset([]),
        "images": inline_formset([]),
        "corrections": inline_formset([]),
        "comments": inline_formset([]),
    }
    data.update(values)
    return nested_form_data(data)


class ReleaseFirstTryTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        setup_roles()
        cls.newsroom = NewsIndexPageFactory(parent=make_home_page())
        cls.editor = RoleUserFactory(groups=[APPROVERS], preferred_language="fi")

    def setUp(self):
        self.client.force_login(self.editor)
        self.add_url = reverse(
            "wagtailadmin_pages:add", args=("news", "releasepage", self.newsroom.pk)
        )

    def publish(self, url, **values):
        return self.client.post(url, release_form(**values, **{"action-publish": "publish"}))

    def autosave(self, url, **values):
        response = self.client.post(url, release_form(**values), HTTP_ACCEPT="application/json")
        self.assertEqual(response.status_code, 200, response.content)
        return response.json()

    def test_release_published_on_first_try_gets_both_slugs_from_its_titles(self):
        response = self.publish(self.add_url)

        self.assertEqual(response.status_code, 302, getattr(response, "context", None))
        release = ReleasePage.objects.get()
        self.assertTrue(release.live)
        self.assertEqual((release.slug_fi, release.slug_en), (SLUG_FI, SLUG_EN))
        with translation.override("en"):
            self.assertEqual(release.get_url(), f"/en/newsroom/{SLUG_EN}/")
        self.assertEqual(release.get_url(), f"/uutishuone/{SLUG_FI}/")

    def test_autosave_tells_the_browser_its_slugs_and_publishing_keeps_them(self):
        saved = self.autosave(self.add_url, title_en="")
        self.assertEqual(saved["field_updates"], {"slug_fi": SLUG_FI})

        # The editor goes on: the English title, then publish, from the edit view that
        # the autosave moved the form to, with or without the slugs it was told.
        self.autosave(saved["url"], slug_fi=SLUG_FI)
        response = self.publish(saved["url"])

        self.assertEqual(response.status_code, 302)
        release = ReleasePage.objects.get()
        self.assertTrue(release.live)
        self.assertEqual((release.slug_fi, release.slug_en), (SLUG_FI, SLUG_EN))

    def test_a_taken_slug_gets_a_number_in_each_language(self):
        ReleasePageFactory(
            parent=self.newsroom, title_fi=TITLE_FI, slug_fi=SLUG_FI, slug_en=SLUG_EN
        )

        self.assertEqual(self.publish(self.add_url).status_code, 302)

        release = ReleasePage.objects.latest("pk")
        self.assertEqual((release.slug_fi, release.slug_en), (SLUG_FI + "-2", SLUG_EN + "-2"))

    def test_without_an_english_title_the_english_address_falls_back_to_finnish(self):
        self.assertEqual(self.publish(self.add_url, title_en="").status_code, 302)

        release = ReleasePage.objects.get()
        self.assertEqual((release.slug_fi, release.slug_en), (SLUG_FI, None))
        with translation.override("en"):
            self.assertEqual(release.get_url(), f"/en/newsroom/{SLUG_FI}/")

    def test_slugs_the_editor_typed_are_kept(self):
        response = self.publish(self.add_url, slug_fi="oma-osoite", slug_en="own-address")

        self.assertEqual(response.status_code, 302)
        release = ReleasePage.objects.get()
        self.assertEqual((release.slug_fi, release.slug_en), ("oma-osoite", "own-address"))

    def test_a_title_that_makes_no_slug_asks_for_an_address(self):
        response = self.publish(self.add_url, title_fi="!!!", title_en="")

        self.assertEqual(response.status_code, 200)
        self.assertIn("slug_fi", response.context["form"].errors)
        self.assertFalse(ReleasePage.objects.exists())
