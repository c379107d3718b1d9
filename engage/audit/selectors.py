from dataclasses import dataclass
from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import QuerySet

from engage.audit.models import AuditEntry


@dataclass(frozen=True)
class AuditFilters:
    action: str = ""
    actor_id: int | None = None
    actor_email: str = ""  # a part of it, any case
    target_type: str = ""  # "app_label.model"
    target_id: int | None = None
    since: date | None = None
    until: date | None = None


def audit_entry_list(*, filters: AuditFilters) -> QuerySet[AuditEntry]:
    """The trail, newest first, with actor and object type loaded in the same query."""
    queryset = AuditEntry.objects.select_related("actor", "target_type")
    if filters.action:
        queryset = queryset.filter(action=filters.action)
    if filters.actor_id:
        queryset = queryset.filter(actor_id=filters.actor_id)
    if filters.actor_email:
        queryset = queryset.filter(actor__email__icontains=filters.actor_email)
    if filters.target_type and "." in filters.target_type:
        app_label, model = filters.target_type.split(".", 1)
        queryset = queryset.filter(target_type__app_label=app_label, target_type__model=model)
    if filters.target_id:
        queryset = queryset.filter(target_id=filters.target_id)
    if filters.since:
        queryset = queryset.filter(created_at__date__gte=filters.since)
    if filters.until:
        queryset = queryset.filter(created_at__date__lte=filters.until)
    return queryset.order_by("-created_at", "-pk")


def audit_entry_list_visible(*, user, filters: AuditFilters) -> QuerySet[AuditEntry]:
    """audit_entry_list, limited to the entries `user` may read (engage.audit.rules)."""
    return audit_entry_list(filters=filters).visible_to(user)


def audit_entry_last(*, target: models.Model, action: str) -> AuditEntry | None:
    """The latest entry for `action` on `target`, or None."""
    return (
        AuditEntry.objects.filter(
            action=action,
            target_type=ContentType.objects.get_for_model(target),
            target_id=target.pk,
        )
        .order_by("-created_at", "-pk")
        .first()
    )
