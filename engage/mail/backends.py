import uuid
from pathlib import Path

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.backends.smtp import EmailBackend as DjangoSMTPBackend
from django.utils import timezone

from engage.mail.mime import envelope_address, outgoing_email_serialize


class OutboxBackend(BaseEmailBackend):
    """Django's EMAIL_BACKEND: stores each message in the outbox; a Celery task delivers it."""

    def send_messages(self, email_messages) -> int:
        from engage.mail.services import outgoing_email_enqueue

        for message in email_messages:
            outgoing_email_enqueue(message=message)
        return len(email_messages)


class SMTPBackend(DjangoSMTPBackend):
    """Django's SMTP backend, which also sends an outbox row as it is (engage.mail.mime),
    without building a Python email object for it first."""

    def send_outgoing(self, *, email) -> None:
        """Send one outbox row over the open connection. Precondition: `open()` was called.
        Raises what smtplib raises, or ValueError for an address that cannot be sent to."""
        recipients = [envelope_address(a) for a in [*email.to, *email.cc, *email.bcc]]
        self.connection.sendmail(
            envelope_address(email.from_email), recipients, outgoing_email_serialize(email=email)
        )


class EmlFileBackend(BaseEmailBackend):
    """Writes each message as one .eml file that a mail program opens (local development)."""

    def __init__(self, *args, directory: str | Path | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.directory = Path(directory or settings.MAIL_EML_DIR)

    def _path(self) -> Path:
        self.directory.mkdir(parents=True, exist_ok=True)
        stamp = timezone.now().strftime("%Y%m%dT%H%M%S")
        return self.directory / f"{stamp}-{uuid.uuid4().hex[:8]}.eml"

    def send_messages(self, email_messages) -> int:
        for message in email_messages:
            self._path().write_bytes(message.message().as_bytes())
        return len(email_messages)

    def send_outgoing(self, *, email) -> None:
        """Write one outbox row as the message a mail server would have received."""
        self._path().write_bytes(outgoing_email_serialize(email=email))
