from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from engage.accounts.models import User
from engage.cache import listing_changed
from engage.taxonomy.models import FocusArea
from notifications.services import event_record
from proposals.lifecycle import OPEN_STATUSES, PUBLIC_STATUSES
from proposals.models import Comment, FocusAreaFollow, Proposal, ProposalFollow, Report, Support
from proposals.notifications import EventKind
from proposals.services.limits import rate_limit
from proposals.services.moderation import content_hide_if_reported_enough


def _check_open(proposal: Proposal) -> None:
    if proposal.status not in OPEN_STATUSES:
        raise ValidationError(_("This proposal is not open for that."), code="closed")


@transaction.atomic
def proposal_support(*, proposal: Proposal, user: User) -> bool:
    """Support an open proposal once; True when this call added the support."""
    _check_open(proposal)
    rate_limit(action="support", user=user)
    _, created = Support.objects.get_or_create(proposal=proposal, user=user)
    if created:
        Proposal.objects.filter(pk=proposal.pk).update(support_count=F("support_count") + 1)
        listing_changed(proposal_ids=[proposal.pk], members=False)
    return created


@transaction.atomic
def proposal_unsupport(*, proposal: Proposal, user: User) -> bool:
    """Withdraw a support; True when there was one."""
    deleted, _ = Support.objects.filter(proposal=proposal, user=user).delete()
    if deleted:
        Proposal.objects.filter(pk=proposal.pk).update(support_count=F("support_count") - 1)
        listing_changed(proposal_ids=[proposal.pk], members=False)
    return bool(deleted)


@transaction.atomic
def support_remove_all(*, user: User) -> list[int]:
    """Withdraw every support of `user` (account deletion) and lower the counts; returns
    the ids of the proposals whose counts changed. Bumps their list and page versions."""
    proposal_ids = list(
        Support.objects.filter(user=user)
        .order_by("proposal_id")
        .values_list("proposal_id", flat=True)
    )
    if not proposal_ids:
        return []
    # Lock the proposals first (in id order, as merges do) so counts cannot race a support.
    list(
        Proposal.objects.select_for_update().filter(pk__in=proposal_ids).order_by("pk").values("pk")
    )
    Support.objects.filter(user=user).delete()
    Proposal.objects.filter(pk__in=proposal_ids).update(support_count=F("support_count") - 1)
    listing_changed(proposal_ids=proposal_ids, members=False)
    return proposal_ids


def proposal_follow(*, proposal: Proposal, user: User) -> bool:
    _check_open(proposal)
    _, created = ProposalFollow.objects.get_or_create(proposal=proposal, user=user)
    return created


def proposal_unfollow(*, proposal: Proposal, user: User) -> bool:
    deleted, _ = ProposalFollow.objects.filter(proposal=proposal, user=user).delete()
    return bool(deleted)


def focus_area_follow(*, focus_area: FocusArea, user: User) -> bool:
    _, created = FocusAreaFollow.objects.get_or_create(focus_area=focus_area, user=user)
    return created


def focus_area_unfollow(*, focus_area: FocusArea, user: User) -> bool:
    deleted, _ = FocusAreaFollow.objects.filter(focus_area=focus_area, user=user).delete()
    return bool(deleted)


@transaction.atomic
def report_create(
    *,
    reporter: User,
    reason: str,
    details: str = "",
    proposal: Proposal | None = None,
    comment: Comment | None = None,
) -> Report:
    """Report a public proposal or a live comment to the moderators, once per person."""
    if (proposal is None) == (comment is None):
        raise ValueError("Report exactly one of proposal or comment.")
    if reason not in Report.Reason.values:
        raise ValidationError({"reason": _("Choose a reason.")}, code="reason")
    if reason == Report.Reason.OTHER and not details.strip():
        raise ValidationError({"details": _("Tell us what is wrong.")}, code="details")
    target_proposal = proposal or comment.proposal
    if target_proposal.status not in PUBLIC_STATUSES:
        raise ValidationError(_("Only public content can be reported."), code="not_public")
    if comment is not None and comment.deleted_at is not None:
        raise ValidationError(_("This comment has been deleted."), code="deleted")
    rate_limit(action="report", user=reporter)
    try:
        with transaction.atomic():
            report = Report.objects.create(
                reporter=reporter,
                proposal=proposal,
                comment=comment,
                reason=reason,
                details=details.strip(),
            )
    except IntegrityError as exc:
        raise ValidationError(
            _("You have already reported this. The moderators will look at it."),
            code="duplicate",
        ) from exc
    content_hide_if_reported_enough(target=proposal or comment)
    event_record(
        kind=EventKind.REPORT_CREATED,
        target=report,
        actor=reporter,
        data={"proposal": target_proposal.pk, "comment": comment.pk if comment else None},
    )
    return report
