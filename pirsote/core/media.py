"""Uploads served by Django: private media to whom may see them, public ones when SERVE_MEDIA.

In production a web server serves /media/ itself but must pass /media/private/ here and
refuse /media/documents/ (docs/media-embargo.md).
"""

import posixpath

from django.conf import settings
from django.http import Http404
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
        response = serve(request, path, document_root=settings.MEDIA_ROOT)
        # Never from a shared cache: the next visitor may not be allowed to see it.
        patch_cache_control(response, private=True, no_cache=True)
        patch_vary_headers(response, ["Cookie"])
        return response
    # Documents go through Wagtail's document view, which checks their privacy.
    if not settings.SERVE_MEDIA or path.startswith(_documents_prefix()):
        raise Http404
    return serve(request, path, document_root=settings.MEDIA_ROOT)
