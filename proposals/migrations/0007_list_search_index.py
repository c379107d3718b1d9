"""A GIN index over public proposals only, for searches on the public list.

The whole-table index finds every match and then each row's status is checked on the
heap; this one already leaves out drafts, rejected and hidden proposals, so counting
and paging a common word reads fewer rows. Its predicate is the list's condition
(proposals.models._LISTED), written the same way so PostgreSQL can prove the match.
"""

from django.db import migrations

from engage.db import PostgreSQLOnly


class Migration(migrations.Migration):
    dependencies = [("proposals", "0006_list_indexes_not_hidden")]

    operations = [
        PostgreSQLOnly(
            sql=(
                "CREATE INDEX proposal_list_search_gin ON proposals_proposal "
                "USING gin (search_vector) WHERE hidden_at IS NULL "
                "AND status IN ('answered', 'published', 'under_review');"
            ),
            reverse_sql="DROP INDEX IF EXISTS proposal_list_search_gin;",
        ),
    ]
