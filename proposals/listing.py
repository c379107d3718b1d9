"""A version number for everything the public sees of proposals.

Pages rendered for visitors who are not signed in are cached under this version; every
service that changes what they show (status, counts, comments, hiding, routing) calls
`listing_changed` after its transaction commits, so the next visitor gets a fresh page.
With a shared cache (Redis) that is immediate in every process; the fragments also
expire after FRAGMENT_SECONDS, which bounds staleness with a per-process cache.
"""

import time

from django.core.cache import cache
from django.db import transaction

VERSION_KEY = "proposals:listing-version"
FRAGMENT_SECONDS = 120


def listing_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        version = time.time_ns()
        # add, not set: another process may have started a version meanwhile.
        cache.add(VERSION_KEY, version, timeout=None)
        version = cache.get(VERSION_KEY, version)
    return version


def listing_changed() -> None:
    """Start a new version now, and again once the surrounding transaction commits.

    The first keeps this process (and its tests) from serving what it just changed; the
    second drops whatever another request rendered from the old rows in the meantime.
    """
    _bump()
    transaction.on_commit(_bump)


def _bump() -> None:
    cache.set(VERSION_KEY, time.time_ns(), timeout=None)
