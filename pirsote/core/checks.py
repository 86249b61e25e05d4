"""Deployment checks of our own, run by `manage.py check --deploy`."""

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register
from django.core.exceptions import ImproperlyConfigured
from django.db import DatabaseError

from .security_txt import contact_uris

# Caches that each process (or each machine's disk) keeps for itself.
PROCESS_LOCAL_CACHES = (
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
    "django.core.cache.backends.filebased.FileBasedCache",
)


@register(Tags.caches, deploy=True)
def shared_cache(app_configs, **kwargs):
    """Production needs one cache that every web and worker process shares (REDIS_URL).

    The rate limits of the subscription form and of password resets count in the cache: with
    a cache per process each process counts alone. Whatever is cached until the next change
    (menus, the footer, the sitemap, the site's restricted branches) is dropped by bumping
    one number in the cache (pirsote.core.content_version): with a cache per process, the
    other processes would keep serving the old versions, and a cache in front would store
    them again.
    """
    backend = settings.CACHES.get("default", {}).get("BACKEND", "")
    if settings.DEBUG or backend not in PROCESS_LOCAL_CACHES:
        return []
    return [
        Error(
            f"The default cache ({backend.rsplit('.', 1)[-1]}) is local to each process.",
            hint=(
                "Set REDIS_URL: several app servers and workers must share the cache: rate "
                "limits would count per process, and pages would show what other processes "
                "have cached after a change."
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


@register(Tags.urls)
def site_base_url(app_configs, **kwargs):
    """SITE_BASE_URL, when set, must be an origin that absolute URLs can start with."""
    from .absolute_urls import configured_base_url

    try:
        configured_base_url()
    except ImproperlyConfigured as error:
        return [
            Error(
                str(error),
                hint="E.g. SITE_BASE_URL=https://sote.example.fi (the address visitors use).",
                id="pirsote.E003",
            )
        ]
    return []


@register(Tags.urls, deploy=True)
def public_site_base_url(app_configs, **kwargs):
    """Production names its public https:// address: links in mails and feeds start with it."""
    value = (getattr(settings, "SITE_BASE_URL", "") or "").strip()
    if value.startswith("https://"):
        return []
    problem = "SITE_BASE_URL is not set." if not value else f"SITE_BASE_URL {value!r} is not https."
    return [
        Error(
            problem,
            hint=(
                "Set SITE_BASE_URL to the site's public https:// address, e.g. "
                "https://sote.example.fi: the links in subscription mails, feeds, the open "
                "data and the API start with it. Then run `manage.py sync_site_url`."
            ),
            id="pirsote.E004",
        )
    ]


@register(Tags.database)
def default_site_in_step(app_configs, databases=None, **kwargs):
    """The default Wagtail Site has SITE_BASE_URL's host and port (Wagtail's own full URLs).

    Reads the database, so it runs only where a database is named: `migrate` and
    `check --database default`.
    """
    from .absolute_urls import configured_base_url, default_site, site_in_step

    if not databases:
        return []
    try:
        configured = configured_base_url()
        site = default_site()
    except (ImproperlyConfigured, DatabaseError):
        return []  # pirsote.E003, or no tables yet: nothing to compare
    if not configured or site is None or site_in_step(site):
        return []
    return [
        Warning(
            f"The default Wagtail site's address is {site.root_url}, not SITE_BASE_URL "
            f"{configured}: pages' full URLs (the API, structured data) would start with it.",
            hint=(
                "Run `manage.py sync_site_url`. An https:// address must use port 443, the "
                "only one Wagtail's sites give https for."
            ),
            id="pirsote.W001",
        )
    ]
