"""The outbox: every email is a row first and goes out in batches that a worker claims.

Writers call `outgoing_email_enqueue` (one message, e.g. through Django's mail API) or
`outgoing_emails_create` (many, e.g. notifications) inside their transaction; after commit
the ids go to Celery in batches. `outgoing_emails_send` claims a batch, sends it over one
connection and marks each email as it goes, so a worker killed mid-batch leaves at most the
one email whose SMTP transaction it was in unmarked (sent again after the claim runs out).
"""

import functools
import logging
import random
import smtplib
from collections.abc import Iterable, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from email import policy as email_policy
from email.utils import make_msgid, parseaddr

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives, mailers
from django.db import connection as db_connection
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from engage.mail.models import OutgoingEmail

logger = logging.getLogger(__name__)


def mail_domain() -> str:
    """The domain of the sender address, for Message-IDs that point back at this site."""
    return _domain_of(settings.DEFAULT_FROM_EMAIL)


@functools.lru_cache(maxsize=8)  # asked for every email of a digest; the address rarely changes
def _domain_of(address: str) -> str:
    return parseaddr(address)[1].rpartition("@")[2] or "localhost"


def outgoing_email_enqueue(*, message: EmailMessage) -> OutgoingEmail:
    """Store `message` for delivery and ring the worker once the surrounding transaction commits.

    A message written inside a transaction that rolls back is never stored and never sent.
    """
    html = ""
    for content, mimetype in getattr(message, "alternatives", []) or []:
        if mimetype == "text/html":
            html = str(content)
    headers = {str(k): str(v) for k, v in (message.extra_headers or {}).items()}
    message_id = headers.pop("Message-ID", "") or make_msgid(domain=mail_domain())
    email = OutgoingEmail.objects.create(
        subject=str(message.subject),
        body=str(message.body),
        html_body=html,
        from_email=message.from_email or settings.DEFAULT_FROM_EMAIL,
        to=list(message.to),
        cc=list(message.cc),
        bcc=list(message.bcc),
        reply_to=list(message.reply_to),
        headers=headers,
        message_id=message_id,
    )
    outgoing_emails_ring(email_ids=[email.pk])
    return email


def outgoing_emails_create(*, emails: Sequence[OutgoingEmail]) -> list[int]:
    """Store many unsaved emails in one statement and ring for them after commit.

    Precondition: each has its `key` set and is not stored yet (a second email with a key
    that exists raises IntegrityError and rolls back the caller's transaction).
    """
    created = OutgoingEmail.objects.bulk_create(emails)
    ids = [email.pk for email in created]
    outgoing_emails_ring(email_ids=ids)
    return ids


def outgoing_emails_ring(*, email_ids: Sequence[int]) -> None:
    """After the surrounding transaction commits, send `email_ids` to Celery in batches."""
    from engage.mail.tasks import send_outgoing_emails

    size = settings.MAIL_BATCH_SIZE
    batches = [list(email_ids[i : i + size]) for i in range(0, len(email_ids), size)]
    for batch in batches:
        transaction.on_commit(lambda batch=batch: send_outgoing_emails.delay(batch))


@dataclass
class SendReport:
    sent: list[int] = field(default_factory=list)
    failed: list[int] = field(default_factory=list)
    deferred: list[int] = field(default_factory=list)
    retry_in: float | None = None  # seconds until the earliest deferred email is due


def _claim(*, email_ids: Iterable[int]) -> list[OutgoingEmail]:
    """Take the due, unclaimed emails among `email_ids` for this worker until the claim ends.

    SKIP LOCKED lets two workers given the same ids split them instead of waiting.
    """
    now = timezone.now()
    with transaction.atomic():
        emails = list(
            OutgoingEmail.objects.select_for_update(skip_locked=True)
            .filter(pk__in=list(email_ids), status=OutgoingEmail.Status.PENDING)
            .filter(next_attempt_at__lte=now)
            .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=now))
            .order_by("pk")
        )
        until = now + timedelta(seconds=settings.MAIL_CLAIM_SECONDS)
        OutgoingEmail.objects.filter(pk__in=[e.pk for e in emails]).update(claimed_until=until)
    return emails


def _permanent(exc: Exception) -> bool:
    """A refusal the server will repeat (5xx), as opposed to one worth retrying."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _ in exc.recipients.values()]
        return bool(codes) and all(code >= 500 for code in codes)
    if isinstance(exc, smtplib.SMTPResponseException):
        return exc.smtp_code >= 500
    # A message that cannot be built fails the same way every time.
    return isinstance(exc, (ValueError, TypeError, UnicodeError))


def _connection_lost(exc: Exception) -> bool:
    """After these the connection is gone: the rest of the batch waits for the retry."""
    if isinstance(exc, smtplib.SMTPServerDisconnected):
        return True
    # SMTPException is an OSError too, but a refusal leaves the connection usable.
    return isinstance(exc, OSError) and not isinstance(exc, smtplib.SMTPException)


def retry_delay(*, attempts: int) -> float:
    """Exponential backoff with jitter: the n-th failure waits up to base * 2^(n-1)."""
    ceiling = min(
        settings.MAIL_RETRY_MAX_SECONDS, settings.MAIL_RETRY_BASE_SECONDS * 2 ** (attempts - 1)
    )
    return ceiling * random.uniform(0.5, 1.0)  # noqa: S311 (spreading retries, not secrets)


def outgoing_emails_send(*, email_ids: Sequence[int]) -> SendReport:
    """Send the due emails among `email_ids` over one connection; idempotent.

    Each email is marked sent (or failed, or deferred with backoff) in its own statement
    right after its SMTP transaction. Emails that are sent, failed, not yet due or claimed by
    another worker are left alone.
    """
    report = SendReport()
    emails = _claim(email_ids=email_ids)
    if not emails:
        return report
    remaining = list(emails)
    try:
        with _marks_without_waiting(), mailers["delivery"] as connection:
            while remaining:
                email = remaining.pop(0)
                try:
                    if hasattr(connection, "send_outgoing"):
                        connection.send_outgoing(email=email)
                    else:  # Django's own backends, e.g. the tests' memory outbox
                        connection.send_messages([_as_message(email)])
                except Exception as exc:
                    _record_failure(email=email, exc=exc, report=report)
                    if _connection_lost(exc):
                        break
                else:
                    OutgoingEmail.objects.filter(pk=email.pk).update(
                        status=OutgoingEmail.Status.SENT,
                        sent_at=timezone.now(),
                        attempts=email.attempts + 1,
                        claimed_until=None,
                    )
                    report.sent.append(email.pk)
    except Exception as exc:
        if remaining and not report.deferred:
            _record_failure(email=remaining.pop(0), exc=exc, report=report)
    if remaining:
        # Not tried because the connection went: due again with the one that was.
        delay = report.retry_in or 0.0
        OutgoingEmail.objects.filter(pk__in=[e.pk for e in remaining]).update(
            claimed_until=None, next_attempt_at=timezone.now() + timedelta(seconds=delay)
        )
        report.deferred.extend(e.pk for e in remaining)
    return report


@contextmanager
def _marks_without_waiting():
    """PostgreSQL commits the marks below without waiting for the disk (synchronous_commit
    off): a mark is lost only if the database server itself crashes within a fraction of a
    second, and then that email is sent again, as after a worker killed mid-send. Waiting
    for the disk after every email would take longer than sending it."""
    if db_connection.vendor != "postgresql":
        yield
        return
    with db_connection.cursor() as cursor:
        # A setting of the session, not a query: the ORM has no way to say it.
        cursor.execute("SET synchronous_commit TO OFF")
    try:
        yield
    finally:
        with db_connection.cursor() as cursor:
            cursor.execute("RESET synchronous_commit")


def _record_failure(*, email: OutgoingEmail, exc: Exception, report: SendReport) -> None:
    attempts = email.attempts + 1
    error = f"{type(exc).__name__}: {exc}"[:2000]
    if _permanent(exc) or attempts >= settings.MAIL_MAX_ATTEMPTS:
        OutgoingEmail.objects.filter(pk=email.pk).update(
            status=OutgoingEmail.Status.FAILED,
            attempts=attempts,
            last_error=error,
            claimed_until=None,
        )
        logger.error("Giving up on outgoing email %s: %s", email.pk, error)
        report.failed.append(email.pk)
        return
    delay = retry_delay(attempts=attempts)
    OutgoingEmail.objects.filter(pk=email.pk).update(
        attempts=attempts,
        last_error=error,
        claimed_until=None,
        next_attempt_at=timezone.now() + timedelta(seconds=delay),
    )
    logger.warning("Outgoing email %s will be retried in %.0f s: %s", email.pk, delay, error)
    report.deferred.append(email.pk)
    report.retry_in = delay if report.retry_in is None else min(report.retry_in, delay)


def outgoing_email_due_ids(*, older_than: timedelta, limit: int = 5000) -> list[int]:
    """Pending emails that are due and unclaimed, created more than `older_than` ago: their
    doorbell was lost, their worker died, or their retry is due."""
    now = timezone.now()
    return list(
        OutgoingEmail.objects.filter(
            status=OutgoingEmail.Status.PENDING,
            created_at__lt=now - older_than,
            next_attempt_at__lte=now,
        )
        .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=now))
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)[:limit]
    )


def outgoing_emails_retry(*, email_ids: Sequence[int]) -> int:
    """Put failed emails back in the queue (an admin's decision after fixing the cause)."""
    with transaction.atomic():
        ids = list(
            OutgoingEmail.objects.filter(
                pk__in=list(email_ids), status=OutgoingEmail.Status.FAILED
            ).values_list("pk", flat=True)
        )
        OutgoingEmail.objects.filter(pk__in=ids).update(
            status=OutgoingEmail.Status.PENDING,
            attempts=0,
            next_attempt_at=timezone.now(),
            claimed_until=None,
        )
        outgoing_emails_ring(email_ids=ids)
    return len(ids)


class _OutboxMessage(EmailMultiAlternatives):
    """Headers on lines of up to RFC 5322's 998 characters, where Django folds at 78.

    Python's email package turns an unbreakable header value longer than the fold width
    into RFC 2047 encoded words, and a List-Unsubscribe URL so encoded is no URL to a mail
    program (RFC 2369 headers are never encoded).
    """

    def message(self, *, policy=email_policy.default):
        return super().message(policy=policy.clone(max_line_length=998))


def _as_message(email: OutgoingEmail) -> EmailMessage:
    headers = dict(email.headers)
    if email.message_id:
        headers["Message-ID"] = email.message_id
    message = _OutboxMessage(
        subject=email.subject,
        body=email.body,
        from_email=email.from_email,
        to=email.to,
        cc=email.cc,
        bcc=email.bcc,
        reply_to=email.reply_to,
        headers=headers,
    )
    if email.html_body:
        message.attach_alternative(email.html_body, "text/html")
    return message
