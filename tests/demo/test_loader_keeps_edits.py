"""Running the demo loader again (`make run` does, every time) keeps what editors changed.

One build, the edits an editor makes in the admin, one more run of the loader: then each
test checks that one kind of edit is still there and that nothing was republished over it.
What an editor deleted (a page, a search promotion, a redirect) the loader creates again.
"""

import io
import tempfile
from pathlib import Path

from django.core.management import call_command
from django.test import Client, TestCase, override_settings
from django.urls import reverse
from django.utils import translation

from wagtail.contrib.redirects.models import Redirect
from wagtail.contrib.search_promotions.models import Query
from wagtail.log_actions import log
from wagtail.models import Page, Revision, Site

import pytest

from funding.models import Grant
from news.models import ReleasePage
from pirsote.core.models import ContactPerson, CustomImage, SiteSettings
from pirsote.core.staff_auth.testing import verified_logins
from projects.models import GoalIndexPage, Organisation, ProjectPage, ServiceModelPage
from tests.factories import StaffUserFactory

EDITED_TITLE = "Toimittajan muokkaama otsikko"
EDITED_INTRO = "Toimittaja kirjoitti tämän ingressin itse."
EDITED_PROMOTION = "Toimittajan kuvaus rahoitussivusta."
EDITED_REDIRECT_TARGET = "https://example.fi/toimittajan-valitsema-osoite/"
EDITED_SITE_NAME = "Toimittajan nimeämä sivusto"
EDITED_PHONE = "+358 40 765 4321"
EDITED_NAME = "Toimittajan nimeämä liitto"
RENAMED_IMAGE = "Sote-uudistuksen visio -kaavio (englanniksi)"
EDITED_GRANT_TITLE = "Toimittajan otsikoima avustus"


def admin_client(user):
    """A client signed in to the admin as `user` (both sign-in steps passed)."""
    client = Client()
    with pytest.MonkeyPatch.context() as patch:
        verified_logins(patch)
        client.force_login(user)
    return client


def edit_promotion(client, query, description):
    """Settings → Promoted search results: rewrite the description of the query's one page."""
    [promotion] = query.editors_picks.all()
    response = client.post(
        reverse("wagtailsearchpromotions:edit", args=[query.pk]),
        {
            "query_string": query.query_string,
            "editors_picks-TOTAL_FORMS": "1",
            "editors_picks-INITIAL_FORMS": "1",
            "editors_picks-MIN_NUM_FORMS": "0",
            "editors_picks-MAX_NUM_FORMS": "1000",
            "editors_picks-0-id": str(promotion.pk),
            "editors_picks-0-page": str(promotion.page_id),
            "editors_picks-0-external_link_url": "",
            "editors_picks-0-external_link_text": "",
            "editors_picks-0-description": description,
            "editors_picks-0-ORDER": "0",
        },
    )
    assert response.status_code == 302, response.content[:2000]


def edit_redirect(client, redirect, link):
    """Settings → Redirects: send the old address somewhere else."""
    response = client.post(
        reverse("wagtailredirects:edit", args=[redirect.pk]),
        {
            "old_path": redirect.old_path,
            "site": "",
            "is_permanent": "on",
            "redirect_page": "",
            "redirect_link": link,
        },
    )
    assert response.status_code == 302, response.content[:2000]


class LoaderKeepsEditorsWorkTests(TestCase):
    @classmethod
    def setUpClass(cls):
        media = tempfile.TemporaryDirectory()
        cls.addClassCleanup(media.cleanup)
        cls.enterClassContext(override_settings(MEDIA_ROOT=Path(media.name)))
        super().setUpClass()

    @classmethod
    def setUpTestData(cls):
        call_command("load_initial_data", stdout=io.StringIO())
        editor = StaffUserFactory(is_superuser=True)

        # A release whose title and intro an editor rewrote and published.
        release = ReleasePage.objects.get(
            slug_fi="sote-hankkeet-aloittavat-pian-uudessa-kotipesassa"
        )
        release.title_fi = release.title = EDITED_TITLE
        release.intro_fi = EDITED_INTRO
        release.save_revision(user=editor, log_action=True).publish(user=editor)
        # A service model an editor gave a new address.
        family_centre = ServiceModelPage.objects.get(slug_fi="perhekeskus")
        family_centre.slug_fi = family_centre.slug = "perhekeskukset"
        family_centre.save_revision(user=editor, log_action=True).publish(user=editor)
        # A project an editor unpublished.
        ProjectPage.objects.get(acronym="KOMAS").unpublish(user=editor)
        # A draft an editor saved but did not publish yet.
        goals = GoalIndexPage.objects.get()
        goals.intro_fi = "Luonnos, ei vielä julki."
        goals.save_revision(user=editor, log_action=True)
        # An image whose alt text an editor improved.
        image = CustomImage.objects.get(title="Kuvitus: hankkeet")
        image.description_fi = "Toimittajan kirjoittama vaihtoehtoinen teksti."
        image.save()
        log(image, "wagtail.edit", user=editor)
        # An image an editor renamed.
        renamed = CustomImage.objects.get(title=RENAMED_IMAGE)
        renamed.title = "Visiokaavio englanniksi"
        renamed.save()
        log(renamed, "wagtail.edit", user=editor)

        # Settings → Promoted search results and Redirects, through the admin's own views.
        admin = admin_client(editor)
        edit_promotion(admin, Query.get("rahoitus"), EDITED_PROMOTION)
        deleted_query = Query.get("yhteystiedot")
        cls.deleted_promotion_page = deleted_query.editors_picks.get().page_id
        response = admin.post(reverse("wagtailsearchpromotions:delete", args=[deleted_query.pk]))
        assert response.status_code == 302
        assert not deleted_query.editors_picks.exists()
        edit_redirect(
            admin,
            Redirect.objects.get(old_path=Redirect.normalise_path("/tavoitteet/")),
            EDITED_REDIRECT_TARGET,
        )
        deleted = Redirect.objects.get(old_path=Redirect.normalise_path("/palvelut-edella/"))
        cls.deleted_redirect_page = deleted.redirect_page_id
        response = admin.post(reverse("wagtailredirects:delete", args=[deleted.pk]))
        assert response.status_code == 302
        # Settings → Sites: the site's name.
        site = Site.objects.get(is_default_site=True)
        response = admin.post(
            reverse("wagtailsites:edit", args=[site.pk]),
            {
                "hostname": site.hostname,
                "port": str(site.port),
                "site_name": EDITED_SITE_NAME,
                "root_page": str(site.root_page_id),
                "is_default_site": "on",
            },
        )
        assert response.status_code == 302, response.content[:2000]
        # The site's settings, a contact person and an organisation, saved as the admin does.
        for obj, attribute, value in (
            (SiteSettings.objects.get(site=site), "phone", EDITED_PHONE),
            (ContactPerson.objects.get(name="Eeva Halme"), "phone", EDITED_PHONE),
            (Organisation.objects.get(slug="pirkanmaan-liitto"), "name_fi", EDITED_NAME),
        ):
            setattr(obj, attribute, value)
            obj.save()
            log(obj, "wagtail.edit", user=editor)
        # A grant (a snippet with drafts) whose title an editor changed and published.
        grant = Grant.objects.get(identifier="360G-pirsote-2020-pirsote")
        grant.title_fi = EDITED_GRANT_TITLE
        grant.save_revision(user=editor, log_action=True).publish(user=editor)

        cls.revisions_before = list(Revision.objects.order_by("pk").values_list("pk", flat=True))
        cls.published_before = dict(Page.objects.values_list("pk", "last_published_at"))
        cls.pages_before = Page.objects.count()
        cls.images_before = CustomImage.objects.count()
        output = io.StringIO()
        call_command("load_initial_data", stdout=output)
        cls.output = output.getvalue()
        cls.release, cls.family_centre, cls.goals = release, family_centre, goals

    def test_second_run_publishes_no_revision_and_touches_no_publication_time(self):
        assert list(Revision.objects.order_by("pk").values_list("pk", flat=True)) == (
            self.revisions_before
        )
        assert dict(Page.objects.values_list("pk", "last_published_at")) == self.published_before
        assert "page kept as edited" in self.output

    def test_an_edited_release_stays_live_as_the_editor_wrote_it(self):
        release = ReleasePage.objects.get(pk=self.release.pk)
        assert (release.title_fi, release.intro_fi) == (EDITED_TITLE, EDITED_INTRO)
        assert release.live and not release.has_unpublished_changes
        with translation.override("fi"):
            response = self.client.get(release.get_url())
        assert response.status_code == 200
        assert EDITED_TITLE in response.content.decode()

    def test_a_renamed_demo_page_is_not_created_again_under_its_old_slug(self):
        assert Page.objects.count() == self.pages_before
        assert not ServiceModelPage.objects.filter(slug_fi="perhekeskus").exists()
        assert ServiceModelPage.objects.get(pk=self.family_centre.pk).slug_fi == "perhekeskukset"

    def test_an_unpublished_demo_page_stays_unpublished(self):
        assert not ProjectPage.objects.get(acronym="KOMAS").live

    def test_an_editors_draft_is_not_published_over(self):
        goals = GoalIndexPage.objects.get(pk=self.goals.pk)
        assert goals.has_unpublished_changes
        assert goals.intro_fi != "Luonnos, ei vielä julki."
        assert goals.get_latest_revision().user is not None

    def test_an_edited_image_keeps_the_editors_alt_text(self):
        image = CustomImage.objects.get(title="Kuvitus: hankkeet")
        assert image.description_fi == "Toimittajan kirjoittama vaihtoehtoinen teksti."

    def test_an_edited_search_promotion_keeps_the_editors_description(self):
        [promotion] = Query.get("rahoitus").editors_picks.all()
        assert promotion.description == EDITED_PROMOTION
        assert "search promotion kept as edited" in self.output

    def test_a_search_promotion_an_editor_deleted_is_created_again(self):
        [promotion] = Query.get("yhteystiedot").editors_picks.all()
        assert promotion.page_id == self.deleted_promotion_page

    def test_an_edited_redirect_keeps_the_editors_target(self):
        redirect = Redirect.objects.get(old_path=Redirect.normalise_path("/tavoitteet/"))
        assert (redirect.redirect_link, redirect.redirect_page_id) == (EDITED_REDIRECT_TARGET, None)
        response = self.client.get("/tavoitteet/")
        assert response.status_code == 301
        assert response["Location"] == EDITED_REDIRECT_TARGET

    def test_a_redirect_an_editor_deleted_is_created_again(self):
        redirect = Redirect.objects.get(old_path=Redirect.normalise_path("/palvelut-edella/"))
        assert redirect.redirect_page_id == self.deleted_redirect_page

    def test_the_edited_site_name_and_settings_are_kept(self):
        site = Site.objects.get(is_default_site=True)
        assert site.site_name == EDITED_SITE_NAME
        assert SiteSettings.objects.get(site=site).phone == EDITED_PHONE

    def test_an_edited_contact_person_organisation_and_grant_are_kept(self):
        assert ContactPerson.objects.get(name="Eeva Halme").phone == EDITED_PHONE
        assert Organisation.objects.get(slug="pirkanmaan-liitto").name_fi == EDITED_NAME
        grant = Grant.objects.get(identifier="360G-pirsote-2020-pirsote")
        assert grant.title_fi == EDITED_GRANT_TITLE
        assert grant.live and not grant.has_unpublished_changes

    def test_a_renamed_image_is_not_drawn_again_under_its_old_title(self):
        assert not CustomImage.objects.filter(title=RENAMED_IMAGE).exists()
        assert CustomImage.objects.count() == self.images_before
        assert CustomImage.objects.filter(title="Visiokaavio englanniksi").exists()
