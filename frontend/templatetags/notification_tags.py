"""The header's unread count."""

from django import template

from notifications.selectors import notification_unread_count

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_notification_count(context) -> int:
    """The signed-in person's unread notifications: one count on the partial index of
    unread rows; 0 and no query for a visitor who is not signed in.

    The header is a kept fragment (the "chrome" cache) that has this number in its key,
    so every page shows the count as it is now, also without JavaScript.
    """
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return 0
    return notification_unread_count(user=user)
