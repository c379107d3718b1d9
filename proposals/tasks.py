from celery import shared_task

from proposals.services.routing import routing_model_train, waiting_suggestions_refresh


@shared_task
def retrain_routing_model() -> int:
    """Periodic: learn from the routing decisions made since the last run."""
    model = routing_model_train()
    if model is not None:
        waiting_suggestions_refresh()
    return model.decisions if model else 0
