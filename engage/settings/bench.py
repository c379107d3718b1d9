"""`make bench`: production settings against the seeded engage_bench PostgreSQL database.

Differences from production, each because the benchmark needs it:
- the database is BENCH_DATABASE_URL (never an ambient DATABASE_URL, which might be a dev DB);
- the cache (and broker) is Redis as deployed, on a Redis database of the bench's own
  (BENCH_REDIS_URL, default db 8; never an ambient REDIS_URL), with the database's name in
  the key prefix so the 100k and 1k databases never read each other's renderings;
- plain HTTP on loopback: no SSL redirect and no secure-only cookies;
- a bench URLconf that adds /bench/trivial/, the baseline every page is compared with;
- no DRF throttling (the benchmark is one anonymous client sending thousands of requests);
- static URLs without a collectstatic manifest (persistent DB connections come from production).
"""

import os
import warnings

os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-not-secret")
# Production requires it; the default cache is replaced below.
os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/0")
os.environ["DATABASE_URL"] = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/engage_bench"
)
os.environ["REDIS_URL"] = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/8")

from .production import *  # noqa: F403
from .production import CACHES, LOGGING, REST_FRAMEWORK, STORAGES

ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
ROOT_URLCONF = "tests.bench.urls"
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
LANGUAGE_COOKIE_SECURE = False
_database = os.environ["DATABASE_URL"].rsplit("/", 1)[-1]
CACHES = {
    **CACHES,
    "default": {
        **CACHES["default"],
        "KEY_PREFIX": f"{CACHES['default'].get('KEY_PREFIX', '')}:{_database}",
    },
}
REST_FRAMEWORK = {**REST_FRAMEWORK, "DEFAULT_THROTTLE_CLASSES": []}
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
LOGGING = {**LOGGING, "root": {**LOGGING["root"], "level": "WARNING"}}
CELERY_TASK_ALWAYS_EAGER = False
# WhiteNoise warns once per process that collectstatic has not run; the bench serves no files.
warnings.filterwarnings("ignore", message="No directory at")
