"""Hand-written reads (engage.sqlrows) give what the ORM gives, and PostgreSQL prepares
each statement once per connection."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from engage import sqlrows
from engage.accounts.models import User
from proposals.lifecycle import Outcome, Status
from proposals.models import Proposal
from tests.factories import field_values
from tests.proposals.factories import ProposalFactory

pytestmark = pytest.mark.django_db
# The statements below put only identifiers from the models into SQL; values are parameters.
# ruff: noqa: S608

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="prepared statements are a PostgreSQL feature"
)


def _select_proposal(pk: int) -> Proposal:
    columns = sqlrows.model_columns(Proposal, "p", exclude=("search_vector",))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {columns.select} FROM {columns.table} WHERE {columns.column('id')} = %s",
            [pk],
        )
        return columns.build(cursor.fetchone())


def test_build_gives_the_values_the_orm_gives():
    """Every kind of column the proposal has: decimals, JSON, dates, booleans, nulls."""
    answered = timezone.now() - timedelta(days=2)
    proposal = ProposalFactory(
        status=Status.ANSWERED,
        outcome=Outcome.ACCEPTED,
        answered_at=answered,
        latitude=Decimal("56.162939"),
        longitude=Decimal("10.203921"),
        location_text="Rådhuspladsen",
        suggestions=[{"focus_area": "mobilitet", "score": 0.75}],
    )
    expected = Proposal.objects.defer("search_vector").get(pk=proposal.pk)

    built = _select_proposal(proposal.pk)

    assert type(built) is Proposal
    assert field_values(built, exclude=("search_vector",)) == field_values(
        expected, exclude=("search_vector",)
    )
    assert built.latitude == Decimal("56.162939") and built.answered_at == answered
    assert built.suggestions == [{"focus_area": "mobilitet", "score": 0.75}]
    assert built.answered_at.tzinfo is not None
    # Left-out columns are deferred, as with .defer(): read on access, not missing.
    assert built.get_deferred_fields() == {"search_vector"}
    assert not built._state.adding and built._state.db == connection.alias


def test_build_reads_from_an_offset():
    proposal = ProposalFactory()
    proposals = sqlrows.model_columns(Proposal, "p", exclude=("search_vector",))
    authors = sqlrows.model_columns(User, "a")
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {proposals.select}, {authors.select} FROM {proposals.table}"
            f" JOIN {authors.table} ON {authors.column('id')} = {proposals.column('author')}"
            f" WHERE {proposals.column('id')} = %s",
            [proposal.pk],
        )
        row = cursor.fetchone()
    author = authors.build(row, len(proposals))
    assert author == proposal.author
    assert author.display_name == proposal.author.display_name


def test_exists_writes_a_correlated_subquery():
    columns = sqlrows.model_columns(Proposal, "x")
    sql = columns.exists(author="%s", merged_into="p.id")
    quote = connection.ops.quote_name
    assert sql == (
        f"EXISTS(SELECT 1 FROM {quote('proposals_proposal')} x WHERE x.{quote('author_id')} = %s"
        f" AND x.{quote('merged_into_id')} = p.id)"
    )


def test_only_percent_s_placeholders_are_numbered():
    assert sqlrows._numbered("SELECT %s, %s WHERE a = %s") == "SELECT $1, $2 WHERE a = $3"
    for sql in ("SELECT '100%%'", "SELECT %(name)s", "SELECT 5 % 2"):
        with pytest.raises(ValueError, match="placeholders"):
            sqlrows._numbered(sql)


def _prepared_names() -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM pg_prepared_statements")
        return {name for (name,) in cursor.fetchall()}


def _run(sql: str, params: list) -> list:
    with connection.cursor() as cursor:
        sqlrows.statement_run(cursor, sql=sql, params=params)
        return cursor.fetchall()


@postgres_only
@pytest.mark.django_db(transaction=True)  # closes the connection, which a test transaction holds
def test_postgres_prepares_a_statement_once_per_connection():
    sql = "SELECT %s::int + 1, %s::text"
    name = sqlrows._statement_name(sql)
    assert _run(sql, [1, "a"]) == [(2, "a")]
    assert name in _prepared_names()

    with CaptureQueriesContext(connection) as ctx:
        assert _run(sql, [41, "b"]) == [(42, "b")]
    assert [q["sql"] for q in ctx.captured_queries] == [f"EXECUTE {name}(41, 'b')"]

    # A new connection has prepared nothing: the statement is prepared on it again.
    connection.close()
    assert name not in _prepared_names()
    assert _run(sql, [2, "c"]) == [(3, "c")]
    assert name in _prepared_names()


@postgres_only
def test_a_statement_prepared_in_a_rolled_back_transaction_still_runs():
    from django.db import transaction

    sql = "SELECT %s::int * 2"

    class Rollback(Exception):
        pass

    with pytest.raises(Rollback), transaction.atomic():
        assert _run(sql, [2]) == [(4,)]
        raise Rollback
    assert _run(sql, [5]) == [(10,)]


@postgres_only
def test_connections_closed_after_each_request_prepare_nothing():
    sql = "SELECT %s::int + 3"
    kept = connection.settings_dict["CONN_MAX_AGE"]
    connection.settings_dict["CONN_MAX_AGE"] = 0
    try:
        with CaptureQueriesContext(connection) as ctx:
            assert _run(sql, [1]) == [(4,)]
    finally:
        connection.settings_dict["CONN_MAX_AGE"] = kept
    assert ctx.captured_queries[0]["sql"] == "SELECT 1::int + 3"
    assert sqlrows._statement_name(sql) not in _prepared_names()


@postgres_only
def test_prepared_statements_can_be_turned_off(settings):
    settings.DATABASE_PREPARED_STATEMENTS = False
    sql = "SELECT %s::int - 1"
    with CaptureQueriesContext(connection) as ctx:
        assert _run(sql, [1]) == [(0,)]
    assert ctx.captured_queries[0]["sql"] == "SELECT 1::int - 1"
    assert sqlrows._statement_name(sql) not in _prepared_names()


@pytest.mark.parametrize(
    ("vendor", "setting", "max_age", "prepares"),
    [
        ("postgresql", True, 60, True),
        ("postgresql", True, None, True),  # connections kept for good
        ("postgresql", True, 0, False),  # closed after each request
        ("postgresql", False, 60, False),  # behind a transaction pooler
        ("sqlite", True, 60, False),
    ],
)
def test_which_connections_prepare(settings, vendor, setting, max_age, prepares):
    from types import SimpleNamespace

    settings.DATABASE_PREPARED_STATEMENTS = setting
    db = SimpleNamespace(vendor=vendor, settings_dict={"CONN_MAX_AGE": max_age})
    assert sqlrows._prepares(db) is prepares


def test_a_statement_that_is_not_prepared_runs_as_it_is(settings):
    settings.DATABASE_PREPARED_STATEMENTS = False
    with CaptureQueriesContext(connection) as ctx:
        assert _run("SELECT %s + 1", [1]) == [(2,)]
    assert len(ctx.captured_queries) == 1
