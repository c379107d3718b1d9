"""Reads for merging duplicates: what a merge would move, and whether one can be undone."""

from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone

from engage.audit.selectors import audit_entry_last
from proposals.lifecycle import Status
from proposals.models import Proposal, ProposalFollow, Support
from proposals.services.moderation import merge_undo_deadline


@dataclass(frozen=True)
class MergePreview:
    """What merging `duplicate` into `target` would do, for the confirmation page."""

    duplicate: Proposal
    target: Proposal
    supports_moving: int  # supporters of the duplicate only
    supports_shared: int  # supporters of both, counted once
    follows_moving: int

    @property
    def target_supports_after(self) -> int:
        return self.target.support_count + self.supports_moving


def proposal_merge_preview(*, duplicate: Proposal, target: Proposal) -> MergePreview:
    """Counts of what would move (three queries)."""
    on_target = Support.objects.filter(proposal=target).values("user_id")
    supports = Support.objects.filter(proposal=duplicate)
    following = ProposalFollow.objects.filter(proposal=target).values("user_id")
    return MergePreview(
        duplicate=duplicate,
        target=target,
        supports_moving=supports.exclude(user_id__in=on_target).count(),
        supports_shared=supports.filter(user_id__in=on_target).count(),
        follows_moving=ProposalFollow.objects.filter(proposal=duplicate)
        .exclude(user_id__in=following)
        .count(),
    )


@dataclass(frozen=True)
class MergeRecord:
    """When a merged proposal was merged, into which, and until when it can be undone."""

    merged_at: datetime
    into: Proposal
    undo_until: datetime

    @property
    def can_undo(self) -> bool:
        return timezone.now() <= self.undo_until


def proposal_merge_record(*, proposal: Proposal) -> MergeRecord | None:
    """The merge of a merged `proposal` (None for any other, or without a record)."""
    if proposal.status != Status.MERGED or proposal.merged_into_id is None:
        return None
    entry = audit_entry_last(target=proposal, action="proposal.merge")
    if entry is None or entry.data.get("into") != proposal.merged_into_id:
        return None
    into = Proposal.objects.only("pk", "title", "status").get(pk=proposal.merged_into_id)
    return MergeRecord(
        merged_at=entry.created_at,
        into=into,
        undo_until=merge_undo_deadline(merged_at=entry.created_at),
    )
