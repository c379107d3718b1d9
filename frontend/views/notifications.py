"""A person's notification centre and settings under /konto/beskeder/, the unread count in
the header, and the unsubscribe page that emails link to (/afmeld/<token>/)."""

import rules
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from frontend.htmx import is_htmx
from notifications.registry import Channel
from notifications.selectors import (
    notification_list,
    notification_rows,
    preference_groups_visible,
    preference_rows_of,
    preference_setting_anchor,
    request_unread_count,
)
from notifications.services import (
    WEEKLY_INSTEAD_OF,
    notification_mark_read,
    notifications_mark_all_read,
    preferences_save,
    preferences_unsubscribe,
)
from notifications.unsubscribe import email_masked, unsubscribe_token_check

PAGE_SIZE = 20
# htmx stops polling when an answer has this status (the person signed out meanwhile).
HTMX_STOP_POLLING = 286


def _require_perm(user, perm: str, obj=None) -> None:
    # rules.has_perm: the model backend knows none of these and would cost two queries.
    if not rules.has_perm(perm, user, obj):
        raise PermissionDenied


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def notification_centre(request: HttpRequest) -> HttpResponse:
    """GET lists the person's notifications, newest first; POST marks them all read."""
    _require_perm(request.user, "notifications.view_notifications")
    if request.method == "POST":
        notifications_mark_all_read(user=request.user)
        return redirect("notification_centre")
    page = Paginator(notification_list(user=request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {
        "page": page,
        "rows": notification_rows(notifications=page.object_list),
        "unread": request_unread_count(request),
    }
    return render(request, "frontend/account/notifications.html", context)


@login_required
@require_POST
def notification_open(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark one of the person's own notifications read and go to the thing it is about."""
    _require_perm(request.user, "notifications.view_notifications")
    # The service finds only the person's own (Notification.objects.for_recipient, which
    # agrees with notifications.view_notification): anyone else's is a 404.
    notification = notification_mark_read(user=request.user, notification_id=pk)
    rows = notification_rows(notifications=[notification]) if notification else []
    if not rows:
        raise Http404
    return redirect(rows[0].message.url)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def notification_preferences(request: HttpRequest) -> HttpResponse:
    """GET shows how the person gets each kind by email; POST saves the whole form at once.

    Bad input (a kind or channel the form never offers, a staff kind for someone else)
    shows the page again with the reason, as 400 or 403, and saves nothing.
    """
    _require_perm(request.user, "notifications.change_preferences")
    errors: list[tuple[str, str]] = []  # (anchor or "", message)
    status = 200
    if request.method == "POST":
        choices = {key: request.POST[key] for key in request.POST if key != "csrfmiddlewaretoken"}
        try:
            preferences_save(user=request.user, choices=choices)
        except ValidationError as exc:
            status = 400
            errors = [
                (preference_setting_anchor(kind_key=key), message)
                for key, key_messages in exc.message_dict.items()
                for message in key_messages
            ]
        except PermissionDenied as exc:
            status = 403
            errors = [("", str(exc))]
        else:
            messages.success(request, _("Your notification settings have been saved."))
            return redirect("notification_preferences")
    context = {
        "groups": preference_groups_visible(user=request.user),
        "channels": Channel.choices,
        "errors": errors,
    }
    return render(request, "frontend/account/notification_preferences.html", context, status=status)


@never_cache
@require_GET
def notification_unread_badges(request: HttpRequest) -> HttpResponse:
    """The header's unread count, for htmx to poll: every badge (the link, and on narrow
    screens the menu button and the link in the menu) as out-of-band swaps. One query
    (the user) while the person's session keeps the count, two when it has changed."""
    if not rules.has_perm("notifications.view_notifications", request.user):
        if is_htmx(request):
            return HttpResponse(status=HTMX_STOP_POLLING)
        return redirect_to_login(request.get_full_path())
    context = {"unread": request_unread_count(request)}
    return render(request, "frontend/includes/unread_badges.html", context)


@csrf_exempt  # RFC 8058: a mail provider's one-click POST carries no CSRF token; the
# signed token is the authority, and it can do no more than stop the kinds of mail it names.
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def notification_unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows whose mail and which kinds (all those the email carried), with the
    buttons, and changes nothing (mail scanners follow links); POST stops those kinds by
    email, or moves those that come at once or daily to the weekly digest when that button
    was pressed. A token that does not hold: 400, nothing changes.

    No rate limit on purpose: a bad token costs one signature check and no query, and
    providers send one-click POSTs for many people from a few shared addresses.
    """
    unsubscription = unsubscribe_token_check(token=token)
    if unsubscription is None:
        return render(request, "frontend/notifications/unsubscribe_invalid.html", status=400)
    user, kinds = unsubscription.user, unsubscription.kinds
    _activate_language_of(request, user)
    context = {
        "kind": kinds[0],
        "kinds": kinds,
        "email": email_masked(user.email),
        "token": token,
        # One kind: straight to its setting; several: the whole page.
        "anchor": preference_setting_anchor(kind_key=kinds[0].key) if len(kinds) == 1 else "",
    }
    if request.method == "POST":
        weekly = request.POST.get("channel") == Channel.WEEKLY.value
        context["changed"] = preferences_unsubscribe(user=user, kinds=kinds, weekly=weekly)
        context["channel"] = Channel.WEEKLY if weekly else Channel.NONE
        return render(request, "frontend/notifications/unsubscribed.html", context)
    rows = preference_rows_of(user=user, kinds=kinds)
    context["rows"] = rows
    context["channel"] = rows[0].channel
    context["weekly_instead"] = any(row.channel in WEEKLY_INSTEAD_OF for row in rows)
    return render(request, "frontend/notifications/unsubscribe.html", context)


def _activate_language_of(request: HttpRequest, user) -> None:
    """The page in the language the email was in, unless the visitor chose one: signed in
    (UserLanguageMiddleware has set theirs) or by the language cookie."""
    if request.user.is_authenticated or settings.LANGUAGE_COOKIE_NAME in request.COOKIES:
        return
    translation.activate(user.preferred_language)
    request.LANGUAGE_CODE = user.preferred_language
