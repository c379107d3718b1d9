"""Delivery backends for the outbox tests."""

import smtplib

from django.core.mail.backends.base import BaseEmailBackend


class RefusingBackend(BaseEmailBackend):
    """A mail server that is always down."""

    def send_messages(self, email_messages) -> int:
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
