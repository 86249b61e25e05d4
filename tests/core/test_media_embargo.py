"""Embargo-safe media: what only unpublished pages use is not reachable before they go live.

The embargo is recomputed when the transaction commits. These tests run inside one that is
never committed, so `committed()` runs what waits for the commit, as a real commit would.
"""

import datetime
from io import BytesIO, StringIO
from urllib.parse import urlsplit

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

import pytest
from PIL import Image as PILImage

from pirsote.core.models import ReformPage
from tests.core.helpers import parse_html, url_in
from tests.factories import (
    CaptionsDocumentFactory,
    ContactPersonFactory,
    DocumentFactory,
    ImageFactory,
    MediaVideoFactory,
    ReformPageFactory,
    ReleaseImageFactory,
    StaffUserFactory,
    UserFactory,
    VideoDocumentFactory,
    scheduled_release,
)

pytestmark = pytest.mark.django_db

NEXT_WEEK = "2099-01-01 10:00"  # as the admin's date and time field takes it


@pytest.fixture
def editor():
    """A client signed in as a staff member with access to the Wagtail admin (no superuser)."""
    client = Client()
    client.force_login(StaffUserFactory())
    return client


def image_block(image):
    return {"type": "image", "value": {"image": image.pk, "caption": "Kuvateksti"}}


def document_link(document):
    html = f'<p>Liitteenä <a linktype="document" id="{document.pk}">taustamuistio</a>.</p>'
    return {"type": "paragraph", "value": html}


def video_block(video, captions):
    value = {"title": "Video", "video": video.pk, "captions": captions.pk, "transcript": ""}
    return {"type": "video", "value": value}


def go_live_time_passes(page):
    """Move the scheduled publication of `page` to a minute ago, for publish_scheduled."""
    past = timezone.now() - datetime.timedelta(minutes=1)
    revision = page.revisions.get(approved_go_live_at__isnull=False)
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save(update_fields=["content", "approved_go_live_at"])
    type(page).objects.filter(pk=page.pk).update(go_live_at=past)


def fetch(client, url):
    """(status code, body) of a GET."""
    response = client.get(url)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response.status_code, body


def stored(field_file):
    with field_file.storage.open(field_file.name, "rb") as f:
        return f.read()


def media_urls(response):
    """The paths of every upload and document the HTML refers to (src, srcset, href...)."""
    urls = set()
    for tag in parse_html(response).find_all(True):
        for attribute in ("src", "srcset", "href", "poster", "content"):
            value = tag.get(attribute) or ""
            candidates = value.split(",") if attribute == "srcset" else [value]
            for candidate in candidates:
                path = urlsplit(candidate.strip().split(" ")[0]).path
                if path.startswith(("/media/", "/documents/")):
                    urls.add(path)
    return urls


def test_scheduled_release_images_are_hidden_until_go_live(client, editor, newsroom, committed):
    image = ImageFactory()
    public_original = image.file.url
    public_rendition = image.get_rendition("width-800").url
    assert client.get(public_original).status_code == 200
    assert client.get(public_rendition).status_code == 200

    with committed():
        release = scheduled_release(newsroom, listing_image=image, body_fi=[image_block(image)])

    image.refresh_from_db()
    private_original = image.file.url
    private_rendition = image.get_rendition("width-800").url
    assert private_original.startswith("/media/private/original_images/")
    assert private_rendition.startswith("/media/private/images/")
    for url in (public_original, public_rendition, private_original, private_rendition):
        assert client.get(url).status_code == 404, url
    assert fetch(editor, private_original) == (200, stored(image.file))
    assert editor.get(private_rendition).status_code == 200
    assert client.get(url_in(release, "fi")).status_code == 404

    with committed():
        go_live_time_passes(release)
        call_command("publish_scheduled")

    release.refresh_from_db()
    image.refresh_from_db()
    assert release.live
    assert not image.file.url.startswith("/media/private/")
    assert fetch(client, image.file.url) == (200, stored(image.file))
    assert client.get(private_original).status_code == 404
    for url in (url_in(release, "fi"), url_in(release, "en"), url_in(newsroom, "fi")):
        response = client.get(url)
        assert response.status_code == 200
        urls = media_urls(response)
        assert any(path.startswith("/media/images/") for path in urls), url
        for path in urls:
            assert client.get(path).status_code == 200, f"{path} on {url}"


def test_editors_preview_embargoed_images_the_public_cannot_load(
    client, admin_client, home_page, committed
):
    image = ImageFactory()
    page = ReformPageFactory(parent=home_page, live=False, body_fi=[image_block(image)])
    with committed():
        page.save_revision().publish()  # never published: its first publication
    page.refresh_from_db()
    with committed():
        page.unpublish()

    preview = admin_client.get(reverse("wagtailadmin_pages:view_draft", args=[page.pk]))

    assert preview.status_code == 200
    images = {path for path in media_urls(preview) if "images/" in path}
    assert images
    for path in images:
        assert path.startswith("/media/private/")
        assert admin_client.get(path).status_code == 200
        assert client.get(path).status_code == 404


def test_renditions_cached_before_the_embargo_are_not_handed_out(newsroom, committed):
    image = ImageFactory()
    rendition = image.get_rendition("width-800")
    with committed():
        scheduled_release(newsroom, body_fi=[image_block(image)])
    # As another process's cache may still hold it: this process's purge cannot reach that.
    type(rendition).cache_backend.set(rendition.get_cache_key(), rendition)

    image.refresh_from_db()

    assert image.get_rendition("width-800").url.startswith("/media/private/images/")


def test_file_replaced_under_embargo_stays_private(
    client, admin_client, editor, newsroom, committed
):
    image = ImageFactory()
    with committed():
        scheduled_release(newsroom, body_fi=[image_block(image)])
    png = BytesIO()
    PILImage.new("RGB", (40, 30), "red").save(png, "PNG")
    data = {
        "title": image.title,
        "file": SimpleUploadedFile("uusi.png", png.getvalue(), content_type="image/png"),
        "description_fi": image.description_fi,
        "description_en": image.description_en,
        "licence": image.licence,
        "collection": image.collection_id,
    }

    response = admin_client.post(reverse("wagtailimages:edit", args=[image.pk]), data)

    assert response.status_code == 302
    image.refresh_from_db()
    assert image.file.name.startswith("private/original_images/uusi")
    assert client.get(image.file.url).status_code == 404
    assert fetch(editor, image.file.url) == (200, png.getvalue())


@pytest.mark.parametrize(
    "who, status", [("anonymous", 404), ("signed-in non-editor", 404), ("editor", 200)]
)
def test_only_editors_get_embargoed_files(client, editor, newsroom, committed, who, status):
    image = ImageFactory()
    with committed():
        scheduled_release(newsroom, body_fi=[image_block(image)])
    image.refresh_from_db()
    if who == "signed-in non-editor":
        client.force_login(UserFactory())
    elif who == "editor":
        client = editor

    assert client.get(image.file.url).status_code == status


def test_embargoed_files_cannot_be_reached_by_a_detour(client, editor, newsroom, committed):
    image = ImageFactory()
    with committed():
        scheduled_release(newsroom, body_fi=[image_block(image)])
    image.refresh_from_db()
    detours = [
        "/media/original_images/../" + image.file.name,
        "/media/./" + image.file.name,
        "/media//" + image.file.name,
    ]

    for url in detours:
        assert editor.get(url).status_code == 200, url  # the detour does lead to the file
        assert client.get(url).status_code == 404, url


def test_without_serve_media_django_serves_only_embargoed_files_to_editors(
    client, editor, newsroom, committed, settings
):
    public, embargoed = ImageFactory(), ImageFactory()
    with committed():
        scheduled_release(newsroom, body_fi=[image_block(embargoed)])
    embargoed.refresh_from_db()
    settings.SERVE_MEDIA = False

    assert client.get(public.file.url).status_code == 404
    assert editor.get(public.file.url).status_code == 404
    assert client.get(embargoed.file.url).status_code == 404
    response = editor.get(embargoed.file.url)
    assert response.status_code == 200
    assert "private" in response["Cache-Control"]


@pytest.mark.parametrize("also_used_by", ["live page", "contact person", "media bank video"])
def test_image_also_used_publicly_stays_public(
    client, home_page, newsroom, committed, also_used_by
):
    image = ImageFactory()
    if also_used_by == "live page":
        ReformPageFactory(parent=home_page, body_fi=[image_block(image)])
    elif also_used_by == "contact person":
        ContactPersonFactory(photo=image)
    else:
        MediaVideoFactory(poster=image)

    with committed():
        scheduled_release(newsroom, listing_image=image, body_fi=[image_block(image)])

    image.refresh_from_db()
    assert not image.is_private
    assert client.get(image.file.url).status_code == 200


def test_choosing_an_embargoed_image_as_a_contact_photo_releases_it(
    client, admin_client, newsroom, committed
):
    image = ImageFactory()
    with committed():
        scheduled_release(newsroom, body_fi=[image_block(image)])
    person = ContactPersonFactory()
    edit_url = reverse("wagtailsnippets_core_contactperson:edit", args=[person.pk])
    data = {
        "name": person.name,
        "job_title_fi": person.job_title_fi,
        "job_title_en": person.job_title_en,
        "organisation_fi": person.organisation_fi,
        "organisation_en": person.organisation_en,
        "phone": person.phone,
        "email": person.email,
        "photo": image.pk,
    }

    with committed():
        response = admin_client.post(edit_url, data)

    assert response.status_code == 302
    image.refresh_from_db()
    assert not image.is_private
    assert client.get(image.file.url).status_code == 200


def test_deleting_the_contact_whose_photo_a_scheduled_release_uses_hides_it(
    client, admin_client, newsroom, committed
):
    image = ImageFactory()
    person = ContactPersonFactory(photo=image)
    with committed():
        scheduled_release(newsroom, body_fi=[image_block(image)])
    assert client.get(image.file.url).status_code == 200

    with committed():
        response = admin_client.post(
            reverse("wagtailsnippets_core_contactperson:delete", args=[person.pk])
        )

    assert response.status_code == 302
    image.refresh_from_db()
    assert client.get(image.file.url).status_code == 404


def test_documents_of_a_scheduled_release_are_not_served_before_go_live(
    client, editor, newsroom, committed
):
    attachment = DocumentFactory()
    video, captions = VideoDocumentFactory(), CaptionsDocumentFactory()
    documents = (attachment, video, captions)
    with committed():
        release = scheduled_release(
            newsroom, body_fi=[document_link(attachment), video_block(video, captions)]
        )

    for document in documents:
        assert client.get(document.url).status_code == 404, document.url
        assert fetch(editor, document.url) == (200, stored(document.file))
        # The files themselves are never served from /media/: only through the view above.
        assert client.get(document.file.url).status_code == 404

    with committed():
        go_live_time_passes(release)
        call_command("publish_scheduled")

    for document in documents:
        assert fetch(client, document.url) == (200, stored(document.file))
        assert client.get(document.file.url).status_code == 404
    response = client.get(url_in(release, "fi"))
    urls = media_urls(response)
    assert {document.url for document in documents} <= urls
    for path in urls:
        assert client.get(path).status_code == 200, path


def test_page_scheduled_in_the_admin_or_left_as_a_draft_hides_its_image(
    client, admin_client, home_page, committed
):
    draft_image, scheduled_image = ImageFactory(), ImageFactory()
    add_url = reverse("wagtailadmin_pages:add", args=["core", "reformpage", home_page.pk])

    for slug, image, extra in (
        ("luonnos", draft_image, {}),
        ("ajastettu", scheduled_image, {"go_live_at": NEXT_WEEK, "action-publish": "publish"}),
    ):
        data = {
            "title_fi": slug.capitalize(),
            "slug_fi": slug,
            "body_fi": streamfield([("image", {"image": image.pk, "caption": ""})]),
            "body_en": streamfield([]),
            **extra,
        }
        with committed():
            response = admin_client.post(add_url, nested_form_data(data))

        assert response.status_code == 302
        assert not ReformPage.objects.get(slug_fi=slug).live
        image.refresh_from_db()
        assert image.is_private
        assert client.get(image.file.url).status_code == 404


def test_image_taken_out_of_a_draft_is_public_again(client, admin_client, home_page, committed):
    first, second = ImageFactory(), ImageFactory()
    add_url = reverse("wagtailadmin_pages:add", args=["core", "reformpage", home_page.pk])
    data = {
        "title_fi": "Luonnos",
        "slug_fi": "luonnos",
        "body_fi": streamfield([("image", {"image": first.pk, "caption": ""})]),
        "body_en": streamfield([]),
    }
    with committed():
        admin_client.post(add_url, nested_form_data(data))
    page = ReformPage.objects.get(slug_fi="luonnos")
    data["body_fi"] = streamfield([("image", {"image": second.pk, "caption": ""})])

    with committed():
        response = admin_client.post(
            reverse("wagtailadmin_pages:edit", args=[page.pk]), nested_form_data(data)
        )

    assert response.status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert client.get(first.file.url).status_code == 200
    assert client.get(second.file.url).status_code == 404


def test_image_taken_off_a_scheduled_releases_image_list_is_public_again(
    client, newsroom, committed
):
    image = ImageFactory()
    with committed():
        release = scheduled_release(newsroom)
        ReleaseImageFactory(page=release, image=image)
        release.save_revision().publish()
    image.refresh_from_db()
    assert client.get(image.file.url).status_code == 404

    release = type(release).objects.get(pk=release.pk)
    release.images = []
    with committed():
        release.save_revision().publish()

    image.refresh_from_db()
    assert client.get(image.file.url).status_code == 200


def test_new_image_in_a_scheduled_change_to_a_live_page_waits_for_it(
    client, admin_client, home_page, committed
):
    old, new = ImageFactory(), ImageFactory()
    page = ReformPageFactory(parent=home_page, body_fi=[image_block(old)])
    with committed():
        page.save_revision().publish()
    data = {
        "title_fi": page.title_fi,
        "slug_fi": page.slug_fi,
        "body_fi": streamfield(
            [
                ("image", {"image": new.pk, "caption": ""}),
                ("paragraph", rich_text("<p>Uusi kuva.</p>")),
            ]
        ),
        "body_en": streamfield([]),
        "go_live_at": NEXT_WEEK,
        "action-publish": "publish",
    }

    with committed():
        response = admin_client.post(
            reverse("wagtailadmin_pages:edit", args=[page.pk]), nested_form_data(data)
        )

    assert response.status_code == 302
    page.refresh_from_db()
    assert page.live
    new.refresh_from_db()
    assert client.get(new.file.url).status_code == 404
    assert client.get(old.file.url).status_code == 200

    with committed():
        go_live_time_passes(page)
        call_command("publish_scheduled")

    new.refresh_from_db()
    assert client.get(new.file.url).status_code == 200
    assert "Uusi kuva." in client.get(url_in(page, "fi")).content.decode()


def test_unpublishing_a_page_puts_media_only_it_uses_under_embargo(client, home_page, committed):
    image, document = ImageFactory(), DocumentFactory()
    page = ReformPageFactory(
        parent=home_page, body_fi=[image_block(image), document_link(document)]
    )
    with committed():
        page.save_revision().publish()
    image.refresh_from_db()
    assert client.get(image.file.url).status_code == 200
    assert client.get(document.url).status_code == 200

    with committed():
        page.unpublish()

    image.refresh_from_db()
    assert client.get(image.file.url).status_code == 404
    assert client.get(document.url).status_code == 404

    with committed():
        page.save_revision().publish()

    image.refresh_from_db()
    assert client.get(image.file.url).status_code == 200
    assert client.get(document.url).status_code == 200


def test_deleting_a_scheduled_release_releases_its_media(client, newsroom, committed):
    image, document = ImageFactory(), DocumentFactory()
    with committed():
        release = scheduled_release(newsroom, body_fi=[image_block(image), document_link(document)])

    with committed():
        release.delete()

    image.refresh_from_db()
    assert client.get(image.file.url).status_code == 200
    assert client.get(document.url).status_code == 200


def test_refresh_command_catches_up_and_is_idempotent(client, editor, newsroom):
    image, document = ImageFactory(), DocumentFactory()
    # Outside committed(): as if the refresh after the commit had failed.
    scheduled_release(newsroom, body_fi=[image_block(image), document_link(document)])
    assert client.get(image.file.url).status_code == 200

    first, second = StringIO(), StringIO()
    call_command("refresh_media_privacy", stdout=first)
    image.refresh_from_db()
    name = image.file.name
    call_command("refresh_media_privacy", stdout=second)

    assert "Made private: 1 images, 1 documents." in first.getvalue()
    assert "Made private: 0 images, 0 documents. Made public: 0 images, 0 documents." in (
        second.getvalue()
    )
    assert "Under embargo: 1 images, 1 documents." in second.getvalue()
    image.refresh_from_db()
    assert image.file.name == name
    assert client.get(image.file.url).status_code == 404
    assert client.get(document.url).status_code == 404
    assert fetch(editor, image.file.url) == (200, stored(image.file))
