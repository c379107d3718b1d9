"""Who may do what with proposals and comments: the one place views and the API ask."""

from datetime import timedelta

import rules
from django.conf import settings
from django.utils import timezone

from engage.accounts.roles import user_roles
from engage.accounts.rules import is_admin, is_moderator
from proposals.lifecycle import EDITABLE_STATUSES, OPEN_STATUSES, PUBLIC_STATUSES

is_signed_in = rules.is_authenticated & rules.is_active


@rules.predicate
def is_proposal_author(user, proposal) -> bool:
    return proposal is not None and proposal.author_id == getattr(user, "pk", None)


@rules.predicate
def proposal_is_public(user, proposal) -> bool:
    """Open to everyone: a public status and not hidden."""
    return (
        proposal is not None and proposal.status in PUBLIC_STATUSES and proposal.hidden_at is None
    )


@rules.predicate
def proposal_visible_to(user, proposal) -> bool:
    """Whether `user` may open `proposal`: the same rule as Proposal.objects.visible_to
    (models.proposal_visible_q), for a proposal already loaded."""
    if proposal is None:
        return False
    if proposal_is_public.test(user, proposal):
        return True
    if not getattr(user, "is_authenticated", False):
        return False
    return (
        proposal.author_id == user.pk
        or is_staff_moderator.test(user)
        or (proposal.team_id is not None and proposal.team_id in user_roles(user).team_ids)
    )


@rules.predicate
def comment_text_visible_to(user, comment) -> bool:
    """Whether `user` may read `comment`'s text: its proposal is visible to them, and a
    hidden comment's text only to its author and moderators."""
    if comment is None or not proposal_visible_to(user, comment.proposal):
        return False
    if comment.hidden_at is None:
        return True
    return getattr(user, "pk", None) == comment.author_id or is_staff_moderator.test(user)


@rules.predicate
def proposal_is_open(user, proposal) -> bool:
    return proposal is not None and proposal.status in OPEN_STATUSES


@rules.predicate
def proposal_is_editable(user, proposal) -> bool:
    return proposal is not None and proposal.status in EDITABLE_STATUSES


@rules.predicate
def is_comment_author(user, comment) -> bool:
    return comment is not None and comment.author_id == getattr(user, "pk", None)


@rules.predicate
def comment_is_live(user, comment) -> bool:
    return comment is not None and comment.deleted_at is None


@rules.predicate
def comment_in_edit_window(user, comment) -> bool:
    window = timedelta(seconds=settings.COMMENT_EDIT_WINDOW_SECONDS)
    return comment is not None and timezone.now() - comment.created_at <= window


@rules.predicate
def comment_on_open_proposal(user, comment) -> bool:
    return comment is not None and comment.proposal.status in OPEN_STATUSES


@rules.predicate
def content_is_frozen(user, target) -> bool:
    """Hidden content stays as the moderator hid it until it is restored, so moderators
    always review the text they hid; the services refuse edits by this same predicate."""
    return target is not None and target.hidden_at is not None


is_staff_moderator = is_moderator | is_admin

rules.add_perm("proposals.add_proposal", is_signed_in)
rules.add_perm("proposals.view_proposal", proposal_visible_to)
rules.add_perm(
    "proposals.change_proposal",
    is_signed_in & is_proposal_author & proposal_is_editable & ~content_is_frozen,
)
rules.add_perm(
    "proposals.submit_proposal", is_signed_in & is_proposal_author & proposal_is_editable
)
rules.add_perm(
    "proposals.delete_proposal", is_signed_in & is_proposal_author & proposal_is_editable
)
rules.add_perm("proposals.support_proposal", is_signed_in & proposal_is_open)
rules.add_perm("proposals.comment_proposal", is_signed_in & proposal_is_open)
rules.add_perm("proposals.follow_proposal", is_signed_in & proposal_is_open)
rules.add_perm("proposals.report_proposal", is_signed_in & proposal_is_public & ~is_proposal_author)
rules.add_perm("proposals.moderate_proposal", is_signed_in & is_staff_moderator)
rules.add_perm(
    "proposals.change_comment",
    is_signed_in
    & is_comment_author
    & comment_is_live
    & comment_in_edit_window
    & comment_on_open_proposal
    & ~content_is_frozen,
)
rules.add_perm(
    "proposals.delete_comment",
    is_signed_in & comment_is_live & (is_comment_author | is_staff_moderator),
)
rules.add_perm(
    "proposals.report_comment",
    is_signed_in
    & comment_is_live
    & ~is_comment_author
    & comment_on_open_proposal
    & comment_text_visible_to,
)
rules.add_perm("proposals.follow_focus_area", is_signed_in)


@rules.predicate
def is_routed_team_member(user, proposal) -> bool:
    return proposal is not None and proposal.team_id in user_roles(user).team_ids


@rules.predicate
def is_team_member(user, team) -> bool:
    return team is not None and team.pk in user_roles(user).team_ids


@rules.predicate
def proposal_is_routed(user, proposal) -> bool:
    return proposal is not None and proposal.team_id is not None


# Moderation: triage, reports and hiding are for moderators (and admins).
rules.add_perm("proposals.hide_content", is_signed_in & is_staff_moderator)
# Focus-area teams: members of the routed team answer; moderators may also re-route.
rules.add_perm("proposals.work_team_queue", is_signed_in & (is_team_member | is_admin))
rules.add_perm(
    "proposals.answer_proposal",
    is_signed_in & proposal_is_routed & (is_routed_team_member | is_admin),
)
rules.add_perm(
    "proposals.reroute_proposal",
    is_signed_in & proposal_is_routed & (is_routed_team_member | is_staff_moderator),
)
