"""Absolute URLs: every one the site gives out starts with one configured public address.

Mails, feeds, the open data, hreflang alternates, share links and the purges of the cache in
front all need the site's full address, and a request's Host header (or the Wagtail Site's
hostname, `localhost` in a fresh database) is not it: a mail made by the worker has no
request, and a proxy may pass on an internal host name. `SITE_BASE_URL` (e.g.
"https://sote.example.fi") is that address; without it (development only: the deployment
check refuses production without it) the request's own address is used, then the default
Site's.

Wagtail makes its own absolute URLs (`Page.get_full_url()`, used by the API) from the default
Site's hostname and port: `sync_default_site()` keeps them in step with SITE_BASE_URL
(`load_initial_data` and `manage.py sync_site_url` call it, and the `pirsote.W001` check
says when they differ).
"""

from functools import lru_cache
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from wagtail.models import Site

DEFAULT_PORTS = {"http": 80, "https": 443}


def parse_base_url(value):
    """(scheme, hostname, port) of a base URL such as "https://sote.example.fi".

    Raises ValueError, saying why, for anything but an http(s) origin: a path, query,
    fragment or user name has no place in it.
    """
    try:
        parts = urlsplit(value)
        port = parts.port
    except ValueError as error:
        raise ValueError(f"{value!r} is not a URL: {error}") from error
    if parts.scheme not in DEFAULT_PORTS or not parts.hostname:
        raise ValueError(f"{value!r} must start with http:// or https:// and name a host.")
    if parts.path.strip("/") or parts.query or parts.fragment or parts.username:
        raise ValueError(
            f"{value!r} must be the site's origin only, such as https://sote.example.fi: "
            "no path, query, fragment or user name."
        )
    return parts.scheme, parts.hostname, port or DEFAULT_PORTS[parts.scheme]


@lru_cache(maxsize=8)
def normalise_base_url(value):
    """E.g. "HTTPS://Sote.Example.fi:443/" → "https://sote.example.fi"; ValueError if bad."""
    scheme, hostname, port = parse_base_url(value)
    if ":" in hostname:  # an IPv6 address
        hostname = f"[{hostname}]"
    return f"{scheme}://{hostname}" + ("" if port == DEFAULT_PORTS[scheme] else f":{port}")


def configured_base_url():
    """SITE_BASE_URL as an origin without a trailing slash, or "" when it is not set.

    A malformed value raises ImproperlyConfigured (the pirsote.E003 check reports it at start).
    """
    value = (getattr(settings, "SITE_BASE_URL", "") or "").strip()
    if not value:
        return ""
    try:
        return normalise_base_url(value)
    except ValueError as error:
        raise ImproperlyConfigured(f"SITE_BASE_URL: {error}") from error


def default_site():
    return Site.objects.filter(is_default_site=True).first()


def base_url(request=None):
    """The site's public address, e.g. "https://sote.example.fi", without a trailing slash."""
    configured = configured_base_url()
    if configured:
        return configured
    if request is not None:
        return f"{request.scheme}://{request.get_host()}"
    site = default_site()
    if site is not None:
        return site.root_url
    raise ImproperlyConfigured("Set SITE_BASE_URL to the site's public address.")


def absolute_url(path_or_url, request=None):
    """`path_or_url` on the public address: "/en/newsroom/" → "https://sote.example.fi/en/newsroom/".

    An URL that already names its host (another Wagtail Site's page, an external link) is
    returned unchanged.
    """
    parts = urlsplit(path_or_url)
    if parts.scheme or parts.netloc:
        return path_or_url
    if not path_or_url.startswith("/"):
        raise ValueError(f"Not an absolute path: {path_or_url!r}")
    return base_url(request) + path_or_url


def page_url(page, request=None):
    """The page's absolute URL in the active language, or None if it is not routable."""
    url = page.get_url(request=request)
    return absolute_url(url, request) if url else None


def site_address():
    """(hostname, port) the default Site should have for SITE_BASE_URL, or None if unset.

    Wagtail's Site.root_url knows only http on any port and https on 443: that is checked
    (pirsote.W001), not refused here.
    """
    configured = configured_base_url()
    if not configured:
        return None
    _scheme, hostname, port = parse_base_url(configured)
    return hostname, port


def site_in_step(site):
    """Whether Wagtail's URLs for `site` start with SITE_BASE_URL (True when it is unset)."""
    configured = configured_base_url()
    return not configured or site.root_url == configured


def sync_default_site():
    """Give the default Site SITE_BASE_URL's hostname and port; the Site if it changed, else None.

    Saved through the model, so that the site lookups cached per host are dropped
    (pirsote.core.frontend_cache bumps the content version on every save of a Site).
    """
    address = site_address()
    site = default_site()
    if address is None or site is None or (site.hostname, site.port) == address:
        return None
    hostname, port = address
    if Site.objects.filter(hostname=hostname, port=port).exclude(pk=site.pk).exists():
        raise ImproperlyConfigured(
            f"Another Wagtail site already has the host {hostname} and port {port} of "
            "SITE_BASE_URL: make that one the default site, or change its address."
        )
    site.hostname, site.port = address
    site.save(update_fields=["hostname", "port"])
    return site
