"""Hand-written SELECTs that still give model instances, for reads on every page view.

Django spends 0.2 to 0.6 ms building the SQL of a queryset, more than PostgreSQL takes to
answer the proposal page's queries. The few reads that run on every first view of a page
write their SQL once per process instead. Their tables and columns come from the models'
metadata, so a new field is selected without touching them. Rows become instances through
`Model.from_db`, with the converters the ORM itself would apply (SQLite's dates, JSON), so
what comes back is what a queryset with `defer()` and `select_related()` would give.

On PostgreSQL these statements are also prepared, once per connection (`statement_run`):
parsing and planning them took longer than running them.
"""

import functools
import hashlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.db import connection
from django.db.models import Field, Model

Converter = Callable[[object, object, object], object]
# Each field's column expression (some converters read its output field) and converters.
Reader = tuple[object, tuple[Converter, ...]]


@dataclass(frozen=True)
class ModelColumns:
    """The columns of `model` under the SQL alias `alias`, and how to read them back."""

    model: type[Model]
    alias: str
    fields: tuple[Field, ...]
    readers: tuple[Reader, ...]

    def __len__(self) -> int:
        return len(self.fields)

    @property
    def table(self) -> str:
        """`"app_model" alias`, for a FROM or JOIN clause."""
        return f"{connection.ops.quote_name(self.model._meta.db_table)} {self.alias}"

    @property
    def select(self) -> str:
        return ", ".join(f"{self.alias}.{connection.ops.quote_name(f.column)}" for f in self.fields)

    @property
    def nulls(self) -> str:
        """A typed NULL for each column: the columns of another kind of row in a UNION.

        Typed, because PostgreSQL resolves a UNION's column types pairwise, and two
        untyped NULLs would make a text column that a later SELECT's dates cannot join.
        """
        return ", ".join(f"CAST(NULL AS {f.cast_db_type(connection)})" for f in self.fields)

    def position(self, name: str) -> int:
        """Where the field `name` is among these columns, from 0."""
        return [field.name for field in self.fields].index(name)

    def column(self, name: str) -> str:
        """The qualified column of the field `name` (an `author` gives `author_id`'s)."""
        field = self.model._meta.get_field(name)
        return f"{self.alias}.{connection.ops.quote_name(field.column)}"

    def exists(self, **equal: str) -> str:
        """`EXISTS(SELECT 1 …)` of this table where each field equals an SQL term: another
        column, or `%s` for a parameter."""
        terms = " AND ".join(f"{self.column(name)} = {term}" for name, term in equal.items())
        return f"EXISTS(SELECT 1 FROM {self.table} WHERE {terms})"  # noqa: S608

    def build(self, row: Sequence, start: int = 0) -> Model:
        """The instance made of `row[start:start + len(self)]`; fields left out are deferred."""
        values = []
        for value, (col, converters) in zip(
            row[start : start + len(self)], self.readers, strict=True
        ):
            for convert in converters:
                value = convert(value, col, connection)
            values.append(value)
        return self.model.from_db(connection.alias, self.attnames, values)

    @functools.cached_property
    def attnames(self) -> list[str]:
        return [field.attname for field in self.fields]


def model_columns(model: type[Model], alias: str, *, exclude: tuple[str, ...] = ()) -> ModelColumns:
    """The concrete fields of `model` but `exclude`, for the current database backend."""
    return _model_columns(model, alias, exclude, connection.vendor)


@functools.cache
def _model_columns(
    model: type[Model], alias: str, exclude: tuple[str, ...], vendor: str
) -> ModelColumns:
    # `vendor` only keys the cache: converters differ between SQLite and PostgreSQL.
    fields = tuple(f for f in model._meta.concrete_fields if f.name not in exclude)
    readers = []
    for field in fields:
        col = field.get_col(alias)
        converters = connection.ops.get_db_converters(col) + col.get_db_converters(connection)
        readers.append((col, tuple(converters)))
    return ModelColumns(model=model, alias=alias, fields=fields, readers=tuple(readers))


def placeholders(values: Sequence) -> str:
    """`%s, %s, …`, one per value, for an IN list."""
    return ", ".join(["%s"] * len(values))


def statement_run(cursor, *, sql: str, params: Sequence) -> None:
    """Execute `sql` (with `%s` parameters) on `cursor`, a Django cursor.

    On PostgreSQL, unless settings.DATABASE_PREPARED_STATEMENTS is off or connections are
    closed after each request (CONN_MAX_AGE 0), the statement is prepared the first time
    this connection runs it and executed by name from then on.
    The PREPARE goes straight to the driver: like the session settings Django sends when
    it connects, it is set-up work, not one of the queries a page asks.

    Prepared statements last as long as the database session, whatever the transaction
    does; a pooler that hands one session to many clients (PgBouncer in transaction
    mode) breaks them, which is what the setting is for.
    """
    if not _prepares(cursor.db):
        cursor.execute(sql, params)
        return
    driver = cursor.cursor.connection
    name = _statement_name(sql)
    # Kept on Django's connection, which belongs to one thread, for as long as it talks to
    # this driver connection: a reconnect starts a new session with nothing prepared.
    prepared = getattr(cursor.db, "_engage_prepared", None)
    if prepared is None or prepared[0] is not driver:
        prepared = cursor.db._engage_prepared = (driver, set())
    names = prepared[1]
    if name not in names:
        driver.execute(f"PREPARE {name} AS {_numbered(sql)}")
        names.add(name)
    cursor.execute(
        f"EXECUTE {name}({placeholders(params)})" if params else f"EXECUTE {name}", params
    )


def _prepares(db) -> bool:
    # A connection closed after each request would prepare each statement for one use.
    return (
        db.vendor == "postgresql"
        and settings.DATABASE_PREPARED_STATEMENTS
        and db.settings_dict["CONN_MAX_AGE"] != 0
    )


@functools.cache
def _statement_name(sql: str) -> str:
    # Named after the text: a changed statement is a new one, never a stale plan.
    return "engage_" + hashlib.sha256(sql.encode()).hexdigest()[:16]


def _numbered(sql: str) -> str:
    """`%s` placeholders as PostgreSQL's `$1`, `$2`, … (no statement here has a `%`)."""
    if "%%" in sql or re.search(r"%[^s]", sql):
        raise ValueError("Only %s placeholders can be prepared.")
    numbers = iter(range(1, sql.count("%s") + 1))
    return re.sub(r"%s", lambda _match: f"${next(numbers)}", sql)
