"""Production: everything from the environment; refuses to start without a secret key,
without Redis, or without an https SITE_URL."""

import ipaddress
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import (
    ALLOWED_HOSTS,
    DATABASES,
    EMAIL_URL,
    MAIL_EML_DIR,
    REDIS_URL,
    SECRET_KEY,
    SITE_URL,
    env,
    mail_config,
)


def _loopback(host: str) -> bool:
    host = host.strip().strip("[]")
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


# More than one process serves the site: the cache versions that retire shared renderings
# and the task queue must be shared by all of them.
if not REDIS_URL.strip():
    raise ImproperlyConfigured(
        "REDIS_URL is empty: production needs Redis for the cache and the Celery broker,"
        " e.g. REDIS_URL=redis://localhost:6379/0"
    )

# Every email links here, and mail programs offer one-click unsubscribe (RFC 8058) only for
# an https List-Unsubscribe link. Plain HTTP only while the whole site is on this machine
# (docker compose on localhost, the worker tests): a site that serves any other host and
# kept the loopback default forgot SITE_URL, and its emails would link to nowhere.
_site = urlsplit(SITE_URL.strip())
_on_this_machine_only = (
    _site.scheme == "http"
    and _loopback(_site.hostname or "")
    and all(_loopback(host) for host in ALLOWED_HOSTS)
)
if not ((_site.scheme == "https" and _site.hostname) or _on_this_machine_only):
    raise ImproperlyConfigured(
        f"SITE_URL is {SITE_URL!r}: production needs the site's public https address, e.g."
        " SITE_URL=https://hverdagsmaal.example.dk (plain http only for localhost, with"
        " DJANGO_ALLOWED_HOSTS on localhost alone)"
    )

# A sync gunicorn worker serves one request at a time: keeping its connection for a
# minute spares a PostgreSQL connect (several ms) per request; health checks drop a
# connection the server closed.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

# An empty value (DJANGO_SECRET_KEY= in an env file) passes env() but would sign sessions all
# the same; a short one is caught by `check --deploy` (security.W009).
if not SECRET_KEY.strip():
    raise ImproperlyConfigured("DJANGO_SECRET_KEY is empty: set it to 50+ random characters")

DEBUG = False
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env.bool("DJANGO_SECURE_HSTS_PRELOAD", default=True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MAIL_DELIVERY_BACKEND = env("MAIL_DELIVERY_BACKEND", default=mail_config.SMTP_BACKEND)
MAILERS = mail_config.mailers(
    delivery_backend=MAIL_DELIVERY_BACKEND,
    email_url=EMAIL_URL,
    eml_dir=str(MAIL_EML_DIR),
)
