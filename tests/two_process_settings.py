"""Production settings for test_two_processes: plain HTTP on loopback and static URLs
without a collectstatic manifest; the cache is Redis (REDIS_URL), as deployed."""

from engage.settings.production import *  # noqa: F403
from engage.settings.production import STORAGES

ALLOWED_HOSTS = ["127.0.0.1"]
SECURE_SSL_REDIRECT = False
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
