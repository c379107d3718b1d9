from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from engage.accounts.models import User
from engage.accounts.roles import user_roles
from engage.cache import listing_changed
from notifications.services import event_record
from proposals import text
from proposals.lifecycle import OPEN_STATUSES
from proposals.models import Comment, Proposal, ProposalFollow, StaffRole
from proposals.notifications import EventKind
from proposals.rules import content_is_frozen
from proposals.services.limits import rate_limit


def _check_body(body: str) -> str:
    body = body.strip()
    if not body:
        raise ValidationError({"body": _("Write a comment first.")}, code="empty")
    if len(body) > Comment._meta.get_field("body").max_length:
        raise ValidationError({"body": _("The comment is too long.")}, code="too_long")
    return body


def _staff_voice(*, author: User, proposal: Proposal) -> tuple[str, str]:
    """In which capacity `author` writes on `proposal`: a member of the team it is routed
    to speaks for that team, a moderator (or admin) as a moderator, anyone else (staff on
    other teams' proposals too) as a citizen."""
    roles = user_roles(author)
    if proposal.team_id is not None and proposal.team_id in roles.team_ids:
        return StaffRole.TEAM, proposal.team.name
    if roles.is_moderator or author.is_superuser:
        return StaffRole.MODERATOR, ""
    return StaffRole.NONE, ""


@transaction.atomic
def comment_create(
    *, proposal: Proposal, author: User, body: str, parent: Comment | None = None
) -> Comment:
    """Comment on an open proposal, or reply to a top-level comment (one level of replies).

    Side effects: the commenter follows the proposal; counters and notification events.
    Staff writing as staff are marked as such on the comment (_staff_voice).
    """
    body = _check_body(body)
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.status not in OPEN_STATUSES:
        raise ValidationError(_("This proposal is closed for comments."), code="closed")
    if parent is not None:
        # The caller's copy may be stale: it may have been deleted since it was loaded.
        parent = Comment.objects.get(pk=parent.pk)
        if parent.proposal_id != proposal.pk:
            raise ValidationError(_("The reply must be to a comment on this proposal."))
        if parent.parent_id is not None:
            raise ValidationError(_("Replies can only be made to top-level comments."))
        if parent.deleted_at is not None:
            raise ValidationError(_("You cannot reply to a deleted comment."))
    rate_limit(action="comment", user=author)
    role, team_name = _staff_voice(author=author, proposal=proposal)
    comment = Comment.objects.create(
        proposal=proposal,
        author=author,
        parent=parent,
        body=body,
        body_html=text.render(body),
        staff_role=role,
        staff_team_name=team_name,
    )
    Proposal.objects.filter(pk=proposal.pk).update(comment_count=F("comment_count") + 1)
    listing_changed(proposal_ids=[proposal.pk], members=False)
    ProposalFollow.objects.get_or_create(proposal=proposal, user=author)
    # One event per comment, a reply included: fan-out tells each person once, so the
    # author of the comment replied to hears of it as a reply, not also as a follower.
    data = {"comment": comment.pk}
    if parent is not None:
        data["parent"] = parent.pk
    event_record(kind=EventKind.COMMENT_CREATED, target=comment, actor=author, data=data)
    return comment


@transaction.atomic
def comment_edit(*, comment: Comment, body: str) -> Comment:
    """Change a comment's text within the edit window; a deleted or hidden one cannot."""
    body = _check_body(body)
    comment = Comment.objects.select_for_update().get(pk=comment.pk)
    if comment.deleted_at is not None:
        raise ValidationError(_("A deleted comment cannot be edited."), code="deleted")
    if content_is_frozen(None, comment):
        raise ValidationError(
            _("A moderator has hidden this comment; it cannot be edited until it is restored."),
            code="hidden",
        )
    window = settings.COMMENT_EDIT_WINDOW_SECONDS
    if (timezone.now() - comment.created_at).total_seconds() > window:
        raise ValidationError(
            _("Comments can only be edited in the first %(minutes)d minutes.")
            % {"minutes": window // 60},
            code="edit_window",
        )
    comment.body = body
    comment.body_html = text.render(body)
    comment.edited_at = timezone.now()
    comment.save(update_fields=["body", "body_html", "edited_at"])
    listing_changed(proposal_ids=[comment.proposal_id], members=False)
    return comment


@transaction.atomic
def comment_delete(*, comment: Comment) -> Comment:
    """Remove a comment's text but keep its place, so replies keep their context."""
    comment = Comment.objects.select_for_update().get(pk=comment.pk)
    if comment.deleted_at is not None:
        return comment
    comment.deleted_at = timezone.now()
    comment.body = ""
    comment.body_html = ""
    comment.save(update_fields=["deleted_at", "body", "body_html"])
    Proposal.objects.filter(pk=comment.proposal_id).update(comment_count=F("comment_count") - 1)
    listing_changed(proposal_ids=[comment.proposal_id], members=False)
    return comment
