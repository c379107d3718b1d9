from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.exceptions import ImmediateHttpResponse
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils import translation

from engage.accounts import limits
from engage.accounts.models import User
from engage.clientip import client_ip_get
from engage.ratelimit import RateLimited


def rate_limited(request: HttpRequest, exc: RateLimited) -> ImmediateHttpResponse:
    """What to raise inside an allauth flow: allauth's middleware answers with the 429 page."""
    from frontend.views.errors import too_many_attempts

    return ImmediateHttpResponse(too_many_attempts(request, exc.retry_after))


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request: HttpRequest, user: User, form, commit: bool = True) -> User:
        # A new account starts in the language the person signed up in.
        user.preferred_language = translation.get_language() or user.preferred_language
        return super().save_user(request, user, form, commit=commit)

    def get_client_ip(self, request: HttpRequest) -> str:
        ip = client_ip_get(request)
        if not ip:
            raise PermissionDenied("Unable to determine client IP address")
        return ip

    # Failed passwords are counted by engage.accounts.limits (ACCOUNT_RATE_LIMITS has no
    # "login_failed"): per account and address, so a stranger cannot lock the owner out.
    def pre_authenticate(self, request: HttpRequest, **credentials: Any) -> None:
        super().pre_authenticate(request, **credentials)
        try:
            limits.login_failure_check(request=request, login=_login_of(credentials))
        except RateLimited as exc:
            raise rate_limited(request, exc) from None

    def authentication_failed(self, request: HttpRequest, **credentials: Any) -> None:
        limits.login_failure_record(request=request, login=_login_of(credentials))


def _login_of(credentials: dict[str, Any]) -> str:
    return str(credentials.get("email") or credentials.get("username") or "")
