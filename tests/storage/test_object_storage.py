"""The media embargo with uploads in an S3-compatible bucket (moto in server mode).

What the public can reach is asked of the bucket itself, over HTTP without credentials, as a
browser would; the objects' ACLs are read too. moto answers an anonymous GET of an object
without a public-read grant with 403, as S3 does (moto/s3/responses.py, key ACL check).
"""

import runpy
import urllib.error
import urllib.request

from django.core.management import call_command

import pytest

import pirsote.settings.base
from pirsote.core.models import PRIVATE_MEDIA_PREFIX
from tests.core.helpers import parse_html, url_in
from tests.core.test_media_embargo import (
    document_link,
    fetch,
    go_live_time_passes,
    image_block,
    upload_document,
    upload_image,
)
from tests.factories import DocumentFactory, ImageFactory, ReformPageFactory, scheduled_release

pytestmark = pytest.mark.django_db

BASE_SETTINGS = pirsote.settings.base.__file__
ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers"


def anonymous_get(url):
    """(status, body) of a GET without credentials, straight to the bucket."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, b""


def public_read(bucket, key):
    grants = bucket.s3.get_object_acl(Bucket=bucket.name, Key=key)["Grants"]
    return any(grant["Grantee"].get("URI") == ALL_USERS for grant in grants)


def in_bucket(bucket, key):
    return bucket.s3.list_objects_v2(Bucket=bucket.name, Prefix=key).get("KeyCount", 0) > 0


def object_bytes(bucket, key):
    return bucket.s3.get_object(Bucket=bucket.name, Key=key)["Body"].read()


def assert_private(bucket, key):
    """The object is there, not public-read, and an anonymous GET of it is refused."""
    assert in_bucket(bucket, key), key
    assert not public_read(bucket, key), key
    assert anonymous_get(bucket.url + key)[0] == 403, key


def assert_gone(bucket, key):
    assert not in_bucket(bucket, key), key
    assert anonymous_get(bucket.url + key)[0] in (403, 404), key


def assert_public(bucket, key):
    assert public_read(bucket, key), key
    assert anonymous_get(bucket.url + key) == (200, object_bytes(bucket, key)), key


def bucket_urls(response, bucket):
    """The bucket addresses (src, srcset, content...) in a page's HTML."""
    urls = set()
    for tag in parse_html(response).find_all(True):
        for attribute in ("src", "srcset", "href", "poster", "content"):
            for candidate in (tag.get(attribute) or "").split(","):
                url = candidate.strip().split(" ")[0]
                if url.startswith(bucket.url):
                    urls.add(url)
    return urls


def test_scheduled_release_image_is_private_in_the_bucket_until_go_live(
    client, editor, newsroom, committed, bucket
):
    image = ImageFactory(is_private=True)  # a fresh upload
    private_key = image.file.name
    image.get_rendition("width-800")  # an editor's preview made one
    with committed():
        release = scheduled_release(newsroom, listing_image=image, body_fi=[image_block(image)])
    image.refresh_from_db()
    (private_rendition,) = image.renditions.all()

    assert private_key.startswith(PRIVATE_MEDIA_PREFIX)
    assert image.file.name == private_key
    for key in (private_key, private_rendition.file.name):
        assert_private(bucket, key)
    assert_gone(bucket, private_key.removeprefix(PRIVATE_MEDIA_PREFIX))
    # The site's address, not the bucket's: anonymous visitors get 404, editors the file.
    assert image.file.url == "/media/" + private_key
    assert client.get(image.file.url).status_code == 404
    assert client.get(private_rendition.url).status_code == 404
    response = editor.get(image.file.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == object_bytes(bucket, private_key)
    assert {"private", "no-store"} <= set(response["Cache-Control"].replace(" ", "").split(","))
    assert editor.get(private_rendition.url).status_code == 200
    assert not bucket.media_root.exists()

    with committed():
        go_live_time_passes(release)
        call_command("publish_scheduled")

    image.refresh_from_db()
    public_key = image.file.name
    assert public_key == private_key.removeprefix(PRIVATE_MEDIA_PREFIX)
    assert image.file.url == bucket.url + public_key
    assert_public(bucket, public_key)
    assert_gone(bucket, private_key)
    assert_gone(bucket, private_rendition.file.name)
    renditions = list(image.renditions.all())
    assert renditions  # made at go-live, at their public names
    for rendition in renditions:
        assert not rendition.file.name.startswith(PRIVATE_MEDIA_PREFIX)
        assert_public(bucket, rendition.file.name)
    # The release's page points at the bucket, and every address answers anonymously.
    page = client.get(url_in(release, "fi"))
    assert page.status_code == 200
    urls = bucket_urls(page, bucket)
    assert any("/images/" in url for url in urls)
    for url in urls:
        assert anonymous_get(url)[0] == 200, url


def test_unpublishing_makes_the_image_private_in_the_bucket_again(
    client, home_page, committed, bucket
):
    image = ImageFactory()
    page = ReformPageFactory(parent=home_page, body_fi=[image_block(image)])
    public_key = image.file.name
    rendition_key = image.get_rendition("width-800").file.name
    assert_public(bucket, public_key)
    assert_public(bucket, rendition_key)

    with committed():
        page.unpublish()

    image.refresh_from_db()
    assert image.is_private
    assert image.file.name == PRIVATE_MEDIA_PREFIX + public_key
    assert_private(bucket, image.file.name)
    assert_gone(bucket, public_key)
    assert_gone(bucket, rendition_key)
    assert client.get(image.file.url).status_code == 404


def test_documents_are_never_public_read_but_served_by_the_document_view(
    client, editor, newsroom, committed, bucket
):
    document = DocumentFactory(public=False)
    key = document.file.name
    with committed():
        release = scheduled_release(newsroom, body_fi=[document_link(document)])

    assert_private(bucket, key)
    assert client.get(document.url).status_code == 404
    assert fetch(editor, document.url) == (200, object_bytes(bucket, key))

    with committed():
        go_live_time_passes(release)
        call_command("publish_scheduled")

    assert fetch(client, document.url) == (200, object_bytes(bucket, key))
    assert_private(bucket, key)
    # Its file's own address is the site's, which serves documents only through the view.
    assert document.file.url == "/media/" + key
    assert client.get(document.file.url).status_code == 404


def test_admin_uploads_land_in_the_bucket_private(client, admin_client, committed, bucket):
    with committed():
        image = upload_image(admin_client, "kuva-ampariin")
        document = upload_document(admin_client, "liite-ampariin")

    assert image.file.name.startswith(PRIVATE_MEDIA_PREFIX + "original_images/")
    assert_private(bucket, image.file.name)
    assert_private(bucket, document.file.name)
    assert fetch(admin_client, image.file.url) == (200, object_bytes(bucket, image.file.name))
    assert client.get(image.file.url).status_code == 404
    assert client.get(document.url).status_code == 404
    assert admin_client.get(image.file.url)["Content-Type"] == "image/png"
    # Nothing on this server's disk: another app server finds the same files.
    assert not bucket.media_root.exists()
    # A file missing from the bucket is a 404, not an error.
    bucket.s3.delete_object(Bucket=bucket.name, Key=image.file.name)
    assert admin_client.get(image.file.url).status_code == 404


def test_two_uploads_with_one_name_keep_both_files(bucket):
    first, second = ImageFactory(), ImageFactory()

    assert first.file.name != second.file.name
    assert in_bucket(bucket, first.file.name) and in_bucket(bucket, second.file.name)


def settings_from(monkeypatch, **environment):
    for name in ("AWS_STORAGE_BUCKET_NAME", "AWS_S3_ENDPOINT_URL", "AWS_S3_CUSTOM_DOMAIN"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(BASE_SETTINGS))


def test_settings_switch_to_the_bucket_by_environment_alone(monkeypatch):
    local = settings_from(monkeypatch)
    assert local["STORAGES"]["default"]["BACKEND"].endswith("FileSystemStorage")
    assert local["CONTENT_SECURITY_POLICY"]["DIRECTIVES"]["img-src"] == ["'self'"]

    remote = settings_from(
        monkeypatch,
        AWS_STORAGE_BUCKET_NAME="pirsote-media",
        AWS_S3_ENDPOINT_URL="http://127.0.0.1:9000",
        AWS_S3_REGION_NAME="eu-north-1",
        AWS_ACCESS_KEY_ID="avain",
        AWS_SECRET_ACCESS_KEY="salaisuus",
    )
    storage = remote["STORAGES"]["default"]
    assert storage["BACKEND"] == "pirsote.core.storage.MediaStorage"
    assert storage["OPTIONS"]["bucket_name"] == "pirsote-media"
    assert storage["OPTIONS"]["endpoint_url"] == "http://127.0.0.1:9000"
    assert storage["OPTIONS"]["access_key"] == "avain"
    # Browsers may load the public images from there, on the site and in the admin.
    for policy in ("CONTENT_SECURITY_POLICY", "CONTENT_SECURITY_POLICY_ADMIN"):
        assert "http://127.0.0.1:9000" in remote[policy]["DIRECTIVES"]["img-src"]

    cdn = settings_from(
        monkeypatch,
        AWS_STORAGE_BUCKET_NAME="pirsote-media",
        AWS_S3_CUSTOM_DOMAIN="media.sote.example.fi",
    )
    assert cdn["STORAGES"]["default"]["OPTIONS"]["custom_domain"] == "media.sote.example.fi"
    img_src = cdn["CONTENT_SECURITY_POLICY"]["DIRECTIVES"]["img-src"]
    assert "https://media.sote.example.fi" in img_src
