"""The header's unread count."""

from django import template

from notifications.selectors import request_unread_count

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_notification_count(context) -> int:
    """The signed-in person's unread notifications (request_unread_count: kept in their
    session while nothing of theirs changes); 0 for a visitor who is not signed in.

    The header is a kept fragment (the "chrome" cache) that has this number in its key,
    so every page shows the count as it is now, also without JavaScript.
    """
    request = context.get("request")
    if request is None or not hasattr(request, "user"):
        return 0
    return request_unread_count(request)
