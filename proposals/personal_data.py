"""The proposals app's part of a person's data export and account deletion."""

from typing import Any

from engage.accounts.models import User
from proposals.models import Comment, FocusAreaFollow, Proposal, ProposalFollow, Report, Support


def export(*, user: User) -> dict[str, Any]:
    return {
        "proposals": [
            {
                "id": p.pk,
                "title": p.title,
                "body": p.body,
                "status": p.status,
                "outcome": p.outcome,
                "theme": p.theme.slug if p.theme else None,
                "focus_area": p.focus_area.slug if p.focus_area else None,
                "location_text": p.location_text,
                "latitude": str(p.latitude) if p.latitude is not None else None,
                "longitude": str(p.longitude) if p.longitude is not None else None,
                "created_at": p.created_at.isoformat(),
                "images": [image.get_absolute_url() for image in p.images.all()],
            }
            # Their own: visible to them in every status (Proposal.objects.visible_to).
            for p in Proposal.objects.visible_to(user)
            .filter(author=user)
            .select_related("theme", "focus_area")
            .prefetch_related("images")
            .order_by("pk")
        ],
        "comments": [
            {
                "id": c.pk,
                "proposal": c.proposal_id,
                "reply_to": c.parent_id,
                "body": c.body,
                "created_at": c.created_at.isoformat(),
                "deleted": c.deleted_at is not None,
            }
            for c in Comment.objects.filter(author=user).order_by("pk")
        ],
        "supports": list(
            Support.objects.filter(user=user).order_by("pk").values_list("proposal_id", flat=True)
        ),
        "followed_proposals": list(
            ProposalFollow.objects.filter(user=user)
            .order_by("pk")
            .values_list("proposal_id", flat=True)
        ),
        "followed_focus_areas": list(
            FocusAreaFollow.objects.filter(user=user)
            .order_by("pk")
            .values_list("focus_area__slug", flat=True)
        ),
        "reports": [
            {
                "proposal": r.proposal_id,
                "comment": r.comment_id,
                "reason": r.reason,
                "details": r.details,
                "created_at": r.created_at.isoformat(),
            }
            for r in Report.objects.filter(reporter=user).order_by("pk")
        ],
    }


def erase(*, user: User) -> None:
    """Remove what the privacy page says goes when an account is deleted.

    Drafts and proposals still waiting for moderation are deleted; supports go (and the
    counts with them), follows go, report texts are blanked, and comments nobody else has
    replied to are deleted. Published proposals and comments others replied to stay: the
    user row they point to is anonymised, so they are no longer linked to a person.
    """
    from proposals.services.comments import comment_delete
    from proposals.services.engagement import support_remove_all
    from proposals.services.proposals import proposal_erase_unpublished

    for proposal in Proposal.objects.filter(author=user, status__in=["draft", "submitted"]):
        proposal_erase_unpublished(proposal=proposal)
    support_remove_all(user=user)
    answered_by_others = Comment.objects.filter(deleted_at__isnull=True).exclude(author=user)
    for comment in (
        Comment.objects.filter(author=user, deleted_at__isnull=True)
        .exclude(replies__in=answered_by_others)
        .order_by("pk")
    ):
        comment_delete(comment=comment)
    ProposalFollow.objects.filter(user=user).delete()
    FocusAreaFollow.objects.filter(user=user).delete()
    Report.objects.filter(reporter=user).update(details="")
