"""A frontend cache backend that records what it is asked to purge, for tests without Varnish."""

from urllib.parse import urlsplit

from django.db import transaction

from wagtail.contrib.frontend_cache.backends import BaseBackend


class RecordingBackend(BaseBackend):
    calls = []
    fail = False

    def purge(self, url):
        self._record("PURGE", url)

    def ban_prefixes(self, urls):
        for url in urls:
            self._record("BAN", url)

    def _record(self, method, url):
        if RecordingBackend.fail:
            raise ConnectionError("the cache is down")
        RecordingBackend.calls.append((method, url))


class Purges:
    """What the site asked the cache to purge: `paths` (with any query) and `prefixes`."""

    @property
    def paths(self):
        return {urlsplit(url).path for method, url in RecordingBackend.calls if method == "PURGE"}

    @property
    def prefixes(self):
        return {urlsplit(url).path for method, url in RecordingBackend.calls if method == "BAN"}

    @property
    def urls(self):
        return [url for _method, url in RecordingBackend.calls]

    def covers(self, *paths):
        """Would the cache have dropped every one of `paths`, whatever their query string?"""
        return all(
            path in self.paths or any(path.startswith(prefix) for prefix in self.prefixes)
            for path in paths
        )

    def __bool__(self):
        return bool(RecordingBackend.calls)

    def clear(self):
        """Forget the purges so far, and those waiting for the test's transaction to commit."""
        RecordingBackend.calls.clear()
        # The test's transaction never commits: changes made so far in it wait there.
        transaction.get_connection()._frontend_cache_pending = None
