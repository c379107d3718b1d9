"""The person's own account pages: profile, data export and deletion (allauth does the rest)."""

import json

from allauth.core import ratelimit
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from engage.accounts.forms import DeleteAccountForm, ProfileForm
from engage.accounts.selectors import user_export_personal_data, user_has_mfa
from engage.accounts.services import user_delete, user_set_language, user_update_profile


def _set_language_cookie(response: HttpResponse, language: str) -> None:
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )


@login_required
@require_http_methods(["GET", "POST"])
def account_settings(request: HttpRequest) -> HttpResponse:
    user = request.user
    form = ProfileForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        language = form.cleaned_data["preferred_language"]
        user_update_profile(user=user, display_name=form.cleaned_data["display_name"])
        user_set_language(user=user, language=language)
        # The confirmation is worded in the language just chosen.
        translation.activate(language)
        messages.success(request, _("Your profile has been saved."))
        response = redirect("account_settings")
        _set_language_cookie(response, language)
        return response
    context = {"form": form, "has_mfa": user_has_mfa(user=user)}
    return render(request, "frontend/account/settings.html", context)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def account_export(request: HttpRequest) -> HttpResponse:
    """GET explains the export; POST downloads it (POST, so no link or prefetch triggers it)."""
    if request.method == "GET":
        return render(request, "frontend/account/export.html")
    data = user_export_personal_data(user=request.user)
    body = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    filename = f"hverdagsmaal-data-{timezone.localdate().isoformat()}.json"
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def account_delete(request: HttpRequest) -> HttpResponse:
    # The password check must not become a way to guess the password of an open session.
    if request.method == "POST" and not ratelimit.consume(
        request, action="reauthenticate", user=request.user
    ):
        return ratelimit.respond_429(request)
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        user_delete(user=request.user)
        logout(request)
        messages.success(
            request,
            _("Your account has been deleted. Thank you for taking part."),
        )
        return redirect("frontend:home")
    return render(request, "frontend/account/delete.html", {"form": form})
