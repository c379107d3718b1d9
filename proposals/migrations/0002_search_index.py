"""The GIN index behind Danish full-text search; SQLite searches without it."""

from django.db import migrations

from engage.db import PostgreSQLOnly


class Migration(migrations.Migration):
    dependencies = [("proposals", "0001_initial")]

    operations = [
        PostgreSQLOnly(
            sql="CREATE INDEX proposal_search_gin ON proposals_proposal USING gin (search_vector);",
            reverse_sql="DROP INDEX IF EXISTS proposal_search_gin;",
        ),
    ]
