"""Who may do what with notifications and their settings: the one place views and the API ask.

A person reads and marks only their own notifications (`Notification.objects.for_recipient`
lists exactly what `is_notification_recipient` allows) and chooses only their own
settings. Kinds about work for the municipality (`NotificationKind.staff_only`) are shown
and chosen only by people who do such work: moderators, members of a focus-area team,
partnership coordinators, platform staff and admins.
"""

import rules

from engage.accounts.roles import user_roles
from engage.accounts.rules import is_admin, is_coordinator, is_moderator, is_platform_staff

is_signed_in = rules.is_authenticated & rules.is_active


@rules.predicate
def is_notification_recipient(user, notification) -> bool:
    return notification is not None and notification.recipient_id == getattr(user, "pk", None)


@rules.predicate
def is_team_member(user) -> bool:
    """On any focus-area team (asked once per request: engage.accounts.roles)."""
    return bool(user_roles(user).teams)


@rules.predicate
def kind_is_staff_only(user, kind) -> bool:
    return kind is not None and kind.staff_only


@rules.predicate
def kind_is_declared(user, kind) -> bool:
    return kind is not None


does_staff_work = is_moderator | is_team_member | is_coordinator | is_platform_staff | is_admin

# The centre, the unread count and "mark all read": each person's own, so anyone signed in.
rules.add_perm("notifications.view_notifications", is_signed_in)
rules.add_perm("notifications.view_notification", is_signed_in & is_notification_recipient)
rules.add_perm("notifications.mark_notification_read", is_signed_in & is_notification_recipient)
rules.add_perm("notifications.change_preferences", is_signed_in)
rules.add_perm("notifications.view_staff_kinds", is_signed_in & does_staff_work)
# One kind's setting: the object is a NotificationKind.
rules.add_perm(
    "notifications.change_preference",
    is_signed_in & kind_is_declared & (~kind_is_staff_only | does_staff_work),
)
