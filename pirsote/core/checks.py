"""Deployment checks of our own, run by `manage.py check --deploy`."""

from django.conf import settings
from django.core.checks import Error, Tags, register
from django.core.exceptions import ImproperlyConfigured

from .security_txt import contact_uris

PROCESS_LOCAL_CACHES = (
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
)


@register(Tags.caches, deploy=True)
def shared_cache(app_configs, **kwargs):
    """Production needs one cache that every web process shares (Redis: REDIS_URL).

    Whatever is cached until the next change (menus, the footer, the sitemap, the site's
    restricted branches) is dropped by bumping one number in the cache
    (pirsote.core.content_version). With a cache per process, the other processes would
    keep serving the old versions, and a cache in front would store them again.
    """
    backend = settings.CACHES.get("default", {}).get("BACKEND", "")
    if settings.DEBUG or backend not in PROCESS_LOCAL_CACHES:
        return []
    return [
        Error(
            "The default cache is local to each process.",
            hint=(
                "Set REDIS_URL to a Redis database that every web and worker process of "
                "the site shares: pages would otherwise show what other processes have "
                "cached after a change."
            ),
            id="pirsote.E001",
        )
    ]


@register(Tags.security)
def security_contact(app_configs, **kwargs):
    """SECURITY_CONTACT must give /.well-known/security.txt a contact it can publish."""
    try:
        contact_uris()
    except ImproperlyConfigured as error:
        return [Error(str(error), id="pirsote.E002")]
    return []
