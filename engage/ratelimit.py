"""A small fixed-window rate limiter on the cache, for writes that allauth does not cover."""

import time

from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _


class RateLimited(PermissionDenied):
    def __init__(self, retry_after: int):
        super().__init__(_("You are doing that too often. Please wait a little and try again."))
        self.retry_after = retry_after


def _window(*, scope: str, key: str, period: int) -> tuple[str, int]:
    now = int(time.time())
    return f"rl:{scope}:{key}:{now // period}", period - now % period


def ratelimit_hit(*, scope: str, key: str, limit: int, period: int) -> None:
    """Count one action for `key` in `scope`; raise RateLimited past `limit` per `period` s."""
    cache_key, retry_after = _window(scope=scope, key=key, period=period)
    if cache.add(cache_key, 1, timeout=period + 5):
        count = 1
    else:
        try:
            count = cache.incr(cache_key)
        except ValueError:  # expired between add and incr
            cache.add(cache_key, 1, timeout=period + 5)
            count = 1
    if count > limit:
        raise RateLimited(retry_after=retry_after)


def ratelimit_check(*, scope: str, key: str, limit: int, period: int) -> None:
    """Raise RateLimited when `key` has already used up `limit` in this window; counts nothing.

    For limits on failures: check before the attempt, `ratelimit_hit` only when it failed.
    """
    cache_key, retry_after = _window(scope=scope, key=key, period=period)
    if (cache.get(cache_key) or 0) >= limit:
        raise RateLimited(retry_after=retry_after)
