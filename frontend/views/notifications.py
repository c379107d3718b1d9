"""A person's notification centre under /konto/beskeder/: what they have been told."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from notifications.selectors import notification_list, notification_rows, notification_unread_count
from notifications.services import notification_mark_read, notifications_mark_all_read

PAGE_SIZE = 20


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def notification_centre(request: HttpRequest) -> HttpResponse:
    """GET lists the person's notifications, newest first; POST marks them all read."""
    if request.method == "POST":
        notifications_mark_all_read(user=request.user)
        return redirect("notification_centre")
    page = Paginator(notification_list(user=request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {
        "page": page,
        "rows": notification_rows(notifications=page.object_list),
        "unread": notification_unread_count(user=request.user),
    }
    return render(request, "frontend/account/notifications.html", context)


@login_required
@require_POST
def notification_open(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark one of the person's own notifications read and go to the thing it is about."""
    notification = notification_mark_read(user=request.user, notification_id=pk)
    rows = notification_rows(notifications=[notification]) if notification else []
    if not rows:
        raise Http404
    return redirect(rows[0].message.url)
