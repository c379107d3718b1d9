"""Suite-wide wiring: the database the tests run on, and what was skipped for lack of a service."""

import importlib
import os
from collections import Counter
from urllib.parse import urlsplit

import pytest
from django.apps import apps as django_apps

from engage.testing import MISSING_SERVICE, require_chromium, require_redis

# Playwright's sync API runs an event loop in the test thread; Django would otherwise refuse
# every ORM call made from a browser test.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

_missing_services: Counter[str] = Counter()


def _postgres_version(settings_dict: dict) -> str:
    import psycopg

    try:
        with psycopg.connect(
            host=settings_dict.get("HOST") or "127.0.0.1",
            port=settings_dict.get("PORT") or 5432,
            user=settings_dict.get("USER") or "postgres",
            password=settings_dict.get("PASSWORD") or None,
            dbname="postgres",
            connect_timeout=3,
        ) as connection:
            version = connection.info.server_version
    except psycopg.Error:
        return "?"
    return f"{version // 10000}.{version % 10000}"


def pytest_report_header(config) -> str:
    from django.conf import settings

    fallback = os.environ.get("ENGAGE_TEST_DATABASE_FALLBACK")
    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.postgresql":
        where = f"{database.get('HOST') or 'localhost'}:{database.get('PORT') or 5432}"
        return f"database: PostgreSQL {_postgres_version(database)} at {where}"
    if fallback:
        return f"database: SQLite (fallback: {fallback})"
    url = urlsplit(os.environ.get("TEST_DATABASE_URL", ""))
    return f"database: {database['ENGINE'].rsplit('.', 1)[-1]} ({url.scheme or 'configured'})"


def pytest_runtest_logreport(report) -> None:
    if report.skipped and isinstance(report.longrepr, tuple):
        message = str(report.longrepr[2]).removeprefix("Skipped: ")
        if message.startswith(MISSING_SERVICE):
            _missing_services[message.removeprefix(MISSING_SERVICE)] += 1


def pytest_terminal_summary(terminalreporter) -> None:
    if _missing_services:
        parts = ", ".join(f"{count} ({reason})" for reason, count in _missing_services.items())
        terminalreporter.write_line(f"skipped for missing services: {parts}", yellow=True)


@pytest.fixture(scope="session")
def redis_url() -> str:
    """A Redis database (number 15 by default) that tests may flush."""
    return require_redis()


@pytest.fixture(scope="session")
def chromium_path():
    return require_chromium()


@pytest.fixture
def taxonomy(transactional_db) -> None:
    """The published themes, focus areas and SDGs, for tests on a transactional database.

    Such a database is flushed after each test, so the data migration's rows are gone from
    the second test on: re-run its loader. (serialized_rollback would restore them too, but
    it clashes with the content types that a flush by another test re-creates.)
    """
    migration = importlib.import_module("engage.taxonomy.migrations.0002_load_focus_areas")
    migration.load(django_apps, None)


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Every test starts with empty caches: rendered fragments, rate-limit counters and
    allauth's used TOTP codes must not leak between tests."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()
    yield
    for cache in caches.all():
        cache.clear()


@pytest.fixture
def no_broker():
    """The doorbells' .delay, replaced: the test runs each step (fan-out, digests,
    sending) itself, as the worker would."""
    from unittest import mock

    with (
        mock.patch("notifications.tasks.send_event_deliveries.delay"),
        mock.patch("notifications.tasks.build_digests.delay"),
        mock.patch("engage.mail.tasks.send_outgoing_emails.delay"),
    ):
        yield
