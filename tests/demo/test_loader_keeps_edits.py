"""Running the demo loader again (`make run` does, every time) keeps what editors changed.

One build, the edits an editor makes in the admin, one more run of the loader: then each
test checks that one kind of edit is still there and that nothing was republished over it.
"""

import io
import tempfile
from pathlib import Path

from django.core.management import call_command
from django.test import TestCase, override_settings
from django.utils import translation

from wagtail.log_actions import log
from wagtail.models import Page, Revision

from news.models import ReleasePage
from pirsote.core.models import CustomImage
from projects.models import GoalIndexPage, ProjectPage, ServiceModelPage
from tests.factories import StaffUserFactory

EDITED_TITLE = "Toimittajan muokkaama otsikko"
EDITED_INTRO = "Toimittaja kirjoitti tämän ingressin itse."


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

        cls.revisions_before = list(Revision.objects.order_by("pk").values_list("pk", flat=True))
        cls.published_before = dict(Page.objects.values_list("pk", "last_published_at"))
        cls.pages_before = Page.objects.count()
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
