from django.core.management.base import BaseCommand

from wagtail.log_actions import LogContext

from pirsote.core.roles import setup_roles, wagtail_default_groups_kept


class Command(BaseCommand):
    help = (
        "Create or complete the staff groups (communications, approvers, funding editors, one "
        "group of project managers per project) and the publishing approval workflow. Safe to "
        "run again. It removes only the right to publish pages from communications staff and "
        "project managers, and Wagtail's default Moderators and Editors groups and Moderators "
        "approval workflow."
    )

    def handle(self, *args, **options):
        # One audit log entry per group changed, not one per permission.
        with LogContext():
            names = setup_roles()
        self.stdout.write(self.style.SUCCESS("Roles set up: " + ", ".join(names) + "."))
        for name, members in wagtail_default_groups_kept().items():
            self.stdout.write(
                self.style.WARNING(
                    f"Wagtail's default group {name!r} has {members} member(s): kept without "
                    "page permissions. Move them into the groups above, then delete it."
                )
            )
