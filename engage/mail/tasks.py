from datetime import timedelta

from celery import shared_task
from django.conf import settings

from engage.mail import services


@shared_task(bind=True, ignore_result=True)
def send_outgoing_emails(self, email_ids: list[int]) -> int:
    """Send a batch; what the mail server deferred is rung again when it is due."""
    report = services.outgoing_emails_send(email_ids=email_ids)
    if report.deferred and report.retry_in is not None:
        send_outgoing_emails.apply_async(args=[report.deferred], countdown=report.retry_in)
    return len(report.sent)


@shared_task
def deliver_outgoing_email(email_id: int) -> int:
    """The one-email task of earlier releases, for messages still queued under its name."""
    return len(services.outgoing_emails_send(email_ids=[email_id]).sent)


@shared_task
def sweep_outgoing_email() -> int:
    """Re-ring for due emails whose task message was lost or whose worker died; sending is
    idempotent, so a doorbell rung twice sends nothing twice."""
    ids = services.outgoing_email_due_ids(
        older_than=timedelta(seconds=settings.MAIL_SWEEP_AFTER_SECONDS)
    )
    services.outgoing_emails_ring(email_ids=ids)
    return len(ids)
