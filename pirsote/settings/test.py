"""Test settings: fast hashing, a private in-memory cache, plain static storage."""

from .base import *  # noqa: F403
from .base import STORAGES

DEBUG = False
SECRET_KEY = "test-only-not-secret-" + "x" * 40
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# django-axes as in production, but letting the test client's login() through (it has no
# request); the sign-in tests post to the real sign-in page.
AUTHENTICATION_BACKENDS = [
    "pirsote.core.staff_auth.backends.TestClientLockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Never share a cache with a running site (see STACK.md).
# The renditions cache shares the default one's memory (the same LOCATION), so that the
# cache.clear() between tests clears both: a rolled-back test's renditions must not linger.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "renditions": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
}
# Local disk whatever the shell says: tests/storage/ points the tests that need it at a bucket.
STORAGES = {
    **STORAGES,
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# The test client's host, which the tests' default Site has (tests/factories.py).
SITE_BASE_URL = "http://testserver"
WAGTAILADMIN_BASE_URL = SITE_BASE_URL
SERVE_MEDIA = True
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
