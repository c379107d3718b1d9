"""Doorbells: each task takes ids or a channel and calls a service in notifications.sending.

The rows are the truth: a task that is lost, doubled or late changes what is sent only in
when, never in what (see notifications_sweep).
"""

from datetime import date

from celery import shared_task

from notifications import sending
from notifications.registry import Channel


@shared_task
def send_event_deliveries(event_id: int) -> int:
    return sending.deliveries_send_immediate(event_id=event_id)


@shared_task
def send_digests(channel: str) -> int:
    """Run by beat at 07:00 Europe/Copenhagen: daily every day, weekly on Mondays."""
    return sending.digests_start(channel=Channel(channel))


@shared_task
def build_digests(channel: str, period: str, recipient_ids: list[int]) -> int:
    return sending.digests_build(
        channel=Channel(channel), period=date.fromisoformat(period), recipient_ids=recipient_ids
    )


@shared_task
def sweep_notifications() -> dict[str, int]:
    return sending.notifications_sweep()
