import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives, mailers
from django.db import transaction
from django.utils import timezone

from engage.mail.models import OutgoingEmail

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5


def outgoing_email_enqueue(*, message: EmailMessage) -> OutgoingEmail:
    """Store `message` for delivery and ring the worker once the surrounding transaction commits.

    A message written inside a transaction that rolls back is never stored and never sent.
    """
    from engage.mail.tasks import deliver_outgoing_email

    html = ""
    for content, mimetype in getattr(message, "alternatives", []) or []:
        if mimetype == "text/html":
            html = str(content)
    email = OutgoingEmail.objects.create(
        subject=str(message.subject),
        body=str(message.body),
        html_body=html,
        from_email=message.from_email or settings.DEFAULT_FROM_EMAIL,
        to=list(message.to),
        cc=list(message.cc),
        bcc=list(message.bcc),
        reply_to=list(message.reply_to),
        headers={str(k): str(v) for k, v in (message.extra_headers or {}).items()},
    )
    transaction.on_commit(lambda: deliver_outgoing_email.delay(email.pk))
    return email


def outgoing_email_deliver(*, email_id: int) -> bool:
    """Send one pending email through the "delivery" mailer; True when it went out now.

    Idempotent: a row that is already sent or failed, or locked by another worker, is left
    alone. Raises the transport's error after recording it, so the task can retry.
    """
    with transaction.atomic():
        email = (
            OutgoingEmail.objects.select_for_update(skip_locked=True)
            .filter(pk=email_id, status=OutgoingEmail.Status.PENDING)
            .first()
        )
        if email is None:
            return False
        try:
            mailers["delivery"].send_messages([_as_message(email)])
        except Exception as exc:
            error = exc
            email.attempts += 1
            email.last_error = f"{type(exc).__name__}: {exc}"[:2000]
            if email.attempts >= MAX_ATTEMPTS:
                email.status = OutgoingEmail.Status.FAILED
                logger.error("Giving up on outgoing email %s: %s", email.pk, email.last_error)
            email.save(update_fields=["attempts", "last_error", "status"])
        else:
            email.status = OutgoingEmail.Status.SENT
            email.sent_at = timezone.now()
            email.attempts += 1
            email.save(update_fields=["status", "sent_at", "attempts"])
            return True
    # Raised only after the block commits: raising inside it would roll back the record
    # of this attempt, and a dead mail server would be retried forever.
    raise error


def outgoing_email_pending_ids(*, older_than: timedelta) -> list[int]:
    """Pending emails whose doorbell may have been lost (the broker dropped the message)."""
    cutoff = timezone.now() - older_than
    return list(
        OutgoingEmail.objects.filter(status=OutgoingEmail.Status.PENDING, created_at__lt=cutoff)
        .order_by("created_at")
        .values_list("pk", flat=True)[:500]
    )


def _as_message(email: OutgoingEmail) -> EmailMessage:
    message = EmailMultiAlternatives(
        subject=email.subject,
        body=email.body,
        from_email=email.from_email,
        to=email.to,
        cc=email.cc,
        bcc=email.bcc,
        reply_to=email.reply_to,
        headers=email.headers,
    )
    if email.html_body:
        message.attach_alternative(email.html_body, "text/html")
    return message
