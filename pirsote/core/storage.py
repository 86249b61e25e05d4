"""Uploads in an S3-compatible bucket, with the media embargo's privacy (django-storages).

The settings use MediaStorage when AWS_STORAGE_BUCKET_NAME is set (pirsote/settings/base.py);
without it uploads stay on the local disk. Each object's ACL decides who may read it, never
the bucket: originals and renditions of public images are public-read, everything under
PRIVATE_MEDIA_PREFIX and every document is private (docs/media-embargo.md, "Object storage").
The embargo moves an image between the two names (pirsote.core.embargo), so its ACL follows.

url() gives a public image's bucket (or CDN) address, and for a private name the site's own
/media/... address: pirsote.core.media streams private images from the bucket to editors and
refuses documents' files, which Wagtail's document view streams after its privacy check.
"""

from urllib.parse import urljoin

from django.conf import settings
from django.utils.encoding import filepath_to_uri

from botocore.exceptions import ClientError
from storages.backends.s3 import S3File, S3Storage
from storages.utils import clean_name

PUBLIC_READ = "public-read"
PRIVATE = "private"
STREAM_CHUNK_SIZE = 64 * 1024


def private_prefixes():
    """Names that are never public-read: embargoed images and every document's file."""
    from wagtail.documents import get_document_model

    from .models import PRIVATE_MEDIA_PREFIX

    upload_to = get_document_model()._meta.get_field("file").upload_to
    documents = upload_to if isinstance(upload_to, str) else "documents"
    return (PRIVATE_MEDIA_PREFIX, documents.rstrip("/") + "/")


class MediaStorage(S3Storage):
    """The bucket for images, renditions and documents, private unless public by name."""

    # Public objects get plain addresses; private ones are never handed out as bucket URLs.
    querystring_auth = False
    # Two uploads named alike must not overwrite each other (S3Storage's default does).
    file_overwrite = False
    # What a write gets when get_object_parameters() is bypassed: fail closed.
    default_acl = PRIVATE

    def _relative(self, name):
        """`name` without AWS_LOCATION: django-storages passes names both with and without it."""
        name = clean_name(name)
        location = self.location.strip("/")
        if location and name.startswith(location + "/"):
            return name[len(location) + 1 :]
        return name

    def is_private(self, name):
        return self._relative(name).startswith(private_prefixes())

    def get_object_parameters(self, name):
        parameters = super().get_object_parameters(name)
        parameters["ACL"] = PRIVATE if self.is_private(name) else PUBLIC_READ
        return parameters

    def url(self, name, parameters=None, expire=None, http_method=None):
        if self.is_private(name):
            # The site's address, as on a local disk: the site decides who gets the file.
            return urljoin(settings.MEDIA_URL, filepath_to_uri(self._relative(name)))
        return super().url(name, parameters, expire, http_method)

    def _save(self, name, content):
        if isinstance(content, S3File) and content._storage.bucket_name == self.bucket_name:
            # The embargo moving an object to its other name: copy it inside the bucket, with
            # the ACL of its new name, rather than through this process.
            target = self._normalize_name(clean_name(name))
            self.bucket.Object(target).copy(
                {"Bucket": self.bucket_name, "Key": content.obj.key},
                ExtraArgs={"ACL": self.get_object_parameters(target)["ACL"]},
                Config=self.transfer_config,
            )
            return clean_name(name)
        return super()._save(name, content)

    def stream(self, name):
        """(chunks, content type, length) of a stored object, read from the bucket as it is
        sent; FileNotFoundError if there is none."""
        key = self._normalize_name(clean_name(name))
        try:
            stored = self.bucket.Object(key).get()
        except ClientError as error:
            if error.response["ResponseMetadata"]["HTTPStatusCode"] == 404:
                raise FileNotFoundError(name) from error
            raise
        body = stored["Body"]

        def chunks():
            try:
                yield from body.iter_chunks(STREAM_CHUNK_SIZE)
            finally:
                body.close()

        return chunks(), stored.get("ContentType"), stored.get("ContentLength")
