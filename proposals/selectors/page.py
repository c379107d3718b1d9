"""The reads of one proposal's page: the proposal a person may open, its comments and its
public timeline, through the ORM in a constant number of queries."""

import functools
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, QuerySet

from engage.accounts.models import User
from engage.taxonomy.choices import classification_get
from partnerships.models import Organisation
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


# What a page shows of a person: their public name. The rest of the row (email, password
# hash) is not loaded with a proposal or its comments.
_AUTHOR_SHOWN = ("author__id", "author__display_name", "author__deleted_at")
# What it shows of an organisation a proposal is written on behalf of.
_ORGANISATION_SHOWN = ("pk", "name", "slug", "verified_at")


@functools.cache
def _fields_loaded(model) -> tuple[str, ...]:
    # only() over the fields kept, not defer() over those left out: Django builds the
    # column list of an only() faster, and that is most of what a page's read costs.
    return tuple(
        field.name for field in model._meta.concrete_fields if field.name != "search_vector"
    )


def proposal_queryset_visible(*, user: User | None) -> QuerySet:
    """The proposals `user` may open, with what their page shows joined or annotated:
    author, `has_images` and, for a signed-in `user`, `is_supported` and `is_followed`.
    The organisation is not joined (proposal_get_visible reads it when there is one).
    """
    queryset = (
        Proposal.objects.visible_to(user)
        .select_related("author")
        .only(*_fields_loaded(Proposal), *_AUTHOR_SHOWN)
        .annotate(has_images=Exists(ProposalImage.objects.filter(proposal=OuterRef("pk"))))
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
    Sets `theme`, `focus_area` and `sdg_list` (the area's UN goals) from the cached
    taxonomy, `image_list` (the images in order), `organisation` and `merged_into`.
    """
    proposal = proposal_queryset_visible(user=user).get(pk=pk)
    taxonomy = classification_get(theme_id=proposal.theme_id, focus_area_id=proposal.focus_area_id)
    proposal.theme, proposal.focus_area = taxonomy.theme, taxonomy.focus_area
    proposal.sdg_list = taxonomy.sdgs
    # Most proposals have no image, no organisation and no merge: ask only when there is
    # one, which costs less than joining (or annotating) for every proposal.
    proposal.image_list = list(proposal.images.all()) if proposal.has_images else []
    if proposal.organisation_id is not None:
        proposal.organisation = Organisation.objects.only(*_ORGANISATION_SHOWN).get(
            pk=proposal.organisation_id
        )
    if proposal.merged_into_id is not None:
        proposal.merged_into = Proposal.objects.only("pk", "title", "status").get(
            pk=proposal.merged_into_id
        )
    return proposal


def proposal_page_get_visible(*, pk: int, user: User | None) -> ProposalPage:
    """proposal_get_visible, with the comments (and replies) and the public timeline.

    Raises Proposal.DoesNotExist as proposal_get_visible does.
    """
    proposal = proposal_get_visible(pk=pk, user=user)
    return ProposalPage(
        proposal=proposal,
        comments=comment_list_for_proposal(proposal=proposal),
        timeline=proposal_timeline_list(proposal=proposal),
    )


def comment_list_for_proposal(*, proposal: Proposal) -> list[Comment]:
    """Top-level comments, oldest first, each with `reply_list` (its replies, oldest
    first) and every author loaded: one query. `proposal` must be visible to the person
    the comments are for."""
    comments = list(
        Comment.objects.filter(proposal=proposal)
        .select_related("author")
        .only(*_fields_loaded(Comment), *_AUTHOR_SHOWN)
        .order_by("created_at", "pk")
    )
    by_pk = {comment.pk: comment for comment in comments}
    top_level = []
    for comment in comments:
        comment.proposal = proposal
        comment.reply_list = []
        if comment.parent_id is None:
            top_level.append(comment)
    for comment in comments:
        if comment.parent_id is not None:
            by_pk[comment.parent_id].reply_list.append(comment)
    return top_level


def proposal_timeline_list(*, proposal: Proposal) -> list[ProposalEvent]:
    """The public events of `proposal`, oldest first."""
    return list(
        ProposalEvent.objects.filter(proposal=proposal, is_public=True).order_by("created_at", "pk")
    )
