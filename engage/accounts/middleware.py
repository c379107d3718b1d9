from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode

from engage.accounts.roles import request_user_roles
from engage.accounts.rules import requires_mfa


class UserLanguageMiddleware:
    """A signed-in person's stored language wins over the cookie and the browser."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.preferred_language:
            translation.activate(user.preferred_language)
            request.LANGUAGE_CODE = user.preferred_language
        return self.get_response(request)


# Paths a person without MFA may still reach: enrolment itself, logout, assets.
_MFA_EXEMPT_URL_NAMES = (
    "mfa_activate_totp",
    "mfa_index",
    "mfa_view_recovery_codes",
    "mfa_generate_recovery_codes",
    "mfa_download_recovery_codes",
    "account_logout",
    "account_reauthenticate",
    "set_language",
)


class RequireMFAMiddleware:
    """Moderators, staff and admins must enrol TOTP before they can use anything else."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response
        self._exempt: tuple[str, ...] | None = None

    def exempt_paths(self) -> tuple[str, ...]:
        if self._exempt is None:
            self._exempt = (
                *(reverse(name) for name in _MFA_EXEMPT_URL_NAMES),
                settings.STATIC_URL,
            )
        return self._exempt

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return self.get_response(request)
        # Read first, from the session where it can: every later "who is this?" of the
        # request (rules, menus, visibility) is answered from it.
        roles = request_user_roles(request)
        if (
            not request.path.startswith(self.exempt_paths())
            # The predicate itself, not has_perm: the model backend would add two queries
            # per request to load permissions that play no part here.
            and requires_mfa.test(user)
            and not roles.has_totp
        ):
            if request.path.startswith("/api/"):
                return HttpResponse(
                    '{"detail": "Two-factor authentication must be set up first."}',
                    status=403,
                    content_type="application/json",
                )
            query = urlencode({"next": request.get_full_path()})
            return redirect(f"{reverse('mfa_activate_totp')}?{query}")
        return self.get_response(request)
