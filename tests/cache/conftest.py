"""Fixtures for the cache tests: a recording purge backend instead of Varnish."""

import pytest

from tests.cache.recording import Purges, RecordingBackend


@pytest.fixture
def purges(settings):
    settings.WAGTAILFRONTENDCACHE = {"stub": {"BACKEND": "tests.cache.recording.RecordingBackend"}}
    RecordingBackend.fail = False
    purges = Purges()
    purges.clear()
    yield purges
    RecordingBackend.calls.clear()
    RecordingBackend.fail = False
