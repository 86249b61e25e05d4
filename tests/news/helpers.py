"""Helpers for the newsroom's tests."""

from unittest import mock

from django.core.management import call_command


def publish_scheduled_at(moment):
    """Run `publish_scheduled` as the cron job would at `moment` (an aware datetime)."""
    with mock.patch("django.utils.timezone.now", return_value=moment):
        call_command("publish_scheduled", verbosity=0)
