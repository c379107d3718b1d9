import contextlib
import re
import smtplib
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
    without building a Python email object for it first, and pipelines its commands where
    the server offers it (RFC 2920)."""

    def send_outgoing(self, *, email) -> None:
        """Send one outbox row over the open connection. Precondition: `open()` was called.
        Raises what smtplib raises, or ValueError for an address that cannot be sent to."""
        sender = envelope_address(email.from_email)
        recipients = [envelope_address(a) for a in [*email.to, *email.cc, *email.bcc]]
        data = outgoing_email_serialize(email=email)
        smtp = self.connection
        smtp.ehlo_or_helo_if_needed()
        if smtp.has_extn("pipelining"):
            _sendmail_pipelined(smtp, sender=sender, recipients=recipients, data=data)
        else:
            smtp.sendmail(sender, recipients, data)


_DOT_AT_LINE_START = re.compile(rb"^\.", re.MULTILINE)


def _sendmail_pipelined(smtp, *, sender: str, recipients: list[str], data: bytes) -> None:
    """smtplib's sendmail with MAIL, RCPT and DATA sent together and answered together: two
    waits for the server per email instead of three or more, which is what limits a worker
    whose mail server is not on the same machine. Raises as sendmail does."""
    size = f" SIZE={len(data)}" if smtp.has_extn("size") else ""
    smtp.send(
        f"MAIL FROM:<{sender}>{size}\r\n"
        + "".join(f"RCPT TO:<{recipient}>\r\n" for recipient in recipients)
        + "DATA\r\n"
    )
    mail_reply = smtp.getreply()
    rcpt_replies = [smtp.getreply() for _ in recipients]
    data_reply = smtp.getreply()
    refused = {
        recipient: reply
        for recipient, reply in zip(recipients, rcpt_replies, strict=True)
        if reply[0] not in (250, 251)
    }
    if data_reply[0] == 354 and (mail_reply[0] != 250 or len(refused) == len(recipients)):
        # A server that took DATA although nobody can receive it gets an empty message
        # ended at once, which it refuses for want of recipients.
        smtp.send(b".\r\n")
        smtp.getreply()
    if mail_reply[0] != 250:
        _reset(smtp)
        raise smtplib.SMTPSenderRefused(*mail_reply, sender)
    if len(refused) == len(recipients):
        _reset(smtp)
        raise smtplib.SMTPRecipientsRefused(refused)
    if data_reply[0] != 354:
        _reset(smtp)
        raise smtplib.SMTPDataError(*data_reply)
    body = _DOT_AT_LINE_START.sub(b"..", data)  # RFC 5321 4.5.2: transparency
    if not body.endswith(b"\r\n"):
        body += b"\r\n"
    smtp.send(body + b".\r\n")
    code, message = smtp.getreply()
    if code != 250:
        _reset(smtp)
        raise smtplib.SMTPDataError(code, message)


def _reset(smtp) -> None:
    """RSET after a refusal, so the connection serves the next email of the batch."""
    with contextlib.suppress(smtplib.SMTPServerDisconnected):
        smtp.rset()


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
