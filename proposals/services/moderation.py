"""What moderators and focus-area teams do to proposals and comments.

Every function here writes an audit entry and, where people follow the change, a
notification event, inside the transaction of the change. Callers check the rules
(proposals.rules) first; these functions enforce the lifecycle and the data's invariants,
so a second moderator acting on a proposal already triaged gets a clear error.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from engage.accounts.models import User
from engage.audit.services import audit_record
from engage.cache import listing_changed
from engage.taxonomy.models import FocusArea, Team
from notifications.services import event_record
from proposals.lifecycle import (
    OPEN_STATUSES,
    ROUTABLE_STATUSES,
    InvalidTransition,
    Outcome,
    Status,
    transition_allowed,
)
from proposals.models import (
    Comment,
    Proposal,
    ProposalFollow,
    RejectionReason,
    Report,
    RoutingDecision,
    Support,
)
from proposals.notifications import EventKind
from proposals.services.proposals import proposal_publish, proposal_transition

# How long a merge can be undone: long enough to notice a wrong one, short enough that
# the two proposals have not grown apart.
UNMERGE_DAYS = 30


def _locked(proposal: Proposal) -> Proposal:
    return Proposal.objects.select_for_update().get(pk=proposal.pk)


def _transition_audited(
    *,
    proposal: Proposal,
    target: Status,
    actor: User,
    action: str,
    reason: str = "",
    data: dict | None = None,
    **transition: object,
) -> Proposal:
    """proposal_transition plus its audit entry, with the status it really changed from.

    Precondition: `proposal` was locked (_locked) in this transaction, so its status is
    the one the transition starts from.
    """
    previous = proposal.status
    changed = proposal_transition(proposal=proposal, target=target, actor=actor, **transition)
    audit_record(
        actor=actor,
        action=action,
        target=changed,
        from_state=previous,
        to_state=target,
        reason=reason,
        data=data,
    )
    return changed


def _rejection_check(*, reason: str, note: str) -> None:
    """A known reason, and for "other" an explanation the author receives."""
    if reason not in RejectionReason.values:
        raise ValidationError({"reason": _("Choose a reason.")}, code="reason")
    if reason == RejectionReason.OTHER and not note.strip():
        raise ValidationError({"note": _("Explain the reason to the author.")}, code="note")


def _already_triaged(proposal: Proposal) -> InvalidTransition:
    return InvalidTransition(
        _("This proposal has already been handled (it is now “%(status)s”). Reload the queue."),
        code="already_triaged",
        params={"status": Status(proposal.status).label},
    )


def _check_team(team: Team | None, focus_area: FocusArea) -> Team:
    team = team or focus_area.team
    if team is None:
        raise ValidationError(
            {"team": _("The focus area has no responsible team. Choose a team.")},
            code="team_required",
        )
    return team


@transaction.atomic
def proposal_route(
    *,
    proposal: Proposal,
    actor: User,
    focus_area: FocusArea,
    secondary_focus_areas: Iterable[FocusArea] = (),
    team: Team | None = None,
    note: str = "",
) -> Proposal:
    """Publish a proposal waiting in triage and route it to a focus area and its team.

    The team defaults to the focus area's team. Records a routing decision for the
    suggester to learn from. Raises InvalidTransition when the proposal is no longer
    waiting, e.g. another moderator handled it a moment ago.
    """
    locked = _locked(proposal)
    if locked.status != Status.SUBMITTED:
        raise _already_triaged(locked)
    team = _check_team(team, focus_area)
    secondary = [area for area in secondary_focus_areas if area.pk != focus_area.pk]
    locked.focus_area = focus_area
    locked.theme_id = focus_area.theme_id
    locked.team = team
    locked.routed_at = timezone.now()
    locked.team_note = note.strip()
    locked.save(update_fields=["focus_area", "theme", "team", "routed_at", "team_note"])
    locked.secondary_focus_areas.set(secondary)
    RoutingDecision.objects.create(proposal=locked, focus_area=focus_area, decided_by=actor)
    # Where it went, named in the status change too: the author hears of publication and
    # routing in one message (and of the routing again only when it is re-routed).
    routing = {"focus_area": focus_area.slug, "team": team.slug, "team_name": team.name}
    published = proposal_publish(proposal=locked, actor=actor, event_data=routing)
    audit_record(
        actor=actor,
        action="proposal.route",
        target=published,
        from_state=Status.SUBMITTED,
        to_state=Status.PUBLISHED,
        reason=note,
        # The team's name as well as its slug: the trail names it even after a rename (focus
        # areas keep their slugs for good, and their names are shown in the reader's language).
        data={
            "focus_area": focus_area.slug,
            "secondary_focus_areas": [area.slug for area in secondary],
            "team": team.slug,
            "team_name": team.name,
        },
    )
    event_record(kind=EventKind.PROPOSAL_ROUTED, target=published, actor=actor, data=routing)
    return published


@transaction.atomic
def proposal_reject(*, proposal: Proposal, actor: User, reason: str, note: str = "") -> Proposal:
    """Reject a proposal waiting in triage, with a reason its author receives.

    Only triage rejects: published content that breaks the rules is hidden instead, so a
    moderator in a stale tab cannot reject what a colleague has just published.
    "other" needs an explanation.
    """
    _rejection_check(reason=reason, note=note)
    locked = _locked(proposal)
    if locked.status != Status.SUBMITTED:
        raise _already_triaged(locked)
    rejected = _transition_audited(
        proposal=locked,
        target=Status.REJECTED,
        actor=actor,
        action="proposal.reject",
        reason=note.strip(),
        data={"reason": reason},
        note=note.strip(),
        public=False,
    )
    rejected.rejection_reason = reason
    rejected.save(update_fields=["rejection_reason"])
    return rejected


def proposal_merge_check(*, proposal: Proposal, into: Proposal) -> None:
    """Raise the ValidationError proposal_merge would for these two (the confirmation
    page asks first, so a moderator is not asked to confirm a merge that cannot be)."""
    if proposal.pk == into.pk:
        raise ValidationError({"into": _("A proposal cannot be merged into itself.")})
    if into.status not in OPEN_STATUSES:
        raise ValidationError(
            {"into": _("Proposals can only be merged into a published proposal.")},
            code="target_not_public",
        )
    if not transition_allowed(current=proposal.status, target=Status.MERGED):
        raise _already_triaged(proposal)


@transaction.atomic
def proposal_merge(
    *,
    proposal: Proposal,
    into: Proposal,
    actor: User,
    note: str = "",
    expected_status: str = "",
) -> Proposal:
    """Merge a duplicate into an existing public proposal.

    Supports and follows move over without counting anyone twice; the duplicate's author
    is told where it went (status-change event). Rows are locked in id order so two
    merges cannot deadlock. With `expected_status` (the status the moderator saw), a
    proposal that changed meanwhile is refused instead of merged.
    """
    if proposal.pk == into.pk:
        proposal_merge_check(proposal=proposal, into=into)
    first, second = sorted([proposal.pk, into.pk])
    locked = {p.pk: p for p in Proposal.objects.select_for_update().filter(pk__in=[first, second])}
    duplicate, target = locked[proposal.pk], locked[into.pk]
    if expected_status and duplicate.status != expected_status:
        raise _already_triaged(duplicate)
    proposal_merge_check(proposal=duplicate, into=target)
    previous = duplicate.status
    # The status change first: its event tells the duplicate's followers of the merge
    # while they still follow it; then they move to the target.
    merged = proposal_transition(
        proposal=duplicate, target=Status.MERGED, actor=actor, note=note, merged_into=target
    )
    moved = _move_supports_and_follows(duplicate=merged, target=target)
    audit_record(
        actor=actor,
        action="proposal.merge",
        target=merged,
        from_state=previous,
        to_state=Status.MERGED,
        reason=note,
        # Who moved is kept so that proposal_unmerge can move exactly them back.
        data={"into": target.pk, "into_title": target.title, **moved},
    )
    return merged


def _move_rows(model: type[Support] | type[ProposalFollow], *, source, target) -> dict:
    """Move `model` rows from `source` to `target`, once per person; says who moved and
    who was on both (their row on `source` is dropped)."""
    on_target = model.objects.filter(proposal=target).values("user_id")
    rows = model.objects.filter(proposal=source)
    both = sorted(rows.filter(user_id__in=on_target).values_list("user_id", flat=True))
    moved = sorted(rows.exclude(user_id__in=on_target).values_list("user_id", flat=True))
    rows.filter(user_id__in=moved).update(proposal=target)
    model.objects.filter(proposal=source).delete()
    return {"moved": moved, "both": both}


def _recount_supports(*proposals: Proposal) -> None:
    counts = dict(
        Support.objects.filter(proposal__in=proposals)
        .values_list("proposal_id")
        .annotate(n=Count("pk"))
    )
    for proposal in proposals:
        proposal.support_count = counts.get(proposal.pk, 0)
        proposal.save(update_fields=["support_count"])


def _move_supports_and_follows(*, duplicate: Proposal, target: Proposal) -> dict:
    supports = _move_rows(Support, source=duplicate, target=target)
    follows = _move_rows(ProposalFollow, source=duplicate, target=target)
    _recount_supports(duplicate, target)
    listing_changed(proposal_ids=[target.pk], members=False)  # its supports changed
    return {
        "supports_moved": supports["moved"],
        "supports_both": supports["both"],
        "follows_moved": follows["moved"],
        "follows_both": follows["both"],
    }


def merge_undo_deadline(*, merged_at: datetime) -> datetime:
    """Until when a merge made at `merged_at` can be undone."""
    return merged_at + timedelta(days=UNMERGE_DAYS)


@transaction.atomic
def proposal_unmerge(*, proposal: Proposal, actor: User, note: str = "") -> Proposal:
    """Undo the merge of `proposal`, within PROPOSALS_UNMERGE_DAYS of it.

    The proposal returns to the status it had (lifecycle's undo transition), and what the
    merge moved goes back: the supports and follows that moved return, and people who were
    on both get theirs on this proposal again (unless their account is gone). Supports
    and follows added to the other proposal since the merge stay there.
    """
    from engage.audit.selectors import audit_entry_last

    current = Proposal.objects.get(pk=proposal.pk)
    if current.status != Status.MERGED or current.merged_into_id is None:
        raise InvalidTransition(_("This proposal is not merged."), code="not_merged")
    first, second = sorted([current.pk, current.merged_into_id])
    locked = {p.pk: p for p in Proposal.objects.select_for_update().filter(pk__in=[first, second])}
    duplicate, target = locked[current.pk], locked[current.merged_into_id]
    if duplicate.status != Status.MERGED or duplicate.merged_into_id != target.pk:
        raise _already_triaged(duplicate)
    entry = audit_entry_last(target=duplicate, action="proposal.merge")
    if entry is None or entry.data.get("into") != target.pk:
        raise InvalidTransition(_("There is no record of this merge to undo."), code="no_record")
    if timezone.now() > merge_undo_deadline(merged_at=entry.created_at):
        raise InvalidTransition(
            _("A merge can be undone only within %(days)d days.") % {"days": UNMERGE_DAYS},
            code="too_late",
        )
    data = entry.data
    live = User.objects.filter(is_active=True, deleted_at__isnull=True)
    for model, prefix in ((Support, "supports"), (ProposalFollow, "follows")):
        model.objects.filter(proposal=target, user_id__in=data.get(f"{prefix}_moved", [])).update(
            proposal=duplicate
        )
        both = live.filter(pk__in=data.get(f"{prefix}_both", [])).values_list("pk", flat=True)
        model.objects.bulk_create(
            [model(proposal=duplicate, user_id=pk) for pk in both], ignore_conflicts=True
        )
    _recount_supports(duplicate, target)
    listing_changed(proposal_ids=[target.pk], members=False)
    return _transition_audited(
        proposal=duplicate,
        target=entry.from_state,
        actor=actor,
        action="proposal.unmerge",
        reason=note.strip(),
        data={"from": target.pk, "from_title": target.title},
        note=note.strip(),
        undo=True,
        event_data={"unmerged_from_title": target.title},
    )


@transaction.atomic
def proposal_reroute(
    *,
    proposal: Proposal,
    actor: User,
    team: Team,
    note: str,
    focus_area: FocusArea | None = None,
) -> Proposal:
    """Hand a routed proposal to another team (and focus area), with a note for them."""
    if not note.strip():
        raise ValidationError({"note": _("Tell the other team why.")}, code="note")
    locked = _locked(proposal)
    if locked.status not in ROUTABLE_STATUSES:
        raise InvalidTransition(
            _("Only published proposals that are not yet answered can be re-routed."),
            code="not_routable",
        )
    if team.pk == locked.team_id and (focus_area is None or focus_area.pk == locked.focus_area_id):
        raise ValidationError({"team": _("The proposal is already with this team.")})
    previous_team = locked.team
    locked.team = team
    locked.team_note = note.strip()
    fields = ["team", "routed_at", "team_note"]
    new_area = focus_area is not None and focus_area.pk != locked.focus_area_id
    if new_area:
        locked.focus_area = focus_area
        locked.theme_id = focus_area.theme_id
        fields += ["focus_area", "theme"]
        # A primary focus area is never also a secondary one (as in proposal_route).
        locked.secondary_focus_areas.remove(focus_area)
        RoutingDecision.objects.create(proposal=locked, focus_area=focus_area, decided_by=actor)
    locked.routed_at = timezone.now()
    locked.save(update_fields=fields)
    listing_changed(proposal_ids=[locked.pk])
    audit_record(
        actor=actor,
        action="proposal.reroute",
        target=locked,
        from_state=previous_team.slug if previous_team else "",
        to_state=team.slug,
        reason=note.strip(),
        data={
            "focus_area": locked.focus_area.slug if locked.focus_area else None,
            "from_team_name": previous_team.name if previous_team else "",
            "team_name": team.name,
        },
    )
    area_slug = locked.focus_area.slug if locked.focus_area else None
    event_record(
        kind=EventKind.PROPOSAL_ROUTED,
        target=locked,
        actor=actor,
        # `reroute`: the author was told of the first routing with its publication.
        data={"team": team.slug, "team_name": team.name, "focus_area": area_slug, "reroute": True},
    )
    if new_area:
        # New in that focus area: its followers hear of it as of a proposal published there
        # (those who already heard of it through another area do not; see follower.focus_area).
        event_record(
            kind=EventKind.PROPOSAL_PUBLISHED_IN_FOCUS_AREA,
            target=locked,
            actor=actor,
            data={"focus_area": area_slug},
        )
    return locked


@transaction.atomic
def proposal_set_under_review(*, proposal: Proposal, actor: User, note: str = "") -> Proposal:
    return _transition_audited(
        proposal=_locked(proposal),
        target=Status.UNDER_REVIEW,
        actor=actor,
        action="proposal.under_review",
        reason=note,
        note=note,
    )


@transaction.atomic
def proposal_answer(*, proposal: Proposal, actor: User, outcome: str, text: str) -> Proposal:
    """Publish the team's official answer; it appears on the proposal's public timeline."""
    if outcome not in Outcome.values:
        raise ValidationError({"outcome": _("Choose an outcome.")}, code="outcome")
    if not text.strip():
        raise ValidationError({"text": _("Write the answer.")}, code="text")
    answered = _transition_audited(
        proposal=_locked(proposal),
        target=Status.ANSWERED,
        actor=actor,
        action="proposal.answer",
        reason=text.strip(),
        data={"outcome": outcome},
        outcome=outcome,
        note=text.strip(),
    )
    answered.answer_text = text.strip()
    answered.save(update_fields=["answer_text"])
    return answered


def _shown_content_changed(target: Proposal | Comment) -> None:
    """Hiding or restoring `target` changes its proposal's page, and a proposal's also
    which lists hold it."""
    listing_changed(proposal_ids=[_proposal_id_of(target)], members=isinstance(target, Proposal))


def _proposal_id_of(target: Proposal | Comment) -> int:
    """The proposal whose page shows `target`."""
    return target.pk if isinstance(target, Proposal) else target.proposal_id


def _content_model(target: Proposal | Comment) -> type[Proposal] | type[Comment]:
    return Proposal if isinstance(target, Proposal) else Comment


def _open_reports(target: Proposal | Comment) -> QuerySet[Report]:
    field = "proposal" if isinstance(target, Proposal) else "comment"
    return Report.objects.filter(**{field: target}, resolved_at__isnull=True)


def _resolve_reports(*, target: Proposal | Comment, actor: User | None, resolution: str) -> int:
    return _open_reports(target).update(
        resolved_at=timezone.now(), resolved_by=actor, resolution=resolution
    )


@transaction.atomic
def content_hide(*, target: Proposal | Comment, actor: User, reason: str) -> Proposal | Comment:
    """Hide a proposal or comment from the public with a kept reason; the author is told."""
    if not reason.strip():
        raise ValidationError({"reason": _("Give a reason; the author will see it.")})
    locked = _content_model(target).objects.select_for_update().get(pk=target.pk)
    was_hidden = locked.hidden_at is not None
    locked.hidden_at = locked.hidden_at or timezone.now()
    locked.hidden_reason = reason.strip()
    locked.save(update_fields=["hidden_at", "hidden_reason"])
    _shown_content_changed(locked)
    _resolve_reports(target=locked, actor=actor, resolution="hidden")
    audit_record(
        actor=actor,
        action=f"{locked._meta.model_name}.hide",
        target=locked,
        from_state="hidden" if was_hidden else "visible",
        to_state="hidden",
        reason=reason.strip(),
    )
    event_record(
        kind=EventKind.CONTENT_HIDDEN, target=locked, actor=actor, data={"reason": reason.strip()}
    )
    return locked


@transaction.atomic
def content_restore(*, target: Proposal | Comment, actor: User, reason: str) -> Proposal | Comment:
    """Show hidden (or reported) content again and close its open reports, with a reason."""
    if not reason.strip():
        raise ValidationError({"reason": _("Give a reason; it is kept in the audit trail.")})
    locked = _content_model(target).objects.select_for_update().get(pk=target.pk)
    was_hidden = locked.hidden_at is not None
    locked.hidden_at = None
    locked.hidden_reason = ""
    locked.save(update_fields=["hidden_at", "hidden_reason"])
    _shown_content_changed(locked)
    _resolve_reports(target=locked, actor=actor, resolution="restored")
    audit_record(
        actor=actor,
        action=f"{locked._meta.model_name}.restore",
        target=locked,
        from_state="hidden" if was_hidden else "visible",
        to_state="visible",
        reason=reason.strip(),
    )
    if was_hidden:
        event_record(kind=EventKind.CONTENT_RESTORED, target=locked, actor=actor)
    return locked


def content_hide_if_reported_enough(*, target: Proposal | Comment) -> bool:
    """Hide content that enough different people reported, until a moderator looks.

    Called by report_create inside its transaction. Counts only open reports, so content
    a moderator restored is hidden again only by new reports.
    """
    reporters = _open_reports(target).values("reporter_id").distinct().count()
    if reporters < settings.REPORTS_HIDE_THRESHOLD:
        return False
    locked = _content_model(target).objects.select_for_update().get(pk=target.pk)
    if locked.hidden_at is not None:
        return False
    locked.hidden_at = timezone.now()
    locked.hidden_reason = _("Hidden automatically after reports; a moderator will look.")
    locked.save(update_fields=["hidden_at", "hidden_reason"])
    _shown_content_changed(locked)
    audit_record(
        actor=None,
        action=f"{locked._meta.model_name}.auto_hide",
        target=locked,
        from_state="visible",
        to_state="hidden",
        reason=locked.hidden_reason,
        data={"reporters": reporters},
    )
    return True


@dataclass(frozen=True)
class BulkOutcome:
    """What happened to one proposal of a bulk action: `error` is None when it was done."""

    proposal_id: int
    proposal: Proposal | None
    error: str | None


def _each_in_own_transaction(
    proposals: Iterable[Proposal | int], action: Callable[[Proposal], object]
) -> list[BulkOutcome]:
    # A failure (unknown id, already handled, bad input) rolls back only that proposal.
    outcomes = []
    seen: set[int] = set()
    for item in proposals:
        pk = item if isinstance(item, int) else item.pk
        if pk in seen:
            continue
        seen.add(pk)
        proposal = None
        try:
            with transaction.atomic():
                proposal = item if isinstance(item, Proposal) else Proposal.objects.get(pk=pk)
                action(proposal)
        except Proposal.DoesNotExist:
            outcomes.append(BulkOutcome(pk, None, _("There is no such proposal.")))
        except ValidationError as exc:  # InvalidTransition too
            outcomes.append(BulkOutcome(pk, proposal, " ".join(exc.messages)))
        else:
            outcomes.append(BulkOutcome(pk, proposal, None))
    return outcomes


def proposal_bulk_route(
    *,
    proposals: Iterable[Proposal | int],
    actor: User,
    focus_area: FocusArea,
    team: Team | None = None,
    note: str = "",
) -> list[BulkOutcome]:
    """proposal_route for each proposal (or id), once each, in the order given.

    Each runs in its own transaction: one that fails is reported in its outcome and does
    not undo the others.
    """
    return _each_in_own_transaction(
        proposals,
        lambda proposal: proposal_route(
            proposal=proposal, actor=actor, focus_area=focus_area, team=team, note=note
        ),
    )


def proposal_bulk_reject(
    *, proposals: Iterable[Proposal | int], actor: User, reason: str, note: str = ""
) -> list[BulkOutcome]:
    """proposal_reject for each proposal (or id), like proposal_bulk_route.

    A reason or note that every item would refuse raises ValidationError before any.
    """
    _rejection_check(reason=reason, note=note)
    return _each_in_own_transaction(
        proposals,
        lambda proposal: proposal_reject(proposal=proposal, actor=actor, reason=reason, note=note),
    )
