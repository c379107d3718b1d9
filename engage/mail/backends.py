import uuid
from pathlib import Path

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone


class OutboxBackend(BaseEmailBackend):
    """Django's EMAIL_BACKEND: stores each message in the outbox; a Celery task delivers it."""

    def send_messages(self, email_messages) -> int:
        from engage.mail.services import outgoing_email_enqueue

        for message in email_messages:
            outgoing_email_enqueue(message=message)
        return len(email_messages)


class EmlFileBackend(BaseEmailBackend):
    """Writes each message as one .eml file that a mail program opens (local development)."""

    def __init__(self, *args, directory: str | Path | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.directory = Path(directory or settings.MAIL_EML_DIR)

    def send_messages(self, email_messages) -> int:
        self.directory.mkdir(parents=True, exist_ok=True)
        for message in email_messages:
            stamp = timezone.now().strftime("%Y%m%dT%H%M%S")
            path = self.directory / f"{stamp}-{uuid.uuid4().hex[:8]}.eml"
            path.write_bytes(message.message().as_bytes())
        return len(email_messages)
