"""PostgreSQL: a small vector of each entry's title and lead words, to rank results by.

Ranking on the full vector meant reading (and decompressing) every matching entry's whole
text vector: with 10 000 releases, a common word cost a third of a second. The title and
lead lexemes (weights A and B) are a few hundred bytes kept in the row, derived by the
database from the full vector, so no code writes them. SQLite has no vectors: nothing to do.
"""

from django.db import migrations


def add_rank_vector(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "ALTER TABLE core_searchentry ADD COLUMN IF NOT EXISTS rank_vector tsvector "
            "GENERATED ALWAYS AS (ts_filter(vector, '{a,b}')) STORED"
        )


def drop_rank_vector(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE core_searchentry DROP COLUMN IF EXISTS rank_vector")


class Migration(migrations.Migration):
    dependencies = [("core", "0004_search_entry")]

    operations = [migrations.RunPython(add_rank_vector, drop_rank_vector)]
