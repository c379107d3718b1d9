"""Pick the database for the test suite before Django reads its settings.

CI must test on PostgreSQL, the production database; a bare machine without it
falls back to SQLite and says so in the test summary.
"""

import os
from urllib.parse import urlsplit

DEFAULT_TEST_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/engage"
SQLITE_URL = "sqlite://:memory:"


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def postgres_answers(url: str) -> str | None:
    """Return None when PostgreSQL at `url` accepts a connection, else the reason it did not."""
    import psycopg

    parts = urlsplit(url)
    try:
        with psycopg.connect(
            host=parts.hostname,
            port=parts.port or 5432,
            user=parts.username or "postgres",
            password=parts.password or None,
            dbname="postgres",
            connect_timeout=3,
        ):
            return None
    except psycopg.Error as exc:
        return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def choose_test_database() -> str:
    url = os.environ.get("TEST_DATABASE_URL", DEFAULT_TEST_DATABASE_URL)
    if url.startswith("sqlite"):
        return url
    reason = postgres_answers(url)
    if reason is None:
        return url
    if in_ci():
        raise RuntimeError(f"CI=true but PostgreSQL at {url} is unreachable: {reason}")
    os.environ["ENGAGE_TEST_DATABASE_FALLBACK"] = (
        f"PostgreSQL unreachable ({reason}); ran on SQLite"
    )
    return SQLITE_URL
