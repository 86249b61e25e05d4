from django.core.management.base import BaseCommand, CommandError

from pirsote.demo.builder import DemoDataError, build_demo_site


class Command(BaseCommand):
    help = (
        "Create or update the bilingual demo site: pages, projects and service models, goals, "
        "organisations, grants, images, contact people, site settings and the old site's "
        "redirects (docs/redirects/). Safe to run again: "
        "existing objects are updated in place, except what someone changed in the admin."
    )

    def handle(self, *args, **options):
        try:
            counts = build_demo_site()
        except DemoDataError as error:
            raise CommandError(str(error)) from error
        summary = ", ".join(f"{kind}: {number}" for kind, number in sorted(counts.items()))
        self.stdout.write(self.style.SUCCESS(f"Demo site loaded ({summary})."))
