"""Versions for what the public sees of proposals (the mechanism: engage.pagecache).

- The *list* version covers every list of proposals: any change a card can show (status,
  counts, routing, hiding) bumps it.
- Each proposal has a *page* version, bumped when it or its comments change, so that a
  support on one proposal does not throw away the cached page of every other one.
- The epoch (engage.pagecache) covers both, for changes seen on many pages.

Every service that changes what the public sees calls `listing_changed` with the
proposals it changed, inside its transaction.
"""

from collections.abc import Iterable

from engage.pagecache import EPOCH_KEY, versions_bump, versions_get

VERSION_KEY = "proposals:listing-version"


def _page_key(pk: int) -> str:
    return f"proposals:page-version:{pk}"


def listing_version() -> str:
    """The version of every list of proposals: the epoch and the list version."""
    epoch, version = versions_get([EPOCH_KEY, VERSION_KEY])
    return f"{epoch}.{version}"


def page_version(*, pk: int) -> str:
    """The version of one proposal's page: the epoch and the proposal's page version."""
    epoch, version = versions_get([EPOCH_KEY, _page_key(pk)])
    return f"{epoch}.{version}"


def listing_changed(*, proposal_ids: Iterable[int]) -> None:
    """The lists, and the pages of `proposal_ids`, show something new."""
    versions_bump([VERSION_KEY, *(_page_key(pk) for pk in proposal_ids)])
