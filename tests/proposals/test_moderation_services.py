"""What moderators and focus-area teams do: route, reject, merge, re-route, answer, hide.

Every action must change exactly what it says, write an audit entry and tell the people
concerned; refused actions must change nothing at all.
"""

import threading

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection

from engage.audit.models import AuditEntry
from engage.taxonomy.models import FocusArea
from notifications.models import Event
from proposals.lifecycle import InvalidTransition, Outcome, Status
from proposals.models import (
    Comment,
    Proposal,
    ProposalEvent,
    ProposalFollow,
    RejectionReason,
    Report,
    RoutingDecision,
    Support,
)
from proposals.notifications import EventKind
from proposals.selectors.page import proposal_timeline_list
from proposals.services import report_create
from proposals.services.moderation import (
    content_hide,
    content_restore,
    proposal_answer,
    proposal_merge,
    proposal_reject,
    proposal_reroute,
    proposal_route,
    proposal_set_under_review,
)
from tests.factories import ModeratorFactory, StaffFactory, UserFactory
from tests.proposals.factories import (
    CommentFactory,
    ProposalFactory,
    ProposalFollowFactory,
    ReportFactory,
    SupportFactory,
    TeamFactory,
)

pytestmark = pytest.mark.django_db


def area(slug: str) -> FocusArea:
    return FocusArea.objects.select_related("theme", "team").get(slug=slug)


def events(kind: EventKind, target) -> list[Event]:
    return list(Event.objects.filter(kind=kind, target_id=target.pk).order_by("pk"))


def audit(action: str, target) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(action=action, target_id=target.pk).order_by("pk"))


def snapshot(proposal: Proposal) -> dict:
    """Everything a refused action must leave alone."""
    stored = Proposal.objects.get(pk=proposal.pk)
    return {
        "row": {
            field: getattr(stored, field)
            for field in (
                "status",
                "focus_area_id",
                "theme_id",
                "team_id",
                "routed_at",
                "merged_into_id",
                "outcome",
                "answer_text",
                "rejection_reason",
                "support_count",
                "hidden_at",
            )
        },
        "secondary": set(stored.secondary_focus_areas.values_list("pk", flat=True)),
        "supports": set(Support.objects.filter(proposal=stored).values_list("user_id", flat=True)),
        "follows": set(
            ProposalFollow.objects.filter(proposal=stored).values_list("user_id", flat=True)
        ),
        "audit": AuditEntry.objects.count(),
        "decisions": RoutingDecision.objects.count(),
        "events": Event.objects.count(),
        "timeline": ProposalEvent.objects.filter(proposal=stored).count(),
    }


@pytest.fixture
def moderator():
    return ModeratorFactory()


@pytest.fixture
def team():
    """The team responsible for klimahandlingsplan."""
    return TeamFactory(slug="klima-team", focus_areas=["klimahandlingsplan"])


@pytest.fixture
def other_team():
    return TeamFactory(slug="natur-team", focus_areas=["vild-natur"])


def waiting(**kwargs) -> Proposal:
    return ProposalFactory(status=Status.SUBMITTED, **kwargs)


def routed(team, **kwargs) -> Proposal:
    return ProposalFactory(status=Status.PUBLISHED, team=team, **kwargs)


# --- route ---


def test_route_publishes_and_routes_with_the_area_team(moderator, team):
    proposal = waiting(focus_area="truede-arter")  # the author guessed another theme
    primary = area("klimahandlingsplan")
    secondary = [area("vild-natur"), primary, area("lavbundsjorde")]

    result = proposal_route(
        proposal=proposal,
        actor=moderator,
        focus_area=primary,
        secondary_focus_areas=secondary,
        note="Passer til klimaplanen",
    )

    stored = Proposal.objects.get(pk=proposal.pk)
    assert result.pk == proposal.pk
    assert stored.status == Status.PUBLISHED
    assert stored.published_at is not None
    assert stored.routed_at is not None
    assert stored.focus_area == primary
    assert stored.theme_id == primary.theme_id != area("truede-arter").theme_id
    assert stored.team == team  # defaulted to the focus area's team
    assert set(stored.secondary_focus_areas.values_list("slug", flat=True)) == {
        "vild-natur",
        "lavbundsjorde",
    }

    decision = RoutingDecision.objects.get(proposal=proposal)
    assert (decision.focus_area, decision.decided_by) == (primary, moderator)

    [entry] = audit("proposal.route", proposal)
    assert entry.actor == moderator
    assert (entry.from_state, entry.to_state) == (Status.SUBMITTED, Status.PUBLISHED)
    assert entry.reason == "Passer til klimaplanen"
    assert entry.data == {
        "focus_area": "klimahandlingsplan",
        "secondary_focus_areas": ["vild-natur", "lavbundsjorde"],
        "team": "klima-team",
        "team_name": team.name,
    }

    [routed_event] = events(EventKind.PROPOSAL_ROUTED, proposal)
    assert routed_event.actor == moderator
    assert routed_event.data == {
        "focus_area": "klimahandlingsplan",
        "team": "klima-team",
        "team_name": stored.team.name,
    }
    [in_area] = events(EventKind.PROPOSAL_PUBLISHED_IN_FOCUS_AREA, proposal)
    assert in_area.data == {"focus_area": "klimahandlingsplan"}
    [changed] = events(EventKind.PROPOSAL_STATUS_CHANGED, proposal)
    assert (changed.data["from"], changed.data["to"]) == ("submitted", "published")
    assert (changed.data["focus_area"], changed.data["team"]) == (
        "klimahandlingsplan",
        "klima-team",
    )


def test_route_to_an_explicit_team_overrides_the_area_team(moderator, team, other_team):
    proposal = waiting()
    proposal_route(
        proposal=proposal, actor=moderator, focus_area=area("klimahandlingsplan"), team=other_team
    )
    assert Proposal.objects.get(pk=proposal.pk).team == other_team
    assert audit("proposal.route", proposal)[0].data["team"] == "natur-team"


def test_route_without_any_team_is_refused_and_changes_nothing(moderator):
    proposal = waiting()
    no_team = area("lavbundsjorde")
    assert no_team.team is None
    before = snapshot(proposal)

    with pytest.raises(ValidationError) as caught:
        proposal_route(proposal=proposal, actor=moderator, focus_area=no_team)

    assert "team" in caught.value.message_dict
    assert snapshot(proposal) == before


def test_second_route_is_refused_and_changes_nothing(moderator, team, other_team):
    """Two browser tabs: the second moderator gets a clear error, not a second routing."""
    proposal = waiting()
    stale_copy = Proposal.objects.get(pk=proposal.pk)
    proposal_route(proposal=proposal, actor=moderator, focus_area=area("klimahandlingsplan"))
    before = snapshot(proposal)

    with pytest.raises(InvalidTransition) as caught:
        proposal_route(
            proposal=stale_copy,
            actor=ModeratorFactory(),
            focus_area=area("vild-natur"),
            secondary_focus_areas=[area("lavbundsjorde")],
        )

    assert caught.value.code == "already_triaged"
    assert snapshot(proposal) == before
    assert before["decisions"] == 1
    assert len(audit("proposal.route", proposal)) == 1


@pytest.mark.parametrize("status", [Status.DRAFT, Status.REJECTED, Status.MERGED])
def test_route_only_waiting_proposals(moderator, team, status):
    proposal = ProposalFactory(status=status)
    before = snapshot(proposal)
    with pytest.raises(InvalidTransition):
        proposal_route(proposal=proposal, actor=moderator, focus_area=area("klimahandlingsplan"))
    assert snapshot(proposal) == before


# --- reject ---


@pytest.mark.parametrize(
    "reason", [RejectionReason.SPAM, RejectionReason.OFFENSIVE, RejectionReason.OUT_OF_SCOPE]
)
def test_reject_with_a_reason(moderator, reason):
    proposal = waiting()
    proposal_reject(proposal=proposal, actor=moderator, reason=reason)

    stored = Proposal.objects.get(pk=proposal.pk)
    assert (stored.status, stored.rejection_reason) == (Status.REJECTED, reason)
    [entry] = audit("proposal.reject", proposal)
    assert entry.actor == moderator
    assert (entry.from_state, entry.to_state) == (Status.SUBMITTED, Status.REJECTED)
    assert entry.data == {"reason": reason}


def test_reject_other_needs_a_note(moderator):
    proposal = waiting()
    before = snapshot(proposal)
    with pytest.raises(ValidationError) as caught:
        proposal_reject(proposal=proposal, actor=moderator, reason=RejectionReason.OTHER, note=" ")
    assert "note" in caught.value.message_dict
    assert snapshot(proposal) == before

    proposal_reject(
        proposal=proposal, actor=moderator, reason=RejectionReason.OTHER, note=" Findes allerede "
    )
    stored = Proposal.objects.get(pk=proposal.pk)
    assert stored.rejection_reason == RejectionReason.OTHER
    assert audit("proposal.reject", proposal)[0].reason == "Findes allerede"


def test_reject_needs_a_known_reason(moderator):
    proposal = waiting()
    before = snapshot(proposal)
    with pytest.raises(ValidationError) as caught:
        proposal_reject(proposal=proposal, actor=moderator, reason="boring")
    assert "reason" in caught.value.message_dict
    assert snapshot(proposal) == before


def test_rejection_is_not_on_the_public_timeline_but_the_author_is_told(moderator):
    proposal = waiting()
    proposal_reject(
        proposal=proposal, actor=moderator, reason=RejectionReason.OTHER, note="Privat grund"
    )

    rejection = ProposalEvent.objects.get(proposal=proposal, to_status=Status.REJECTED)
    assert rejection.is_public is False
    assert rejection not in proposal_timeline_list(proposal=proposal)
    [told] = events(EventKind.PROPOSAL_STATUS_CHANGED, proposal)
    assert told.target == Proposal.objects.get(pk=proposal.pk)
    assert (told.data["from"], told.data["to"]) == ("submitted", "rejected")


def test_rejecting_twice_is_refused(moderator):
    proposal = waiting()
    proposal_reject(proposal=proposal, actor=moderator, reason=RejectionReason.SPAM)
    before = snapshot(proposal)
    with pytest.raises(InvalidTransition):
        proposal_reject(
            proposal=proposal, actor=ModeratorFactory(), reason=RejectionReason.OTHER, note="igen"
        )
    assert snapshot(proposal) == before
    assert Proposal.objects.get(pk=proposal.pk).rejection_reason == RejectionReason.SPAM


def test_a_published_proposal_cannot_be_rejected_only_hidden(moderator, team):
    # A stale triage tab must not reject what a colleague has just routed and published.
    proposal = routed(team)
    with pytest.raises(InvalidTransition) as caught:
        proposal_reject(proposal=proposal, actor=moderator, reason=RejectionReason.OFFENSIVE)
    assert caught.value.code == "already_triaged"
    proposal.refresh_from_db()
    assert proposal.status == Status.PUBLISHED
    assert audit("proposal.reject", proposal) == []


def test_merge_refuses_a_proposal_that_changed_since_the_moderator_saw_it(moderator, team):
    proposal = routed(team)
    target = ProposalFactory(status=Status.PUBLISHED)
    with pytest.raises(InvalidTransition) as caught:
        proposal_merge(
            proposal=proposal, into=target, actor=moderator, expected_status=Status.SUBMITTED
        )
    assert caught.value.code == "already_triaged"
    proposal.refresh_from_db()
    assert proposal.status == Status.PUBLISHED


# --- merge ---


def test_merge_moves_supports_and_follows_without_counting_anyone_twice(moderator):
    duplicate = waiting()
    target = ProposalFactory(status=Status.PUBLISHED)
    only_duplicate, both, only_target = UserFactory(), UserFactory(), UserFactory()
    for user in (only_duplicate, both):
        SupportFactory(proposal=duplicate, user=user)
        ProposalFollowFactory(proposal=duplicate, user=user)
    for user in (both, only_target):
        SupportFactory(proposal=target, user=user)
        ProposalFollowFactory(proposal=target, user=user)
    ProposalFollowFactory(proposal=duplicate, user=duplicate.author)

    proposal_merge(proposal=duplicate, into=target, actor=moderator, note="Samme idé")

    duplicate.refresh_from_db()
    target.refresh_from_db()
    assert (duplicate.status, duplicate.merged_into) == (Status.MERGED, target)
    assert set(Support.objects.filter(proposal=target).values_list("user_id", flat=True)) == {
        only_duplicate.pk,
        both.pk,
        only_target.pk,
    }
    assert Support.objects.filter(user=both).count() == 1
    assert target.support_count == 3
    assert duplicate.support_count == 0
    assert not Support.objects.filter(proposal=duplicate).exists()
    assert set(
        ProposalFollow.objects.filter(proposal=target).values_list("user_id", flat=True)
    ) == {
        only_duplicate.pk,
        both.pk,
        only_target.pk,
        duplicate.author_id,
    }
    assert ProposalFollow.objects.filter(user=both).count() == 1
    assert not ProposalFollow.objects.filter(proposal=duplicate).exists()

    [entry] = audit("proposal.merge", duplicate)
    assert entry.actor == moderator
    assert (entry.from_state, entry.to_state) == (Status.SUBMITTED, Status.MERGED)
    assert entry.reason == "Samme idé"
    assert (entry.data["into"], entry.data["into_title"]) == (target.pk, target.title)
    # Who moved, so that the merge can be undone exactly.
    assert entry.data["supports_moved"] == [only_duplicate.pk]
    assert entry.data["supports_both"] == [both.pk]
    assert entry.data["follows_moved"] == sorted([only_duplicate.pk, duplicate.author_id])
    assert entry.data["follows_both"] == [both.pk]


def test_merged_proposals_author_is_told_where_it_went(moderator):
    duplicate = waiting()
    target = ProposalFactory(status=Status.PUBLISHED)
    proposal_merge(proposal=duplicate, into=target, actor=moderator)

    [told] = events(EventKind.PROPOSAL_STATUS_CHANGED, duplicate)
    assert told.data["to"] == "merged"
    assert told.data["merged_into"] == target.pk
    assert told.target.author == duplicate.author


def test_merge_counts_stay_exact_after_supporters_come_and_go(moderator):
    duplicate = ProposalFactory(status=Status.PUBLISHED)
    target = ProposalFactory(status=Status.UNDER_REVIEW)
    users = [UserFactory() for _ in range(4)]
    for user in users[:3]:
        SupportFactory(proposal=duplicate, user=user)
    for user in users[1:]:
        SupportFactory(proposal=target, user=user)

    proposal_merge(proposal=duplicate, into=target, actor=moderator)

    target.refresh_from_db()
    assert target.support_count == Support.objects.filter(proposal=target).count() == 4


def test_merging_into_itself_is_refused(moderator):
    proposal = waiting()
    SupportFactory(proposal=proposal)
    before = snapshot(proposal)
    with pytest.raises(ValidationError) as caught:
        proposal_merge(proposal=proposal, into=proposal, actor=moderator)
    assert "into" in caught.value.message_dict
    assert snapshot(proposal) == before


@pytest.mark.parametrize(
    "target_status", [Status.MERGED, Status.REJECTED, Status.DRAFT, Status.SUBMITTED]
)
def test_merging_into_a_proposal_that_is_not_public_is_refused(moderator, target_status):
    duplicate = waiting()
    target = ProposalFactory(status=target_status)
    SupportFactory(proposal=duplicate)
    SupportFactory(proposal=target)
    before = (snapshot(duplicate), snapshot(target))

    with pytest.raises(ValidationError) as caught:
        proposal_merge(proposal=duplicate, into=target, actor=moderator)

    assert "into" in caught.value.message_dict
    assert (snapshot(duplicate), snapshot(target)) == before


@pytest.mark.parametrize("duplicate_status", [Status.REJECTED, Status.MERGED, Status.DRAFT])
def test_merging_a_proposal_that_cannot_be_merged_moves_nothing(moderator, duplicate_status):
    """The supports are moved before the status check: the transaction must undo them."""
    duplicate = ProposalFactory(status=duplicate_status)
    target = ProposalFactory(status=Status.PUBLISHED)
    SupportFactory(proposal=duplicate)
    ProposalFollowFactory(proposal=duplicate)
    before = (snapshot(duplicate), snapshot(target))

    with pytest.raises(InvalidTransition):
        proposal_merge(proposal=duplicate, into=target, actor=moderator)

    assert (snapshot(duplicate), snapshot(target)) == before


# --- re-route, under review, answer ---


def test_reroute_needs_a_note(team, other_team):
    proposal = routed(team)
    member = StaffFactory()
    before = snapshot(proposal)
    with pytest.raises(ValidationError) as caught:
        proposal_reroute(proposal=proposal, actor=member, team=other_team, note="  ")
    assert "note" in caught.value.message_dict
    assert snapshot(proposal) == before


def test_reroute_to_the_same_team_is_refused(team):
    proposal = routed(team)
    before = snapshot(proposal)
    with pytest.raises(ValidationError) as caught:
        proposal_reroute(proposal=proposal, actor=StaffFactory(), team=team, note="Til os selv")
    assert "team" in caught.value.message_dict
    assert snapshot(proposal) == before


def test_reroute_hands_the_proposal_to_another_team(team, other_team):
    proposal = routed(team, focus_area="klimahandlingsplan")
    old_routed_at = Proposal.objects.get(pk=proposal.pk).routed_at
    member = StaffFactory()

    proposal_reroute(proposal=proposal, actor=member, team=other_team, note="Det er natur")

    stored = Proposal.objects.get(pk=proposal.pk)
    assert stored.team == other_team
    assert stored.focus_area.slug == "klimahandlingsplan"  # unchanged without a focus area
    assert stored.routed_at is not None and stored.routed_at != old_routed_at
    assert stored.status == Status.PUBLISHED
    assert not RoutingDecision.objects.filter(proposal=proposal).exists()
    [entry] = audit("proposal.reroute", proposal)
    assert entry.actor == member
    assert (entry.from_state, entry.to_state) == ("klima-team", "natur-team")
    assert entry.reason == "Det er natur"
    [told] = events(EventKind.PROPOSAL_ROUTED, proposal)
    assert told.data == {
        "team": "natur-team",
        "team_name": stored.team.name,
        "focus_area": "klimahandlingsplan",
        "reroute": True,
    }


def test_reroute_with_a_new_focus_area_records_a_routing_decision(moderator, team, other_team):
    proposal = routed(team, focus_area="klimahandlingsplan")
    new_area = area("vild-natur")
    proposal.secondary_focus_areas.set([new_area, area("lavbundsjorde")])

    proposal_reroute(
        proposal=proposal, actor=moderator, team=other_team, focus_area=new_area, note="Natur"
    )

    stored = Proposal.objects.get(pk=proposal.pk)
    assert (stored.focus_area, stored.theme_id) == (new_area, new_area.theme_id)
    decision = RoutingDecision.objects.get(proposal=proposal)
    assert (decision.focus_area, decision.decided_by) == (new_area, moderator)
    assert audit("proposal.reroute", proposal)[0].data == {
        "focus_area": "vild-natur",
        "from_team_name": team.name,
        "team_name": other_team.name,
    }
    # The new primary focus area is not also a secondary one.
    assert set(stored.secondary_focus_areas.values_list("slug", flat=True)) == {"lavbundsjorde"}


def test_reroute_within_the_team_to_another_focus_area_is_allowed(team):
    proposal = routed(team, focus_area="klimahandlingsplan")
    proposal_reroute(
        proposal=proposal,
        actor=StaffFactory(),
        team=team,
        focus_area=area("klimapartnerskaber"),
        note="Hører under partnerskaber",
    )
    stored = Proposal.objects.get(pk=proposal.pk)
    assert (stored.team, stored.focus_area.slug) == (team, "klimapartnerskaber")


@pytest.mark.parametrize("status", [Status.SUBMITTED, Status.ANSWERED, Status.REJECTED])
def test_reroute_only_open_unanswered_proposals(team, other_team, status):
    proposal = ProposalFactory(status=status, team=team)
    before = snapshot(proposal)
    with pytest.raises(InvalidTransition):
        proposal_reroute(proposal=proposal, actor=StaffFactory(), team=other_team, note="Videre")
    assert snapshot(proposal) == before


def test_set_under_review(team):
    proposal = routed(team)
    member = StaffFactory()
    proposal_set_under_review(proposal=proposal, actor=member, note="Vi kigger på det")

    assert Proposal.objects.get(pk=proposal.pk).status == Status.UNDER_REVIEW
    [entry] = audit("proposal.under_review", proposal)
    assert (entry.actor, entry.from_state, entry.to_state) == (
        member,
        Status.PUBLISHED,
        Status.UNDER_REVIEW,
    )
    assert [e.to_status for e in proposal_timeline_list(proposal=proposal)] == [Status.UNDER_REVIEW]

    before = snapshot(proposal)
    with pytest.raises(InvalidTransition):
        proposal_set_under_review(proposal=proposal, actor=member)
    assert snapshot(proposal) == before


@pytest.mark.parametrize(
    ("outcome", "text", "field"),
    [("", "Svar", "outcome"), ("maybe", "Svar", "outcome"), (Outcome.ACCEPTED, "  ", "text")],
)
def test_answer_needs_an_outcome_and_a_text(team, outcome, text, field):
    proposal = routed(team)
    before = snapshot(proposal)
    with pytest.raises(ValidationError) as caught:
        proposal_answer(proposal=proposal, actor=StaffFactory(), outcome=outcome, text=text)
    assert field in caught.value.message_dict
    assert snapshot(proposal) == before


def test_answer_appears_on_the_public_timeline_and_may_be_followed_by_a_new_one(team):
    proposal = ProposalFactory(status=Status.UNDER_REVIEW, team=team)
    member = StaffFactory()

    proposal_answer(proposal=proposal, actor=member, outcome=Outcome.ACCEPTED, text=" Vi gør det. ")
    stored = Proposal.objects.get(pk=proposal.pk)
    assert (stored.status, stored.outcome, stored.answer_text) == (
        Status.ANSWERED,
        Outcome.ACCEPTED,
        "Vi gør det.",
    )
    first_answered_at = stored.answered_at
    assert first_answered_at is not None

    proposal_answer(
        proposal=proposal, actor=member, outcome=Outcome.IMPLEMENTED, text="Nu er det lavet."
    )
    stored = Proposal.objects.get(pk=proposal.pk)
    assert (stored.outcome, stored.answer_text) == (Outcome.IMPLEMENTED, "Nu er det lavet.")
    assert stored.answered_at > first_answered_at

    timeline = [
        (e.kind, e.to_status, e.note, e.is_public)
        for e in proposal_timeline_list(proposal=proposal)
    ]
    assert timeline == [
        (ProposalEvent.Kind.ANSWERED, Status.ANSWERED, "Vi gør det.", True),
        (ProposalEvent.Kind.ANSWERED, Status.ANSWERED, "Nu er det lavet.", True),
    ]
    entries = audit("proposal.answer", proposal)
    assert [(e.from_state, e.data["outcome"]) for e in entries] == [
        (Status.UNDER_REVIEW, Outcome.ACCEPTED),
        (Status.ANSWERED, Outcome.IMPLEMENTED),
    ]
    assert {e.actor for e in entries} == {member}
    changes = events(EventKind.PROPOSAL_STATUS_CHANGED, proposal)
    assert [e.data["outcome"] for e in changes] == [Outcome.ACCEPTED, Outcome.IMPLEMENTED]


@pytest.mark.parametrize("status", [Status.SUBMITTED, Status.REJECTED, Status.MERGED])
def test_answer_only_published_proposals(team, status):
    proposal = ProposalFactory(status=status, team=team)
    before = snapshot(proposal)
    with pytest.raises(InvalidTransition):
        proposal_answer(proposal=proposal, actor=StaffFactory(), outcome="accepted", text="Ja")
    assert snapshot(proposal) == before


# --- hide and restore ---


def _content(kind: str):
    if kind == "proposal":
        return ProposalFactory(status=Status.PUBLISHED)
    return CommentFactory()


def _model(kind: str):
    return Proposal if kind == "proposal" else Comment


def _report(kind: str, target, **kwargs) -> Report:
    if kind == "proposal":
        return ReportFactory(proposal=target, **kwargs)
    return ReportFactory(proposal=None, comment=target, **kwargs)


@pytest.mark.parametrize("kind", ["proposal", "comment"])
def test_hide_keeps_the_reason_resolves_reports_and_tells_the_author(moderator, kind):
    target = _content(kind)
    reports = [_report(kind, target), _report(kind, target)]
    old = _report(kind, target, resolved_by=None, resolution="restored")
    Report.objects.filter(pk=old.pk).update(resolved_at=old.created_at)

    content_hide(target=target, actor=moderator, reason="  Personangreb  ")

    stored = _model(kind).objects.get(pk=target.pk)
    assert stored.hidden_at is not None
    assert stored.is_hidden
    assert stored.hidden_reason == "Personangreb"
    for report in reports:
        report.refresh_from_db()
        assert report.resolved_at is not None
        assert (report.resolved_by, report.resolution) == (moderator, "hidden")
    old.refresh_from_db()
    assert (old.resolved_by, old.resolution) == (None, "restored")  # closed earlier: untouched

    [told] = events(EventKind.CONTENT_HIDDEN, target)
    assert told.target.author == target.author
    assert (told.actor, told.data) == (moderator, {"reason": "Personangreb"})
    [entry] = audit(f"{kind}.hide", target)
    assert entry.actor == moderator
    assert (entry.from_state, entry.to_state, entry.reason) == ("visible", "hidden", "Personangreb")


@pytest.mark.parametrize("kind", ["proposal", "comment"])
def test_hide_and_restore_need_a_reason(moderator, kind):
    target = _content(kind)
    with pytest.raises(ValidationError):
        content_hide(target=target, actor=moderator, reason=" ")
    assert _model(kind).objects.get(pk=target.pk).hidden_at is None
    content_hide(target=target, actor=moderator, reason="Spam")
    with pytest.raises(ValidationError):
        content_restore(target=target, actor=moderator, reason="")
    assert _model(kind).objects.get(pk=target.pk).hidden_at is not None
    assert AuditEntry.objects.count() == 1


@pytest.mark.parametrize("kind", ["proposal", "comment"])
def test_restore_shows_content_again_and_keeps_the_hiding_reason_in_the_trail(moderator, kind):
    target = _content(kind)
    content_hide(target=target, actor=moderator, reason="Ser ud som spam")
    later_report = _report(kind, target)
    restorer = ModeratorFactory()

    content_restore(target=target, actor=restorer, reason="Det var ikke spam")

    stored = _model(kind).objects.get(pk=target.pk)
    assert (stored.hidden_at, stored.hidden_reason) == (None, "")
    later_report.refresh_from_db()
    assert (later_report.resolved_by, later_report.resolution) == (restorer, "restored")
    [told] = events(EventKind.CONTENT_RESTORED, target)
    assert told.actor == restorer
    hide, restore = (
        audit(f"{kind}.hide", target)[0],
        audit(f"{kind}.restore", target)[0],
    )
    assert hide.reason == "Ser ud som spam"
    assert (restore.actor, restore.from_state, restore.to_state, restore.reason) == (
        restorer,
        "hidden",
        "visible",
        "Det var ikke spam",
    )


def test_restoring_visible_content_dismisses_its_reports_without_telling_the_author(moderator):
    proposal = ProposalFactory(status=Status.PUBLISHED)
    report = ReportFactory(proposal=proposal)
    content_restore(target=proposal, actor=moderator, reason="Intet galt")
    report.refresh_from_db()
    assert (report.resolved_by, report.resolution) == (moderator, "restored")
    assert events(EventKind.CONTENT_RESTORED, proposal) == []
    assert audit("proposal.restore", proposal)[0].from_state == "visible"


# --- hidden automatically after reports ---


def _report_through_service(kind: str, target) -> Report:
    target_kwargs = {"proposal": target} if kind == "proposal" else {"comment": target}
    return report_create(reporter=UserFactory(), reason=Report.Reason.OFFENSIVE, **target_kwargs)


@pytest.mark.parametrize("kind", ["proposal", "comment"])
def test_content_is_hidden_after_enough_different_reporters(moderator, kind):
    assert settings.REPORTS_HIDE_THRESHOLD == 3
    target = _content(kind)
    model = _model(kind)

    _report_through_service(kind, target)
    _report_through_service(kind, target)
    assert model.objects.get(pk=target.pk).hidden_at is None
    assert audit(f"{kind}.auto_hide", target) == []

    _report_through_service(kind, target)
    assert model.objects.get(pk=target.pk).hidden_at is not None
    [entry] = audit(f"{kind}.auto_hide", target)
    assert entry.actor is None
    assert (entry.from_state, entry.to_state, entry.data) == ("visible", "hidden", {"reporters": 3})

    # A moderator looks and restores: the old reports are closed, so it takes three new
    # reporters to hide it again.
    content_restore(target=target, actor=moderator, reason="I orden")
    _report_through_service(kind, target)
    _report_through_service(kind, target)
    assert model.objects.get(pk=target.pk).hidden_at is None
    _report_through_service(kind, target)
    assert model.objects.get(pk=target.pk).hidden_at is not None
    assert len(audit(f"{kind}.auto_hide", target)) == 2


def test_the_same_reporter_cannot_count_twice():
    proposal = ProposalFactory(status=Status.PUBLISHED)
    reporter = UserFactory()
    report_create(reporter=reporter, proposal=proposal, reason=Report.Reason.SPAM)
    report_create(reporter=UserFactory(), proposal=proposal, reason=Report.Reason.SPAM)
    with pytest.raises(ValidationError):
        report_create(reporter=reporter, proposal=proposal, reason=Report.Reason.OFFENSIVE)
    assert Proposal.objects.get(pk=proposal.pk).hidden_at is None


def test_hide_threshold_comes_from_settings(settings):
    settings.REPORTS_HIDE_THRESHOLD = 2
    proposal = ProposalFactory(status=Status.PUBLISHED)
    _report_through_service("proposal", proposal)
    assert Proposal.objects.get(pk=proposal.pk).hidden_at is None
    _report_through_service("proposal", proposal)
    assert Proposal.objects.get(pk=proposal.pk).hidden_at is not None


def test_content_a_moderator_already_hid_is_not_hidden_again_automatically(moderator):
    proposal = ProposalFactory(status=Status.PUBLISHED)
    content_hide(target=proposal, actor=moderator, reason="Grov tone")
    hidden_at = Proposal.objects.get(pk=proposal.pk).hidden_at
    for _ in range(3):
        _report_through_service("proposal", proposal)
    stored = Proposal.objects.get(pk=proposal.pk)
    assert (stored.hidden_at, stored.hidden_reason) == (hidden_at, "Grov tone")
    assert audit("proposal.auto_hide", proposal) == []


# --- two moderators at once ---


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks need PostgreSQL (SQLite locks the file)"
)
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("taxonomy")
def test_two_moderators_routing_at_once_only_one_succeeds():
    team = TeamFactory(focus_areas=["klimahandlingsplan", "vild-natur"])
    proposal = waiting()
    moderators = [ModeratorFactory(), ModeratorFactory()]
    areas = [area("klimahandlingsplan"), area("vild-natur")]
    start = threading.Barrier(2)
    outcomes: list[object] = [None, None]

    def act(index: int) -> None:
        try:
            copy = Proposal.objects.get(pk=proposal.pk)
            start.wait(5)
            proposal_route(proposal=copy, actor=moderators[index], focus_area=areas[index])
            outcomes[index] = "ok"
        except Exception as exc:
            outcomes[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=act, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(15)

    assert outcomes.count("ok") == 1, outcomes
    winner = outcomes.index("ok")
    loser = outcomes[1 - winner]
    assert isinstance(loser, InvalidTransition) and loser.code == "already_triaged"
    stored = Proposal.objects.get(pk=proposal.pk)
    assert (stored.status, stored.focus_area, stored.team) == (
        Status.PUBLISHED,
        areas[winner],
        team,
    )
    assert list(RoutingDecision.objects.values_list("decided_by", flat=True)) == [
        moderators[winner].pk
    ]
    assert list(AuditEntry.objects.values_list("actor", flat=True)) == [moderators[winner].pk]
