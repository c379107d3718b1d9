from celery import shared_task
from django.utils import timezone

from proposals.services.reminders import overdue_reminders_record
from proposals.services.routing import routing_model_train, waiting_suggestions_refresh


@shared_task
def retrain_routing_model() -> int:
    """Periodic: learn from the routing decisions made since the last run."""
    model = routing_model_train()
    if model is not None:
        waiting_suggestions_refresh()
    return model.decisions if model else 0


@shared_task
def remind_overdue_queues() -> int:
    """Daily: remind each staff queue of what is past the service target; a repeated or
    late run on the same day reminds nobody twice. Returns the queues reminded."""
    return len(overdue_reminders_record(today=timezone.localdate()))
