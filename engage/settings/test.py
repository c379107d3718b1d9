"""Settings for the test suite: PostgreSQL when it answers (required under CI=true), else SQLite."""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-not-secret")

from engage.testing.database import choose_test_database

os.environ["DATABASE_URL"] = choose_test_database()

from .base import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {**CACHES, "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}  # noqa: F405
# Django's test runner swaps every mailer for its memory backend; tests of the outbox
# put OutboxBackend back with override_settings(MAILERS=...).
STATIC_ROOT = None  # static files come from the finders; nothing is collected in tests
# Connections kept between requests, as in production.
DATABASES["default"]["CONN_MAX_AGE"] = 60  # noqa: F405
# Tasks the code under test enqueues go to a queue in memory that nothing reads, not to
# the repository's var/ folder; tests that need a real worker point Celery at Redis
# themselves (tests.processes.publish_to).
CELERY_BROKER_URL = "memory://"
CELERY_BROKER_TRANSPORT_OPTIONS = {}
