from django.core.management.base import BaseCommand

from pirsote.core.roles import setup_roles


class Command(BaseCommand):
    help = (
        "Create or complete the staff groups: communications, funding editors and one group "
        "of project managers per project. Safe to run again; it never removes permissions."
    )

    def handle(self, *args, **options):
        names = setup_roles()
        self.stdout.write(self.style.SUCCESS("Roles set up: " + ", ".join(names) + "."))
