"""Remove a user's authenticator (a lost phone): their next sign-in enrols a new one."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from pirsote.core.staff_auth.two_factor import reset_devices


class Command(BaseCommand):
    help = "Remove a user's second-step authenticator; they add a new one at the next sign-in."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        user_model = get_user_model()
        user = user_model._default_manager.filter(**{user_model.USERNAME_FIELD: username}).first()
        if user is None:
            raise CommandError(f"No user named {username!r}.")
        reset_devices(user)
        self.stdout.write(
            f"Removed the authenticator of {username}; they add a new one at the next sign-in."
        )
