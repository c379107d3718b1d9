from dataclasses import dataclass

from django.contrib.contenttypes.prefetch import GenericPrefetch
from django.db.models import QuerySet

from notifications.models import Notification
from notifications.registry import Message, kind_get, target_querysets


@dataclass(frozen=True)
class NotificationRow:
    notification: Notification
    message: Message


def notification_list(*, user) -> QuerySet[Notification]:
    """`user`'s own notifications, newest first, with their events' targets loaded."""
    return (
        Notification.objects.for_recipient(user)
        .select_related("event")
        .prefetch_related(GenericPrefetch("event__target", target_querysets()))
    )


def notification_rows(*, notifications) -> list[NotificationRow]:
    """Each notification with its message in the active language; kinds no app declares
    any more (an app was removed) are left out."""
    rows = []
    for notification in notifications:
        kind = kind_get(notification.kind)
        if kind is None or notification.event.target is None:
            continue
        rows.append(
            NotificationRow(notification=notification, message=kind.message(notification.event))
        )
    return rows


def notification_unread_count(*, user) -> int:
    return Notification.objects.for_recipient(user).unread().count()
