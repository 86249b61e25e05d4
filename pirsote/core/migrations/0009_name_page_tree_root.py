# The page tree's root, which editors see at the top of the explorer, its breadcrumbs and the
# page chooser, is named in the editors' languages instead of Wagtail's "Root".

from django.db import migrations

WAGTAIL_ROOT_TITLE = "Root"
ROOT_TITLES = {"fi": "Sivustot", "en": "Sites"}


def set_root_titles(apps, schema_editor, titles, default_title):
    """Name the root page, if it still has the name `default_title` wrote for it.

    draft_title is left empty: the admin then shows `title`, which wagtail-modeltranslation
    gives in the admin's language. Its per-language columns are added after the migrations
    (pirsote.core.management.commands.migrate), so they are set here only where they exist;
    on a new database update_translation_fields copies `title` into the Finnish column.
    """
    Page = apps.get_model("wagtailcore", "Page")
    root = Page.objects.filter(depth=1, title=default_title).first()
    if root is None:  # an administrator's own name for it is kept
        return
    root.title = titles["fi"]
    root.draft_title = ""
    root.save(update_fields=["title", "draft_title"])

    connection = schema_editor.connection
    table = Page._meta.db_table
    with connection.cursor() as cursor:
        columns = {
            column.name for column in connection.introspection.get_table_description(cursor, table)
        }
        for language, title in titles.items():
            column = f"title_{language}"
            if column in columns:
                cursor.execute(
                    f"UPDATE {connection.ops.quote_name(table)} "
                    f"SET {connection.ops.quote_name(column)} = %s WHERE id = %s",
                    [title, root.pk],
                )


def name_root(apps, schema_editor):
    set_root_titles(apps, schema_editor, ROOT_TITLES, WAGTAIL_ROOT_TITLE)


def restore_wagtail_name(apps, schema_editor):
    wagtail_titles = dict.fromkeys(ROOT_TITLES, WAGTAIL_ROOT_TITLE)
    set_root_titles(apps, schema_editor, wagtail_titles, ROOT_TITLES["fi"])


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0008_sunset_mode"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(name_root, restore_wagtail_name)]
