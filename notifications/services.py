from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from notifications.models import Event, EventKind


def event_record(
    *,
    kind: EventKind,
    target: models.Model,
    actor: Any | None,
    data: dict[str, Any] | None = None,
) -> Event:
    """The one entry point for changes that people follow.

    Call it inside the transaction that makes the change, so the event exists exactly when
    the change does. Delivery (in the app and by email, now or as digests) is built on top
    of these rows; for now the call records the event.
    """
    return Event.objects.create(
        kind=kind,
        target_type=ContentType.objects.get_for_model(target),
        target_id=target.pk,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        data=data or {},
    )
