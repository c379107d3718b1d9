"""Every read of proposals: visibility rules live here, and no list runs a query per row."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, QuerySet, Subquery

from engage.accounts.models import User
from engage.cache import count_key, kept_get
from engage.taxonomy.models import FocusArea, Theme
from proposals import search
from proposals.lifecycle import OPEN_STATUSES, Status
from proposals.models import (
    Comment,
    FocusAreaFollow,
    Proposal,
    ProposalEvent,
    Support,
)
from proposals.selectors.moderation import proposals_taxonomy_attach

SORTS = {
    "newest": ("-published_at", "-pk"),
    "most_supported": ("-support_count", "-published_at", "-pk"),
    "most_discussed": ("-comment_count", "-published_at", "-pk"),
    "recently_answered": ("-answered_at", "-published_at", "-pk"),
}
# In lifecycle order, for the status filter (a frozenset's order changes between processes).
LISTED_STATUSES = tuple(status for status in Status if status in OPEN_STATUSES)


# What a proposal card shows (frontend/proposals/_card.html): the columns a list reads.
CARD_FIELDS = (
    "title",
    "status",
    "outcome",
    "published_at",
    "support_count",
    "comment_count",
    "author__display_name",
    "author__deleted_at",
    # Shown as the author when the proposal is written on an organisation's behalf.
    "organisation__name",
    "organisation__slug",
    "organisation__verified_at",
    # Ids only: proposal_cards_complete gives them their theme and focus area.
    "theme",
    "focus_area",
    "team",
)


def proposal_list_cards(queryset: QuerySet) -> QuerySet:
    """`queryset` (from proposal_list_public) narrowed to what a card shows, joining only
    the author and organisation: give the rows shown to proposal_cards_complete."""
    return queryset.select_related(None).select_related("author", "organisation").only(*CARD_FIELDS)


def proposal_cards_complete(*, proposals: Iterable[Proposal]) -> list[Proposal]:
    """The rows of proposal_list_cards as a list, each with its theme and focus area
    from the process's routing taxonomy (proposals_taxonomy_attach), with no query:
    planning and reading the two joins cost more than the rest of a page's read."""
    return proposals_taxonomy_attach(proposals=proposals)


@dataclass(frozen=True)
class ProposalFilters:
    theme: str = ""
    focus_area: str = ""
    sdg: int | None = None
    status: str = ""
    q: str = ""
    sort: str = "newest"


def proposal_list_public(*, filters: ProposalFilters, user: User | None = None) -> QuerySet:
    """Published, under-review and answered proposals, filtered, searched and sorted.

    Annotates `is_supported` for a signed-in `user` in the same query.
    """
    queryset = Proposal.objects.listed().select_related("author", "theme", "focus_area")
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
    moves (engage.cache.MEMBERS_KEY), or the taxonomy changes.
    """

    def count() -> int:
        # Unordered, so PostgreSQL may count from whichever index is cheapest.
        queryset = proposal_list_public(filters=filters).order_by().values("pk")
        return (queryset[:limit] if limit else queryset).count()

    return kept_get(key=count_key(filters=filters, limit=limit), make=count)


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


def proposal_list_for_author(*, author: User) -> QuerySet:
    return (
        Proposal.objects.filter(author=author)
        .select_related("theme", "focus_area")
        .order_by("-created_at", "-pk")
    )


def proposal_list_similar(*, text: str, exclude_pk: int | None = None, limit: int = 5) -> list:
    """Public proposals whose words overlap `text`: shown while someone types a title."""
    queryset = Proposal.objects.listed().only(
        "pk", "title", "status", "support_count", "published_at"
    )
    if exclude_pk:
        queryset = queryset.exclude(pk=exclude_pk)
    return list(search.similar_filter(queryset, text=text)[:limit])


def comment_get_visible(*, pk: int, user: User | None) -> Comment:
    """A comment, with its proposal and author, on a proposal that `user` may open
    (Comment.objects.visible_to). A hidden comment is returned too: callers show its text
    only where proposals.rules.comment_text_visible_to allows.

    Raises Comment.DoesNotExist otherwise, so callers answer 404 and reveal nothing.
    """
    return Comment.objects.visible_to(user).select_related("proposal", "author").get(pk=pk)


def proposal_rejection_notes_get(*, author: User) -> dict[int, str]:
    """The moderators' explanation of each of `author`'s rejected proposals, by id (kept
    on the rejection event, which is not public)."""
    return dict(
        ProposalEvent.objects.filter(
            proposal__author=author, to_status=Status.REJECTED
        ).values_list("proposal_id", "note")
    )


def focus_area_slugs_followed(*, user: User) -> set[str]:
    if not user.is_authenticated:
        return set()
    return set(FocusAreaFollow.objects.filter(user=user).values_list("focus_area__slug", flat=True))
