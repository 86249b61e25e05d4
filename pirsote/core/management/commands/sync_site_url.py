from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from pirsote.core.absolute_urls import (
    configured_base_url,
    default_site,
    site_in_step,
    sync_default_site,
)


class Command(BaseCommand):
    help = (
        "Give the default Wagtail site the host name and port of SITE_BASE_URL, so that "
        "Wagtail's full page URLs (the API, structured data) start with the public address. "
        "Safe to run on every deployment."
    )

    def handle(self, *args, **options):
        try:
            configured = configured_base_url()
            if not configured:
                raise CommandError("SITE_BASE_URL is not set: nothing to synchronise with.")
            if default_site() is None:
                raise CommandError("There is no default Wagtail site (run migrate first).")
            site = sync_default_site()
        except ImproperlyConfigured as error:
            raise CommandError(str(error)) from error
        if site is None:
            site = default_site()
            self.stdout.write(f"The default site already has the address of {configured}.")
        else:
            self.stdout.write(self.style.SUCCESS(f"The default site is now at {site.root_url}."))
        if not site_in_step(site):
            # https on another port than 443: Wagtail's sites cannot say so.
            self.stderr.write(
                self.style.WARNING(
                    f"Wagtail gives this site's pages URLs starting with {site.root_url}, not "
                    f"{configured}: use port 443 for https."
                )
            )
