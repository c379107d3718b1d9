from datetime import timedelta

from celery import shared_task

from engage.mail import services


@shared_task(
    bind=True,
    max_retries=services.MAX_ATTEMPTS,
    retry_backoff=30,
    retry_backoff_max=600,
    retry_jitter=True,
    autoretry_for=(Exception,),
)
def deliver_outgoing_email(self, email_id: int) -> bool:
    return services.outgoing_email_deliver(email_id=email_id)


@shared_task
def sweep_outgoing_email() -> int:
    """Re-ring for pending emails whose task message was lost; delivery itself is idempotent."""
    ids = services.outgoing_email_pending_ids(older_than=timedelta(minutes=5))
    for email_id in ids:
        deliver_outgoing_email.delay(email_id)
    return len(ids)
