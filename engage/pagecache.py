"""Version numbers for shared renderings of public pages.

Pages (and parts of pages) that look the same to every visitor who is not signed in are
cached under keys that hold version numbers. Changing something bumps the versions of
what shows it, so the next visitor gets a fresh rendering and nothing waits for expiry.

The *epoch* covers what shows on many pages at once, such as a person's name: bumping
it retires every shared rendering. Apps add versions of their own (proposals.listing).

A bump happens now and again once the transaction commits: the first keeps this process
from serving what it just changed; the second drops whatever another request rendered
from the old rows in the meantime.

With a shared cache (Redis) a bump reaches every process at once and renderings may be
kept for hours; with a per-process cache they expire after two minutes, which bounds how
long another process can show an old page (settings.PUBLIC_PAGE_CACHE_SECONDS).
"""

import time
from collections.abc import Iterable

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

EPOCH_KEY = "public-pages:epoch"


def page_cache_seconds() -> int:
    return settings.PUBLIC_PAGE_CACHE_SECONDS


def versions_get(keys: list[str]) -> list[int]:
    """The current version under each key, in one cache round trip.

    A missing version (never set, or evicted) starts afresh from the clock, so a rendering
    made under an earlier number can never be served again.
    """
    found = cache.get_many(keys)
    for key in keys:
        if key not in found:
            # add, not set: another process may have started this version meanwhile.
            cache.add(key, time.time_ns(), timeout=None)
            found[key] = cache.get(key, time.time_ns())
    return [found[key] for key in keys]


def versions_bump(keys: Iterable[str]) -> None:
    """Start new versions now and again once the surrounding transaction commits."""
    keys = list(keys)
    _bump(keys)
    transaction.on_commit(lambda: _bump(keys))


def public_pages_changed() -> None:
    """Retire every shared rendering of a public page (e.g. after a person's name changed)."""
    versions_bump([EPOCH_KEY])


def _bump(keys: list[str]) -> None:
    now = time.time_ns()
    cache.set_many(dict.fromkeys(keys, now), timeout=None)
