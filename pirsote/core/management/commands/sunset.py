"""Switch sunset mode on or off from the command line (pirsote/core/sunset.py).

    manage.py sunset --successor https://www.pirha.fi --name "Pirkanmaan hyvinvointialue"
    manage.py sunset --off

The same as the site settings' "End of the project" panel, for the default site.
"""

import datetime

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import URLValidator
from django.db import transaction

from wagtail.log_actions import log
from wagtail.models import Site

from pirsote.core.models import SiteSettings
from pirsote.core.safe_urls import validate_safe_url


def _date(value):
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"--date: give the date as YYYY-MM-DD, not {value!r}") from error


class Command(BaseCommand):
    help = "Switch sunset mode (the project has ended) on, or off with --off."

    def add_arguments(self, parser):
        parser.add_argument("--successor", help="Address where the work continues.")
        parser.add_argument("--name", default="", help="Its name (Finnish; also for English).")
        parser.add_argument("--name-en", default="", help="Its name in English.")
        parser.add_argument("--second-successor", default="", help="A second address.")
        parser.add_argument("--second-name", default="", help="Its name.")
        parser.add_argument("--second-name-en", default="", help="Its name in English.")
        parser.add_argument("--date", type=_date, help="End date, YYYY-MM-DD (default today).")
        parser.add_argument("--off", action="store_true", help="Switch sunset mode off.")

    def handle(self, *args, **options):
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            raise CommandError("There is no default site.")
        settings = SiteSettings.for_site(site)
        if options["off"]:
            settings.sunset_active = False
        else:
            self._switch_on(settings, options)
        with transaction.atomic():
            settings.save()
            log(instance=settings, action="wagtail.edit")
        state = "on" if settings.sunset_active else "off"
        self.stdout.write(f"Sunset mode is {state} for {site.hostname}.")

    def _switch_on(self, settings, options):
        successor = options["successor"] or settings.successor_url_fi
        if not successor:
            raise CommandError("Give --successor: the address where the work continues.")
        for value in (successor, options["second_successor"]):
            if value:
                try:
                    URLValidator(schemes=["http", "https"])(value)
                    validate_safe_url(value)
                except ValidationError as error:
                    raise CommandError(f"{value!r}: {' '.join(error.messages)}") from error
        settings.sunset_active = True
        settings.sunset_date = options["date"] or settings.sunset_date or datetime.date.today()
        settings.successor_url_fi = successor
        if options["name"]:
            settings.successor_name_fi = options["name"]
        if options["name_en"]:
            settings.successor_name_en = options["name_en"]
        if options["second_successor"]:
            settings.second_successor_url_fi = options["second_successor"]
        if options["second_name"]:
            settings.second_successor_name_fi = options["second_name"]
        if options["second_name_en"]:
            settings.second_successor_name_en = options["second_name_en"]
