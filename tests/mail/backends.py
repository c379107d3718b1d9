"""Delivery backends for the outbox tests."""

import smtplib

from django.core.mail.backends.base import BaseEmailBackend


class RefusingBackend(BaseEmailBackend):
    """A mail server that is always down."""

    def send_messages(self, email_messages) -> int:
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


LOCMEM = "django.core.mail.backends.locmem.EmailBackend"


def mailers_with_outbox(*, delivery: str = LOCMEM) -> dict:
    """MAILERS as in production: Django sends into the outbox; the worker delivers."""
    return {
        "default": {"BACKEND": "engage.mail.backends.OutboxBackend"},
        "delivery": {"BACKEND": delivery},
    }
