from celery import shared_task

from proposals.services.routing import routing_model_train


@shared_task
def retrain_routing_model() -> int:
    """Periodic: learn from the routing decisions made since the last run."""
    model = routing_model_train()
    return model.decisions if model else 0
