"""Images come as AVIF/WebP with a JPEG or PNG fallback, made before anyone asks for them.

Renditions are made when the transaction that saves an image or publishes a page commits.
These tests run inside one that is never committed, so `committed()` runs what waits for the
commit, as a real commit would.
"""

import datetime
import logging
import re
from io import BytesIO, StringIO

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from wagtail.images import get_image_model
from wagtail.models import Collection

import pytest
from PIL import Image as PILImage
from PIL import features

from news.models import ReleasePage
from pirsote.core.models import Licence
from pirsote.core.renditions import MODERN_FORMATS, ROLES, all_specs, role_specs, share_spec
from tests.core.helpers import get_html, url_in
from tests.factories import (
    ContactPersonFactory,
    ImageFactory,
    ReleaseContactFactory,
    ReleaseImageFactory,
    ReleasePageFactory,
    SectionIndexPageFactory,
    scheduled_release,
)

pytestmark = pytest.mark.django_db

Rendition = get_image_model().get_rendition_model()
RENDITION_TABLE = Rendition._meta.db_table


def specs_of(image):
    return set(Rendition.objects.filter(image=image).values_list("filter_spec", flat=True))


def image_block(image):
    return {"type": "image", "value": {"image": image.pk, "caption": "Kuvateksti"}}


def png_upload(name="kuva.png", size=(1200, 800)):
    data = BytesIO()
    PILImage.new("RGB", size, "teal").save(data, "PNG")
    return SimpleUploadedFile(name, data.getvalue(), content_type="image/png")


def draft_release(newsroom, **fields):
    """A release never published yet: publish() publishes it the way the admin does."""
    return ReleasePageFactory(parent=newsroom, live=False, **fields)


def publish(page):
    page = type(page).objects.get(pk=page.pk)  # with its inline rows as stored
    page.save_revision().publish()
    return page


# Pre-generation


def test_uploaded_image_gets_its_renditions_without_any_page_request(admin_client, committed):
    with committed():
        response = admin_client.post(
            reverse("wagtailimages:add"),
            {
                "title": "Sote-keskus",
                "file": png_upload(),
                "description_fi": "Aula",
                "licence": Licence.ALL_RIGHTS_RESERVED,
                "collection": Collection.get_first_root_node().pk,
                # Public at once (a fresh upload is private until something public uses it).
                "free_for_media_use": "on",
            },
        )
    assert response.status_code == 302

    image = get_image_model().objects.get(title="Sote-keskus")
    assert specs_of(image) == set(all_specs(image))
    for rendition in Rendition.objects.filter(image=image):
        assert rendition.file.name.startswith("images/")
        assert rendition.file.storage.exists(rendition.file.name)


def test_every_role_comes_in_the_modern_formats_and_a_fallback():
    image = ImageFactory.build(file__filename="kuva.jpg")
    card = role_specs(image, "card")

    assert card[: len(ROLES["card"].sizes)] == list(ROLES["card"].sizes)
    for fmt in MODERN_FORMATS:
        assert f"fill-480x270|format-{fmt}" in card
    assert ("avif" in MODERN_FORMATS) == features.check("avif")
    assert role_specs(image, "poster") == ["width-1200"]


def test_an_original_neither_jpeg_nor_png_gets_a_jpeg_fallback_and_share_image(committed):
    with committed():
        image = ImageFactory(
            file__filename="kuva.webp", file__format="WEBP", free_for_media_use=True
        )

    assert share_spec(image) == "fill-1200x630|format-jpeg"
    shared = image.get_rendition(share_spec(image))
    assert shared.file.name.endswith(".jpg")
    assert "width-800|format-jpeg" in specs_of(image)


def test_new_focal_point_gets_its_crops_at_once(committed):
    with committed():
        image = ImageFactory(file__width=1600, file__height=1000, free_for_media_use=True)
    crops_before = set(
        Rendition.objects.filter(image=image, filter_spec="fill-480x270").values_list(
            "focal_point_key", flat=True
        )
    )

    image.focal_point_x, image.focal_point_y = 1400, 500
    image.focal_point_width = image.focal_point_height = 100
    with committed():
        image.save()

    key = image.get_rendition("fill-480x270").focal_point_key
    assert key not in crops_before
    assert Rendition.objects.filter(image=image, focal_point_key=key).count() == len(
        [spec for spec in all_specs(image) if spec.startswith("fill-")]
    )


def test_replaced_file_gets_new_renditions_at_once(admin_client, committed):
    with committed():
        image = ImageFactory(free_for_media_use=True)
    old = set(Rendition.objects.filter(image=image).values_list("file", flat=True))

    with committed():
        response = admin_client.post(
            reverse("wagtailimages:edit", args=[image.pk]),
            {
                "title": image.title,
                "file": png_upload("uusi.png", (900, 600)),
                "description_fi": image.description_fi,
                "licence": image.licence,
                "collection": image.collection_id,
                "free_for_media_use": "on",
            },
        )
    assert response.status_code == 302

    image.refresh_from_db()
    assert specs_of(image) == set(all_specs(image))
    assert not old & set(Rendition.objects.filter(image=image).values_list("file", flat=True))


def test_a_failure_is_logged_and_the_save_stands(committed, caplog):
    image = ImageFactory()
    image.file.storage.delete(image.file.name)

    with caplog.at_level(logging.WARNING, logger="pirsote.core.rendition_signals"), committed():
        image.title = "Kadonnut"
        image.save()

    assert get_image_model().objects.get(pk=image.pk).title == "Kadonnut"
    assert f"the original of image {image.pk} is missing" in caplog.text


def test_published_page_has_its_renditions_before_the_first_visit(client, newsroom, committed):
    listing, body, press, photo = ImageFactory.create_batch(4)
    release = draft_release(newsroom, listing_image=listing, body_fi=[image_block(body)])
    ReleaseImageFactory(page=release, image=press)
    ReleaseContactFactory(page=release, person=ContactPersonFactory(photo=photo))
    assert not Rendition.objects.exists()

    with committed():
        release = publish(release)

    for image in (listing, body, press, photo):
        assert specs_of(image) == set(all_specs(image)), image
    before = Rendition.objects.count()
    for language in ("fi", "en"):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url_in(release, language)).status_code == 200
        inserts = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("INSERT")]
        assert not [sql for sql in inserts if RENDITION_TABLE in sql]
    assert Rendition.objects.count() == before


def test_publishing_makes_nothing_twice(newsroom, committed):
    image = ImageFactory()
    release = draft_release(newsroom, listing_image=image)
    with committed():
        release = publish(release)
    made = Rendition.objects.count()

    with committed():
        publish(release)

    assert Rendition.objects.count() == made


def test_management_command_makes_every_images_renditions_once(committed):
    images = ImageFactory.create_batch(2)
    private = ImageFactory()
    type(private).objects.filter(pk=private.pk).update(is_private=True)
    out = StringIO()

    call_command("generate_renditions", stdout=out)
    call_command("generate_renditions", stdout=out)

    for image in images:
        assert specs_of(image) == set(all_specs(image))
    assert not specs_of(private)
    made = [int(n) for n in re.findall(r"Renditions made: (\d+)", out.getvalue())]
    assert made == [2 * len(all_specs(images[0])), 0]


# The embargo


def test_embargoed_image_gets_no_public_renditions_until_go_live(newsroom, committed):
    image = ImageFactory()
    with committed():
        release = scheduled_release(newsroom, listing_image=image, body_fi=[image_block(image)])
    image.refresh_from_db()
    assert image.is_private
    assert not Rendition.objects.filter(image=image).exists()

    # Saving it while under embargo (a new focal point, say) makes none either.
    image.focal_point_x, image.focal_point_y = 10, 10
    image.focal_point_width = image.focal_point_height = 5
    with committed():
        image.save()
    assert not Rendition.objects.filter(image=image).exists()

    past = timezone.now() - datetime.timedelta(minutes=1)
    revision = release.revisions.get(approved_go_live_at__isnull=False)
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save(update_fields=["content", "approved_go_live_at"])
    ReleasePage.objects.filter(pk=release.pk).update(go_live_at=past)
    with committed():
        call_command("publish_scheduled")

    image.refresh_from_db()
    assert not image.is_private
    assert specs_of(image) == set(all_specs(image))
    for rendition in Rendition.objects.filter(image=image):
        assert not rendition.file.name.startswith("private/")


def test_image_saved_with_a_release_scheduled_for_later_gets_no_public_renditions(
    newsroom, committed
):
    with committed():
        # One transaction: the image is public when saved, under embargo when it commits.
        image = ImageFactory()
        scheduled_release(newsroom, listing_image=image)

    image.refresh_from_db()
    assert image.is_private
    assert not Rendition.objects.filter(image=image).exists()


# The HTML


def pictures(document):
    return document.select("picture")


@pytest.mark.parametrize("language", ["fi", "en"])
def test_release_images_are_pictures_with_modern_sources_and_a_fallback(
    client, newsroom, committed, language
):
    untranslated = ImageFactory(description_fi="Kaavio palveluista", description_en="")
    translated = ImageFactory(description_fi="Aula", description_en="The lobby")
    body = [image_block(translated)]
    release = draft_release(newsroom, body_fi=body, body_en=body)
    ReleaseImageFactory(page=release, image=untranslated)
    with committed():
        release = publish(release)

    document = get_html(client, url_in(release, language))

    body_picture, press_picture = pictures(document)
    for picture, image in ((body_picture, translated), (press_picture, untranslated)):
        types = [source["type"] for source in picture.select("source")]
        assert types == [f"image/{fmt}" for fmt in MODERN_FORMATS]
        img = picture.select_one("img")
        assert img["src"].endswith(".jpg")
        assert int(img["width"]) > 0 and int(img["height"]) > 0
        assert img["alt"] == (getattr(image, f"description_{language}") or image.description_fi)
    # The page's first image may be in view at once; the later ones wait.
    assert not body_picture.img.has_attr("loading")
    assert press_picture.img["loading"] == "lazy"
    assert press_picture.img.get("lang") == ("fi" if language == "en" else None)
    assert not body_picture.img.has_attr("lang")


def test_webp_and_avif_renditions_really_are_in_those_formats(committed):
    with committed():
        image = ImageFactory(free_for_media_use=True)

    webp = image.get_rendition("width-800|format-webp")
    with webp.file.open("rb") as f:
        head = f.read(16)
    assert head[:4] == b"RIFF" and head[8:12] == b"WEBP"
    if "avif" in MODERN_FORMATS:
        avif = image.get_rendition("width-800|format-avif")
        with avif.file.open("rb") as f:
            head = f.read(16)
        assert head[4:8] == b"ftyp" and head[8:12] in (b"avif", b"avis")


def test_listing_finds_every_format_among_the_prefetched_renditions(client, home_page):
    section = SectionIndexPageFactory(parent=home_page)
    for number in range(3):
        SectionIndexPageFactory(
            parent=section,
            title_fi=f"Alasivu {number}",
            listing_image=ImageFactory(file__width=1600, file__height=900),
        )
    url = url_in(section, "fi")
    client.get(url)  # the renditions these pages' images were never given

    with CaptureQueriesContext(connection) as queries:
        document = get_html(client, url)

    reads = [q["sql"] for q in queries.captured_queries if RENDITION_TABLE in q["sql"]]
    assert len(reads) == 1, reads  # the one prefetch, for every card and format
    cards = document.select(".card picture")
    assert len(cards) == 3
    for picture in cards:
        assert picture.select_one("img")["alt"] == ""
        assert picture.select_one("source")["srcset"].endswith(" 960w")
        assert picture.select_one("img")["sizes"] == ROLES["card"].html_sizes
