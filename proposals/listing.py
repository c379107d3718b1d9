"""Versions for what the public sees of proposals (the mechanism: engage.pagecache).

- The *list* version covers every list of proposals: any change a card can show (status,
  counts, routing, hiding) bumps it.
- Each proposal has a *page* version, bumped when it or its comments change, so that a
  support on one proposal does not throw away the cached page of every other one.
- The *members* version covers which proposals a filter matches: it changes when one
  enters or leaves the lists or moves to another theme, area or status, not when it gets
  a support or a comment. Counts of matches are kept under it.
- The epoch (engage.pagecache) covers the lists and pages, for changes seen on many pages.

Every service that changes what the public sees calls `listing_changed` with the
proposals it changed, inside its transaction.
"""

from collections.abc import Iterable

from engage.pagecache import EPOCH_KEY, versions_bump, versions_get

VERSION_KEY = "proposals:listing-version"
MEMBERS_KEY = "proposals:members-version"


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


def members_version() -> int:
    """The version of which proposals each filter matches (names do not change that)."""
    return versions_get([MEMBERS_KEY])[0]


def listing_changed(*, proposal_ids: Iterable[int], members: bool = True) -> None:
    """The lists, and the pages of `proposal_ids`, show something new.

    `members=False` only when no proposal entered or left a list, or changed its theme,
    focus area, status or answer: a support or a comment.
    """
    keys = [VERSION_KEY, *(_page_key(pk) for pk in proposal_ids)]
    versions_bump([*keys, MEMBERS_KEY] if members else keys)
