"""Production: everything from the environment; refuses to start without a secret key."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import DATABASES, EMAIL_URL, MAIL_EML_DIR, REDIS_URL, SECRET_KEY, env, mail_config

# More than one process serves the site: the cache versions that retire shared renderings
# and the task queue must be shared by all of them.
if not REDIS_URL.strip():
    raise ImproperlyConfigured(
        "REDIS_URL is empty: production needs Redis for the cache and the Celery broker,"
        " e.g. REDIS_URL=redis://localhost:6379/0"
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
