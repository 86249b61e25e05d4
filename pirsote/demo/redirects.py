"""The old site's addresses as redirects to the demo's pages (docs/redirects.md).

The list is the CSV that Wagtail's own import reads (Settings → Redirects → Import, or
`manage.py import_redirects`). That import keeps every target as a link; loaded here, a
target that is one of this site's pages, in the language the old address is served in,
points at the page itself instead, so the redirect follows the page when its slug
changes or it moves. The newsroom's feeds, sub-routes of its page, are linked the same
way; anything else stays a link. Loading again updates the redirects in place, except
those someone changed in the admin (their old address on any site): they stay as they are.
One deleted in the admin comes back on the next load, as a deleted demo page does.
"""

from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import Resolver404
from django.utils import translation

from wagtail.contrib.redirects.base_formats import CSV
from wagtail.contrib.redirects.models import Redirect
from wagtail.contrib.routable_page.models import RoutablePageMixin

from .edits import edited_by_someone

OLD_SITE_REDIRECTS = (
    Path(settings.BASE_DIR) / "docs" / "redirects" / "soteuudistus-pirkanmaa-fi.csv"
)
# The portal's production address is not known yet: the list writes its targets on this one.
PLACEHOLDER_ORIGIN = "https://sote.example.fi"


class RedirectListError(Exception):
    pass


def read_redirects(path=OLD_SITE_REDIRECTS):
    """[(from, to)] of a CSV file whose header names the columns "from" and "to"."""
    dataset = CSV().create_dataset(Path(path).read_text(encoding="utf-8"))
    headers = [str(header).strip().lower() for header in dataset.headers]
    try:
        from_column, to_column = headers.index("from"), headers.index("to")
    except ValueError:
        raise RedirectListError(
            f'{path}: the first row must name the "from" and "to" columns'
        ) from None
    return [(row[from_column].strip(), row[to_column].strip()) for row in dataset if any(row)]


class SiteAddresses:
    """The root-relative address of every live page of `site` in every language."""

    def __init__(self, site):
        self.hosts = {site.hostname, urlsplit(PLACEHOLDER_ORIGIN).hostname}
        pages = list(site.root_page.get_descendants(inclusive=True).live().specific())
        self.pages = {}
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                for page in pages:
                    self.pages[code, page.relative_url(site)] = page

    def target(self, url, language):
        """(page, route) that `url` is the address of in `language`, or None."""
        parts = urlsplit(url)
        if parts.hostname not in self.hosts or parts.query or parts.fragment:
            return None
        path = parts.path or "/"
        if (language, path) in self.pages:
            return self.pages[language, path], ""
        # A sub-route of a routable page, such as the newsroom's feed: the longest match wins.
        candidates = [
            (address, page)
            for (code, address), page in self.pages.items()
            if code == language and isinstance(page, RoutablePageMixin) and path.startswith(address)
        ]
        for address, page in sorted(candidates, key=lambda item: -len(item[0])):
            route = path[len(address) - 1 :]
            try:
                page.resolve_subpage(route)
            except Resolver404:
                continue
            return page, route
        return None


def load_redirects(site, path=OLD_SITE_REDIRECTS):
    """Create or update a permanent redirect, for every site, per row of the list."""
    addresses = SiteAddresses(site)
    counts = Counter()
    for old, new in read_redirects(path):
        old_path = Redirect.normalise_path(old)
        # The middleware works out a page's address in the language of the old address.
        language = translation.get_language_from_path(old_path) or settings.LANGUAGE_CODE
        page, route = addresses.target(new, language) or (None, "")
        values = {
            "redirect_page_id": page.pk if page else None,
            "redirect_page_route_path": route,
            "redirect_link": "" if page else new,
            "is_permanent": True,
        }
        # An editor may have tied the redirect to one site: it is still the same redirect.
        redirect = Redirect.objects.filter(old_path=old_path).order_by("pk").first()
        is_new = redirect is None
        if is_new:
            redirect = Redirect(site=None, old_path=old_path)
        elif edited_by_someone(redirect):
            counts["redirect kept as edited"] += 1
            continue
        elif all(getattr(redirect, name) == value for name, value in values.items()):
            counts["redirect unchanged"] += 1
            continue
        for name, value in values.items():
            setattr(redirect, name, value)
        try:
            redirect.full_clean()
        except ValidationError as error:
            raise RedirectListError(f"{path}: {old} → {new}: {error}") from None
        redirect.save()
        counts["redirect created" if is_new else "redirect updated"] += 1
    return counts
