"""Danish search on SQLite: an FTS5 table of stemmed title, body and place (proposals/search.py).

PostgreSQL keeps its tsvector column and GIN index; there this migration does nothing.
"""

from django.db import migrations

from proposals import search


def create_and_fill(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    Proposal = apps.get_model("proposals", "Proposal")
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(search.FTS_CREATE)
        rows = Proposal.objects.values_list("pk", *search.FTS_COLUMNS).iterator()
        cursor.executemany(
            search.FTS_INSERT,
            [(pk, *(" ".join(search.stems(v)) for v in values)) for pk, *values in rows],
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(f"DROP TABLE IF EXISTS {search.FTS_TABLE}")


class Migration(migrations.Migration):
    dependencies = [("proposals", "0008_hidden_indexes")]

    operations = [migrations.RunPython(create_and_fill, drop)]
