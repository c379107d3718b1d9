import time
from collections.abc import Iterable
from dataclasses import dataclass

import rules
from django.conf import settings
from django.contrib.contenttypes.prefetch import GenericPrefetch
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse

from engage.cache import unread_key, versions_get
from notifications.models import Notification, Preference
from notifications.registry import (
    Audience,
    Channel,
    Message,
    NotificationKind,
    kind_get,
    kinds_all,
    target_querysets,
)


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


UNREAD_SESSION_KEY = "engage_unread"
# A bound on a kept count besides the version, for a change whose bump this process does
# not see: under `make run` the worker (reminders) has a memory cache of its own.
UNREAD_SESSION_SECONDS = 60


def request_unread_count(request: HttpRequest) -> int:
    """The signed-in person's unread count for the header: from their session while
    their unread version stands (engage.cache.unread_key, which the services writing or
    reading their notifications bump) and for at most UNREAD_SESSION_SECONDS, else
    counted; 0 for a visitor.

    Side effect: keeps a fresh count in the session (saved with the response).
    """
    return _session_unread(request, user=request.user)


def unread_keep_at_sign_in(*, request: HttpRequest, user, **_signal_kwargs) -> None:
    """Keep the unread count in the session as the person signs in (a user_logged_in
    receiver), which saves the session anyway: their first page then counts nothing."""
    if request is not None and hasattr(request, "session"):
        _session_unread(request, user=user)


def _session_unread(request: HttpRequest, *, user) -> int:
    if not user.is_authenticated:
        return 0
    (version,) = versions_get([unread_key(user.pk)])
    kept = request.session.get(UNREAD_SESSION_KEY)
    now = int(time.time())
    if kept and kept[:2] == [version, user.pk] and now - kept[3] < UNREAD_SESSION_SECONDS:
        return kept[2]
    count = notification_unread_count(user=user)
    request.session[UNREAD_SESSION_KEY] = [version, user.pk, count, now]
    return count


# ---------- preferences ----------------------------------------------------------------------


@dataclass(frozen=True)
class PreferenceRow:
    """One kind as a person's settings show it: their channel, or the kind's default."""

    kind: NotificationKind
    channel: Channel

    @property
    def anchor(self) -> str:
        return preference_setting_anchor(kind_key=self.kind.key)

    @property
    def is_default(self) -> bool:
        return self.channel == self.kind.default_channel


@dataclass(frozen=True)
class PreferenceGroup:
    audience: Audience
    rows: list[PreferenceRow]


def preference_kinds_visible(*, user) -> list[NotificationKind]:
    """The kinds `user` may see and choose (notifications.change_preference), in the
    order their apps declared them: kinds about staff work only for those who do it."""
    # rules.has_perm, not user.has_perm: Django's model backend would be asked too, for
    # nothing (it knows no object permissions).
    return [
        kind
        for kind in kinds_all()
        if rules.has_perm("notifications.change_preference", user, kind)
    ]


def preference_channels(*, user) -> dict[str, Channel]:
    """`user`'s own choices, by kind key (one query); kinds without a row take their default."""
    if not getattr(user, "is_authenticated", False):
        return {}
    rows = Preference.objects.filter(user_id=user.pk).values_list("kind", "channel")
    return {kind: Channel(channel) for kind, channel in rows if channel in Channel.values}


def preference_rows_of(*, user, kinds: Iterable[NotificationKind]) -> list[PreferenceRow]:
    """How `user` gets each of `kinds` now, in the order given (one query)."""
    chosen = preference_channels(user=user)
    return [
        PreferenceRow(kind=kind, channel=chosen.get(kind.key, kind.default_channel))
        for kind in kinds
    ]


def preference_list_visible(*, user) -> list[PreferenceRow]:
    """Every kind `user` may choose, with the channel that holds for them now."""
    chosen = preference_channels(user=user)
    return [
        PreferenceRow(kind=kind, channel=chosen.get(kind.key, kind.default_channel))
        for kind in preference_kinds_visible(user=user)
    ]


def preference_groups_visible(*, user) -> list[PreferenceGroup]:
    """preference_list_visible grouped by audience (what you wrote, follow, work on), in
    Audience's order; groups with nothing for this person are left out."""
    rows = preference_list_visible(user=user)
    groups = [
        PreferenceGroup(
            audience=audience, rows=[row for row in rows if row.kind.audience == audience]
        )
        for audience in Audience
    ]
    return [group for group in groups if group.rows]


def preference_setting_anchor(*, kind_key: str) -> str:
    """The id of one kind's fieldset on the preferences page: `kind-author-published`."""
    return "kind-" + kind_key.replace(".", "-")


def preference_setting_url(*, kind_key: str) -> str:
    """The absolute link to exactly one kind's setting (for the line in every email that
    says why it came). The page asks the person to sign in first when they are not."""
    path = reverse("notification_preferences")
    return f"{settings.SITE_URL.rstrip('/')}{path}#{preference_setting_anchor(kind_key=kind_key)}"
