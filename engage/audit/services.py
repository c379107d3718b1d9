from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from engage.audit.models import AuditEntry


def audit_record(
    *,
    actor: Any,
    action: str,
    target: models.Model,
    from_state: str = "",
    to_state: str = "",
    reason: str = "",
    data: dict[str, Any] | None = None,
) -> AuditEntry:
    """Append one entry to the audit trail; call it inside the transaction of the action."""
    return AuditEntry.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        target_type=ContentType.objects.get_for_model(target),
        target_id=target.pk,
        target_label=str(target)[:200],
        from_state=from_state,
        to_state=to_state,
        reason=reason,
        data=data or {},
    )
