"""The reads of one proposal's page: the proposal a person may open, its comments and its
public timeline, through the ORM in a constant number of queries."""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Prefetch, QuerySet

from engage.accounts.models import User
from engage.taxonomy.selectors import sdg_list
from proposals.models import (
    Comment,
    Proposal,
    ProposalEvent,
    ProposalFollow,
    ProposalImage,
    Support,
)


@dataclass(frozen=True)
class ProposalPage:
    proposal: Proposal
    comments: list[Comment]  # top-level, oldest first, each with its `reply_list`
    timeline: list[ProposalEvent]  # public events, oldest first


def proposal_queryset_visible(*, user: User | None) -> QuerySet:
    """The proposals `user` may open, with what their page shows joined or prefetched:
    author, theme, focus area with its theme and SDGs, the proposal it was merged into,
    `image_list` (in order) and, for a signed-in `user`, `is_supported` and `is_followed`.
    """
    queryset = (
        Proposal.objects.visible_to(user)
        .select_related("author", "theme", "focus_area__theme", "merged_into")
        .defer("search_vector", "merged_into__search_vector")
        .prefetch_related(
            Prefetch("images", queryset=ProposalImage.objects.all(), to_attr="image_list"),
            Prefetch("focus_area__sdgs", queryset=sdg_list()),
        )
    )
    if user is not None and user.is_authenticated:
        queryset = queryset.annotate(
            is_supported=Exists(Support.objects.filter(proposal=OuterRef("pk"), user=user)),
            is_followed=Exists(ProposalFollow.objects.filter(proposal=OuterRef("pk"), user=user)),
        )
    return queryset


def proposal_get_visible(*, pk: int, user: User | None) -> Proposal:
    """A proposal that `user` may open (Proposal.objects.visible_to), as
    proposal_queryset_visible loads it.

    Raises Proposal.DoesNotExist otherwise, so callers answer 404 and reveal nothing.
    """
    return proposal_queryset_visible(user=user).get(pk=pk)


def proposal_page_get_visible(*, pk: int, user: User | None) -> ProposalPage:
    """proposal_get_visible, with the comments (and replies) and the public timeline.

    Raises Proposal.DoesNotExist as proposal_get_visible does.
    """
    proposal = proposal_get_visible(pk=pk, user=user)
    return ProposalPage(
        proposal=proposal,
        comments=comment_list_for_proposal(proposal=proposal),
        timeline=proposal_timeline(proposal=proposal),
    )


def comment_list_for_proposal(*, proposal: Proposal) -> list[Comment]:
    """Top-level comments, oldest first, each with `reply_list` (its replies, oldest
    first) and every author loaded: two queries. `proposal` must be visible to the
    person the comments are for."""
    replies = Comment.objects.select_related("author").order_by("created_at", "pk")
    comments = list(
        Comment.objects.filter(proposal=proposal, parent=None)
        .select_related("author")
        .prefetch_related(Prefetch("replies", queryset=replies, to_attr="reply_list"))
        .order_by("created_at", "pk")
    )
    for comment in comments:
        comment.proposal = proposal
        for reply in comment.reply_list:
            reply.proposal = proposal
    return comments


def proposal_timeline(*, proposal: Proposal) -> list[ProposalEvent]:
    """The public events of `proposal`, oldest first."""
    return list(
        ProposalEvent.objects.filter(proposal=proposal, is_public=True).order_by("created_at", "pk")
    )
