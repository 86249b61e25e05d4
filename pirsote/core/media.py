"""Uploads served by Django: private media to whom may see them, public ones when SERVE_MEDIA.

In production a web server serves /media/ itself but must pass /media/private/ here and
refuse /media/documents/ (docs/media-embargo.md). With uploads in a bucket
(pirsote.core.storage) private files are streamed from it, and public ones are the bucket's.
"""

import mimetypes
import posixpath

from django.conf import settings
from django.core.files.storage import default_storage
from django.http import Http404, HttpResponseRedirect, StreamingHttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.views.static import serve

from wagtail.documents import get_document_model

from .embargo import image_for_file, may_see_embargoed
from .models import PRIVATE_MEDIA_PREFIX


def _documents_prefix():
    upload_to = get_document_model()._meta.get_field("file").upload_to
    return (upload_to if isinstance(upload_to, str) else "documents").rstrip("/") + "/"


def serve_media(request, path):
    # Decide on the normalised path: "images/../private/x" is "private/x".
    path = posixpath.normpath(path).lstrip("/")
    if path.startswith(".."):
        raise Http404
    if path.startswith(PRIVATE_MEDIA_PREFIX):
        # Anonymous visitors are refused before any query.
        if not request.user.is_authenticated:
            raise Http404
        image = image_for_file(path)
        if image is None or not may_see_embargoed(request.user, image):
            raise Http404
        if _in_bucket():
            response = _stream_from_bucket(path)
            # Nothing keeps a copy: a bucket's object has no date to revalidate against here.
            patch_cache_control(response, private=True, no_cache=True, no_store=True)
        else:
            response = serve(request, path, document_root=settings.MEDIA_ROOT)
            patch_cache_control(response, private=True, no_cache=True)
        # Never from a shared cache: the next visitor may not be allowed to see it.
        patch_vary_headers(response, ["Cookie"])
        return response
    # Documents go through Wagtail's document view, which checks their privacy.
    if not settings.SERVE_MEDIA or path.startswith(_documents_prefix()):
        raise Http404
    if _in_bucket():
        # A public upload's address is the bucket's: an old /media/ link is sent there.
        return HttpResponseRedirect(default_storage.url(path))
    return serve(request, path, document_root=settings.MEDIA_ROOT)


def _in_bucket():
    return hasattr(default_storage, "stream")


def _stream_from_bucket(path):
    try:
        chunks, stored_type, length = default_storage.stream(path)
    except FileNotFoundError:
        raise Http404 from None
    # By its name, as Django's serve() does: the stored type came from the uploading browser.
    content_type = mimetypes.guess_type(path)[0] or stored_type or "application/octet-stream"
    response = StreamingHttpResponse(chunks, content_type=content_type)
    if length is not None:
        response["Content-Length"] = str(length)
    return response
