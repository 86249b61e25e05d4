"""`migrate` that leaves Wagtail's own pages with their Finnish fields filled in.

wagtail-modeltranslation's migrate adds the `title_fi`, `slug_fi`, `url_path_fi`... columns to
the page table after the migrations have run, and leaves them empty for the pages the
migrations made (the tree root). Pages added under an empty `url_path_fi` get paths without
their leading slash, so copy the original values across as soon as the columns exist.
"""

from django.core.management import call_command

from wagtail_modeltranslation.management.commands.migrate_translation import (
    Command as TranslationMigrateCommand,
)


class Command(TranslationMigrateCommand):
    def handle(self, *args, **options):
        super().handle(*args, **options)
        call_command("update_translation_fields", "wagtailcore", "page", verbosity=0)
