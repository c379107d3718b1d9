"""Builds Django's MAILERS setting (Django 6.1) from the project's environment variables.

Pure functions without Django imports, so settings modules can call them.
"""

from typing import Any

OUTBOX_BACKEND = "engage.mail.backends.OutboxBackend"
SMTP_BACKEND = "engage.mail.backends.SMTPBackend"
# Django's own SMTP backend takes the same options (it sends each email through Python's
# email package, which costs more per email).
DJANGO_SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EML_BACKEND = "engage.mail.backends.EmlFileBackend"


def delivery_options(*, backend: str, email_url: dict[str, Any], eml_dir: str) -> dict[str, Any]:
    """The OPTIONS each delivery backend understands, and nothing it would reject."""
    if backend in (SMTP_BACKEND, DJANGO_SMTP_BACKEND):
        return {
            "host": email_url["EMAIL_HOST"],
            "port": email_url["EMAIL_PORT"],
            "username": email_url["EMAIL_HOST_USER"],
            "password": email_url["EMAIL_HOST_PASSWORD"],
            "use_tls": bool(email_url.get("EMAIL_USE_TLS", False)),
            "use_ssl": bool(email_url.get("EMAIL_USE_SSL", False)),
            "timeout": 20,
        }
    if backend == EML_BACKEND:
        return {"directory": eml_dir}
    return {}


def mailers(*, delivery_backend: str, email_url: dict[str, Any], eml_dir: str) -> dict:
    """ "default" is what Django and allauth send through: the outbox. The worker delivers
    outbox rows through "delivery"."""
    return {
        "default": {"BACKEND": OUTBOX_BACKEND},
        "delivery": {
            "BACKEND": delivery_backend,
            "OPTIONS": delivery_options(
                backend=delivery_backend, email_url=email_url, eml_dir=eml_dir
            ),
        },
    }
