"""Every read of proposals: visibility rules live here, and no list runs a query per row."""

import hashlib
from dataclasses import dataclass
from datetime import datetime

from django.core.cache import cache
from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery

from engage.accounts.models import User, public_name_of
from engage.pagecache import page_cache_seconds
from engage.taxonomy.choices import taxonomy_lookup, taxonomy_version
from engage.taxonomy.models import FocusArea, Theme
from proposals import search
from proposals.lifecycle import OPEN_STATUSES, PUBLIC_STATUSES, Status
from proposals.listing import members_version
from proposals.models import (
    Comment,
    FocusAreaFollow,
    Proposal,
    Support,
)
from proposals.rules import is_staff_moderator

SORTS = {
    "newest": ("-published_at", "-pk"),
    "most_supported": ("-support_count", "-published_at", "-pk"),
    "most_discussed": ("-comment_count", "-published_at", "-pk"),
    "recently_answered": ("-answered_at", "-published_at", "-pk"),
}
# In lifecycle order, for the status filter (a frozenset's order changes between processes).
LISTED_STATUSES = tuple(status for status in Status if status in OPEN_STATUSES)
# The partial indexes' predicate lists the statuses sorted (models._LISTED): the same
# order here lets PostgreSQL match it exactly and skip rechecking it row by row.
_LISTED_SORTED = tuple(sorted(LISTED_STATUSES))


# What a proposal card shows (frontend/proposals/_card.html), as the columns of one query.
CARD_COLUMNS = (
    "pk",
    "title",
    "status",
    "outcome",
    "published_at",
    "support_count",
    "comment_count",
    "theme_id",
    "focus_area_id",
    "author__display_name",
    "author__deleted_at",
)


@dataclass(frozen=True, slots=True)
class CardAuthor:
    display_name: str
    deleted_at: datetime | None

    @property
    def public_name(self) -> str:
        return public_name_of(display_name=self.display_name, deleted_at=self.deleted_at)


@dataclass(slots=True)
class ProposalCard:
    """A proposal as its card shows it, read as plain values: a list page shows twenty,
    and building model instances for them cost more than the query. Theme and focus area
    are set from the taxonomy copy (taxonomy_attach)."""

    pk: int
    title: str
    status: str
    outcome: str
    published_at: datetime | None
    support_count: int
    comment_count: int
    theme_id: int | None
    focus_area_id: int | None
    author: CardAuthor
    is_supported: bool = False
    theme: Theme | None = None
    focus_area: FocusArea | None = None

    get_absolute_url = Proposal.get_absolute_url
    get_status_display = Proposal.get_status_display
    get_outcome_display = Proposal.get_outcome_display


def proposal_card_rows(queryset: QuerySet) -> QuerySet:
    """`queryset` (from proposal_list_public) as rows for proposal_cards_from_rows."""
    support_flag = ("is_supported",) if "is_supported" in queryset.query.annotations else ()
    # Named, so that CappedPaginator(ids_first=True) can read each row's pk.
    return queryset.select_related(None).values_list(*CARD_COLUMNS, *support_flag, named=True)


def proposal_cards_from_rows(rows) -> list[ProposalCard]:
    """The cards of proposal_card_rows' rows, with theme and focus area attached."""
    cards = []
    for row in rows:
        *fields, display_name, deleted_at = row[: len(CARD_COLUMNS)]
        supported = bool(row[len(CARD_COLUMNS)]) if len(row) > len(CARD_COLUMNS) else False
        author = CardAuthor(display_name=display_name, deleted_at=deleted_at)
        cards.append(ProposalCard(*fields, author=author, is_supported=supported))
    taxonomy_attach(proposals=cards)
    return cards


@dataclass(frozen=True)
class ProposalFilters:
    theme: str = ""
    focus_area: str = ""
    sdg: int | None = None
    status: str = ""
    q: str = ""
    sort: str = "newest"


def _can_moderate(user: User | None) -> bool:
    # The same predicate the permissions use, so visibility and rights cannot drift apart.
    return is_staff_moderator.test(user)


def proposal_list_public(*, filters: ProposalFilters, user: User | None = None) -> QuerySet:
    """Published, under-review and answered proposals, filtered, searched and sorted.

    Annotates `is_supported` for a signed-in `user` in the same query.
    """
    queryset = Proposal.objects.filter(
        status__in=_LISTED_SORTED, hidden_at__isnull=True
    ).select_related("author", "theme", "focus_area")
    if filters.status in LISTED_STATUSES:
        queryset = queryset.filter(status=filters.status)
    # By id from a scalar subquery, not a join on the slug: PostgreSQL then knows it is one
    # theme (one area) and counts from the partial theme (area) index alone.
    if filters.theme:
        queryset = queryset.filter(theme_id=_pk_of(Theme, slug=filters.theme))
    if filters.focus_area:
        queryset = queryset.filter(focus_area_id=_pk_of(FocusArea, slug=filters.focus_area))
    if filters.sdg:
        queryset = queryset.filter(focus_area__sdgs__number=filters.sdg)
    if filters.sort == "recently_answered":
        queryset = queryset.filter(answered_at__isnull=False)
    queryset = _with_support_flag(queryset, user)
    if filters.q.strip():
        queryset = search.search_filter(queryset, text=filters.q, rank=False)
    return queryset.order_by(*SORTS.get(filters.sort, SORTS["newest"]))


def proposal_count_public(*, filters: ProposalFilters, limit: int | None = None) -> int:
    """How many proposals `filters` match (at most `limit`), as proposal_list_public.

    Counting 100,000 rows costs more than a page of them, and supports and comments do
    not change the answer: it is kept until a proposal enters or leaves the lists or
    moves (proposals.listing.members_version), or the taxonomy changes.
    """
    digest = hashlib.blake2b(repr((filters, limit)).encode(), digest_size=12).hexdigest()
    key = f"proposals:count:{members_version()}:{taxonomy_version()}:{digest}"
    count = cache.get(key)
    if count is None:
        queryset = proposal_list_public(filters=filters).order_by().values("pk")
        # Unordered, so PostgreSQL may count from whichever index is cheapest.
        count = (queryset[:limit] if limit else queryset).count()
        cache.set(key, count, page_cache_seconds())
    return count


def _pk_of(model, **lookup) -> Subquery:
    return Subquery(model.objects.filter(**lookup).order_by().values("pk")[:1])


def _with_support_flag(queryset: QuerySet, user: User | None) -> QuerySet:
    if user is None or not user.is_authenticated:
        return queryset
    return queryset.annotate(
        is_supported=Exists(Support.objects.filter(proposal=OuterRef("pk"), user=user))
    )


def proposal_supported_any(*, user: User | None, proposal_ids: list[int]) -> bool:
    """Whether `user` supports any of these proposals (never, when not signed in)."""
    if user is None or not user.is_authenticated or not proposal_ids:
        return False
    return Support.objects.filter(user=user, proposal_id__in=proposal_ids).exists()


def taxonomy_attach(*, proposals: list[Proposal]) -> None:
    """Set theme and focus area on each proposal from the cached taxonomy (no query)."""
    lookup = taxonomy_lookup()
    unknown = any(
        (p.theme_id is not None and p.theme_id not in lookup.themes)
        or (p.focus_area_id is not None and p.focus_area_id not in lookup.focus_areas)
        for p in proposals
    )
    if unknown:  # added in another process whose cache this one does not share
        lookup = taxonomy_lookup(reload=True)
    for proposal in proposals:
        if proposal.theme_id is not None:
            proposal.theme = lookup.themes[proposal.theme_id]
        if proposal.focus_area_id is not None:
            proposal.focus_area = lookup.focus_areas[proposal.focus_area_id]


def proposal_list_for_author(*, author: User) -> QuerySet:
    return (
        Proposal.objects.filter(author=author)
        .select_related("theme", "focus_area")
        .order_by("-created_at", "-pk")
    )


def proposal_list_similar(*, text: str, exclude_pk: int | None = None, limit: int = 5) -> list:
    """Public proposals whose words overlap `text`: shown while someone types a title."""
    queryset = Proposal.objects.filter(status__in=_LISTED_SORTED, hidden_at__isnull=True).only(
        "pk", "title", "status", "support_count", "published_at"
    )
    if exclude_pk:
        queryset = queryset.exclude(pk=exclude_pk)
    return list(search.similar_filter(queryset, text=text)[:limit])


def comment_get_visible(*, pk: int, user: User | None) -> Comment:
    """A comment, with its proposal and author, on a proposal that `user` may see.

    Raises Comment.DoesNotExist otherwise, so callers answer 404 and reveal nothing.
    """
    queryset = Comment.objects.select_related("proposal", "author")
    if _can_moderate(user):
        return queryset.get(pk=pk)
    visible = Q(proposal__status__in=PUBLIC_STATUSES, proposal__hidden_at__isnull=True)
    if user is not None and user.is_authenticated:
        visible |= Q(proposal__author=user)
    return queryset.get(visible, pk=pk)


def focus_area_slugs_followed(*, user: User) -> set[str]:
    if not user.is_authenticated:
        return set()
    return set(FocusAreaFollow.objects.filter(user=user).values_list("focus_area__slug", flat=True))


__all__ = [
    "SORTS",
    "CardAuthor",
    "ProposalCard",
    "ProposalFilters",
    "Status",
    "comment_get_visible",
    "focus_area_slugs_followed",
    "proposal_card_rows",
    "proposal_cards_from_rows",
    "proposal_count_public",
    "proposal_list_for_author",
    "proposal_list_public",
    "proposal_list_similar",
    "proposal_supported_any",
    "taxonomy_attach",
]
