"""Limits on guessing passwords and TOTP codes, and on signups, keyed so that strangers
cannot lock an owner out.

A failed password counts against (account, address), against the address, and against
the account with a ceiling one address cannot reach alone: a stranger guessing from one
network is stopped there while the owner signs in from anywhere else. Only failures
count, and only successful signups. Limits are (count, seconds) in ACCOUNT_GUESS_LIMITS.
"""

import hashlib
import ipaddress
from contextlib import suppress

from django.conf import settings
from django.http import HttpRequest

from engage.clientip import client_ip_get
from engage.ratelimit import RateLimited, ratelimit_check, ratelimit_hit


def _network(request: HttpRequest) -> str:
    """The client's address; for IPv6 its /64, which one household or phone is given."""
    address = client_ip_get(request)
    with suppress(ValueError):
        parsed = ipaddress.ip_address(address)
        if parsed.version == 6:
            return str(ipaddress.ip_network(f"{parsed}/64", strict=False).network_address)
    return address


def _digest(value: str) -> str:
    return hashlib.sha256(value.strip().lower().encode()).hexdigest()[:32]


def _keys(*, request: HttpRequest, kind: str, account: str) -> list[tuple[str, str]]:
    network = _network(request)
    return [
        (f"{kind}_account_ip", f"{_digest(account)}:{network}"),
        (f"{kind}_ip", network),
        (f"{kind}_account", _digest(account)),
    ]


def _check(*, request: HttpRequest, kind: str, account: str) -> None:
    waits = []
    for name, key in _keys(request=request, kind=kind, account=account):
        limit, period = settings.ACCOUNT_GUESS_LIMITS[name]
        try:
            ratelimit_check(scope=f"accounts:{name}", key=key, limit=limit, period=period)
        except RateLimited as exc:
            waits.append(exc.retry_after)
    if waits:
        raise RateLimited(retry_after=max(waits))


def _record(*, request: HttpRequest, kind: str, account: str) -> None:
    for name, key in _keys(request=request, kind=kind, account=account):
        limit, period = settings.ACCOUNT_GUESS_LIMITS[name]
        with suppress(RateLimited):  # the next check refuses; this one already failed
            ratelimit_hit(scope=f"accounts:{name}", key=key, limit=limit, period=period)


def login_failure_check(*, request: HttpRequest, login: str) -> None:
    """Raise RateLimited when password attempts for `login` from here must wait."""
    _check(request=request, kind="login_failed", account=login)


def login_failure_record(*, request: HttpRequest, login: str) -> None:
    _record(request=request, kind="login_failed", account=login)


def mfa_failure_check(*, request: HttpRequest, user_id: int) -> None:
    """Raise RateLimited when TOTP or recovery codes for this user from here must wait."""
    _check(request=request, kind="mfa_failed", account=f"user:{user_id}")


def mfa_failure_record(*, request: HttpRequest, user_id: int) -> None:
    _record(request=request, kind="mfa_failed", account=f"user:{user_id}")


def signup_count(*, request: HttpRequest) -> None:
    """Count one signup that passed validation from this address; raise RateLimited past
    the limit. A taken address counts like a new one, so the limit tells nothing apart."""
    limit, period = settings.ACCOUNT_GUESS_LIMITS["signup_ip"]
    ratelimit_hit(scope="accounts:signup_ip", key=_network(request), limit=limit, period=period)
