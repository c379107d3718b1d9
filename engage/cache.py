"""Every cache key of the site, and the versions that retire them (the one place).

Shared renderings of public pages are kept under keys that hold version numbers. A
service that changes what a page shows bumps the versions of what shows it, so the next
visitor gets a fresh rendering and nothing waits for expiry:

- the *epoch* covers what shows on many pages at once, such as a person's name;
- the *list* version covers every list of proposals (any change a card can show);
- each proposal's *page* version covers its page and its card;
- the *members* version covers which proposals a filter matches (counts are kept under it);
- the *taxonomy* version covers themes, focus areas, SDGs and teams (bumped by
  engage.taxonomy);
- the *climate* version covers the climate dashboard and the partners' figures kept for
  it (bumped by partnerships.services: the inventory, the targets, and the partners'
  agreements, commitments, verified values, organisations and programmes);
- each person's *roles* version covers the roles their sessions keep
  (engage.accounts.roles), bumped by engage.accounts.invalidation when one of their
  group or team memberships or authenticators changes;
- each person's *unread* version covers the unread count their sessions keep for the
  header (notifications.selectors.request_unread_count), bumped by the notification
  services when one of their notifications is written or read.

A bump happens now and again once the transaction commits: the first keeps this process
from serving what it just changed; the second drops whatever another request rendered
from the old rows in the meantime. Production runs on Redis (engage.settings.production
requires it), so a bump reaches every process at once; the per-process memory cache is
for a single process (`make run`, tests).
"""

import hashlib
import logging
import time
from collections.abc import Callable, Iterable
from contextvars import ContextVar

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils.timezone import get_current_timezone_name
from django.utils.translation import get_language

logger = logging.getLogger(__name__)

EPOCH_KEY = "public-pages:epoch"
LIST_KEY = "proposals:listing-version"
MEMBERS_KEY = "proposals:members-version"
TAXONOMY_KEY = "taxonomy:version"
CLIMATE_KEY = "climate:dashboard-version"


def page_key(pk: int) -> str:
    return f"proposals:page-version:{pk}"


def roles_key(user_id: int) -> str:
    return f"accounts:roles-version:{user_id}"


def unread_key(user_id: int) -> str:
    return f"notifications:unread-version:{user_id}"


def rendering_seconds() -> int:
    """How long a shared rendering is kept (a bump retires it sooner)."""
    return settings.PUBLIC_PAGE_CACHE_SECONDS


def kept_get[T](*, key: str, make: Callable[[], T], seconds: int | None = None) -> T:
    """What is kept under `key` (one of the key functions below), or `make()` kept there
    for `seconds` (rendering_seconds by default). `make` must not return None. Unlike
    cache.get_or_set, a miss costs one write and no second read."""
    value = cache.get(key)
    if value is None:
        value = make()
        cache.set(key, value, rendering_seconds() if seconds is None else seconds)
    return value


# ---------- versions -----------------------------------------------------------------------


# The versions one request has read: a page asks for the same few versions from several
# places (its own key, the filters, the count, the cards), and one round trip serves them
# all. Kept for the request alone (RequestVersionsMiddleware), so it never outlives it.
_request_versions: ContextVar[dict[str, int] | None] = ContextVar("versions", default=None)
# Read with the first version a request asks for: nearly every public page needs them.
_COMMON_KEYS = (EPOCH_KEY, LIST_KEY, MEMBERS_KEY, TAXONOMY_KEY)


def versions_get(keys: list[str]) -> list[int]:
    """The current version under each key, in at most one cache round trip.

    A missing version (never set, or evicted) starts afresh from the clock, so a rendering
    made under an earlier number can never be served again. Within a request, a version
    once read is read again from the request's own copy.
    """
    memo = _request_versions.get()
    if memo is None:
        return _versions_read(keys)
    wanted = [key for key in keys if key not in memo]
    if wanted:
        if not memo:
            wanted = list(dict.fromkeys([*wanted, *_COMMON_KEYS]))
        memo.update(zip(wanted, _versions_read(wanted), strict=True))
    return [memo[key] for key in keys]


def _versions_read(keys: list[str]) -> list[int]:
    found = cache.get_many(keys)
    for key in keys:
        if key not in found:
            # add, not set: another process may have started this version meanwhile.
            cache.add(key, time.time_ns(), timeout=None)
            found[key] = cache.get(key, time.time_ns())
    return [found[key] for key in keys]


class RequestVersionsMiddleware:
    """Gives each request its own copy of the versions it reads (see versions_get)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _request_versions.set({})
        try:
            return self.get_response(request)
        finally:
            _request_versions.reset(token)


def versions_bump(keys: Iterable[str]) -> None:
    """Start new versions now and again once the surrounding transaction commits."""
    keys = list(keys)
    _bump(keys)
    transaction.on_commit(lambda: _bump(keys))


def _bump(keys: list[str]) -> None:
    versions = dict.fromkeys(keys, time.time_ns())
    memo = _request_versions.get()
    if memo is not None:
        memo.update(versions)  # this request shows what it just changed
    try:
        cache.set_many(versions, timeout=None)
    except Exception:  # an unreachable cache must not undo the change that bumps
        logger.warning("Could not bump cache versions %s", keys, exc_info=True)


def public_pages_changed() -> None:
    """Retire every shared rendering (e.g. after a person's name changed)."""
    versions_bump([EPOCH_KEY])


def listing_changed(*, proposal_ids: Iterable[int], members: bool = True) -> None:
    """The lists, and the pages and cards of `proposal_ids`, show something new.

    Services call it inside their transaction. `members=False` only when no proposal
    entered or left a list, or changed its theme, focus area, status or answer: a
    support or a comment.
    """
    keys = [LIST_KEY, *(page_key(pk) for pk in proposal_ids)]
    versions_bump([*keys, MEMBERS_KEY] if members else keys)


def climate_dashboard_changed() -> None:
    """The climate dashboard shows something new. Services call it inside their
    transaction."""
    versions_bump([CLIMATE_KEY])


def taxonomy_version_bump(**_signal_kwargs) -> None:
    """Retire everything that shows a theme, focus area or SDG (a signal receiver)."""
    versions_bump([TAXONOMY_KEY])


def roles_version_bump(*, user_ids: Iterable[int]) -> None:
    """Retire the roles that the sessions of `user_ids` keep (a membership changed)."""
    versions_bump([roles_key(pk) for pk in set(user_ids)])


def unread_changed(*, user_ids: Iterable[int]) -> None:
    """Retire the unread counts that the sessions of `user_ids` keep."""
    versions_bump([unread_key(pk) for pk in set(user_ids)])


def taxonomy_version() -> int:
    return versions_get([TAXONOMY_KEY])[0]


# ---------- keys of what is kept -------------------------------------------------------------


def _digest(value) -> str:
    return hashlib.blake2b(repr(value).encode(), digest_size=12).hexdigest()


def list_rendering_key(*, query: str, partial: bool) -> str:
    """The shared rendering of a list page's count and results for a query string."""
    epoch, listing, taxonomy = versions_get([EPOCH_KEY, LIST_KEY, TAXONOMY_KEY])
    versions = f"{epoch}.{listing}.{taxonomy}"
    return f"proposals:list:{get_language()}:{versions}:{int(partial)}:{_digest(query)}"


def list_page_key(*, query: str) -> str:
    """The whole list page as shared among visitors who are not signed in
    (frontend.sharing): the results, the filters and the header with its return link."""
    epoch, listing, taxonomy = versions_get([EPOCH_KEY, LIST_KEY, TAXONOMY_KEY])
    versions = f"{epoch}.{listing}.{taxonomy}"
    return f"proposals:list-page:{get_language()}:{versions}:{_digest((query, _site()))}"


def proposal_page_key(*, pk: int, query: str) -> str:
    """One proposal's whole page as shared among visitors who are not signed in."""
    epoch, page, taxonomy = versions_get([EPOCH_KEY, page_key(pk), TAXONOMY_KEY])
    versions = f"{epoch}.{page}.{taxonomy}"
    return f"proposals:detail:{get_language()}:{versions}:{pk}:{_digest((query, _site()))}"


def climate_dashboard_key(*, query: str) -> str:
    """The climate dashboard as shared among visitors who are not signed in, for a
    normalised query string of its filters."""
    epoch, climate, taxonomy = versions_get([EPOCH_KEY, CLIMATE_KEY, TAXONOMY_KEY])
    versions = f"{epoch}.{climate}.{taxonomy}"
    return f"climate:dashboard:{get_language()}:{versions}:{_digest((query, _site()))}"


def climate_partners_key(*, filters) -> str:
    """The partners' figures of the climate dashboard for `filters` (a frozen dataclass),
    summed in the database: they change with the climate version, and with the taxonomy
    (the focus areas' names), not with the epoch that retires the page."""
    climate, taxonomy = versions_get([CLIMATE_KEY, TAXONOMY_KEY])
    return f"climate:partners:{climate}.{taxonomy}:{_digest(filters)}"


def climate_programmes_key() -> str:
    """The programmes as choices for the climate dashboard's filter: they change with the
    climate version (a programme made or renamed bumps it)."""
    (climate,) = versions_get([CLIMATE_KEY])
    return f"climate:programmes:{climate}"


def climate_sections_key(*, filters) -> str:
    """The climate dashboard's sections as HTML (the inventory's and the partners') for
    `filters` (frozen dataclasses), in the active language, whoever asks: under the
    climate version and the taxonomy but not the epoch, since they show no person's name;
    the epoch retires only the page around them (climate_dashboard_key)."""
    climate, taxonomy = versions_get([CLIMATE_KEY, TAXONOMY_KEY])
    return f"climate:sections:{get_language()}:{climate}.{taxonomy}:{_digest(filters)}"


def _site() -> object:
    # What a shared page shows from settings, which a deploy may change without templates.
    return getattr(settings, "MUNICIPALITY", None)


def card_keys(*, cards: list[tuple[int, tuple]]) -> list[str]:
    """The cached card of each (proposal id, variant): keyed on the proposal's page
    version and the taxonomy version. `variant` holds what differs between lists and
    visitors (heading level, the visitor's support flag, the template's digest) and the
    author's public name, the one thing on a card that another row holds: so a new name
    shows at once without the epoch, which would retire every card at once."""
    versions = versions_get([TAXONOMY_KEY, *(page_key(pk) for pk, _ in cards)])
    common = (get_language(), get_current_timezone_name(), versions[0])
    return [
        f"proposal-card:{pk}:{version}:{_digest((common, variant))}"
        for (pk, variant), version in zip(cards, versions[1:], strict=True)
    ]


def count_key(*, filters, limit: int | None) -> str:
    """The number of proposals `filters` match: changes only with the members."""
    members, taxonomy = versions_get([MEMBERS_KEY, TAXONOMY_KEY])
    return f"proposals:count:{members}.{taxonomy}:{_digest((filters, limit))}"


def bulk_fieldset_key() -> str:
    """The triage page's unbound bulk form, whose selects list every focus area and team."""
    return f"moderation:bulk-fieldset:{get_language()}:{taxonomy_version()}"


def programme_totals_key(*, programme_id: int, day) -> str:
    """A programme's totals on its page, for a day (the derived status moves with it).
    They change with the climate version, which every service that changes a partner's
    figures bumps, so nothing waits for expiry."""
    (climate,) = versions_get([CLIMATE_KEY])
    return f"partnerships:programme-totals:{programme_id}:{day.isoformat()}:{climate}"


# ---------- form markup that only a release changes ------------------------------------------


def static_field_key(*, form_class: type, field: str, value: object, options: tuple) -> str:
    """One unbound field of a form whose markup comes from code alone (labels, help texts,
    fixed choices), in the active language; kept per process in the "chrome" cache, which
    a release starts afresh. `field` is its html_name (with the form's prefix); the row's
    ids are filled in afterwards (dkfds_forms.row_field)."""
    name = f"{form_class.__module__}.{form_class.__qualname__}"
    return f"static-field:{get_language()}:{name}:{field}:{_digest((value, options))}"
