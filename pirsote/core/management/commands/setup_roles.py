from django.core.management.base import BaseCommand

from pirsote.core.roles import setup_roles


class Command(BaseCommand):
    help = (
        "Create or complete the staff groups (communications, approvers, funding editors, one "
        "group of project managers per project) and the publishing approval workflow. Safe to "
        "run again; the only permission it removes is communications' right to publish."
    )

    def handle(self, *args, **options):
        names = setup_roles()
        self.stdout.write(self.style.SUCCESS("Roles set up: " + ", ".join(names) + "."))
