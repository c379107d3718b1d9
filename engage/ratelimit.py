"""A small fixed-window rate limiter on the cache, for writes that allauth does not cover."""

import time

from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _


class RateLimited(PermissionDenied):
    def __init__(self, retry_after: int):
        super().__init__(_("You are doing that too often. Please wait a little and try again."))
        self.retry_after = retry_after


def ratelimit_hit(*, scope: str, key: str, limit: int, period: int) -> None:
    """Count one action for `key` in `scope`; raise RateLimited past `limit` per `period` s."""
    window = int(time.time() // period)
    cache_key = f"rl:{scope}:{key}:{window}"
    if cache.add(cache_key, 1, timeout=period + 5):
        count = 1
    else:
        try:
            count = cache.incr(cache_key)
        except ValueError:  # expired between add and incr
            cache.add(cache_key, 1, timeout=period + 5)
            count = 1
    if count > limit:
        raise RateLimited(retry_after=period - int(time.time()) % period)
