"""Embargo-safe media: an upload is private until a page the public sees uses it.

The embargo is recomputed when the transaction commits. These tests run inside one that is
never committed, so `committed()` runs what waits for the commit, as a real commit would.
ImageFactory and DocumentFactory make media that are already public; fresh uploads go
through the admin (or pass is_private=True / public=False). The roles' rows are in
test_embargo_matrix.py.
"""

import datetime
from io import BytesIO, StringIO
from urllib.parse import urlsplit

from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from wagtail.models import ModelLogEntry, Page, PageViewRestriction
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

import pytest
from PIL import Image as PILImage

from pirsote.core import embargo
from pirsote.core.models import PublicDocument, ReformPage
from pirsote.core.roles import grant_page_permissions
from tests.core.helpers import parse_html, url_in
from tests.factories import (
    CaptionsDocumentFactory,
    ContactPersonFactory,
    DocumentFactory,
    ImageFactory,
    MediaVideoFactory,
    ReformPageFactory,
    ReleaseImageFactory,
    SectionIndexPageFactory,
    StaffUserFactory,
    VideoDocumentFactory,
    scheduled_release,
)

pytestmark = pytest.mark.django_db

NEXT_WEEK = "2099-01-01 10:00"  # as the admin's date and time field takes it


@pytest.fixture
def editor():
    """A client signed in as a staff member who may edit every page (no superuser)."""
    user = StaffUserFactory()
    group = Group.objects.create(name="Sivujen muokkaajat")
    grant_page_permissions(group, Page.get_first_root_node(), ("add", "change"))
    user.groups.add(group)
    client = Client()
    client.force_login(user)
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
    "who, status",
    [("anonymous", 404), ("signed-in staff who may edit no page", 404), ("editor", 200)],
)
def test_only_editors_get_embargoed_files(client, editor, newsroom, committed, who, status):
    image = ImageFactory()
    with committed():
        scheduled_release(newsroom, body_fi=[image_block(image)])
    image.refresh_from_db()
    if who == "signed-in staff who may edit no page":
        client.force_login(StaffUserFactory())
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


def test_image_taken_out_of_a_draft_stays_private(client, admin_client, home_page, committed):
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
    assert first.is_private
    assert client.get(first.file.url).status_code == 404
    assert client.get(second.file.url).status_code == 404


def test_image_taken_off_a_scheduled_releases_image_list_stays_private(client, newsroom, committed):
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
    assert client.get(image.file.url).status_code == 404


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


def test_deleting_a_scheduled_release_keeps_its_media_private(client, newsroom, committed):
    image, document = ImageFactory(), DocumentFactory()
    with committed():
        release = scheduled_release(newsroom, body_fi=[image_block(image), document_link(document)])

    with committed():
        release.delete()

    image.refresh_from_db()
    assert client.get(image.file.url).status_code == 404
    assert client.get(document.url).status_code == 404


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


# The rule: private until something public uses it


def upload_image(admin_client, title, **fields):
    png = BytesIO()
    PILImage.new("RGB", (40, 30), "blue").save(png, "PNG")
    data = {
        "title": title,
        "file": SimpleUploadedFile(f"{title}.png", png.getvalue(), content_type="image/png"),
        "description_fi": f"{title} kuvaus",
        "description_en": "",
        "licence": "cc-by-4.0",
        "collection": 1,
        **fields,
    }
    response = admin_client.post(reverse("wagtailimages:add"), data)
    assert response.status_code == 302
    return ImageFactory._meta.model.objects.get(title=title)


def upload_document(admin_client, title):
    data = {
        "title": title,
        "file": SimpleUploadedFile(f"{title}.txt", b"Liite\n", content_type="text/plain"),
        "collection": 1,
    }
    response = admin_client.post(reverse("wagtaildocs:add"), data)
    assert response.status_code == 302
    return DocumentFactory._meta.model.objects.get(title=title)


def listed(client, path):
    return {item["id"] for item in client.get(path).json()["items"]}


def test_new_upload_is_hidden_everywhere_until_a_published_page_uses_it(
    client, admin_client, home_page, newsroom, committed
):
    with committed():
        image = upload_image(admin_client, "uusi-kuva")
        document = upload_document(admin_client, "uusi-liite")
    media_bank = url_in(newsroom, "fi") + "media/"

    assert image.is_private
    assert image.file.name.startswith("private/original_images/")
    assert client.get(image.file.url).status_code == 404
    assert client.get(document.url).status_code == 404
    assert image.pk not in listed(client, "/api/images/")
    assert client.get(f"/api/images/{image.pk}/").status_code == 404
    assert document.pk not in listed(client, "/api/documents/")
    assert "uusi-kuva kuvaus" not in client.get(media_bank).content.decode()
    # The uploader (here a superuser) previews it in the admin.
    assert admin_client.get(image.file.url).status_code == 200

    page = ReformPageFactory(
        parent=home_page, live=False, listing_image=image, body_fi=[document_link(document)]
    )
    with committed():
        page.save_revision().publish()

    image.refresh_from_db()
    assert not image.is_private
    assert fetch(client, image.file.url) == (200, stored(image.file))
    assert client.get(document.url).status_code == 200
    assert image.pk in listed(client, "/api/images/")
    assert document.pk in listed(client, "/api/documents/")
    # The audit log says who made it public, and when.
    entry = ModelLogEntry.objects.get(object_id=str(image.pk), action=embargo.MADE_PUBLIC)
    assert entry.timestamp


def test_freeing_an_image_for_media_use_puts_it_in_the_media_bank(
    client, admin_client, newsroom, committed
):
    with committed():
        image = upload_image(admin_client, "vapaa-kuva")
    media_bank = url_in(newsroom, "fi") + "media/"
    assert "vapaa-kuva kuvaus" not in client.get(media_bank).content.decode()

    image.free_for_media_use = True
    with committed():
        image.save()

    image.refresh_from_db()
    assert not image.is_private
    assert "vapaa-kuva kuvaus" in client.get(media_bank).content.decode()
    assert client.get(image.file.url).status_code == 200


def test_a_media_bank_video_makes_its_files_public_only_while_free_for_media_use(client, committed):
    video = VideoDocumentFactory(public=False)
    poster = ImageFactory(is_private=True)
    with committed():
        item = MediaVideoFactory(video=video, poster=poster, free_for_media_use=False)
    assert client.get(video.url).status_code == 404

    item.free_for_media_use = True
    with committed():
        item.save()

    poster.refresh_from_db()
    assert client.get(video.url).status_code == 200
    assert client.get(poster.file.url).status_code == 200


@pytest.mark.parametrize("how", ["edited out", "page deleted"])
def test_image_taken_off_a_live_page_becomes_private(client, home_page, committed, how):
    image = ImageFactory(is_private=True)
    page = ReformPageFactory(parent=home_page, live=False, body_fi=[image_block(image)])
    with committed():
        page.save_revision().publish()
    image.refresh_from_db()
    assert client.get(image.file.url).status_code == 200

    with committed():
        if how == "edited out":
            page.body_fi = []
            page.save_revision().publish()
        else:
            page.delete()

    image.refresh_from_db()
    assert image.is_private
    assert client.get(image.file.url).status_code == 404


@pytest.mark.parametrize("hidden_by", ["view restriction", "unpublished section"])
def test_media_of_pages_the_public_cannot_see_are_private(client, home_page, committed, hidden_by):
    image = ImageFactory(is_private=True)
    section = SectionIndexPageFactory(parent=home_page)
    page = ReformPageFactory(parent=section, live=False, body_fi=[image_block(image)])
    with committed():
        page.save_revision().publish()
    image.refresh_from_db()
    assert not image.is_private

    with committed():
        if hidden_by == "view restriction":
            PageViewRestriction.objects.create(page=section, restriction_type="login")
        else:
            section.unpublish()  # its pages stay live, under it

    image.refresh_from_db()
    assert image.is_private
    assert client.get(image.file.url).status_code == 404


def test_a_change_recomputes_only_the_media_it_touches(client, home_page, committed):
    with committed():
        untouched = ImageFactory()  # nothing uses it: made private when its save commits
    untouched.refresh_from_db()
    assert untouched.is_private
    # Out of line with the rule (as after a failed refresh): only the command looks at it.
    type(untouched).objects.filter(pk=untouched.pk).update(is_private=False)
    image = ImageFactory(is_private=True)
    page = ReformPageFactory(parent=home_page, live=False, body_fi=[image_block(image)])

    with committed():
        page.save_revision().publish()

    untouched.refresh_from_db()
    image.refresh_from_db()
    assert not untouched.is_private  # not looked at
    assert client.get(image.file.url).status_code == 200
    call_command("refresh_media_privacy", stdout=StringIO())
    untouched.refresh_from_db()
    assert untouched.is_private  # the whole-site command looks at everything


def test_an_undecidable_refresh_leaves_media_private(client, home_page, committed, monkeypatch):
    image, document = ImageFactory(is_private=True), DocumentFactory(public=False)
    public = ImageFactory()
    page = ReformPageFactory(
        parent=home_page,
        live=False,
        body_fi=[image_block(image), image_block(public), document_link(document)],
    )

    def broken(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(embargo, "public_media", broken)
    with committed():
        page.save_revision().publish()

    image.refresh_from_db()
    public.refresh_from_db()
    assert image.is_private and public.is_private
    assert not PublicDocument.objects.filter(document=document).exists()
    for url in (image.file.url, public.file.url, document.url):
        assert client.get(url).status_code == 404, url
