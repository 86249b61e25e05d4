"""`migrate` that leaves Wagtail's page table ready for translated addresses.

wagtail-modeltranslation's migrate adds the `title_fi`, `slug_fi`, `url_path_fi`... columns to
the page table after the migrations have run, and leaves them empty for the pages the
migrations made (the tree root). Pages added under an empty `url_path_fi` get paths without
their leading slash, so copy the original values across as soon as the columns exist.

It also indexes the per-language slug and address path columns: pages are routed by an
indexed query on them (pirsote.core.routing), which with thousands of releases under one
newsroom is what keeps a release's address from costing a scan of its siblings. No migration
can do this, as the columns are not in any migration.
"""

from importlib import import_module

from django.conf import settings
from django.core.management import call_command
from django.db import connection

from modeltranslation.utils import build_localized_fieldname
from wagtail.models import Page
from wagtail_modeltranslation.management.commands.migrate_translation import (
    Command as TranslationMigrateCommand,
)


def index_translated_addresses():
    table = connection.ops.quote_name(Page._meta.db_table)
    with connection.cursor() as cursor:
        for language in settings.MODELTRANSLATION_LANGUAGES:
            for field in ("slug", "url_path"):
                column = build_localized_fieldname(field, language)
                index = connection.ops.quote_name(f"core_page_{column}_idx")
                cursor.execute(
                    f"CREATE INDEX IF NOT EXISTS {index} ON {table} "
                    f"({connection.ops.quote_name(column)})"
                )


def name_tree_root():
    """The tree root's name in every language (migration 0009 names it in the languages whose
    columns exist then: on a new database, none but the Finnish one, copied above)."""
    titles = import_module("pirsote.core.migrations.0009_name_page_tree_root").ROOT_TITLES
    root = Page.objects.filter(depth=1, title_fi=titles["fi"])
    for language, title in titles.items():
        column = build_localized_fieldname("title", language)
        root.filter(**{f"{column}__isnull": True}).update(**{column: title})
        root.filter(**{column: ""}).update(**{column: title})


class Command(TranslationMigrateCommand):
    def handle(self, *args, **options):
        super().handle(*args, **options)
        call_command("update_translation_fields", "wagtailcore", "page", verbosity=0)
        name_tree_root()
        index_translated_addresses()
