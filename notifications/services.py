from collections.abc import Mapping, Sequence
from typing import Any

import rules
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from engage.cache import unread_changed
from notifications.models import Delivery, Event, Notification, Preference
from notifications.registry import (
    Channel,
    NotificationKind,
    event_kind_known,
    kind_get,
    kinds_for_event,
)
from notifications.selectors import preference_rows_of
from notifications.sending import deliveries_ring


def event_record(
    *,
    kind: str,
    target: models.Model,
    actor: Any | None,
    data: dict[str, Any] | None = None,
) -> Event:
    """The one entry point for changes that people follow.

    Call it inside the transaction that makes the change: the event, everyone's in-app
    notification and their email deliveries exist exactly when the change does, and a
    rolled-back change tells nobody. `kind` must be declared by its app (see
    notifications.registry).
    """
    if not event_kind_known(str(kind)):
        raise ValueError(
            f"undeclared event kind {kind!r}: declare it in its app's notifications.py"
        )
    event = Event.objects.create(
        kind=str(kind),
        target_type=ContentType.objects.get_for_model(target),
        target_id=target.pk,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        data=data or {},
    )
    notifications_fan_out(event=event)
    return event


@transaction.atomic
def notifications_fan_out(*, event: Event) -> int:
    """Write the in-app notifications and email deliveries that `event` owes; repeatable.

    Set-based: one INSERT … SELECT per kind however many people receive it (the ORM has no
    INSERT from a query). Uniqueness on (recipient, event) and (recipient, event, channel)
    makes a repeated call change nothing and gives each person one notification per event,
    from the first registered kind that includes them. Returns the notifications written.
    """
    written = deliveries = 0
    for kind in kinds_for_event(event.kind):
        if not kind.applies(event):
            continue
        written += _notifications_insert(event=event, kind=kind)
        deliveries += _deliveries_insert(event=event, kind=kind)
    if deliveries:
        deliveries_ring(event_id=event.pk)
    return written


def _recipients_sql(*, event: Event, kind: NotificationKind) -> tuple[str, tuple]:
    recipients = kind.recipients(event).filter(is_active=True, deleted_at__isnull=True)
    if event.actor_id:
        recipients = recipients.exclude(pk=event.actor_id)  # nobody hears of their own action
    sql, params = recipients.order_by().values(rid=F("pk")).query.sql_with_params()
    return sql, tuple(params)


def _notifications_insert(*, event: Event, kind: NotificationKind) -> int:
    sql, params = _recipients_sql(event=event, kind=kind)
    table = connection.ops.quote_name(Notification._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            # Only table names from _meta and the ORM's own SQL are spliced; values are bound.
            f"INSERT INTO {table} (recipient_id, event_id, kind, created_at, read_at) "  # noqa: S608
            f"SELECT r.rid, %s, %s, %s, NULL FROM ({sql}) AS r "
            # SQLite reads ON after a FROM as a join's unless a WHERE comes between.
            "WHERE 1 = 1 ON CONFLICT (recipient_id, event_id) DO NOTHING "
            "RETURNING recipient_id",
            (event.pk, kind.key, event.created_at, *params),
        )
        recipients = [row[0] for row in cursor.fetchall()]
    unread_changed(user_ids=recipients)
    return len(recipients)


def _deliveries_insert(*, event: Event, kind: NotificationKind) -> int:
    """Email deliveries for this kind's notifications, on each person's chosen channel."""
    notifications = connection.ops.quote_name(Notification._meta.db_table)
    preferences = connection.ops.quote_name(Preference._meta.db_table)
    table = connection.ops.quote_name(Delivery._meta.db_table)
    channel = "COALESCE(p.channel, %s)"
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (recipient_id, event_id, kind, channel, status, created_at, "  # noqa: S608
            "email_id) "
            f"SELECT n.recipient_id, n.event_id, n.kind, {channel}, %s, %s, NULL "
            f"FROM {notifications} AS n LEFT JOIN {preferences} AS p "
            "ON p.user_id = n.recipient_id AND p.kind = n.kind "
            f"WHERE n.event_id = %s AND n.kind = %s AND {channel} <> %s "
            "ON CONFLICT (recipient_id, event_id, channel) DO NOTHING",
            (
                kind.default_channel.value,
                Delivery.Status.PENDING,
                timezone.now(),
                event.pk,
                kind.key,
                kind.default_channel.value,
                Channel.NONE.value,
            ),
        )
        return max(cursor.rowcount, 0)


def preference_set(*, user: Any, kind: NotificationKind, channel: Channel) -> Preference:
    """Choose how `user` gets `kind` by email from now on (the app shows it always)."""
    preference, _ = Preference.objects.update_or_create(
        user=user, kind=kind.key, defaults={"channel": channel.value}
    )
    return preference


# What "weekly digest instead" on an unsubscribe page moves: mail that comes more often. A
# kind the person has stopped stays stopped (the button must not start mail again).
WEEKLY_INSTEAD_OF = frozenset({Channel.IMMEDIATE, Channel.DAILY})


@transaction.atomic
def preferences_unsubscribe(
    *, user: Any, kinds: Sequence[NotificationKind], weekly: bool = False
) -> list[NotificationKind]:
    """What an unsubscribe link does: stop email for every one of `kinds` (all those one
    email carried), or with `weekly` move those of them that `user` gets at once or daily
    to the weekly digest. Returns the kinds that are now on the channel asked for.

    No permission check on purpose: the signed link names only kinds the person was sent,
    and stopping mail is always allowed.
    """
    if not weekly:
        for kind in kinds:
            preference_set(user=user, kind=kind, channel=Channel.NONE)
        return list(kinds)
    now = {row.kind.key: row.channel for row in preference_rows_of(user=user, kinds=kinds)}
    for kind in kinds:
        if now[kind.key] in WEEKLY_INSTEAD_OF:
            preference_set(user=user, kind=kind, channel=Channel.WEEKLY)
    return [kind for kind in kinds if now[kind.key] in WEEKLY_INSTEAD_OF | {Channel.WEEKLY}]


def preference_choices_check_permitted(
    *, user: Any, choices: Mapping[str, object]
) -> dict[str, tuple[NotificationKind, Channel]]:
    """`choices` (kind key → channel value) as kinds and channels, checked.

    Raises ValidationError naming each unknown kind or channel (messages in the active
    language), then PermissionDenied when one of the kinds is not for `user`
    (notifications.change_preference: a staff kind for someone who does no staff work).
    """
    errors: dict[str, list[str]] = {}
    checked: dict[str, tuple[NotificationKind, Channel]] = {}
    for key, value in choices.items():
        kind = kind_get(str(key))
        if kind is None:
            errors[str(key)] = [_("There is no such kind of notification.")]
        elif not isinstance(value, str) or value not in Channel.values:
            errors[kind.key] = [
                _("Choose one of the options for “%(kind)s”.") % {"kind": kind.label}
            ]
        else:
            checked[kind.key] = (kind, Channel(value))
    if errors:
        raise ValidationError(errors)
    for kind, _channel in checked.values():
        if not rules.has_perm("notifications.change_preference", user, kind):
            raise PermissionDenied(
                _("Only staff of the municipality can choose how they get “%(kind)s”.")
                % {"kind": kind.label}
            )
    return checked


@transaction.atomic
def preferences_save(*, user: Any, choices: Mapping[str, object]) -> int:
    """Set how `user` gets each kind in `choices` (kind key → channel value), all or none.

    Checks the choices first (preference_choices_check_permitted, which raises). A choice
    equal to the kind's default removes the person's row instead of storing it, so a
    default the municipality later changes reaches everyone who never chose otherwise.
    Kinds not in `choices` keep their setting. Returns how many kinds changed.
    """
    checked = preference_choices_check_permitted(user=user, choices=choices)
    current = dict(
        Preference.objects.filter(user_id=user.pk, kind__in=list(checked)).values_list(
            "kind", "channel"
        )
    )
    to_store, to_clear, changed = [], [], 0
    for key, (kind, channel) in checked.items():
        changed += current.get(key, kind.default_channel.value) != channel.value
        if channel == kind.default_channel:
            if key in current:
                to_clear.append(key)
        elif current.get(key) != channel.value:
            to_store.append(Preference(user_id=user.pk, kind=key, channel=channel.value))
    if to_store:
        Preference.objects.bulk_create(
            to_store,
            update_conflicts=True,
            unique_fields=["user", "kind"],
            update_fields=["channel", "updated_at"],
        )
    if to_clear:
        Preference.objects.filter(user_id=user.pk, kind__in=to_clear).delete()
    return changed


def notification_mark_read(*, user: Any, notification_id: int) -> Notification | None:
    """Mark one of `user`'s own notifications read; None when it is not theirs or not there."""
    notification = (
        Notification.objects.for_recipient(user)
        .select_related("event")
        .filter(pk=notification_id)
        .first()
    )
    if notification is not None and notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
        unread_changed(user_ids=[user.pk])
    return notification


def notifications_mark_all_read(*, user: Any) -> int:
    """Mark all of `user`'s notifications read; returns how many were unread."""
    marked = Notification.objects.for_recipient(user).unread().update(read_at=timezone.now())
    if marked:
        unread_changed(user_ids=[user.pk])
    return marked
