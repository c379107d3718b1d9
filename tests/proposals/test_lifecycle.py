"""The proposal lifecycle: which status may follow which, on paper and on real rows."""

import itertools
import threading
import time

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import translation

from notifications.models import Event
from proposals.lifecycle import (
    OPEN_STATUSES,
    PUBLIC_STATUSES,
    TRANSITIONS,
    InvalidTransition,
    Outcome,
    Status,
    label_of,
    transition_check,
)
from proposals.models import Proposal, ProposalEvent
from proposals.notifications import EventKind
from proposals.services import proposal_transition
from tests.factories import ModeratorFactory
from tests.proposals.factories import ProposalFactory

# Written out by hand: a change to TRANSITIONS has to change this list too.
ALLOWED = {
    (Status.DRAFT, Status.SUBMITTED),
    (Status.SUBMITTED, Status.PUBLISHED),
    (Status.SUBMITTED, Status.REJECTED),
    (Status.SUBMITTED, Status.MERGED),
    (Status.PUBLISHED, Status.UNDER_REVIEW),
    (Status.PUBLISHED, Status.ANSWERED),
    (Status.PUBLISHED, Status.REJECTED),
    (Status.PUBLISHED, Status.MERGED),
    (Status.UNDER_REVIEW, Status.ANSWERED),
    (Status.UNDER_REVIEW, Status.MERGED),
    (Status.UNDER_REVIEW, Status.PUBLISHED),
    (Status.ANSWERED, Status.ANSWERED),
}
ALL_PAIRS = list(itertools.product(Status, Status))
FORBIDDEN = [pair for pair in ALL_PAIRS if pair not in ALLOWED]
SNAPSHOT_FIELDS = [
    "status",
    "outcome",
    "merged_into_id",
    "updated_at",
    "submitted_at",
    "published_at",
    "answered_at",
]


def _snapshot(proposal: Proposal) -> dict:
    proposal = Proposal.objects.get(pk=proposal.pk)
    return {field: getattr(proposal, field) for field in SNAPSHOT_FIELDS}


def _extra(target: Status) -> dict:
    if target == Status.ANSWERED:
        return {"outcome": Outcome.IMPLEMENTED}
    if target == Status.MERGED:
        return {"merged_into": ProposalFactory(status=Status.PUBLISHED)}
    return {}


def test_transition_table_is_exactly_the_documented_one():
    table = {(current, target) for current, targets in TRANSITIONS.items() for target in targets}
    assert table == ALLOWED
    assert set(TRANSITIONS) == set(Status)


def test_status_groups():
    public = {Status.PUBLISHED, Status.UNDER_REVIEW, Status.ANSWERED, Status.MERGED}
    open_ = {Status.PUBLISHED, Status.UNDER_REVIEW, Status.ANSWERED}
    assert public == PUBLIC_STATUSES
    assert open_ == OPEN_STATUSES


@pytest.mark.parametrize(("current", "target"), ALL_PAIRS, ids=lambda s: str(s))
def test_transition_check_matrix(current, target):
    if (current, target) in ALLOWED:
        transition_check(current=current, target=target)
    else:
        with pytest.raises(InvalidTransition):
            transition_check(current=current, target=target)


def test_invalid_transition_message_is_readable():
    with pytest.raises(InvalidTransition) as excinfo:
        transition_check(current=Status.DRAFT, target=Status.ANSWERED)
    assert excinfo.value.code == "invalid_transition"
    with translation.override("en"):
        assert excinfo.value.messages == ["A proposal that is “Draft” cannot become “Answered”."]
    with translation.override("da"):
        message = excinfo.value.messages[0]
        assert message == "Et forslag med status “Kladde” kan ikke få status “Besvaret”."
        assert "%(" not in message


@pytest.mark.django_db
@pytest.mark.parametrize(("current", "target"), sorted(ALLOWED), ids=lambda s: str(s))
def test_allowed_transition_on_a_real_row(current, target):
    proposal = ProposalFactory(status=current)
    moderator = ModeratorFactory()
    extra = _extra(target)
    before = _snapshot(proposal)
    events_before = ProposalEvent.objects.filter(proposal=proposal).count()

    result = proposal_transition(
        proposal=proposal, target=target, actor=moderator, note="Fordi.", **extra
    )

    stored = Proposal.objects.get(pk=proposal.pk)
    assert result.status == stored.status == target
    assert stored.updated_at > before["updated_at"]
    assert stored.outcome == (Outcome.IMPLEMENTED if target == Status.ANSWERED else "")
    if target == Status.MERGED:
        assert stored.merged_into == extra["merged_into"]
    else:
        assert stored.merged_into_id is None
    if target == Status.SUBMITTED:
        assert stored.submitted_at is not None and before["submitted_at"] is None
    if target == Status.PUBLISHED and before["published_at"] is None:
        assert stored.published_at is not None
    if target == Status.PUBLISHED and before["published_at"] is not None:
        # Back from review: the proposal keeps its first publication date.
        assert stored.published_at == before["published_at"]
    if target == Status.ANSWERED:
        assert stored.answered_at is not None and stored.answered_at != before["answered_at"]
    else:
        assert stored.answered_at == before["answered_at"]

    events = ProposalEvent.objects.filter(proposal=proposal).order_by("pk")
    assert events.count() == events_before + 1
    event = events.last()
    assert (event.from_status, event.to_status) == (current, target)
    assert event.actor == moderator
    assert event.note == "Fordi."
    assert event.kind == (
        ProposalEvent.Kind.ANSWERED
        if target == Status.ANSWERED
        else ProposalEvent.Kind.STATUS_CHANGED
    )
    notified = Event.objects.filter(kind=EventKind.PROPOSAL_STATUS_CHANGED, target_id=proposal.pk)
    # Leaving a draft is the author's own act: nobody follows a draft yet.
    assert notified.count() == (0 if current == Status.DRAFT else 1)


@pytest.mark.django_db
@pytest.mark.parametrize(("current", "target"), FORBIDDEN, ids=lambda s: str(s))
def test_forbidden_transition_on_a_real_row_changes_nothing(current, target):
    proposal = ProposalFactory(status=current)
    extra = _extra(target)
    before = _snapshot(proposal)
    timeline_before = ProposalEvent.objects.count()
    events_before = Event.objects.count()

    with pytest.raises(InvalidTransition) as excinfo:
        proposal_transition(proposal=proposal, target=target, actor=ModeratorFactory(), **extra)

    with translation.override("en"):
        assert excinfo.value.messages == [
            f"A proposal that is “{Status(current).label}” cannot become “{Status(target).label}”."
        ]
    assert _snapshot(proposal) == before
    assert ProposalEvent.objects.count() == timeline_before
    assert Event.objects.count() == events_before


@pytest.mark.django_db
@pytest.mark.parametrize("outcome", ["", "maybe"])
def test_answer_needs_a_valid_outcome(outcome):
    proposal = ProposalFactory(status=Status.UNDER_REVIEW)
    before = _snapshot(proposal)
    with pytest.raises(ValidationError) as excinfo:
        proposal_transition(proposal=proposal, target=Status.ANSWERED, actor=None, outcome=outcome)
    assert excinfo.value.code == "outcome_required"
    assert _snapshot(proposal) == before
    assert not ProposalEvent.objects.filter(proposal=proposal).exists()


@pytest.mark.django_db
def test_a_new_answer_may_follow_an_old_one():
    proposal = ProposalFactory(status=Status.ANSWERED, outcome=Outcome.ACCEPTED)
    proposal_transition(
        proposal=proposal, target=Status.ANSWERED, actor=None, outcome=Outcome.IN_PROGRESS
    )
    proposal_transition(
        proposal=proposal, target=Status.ANSWERED, actor=None, outcome=Outcome.IMPLEMENTED
    )
    proposal.refresh_from_db()
    assert proposal.outcome == Outcome.IMPLEMENTED
    assert list(ProposalEvent.objects.filter(proposal=proposal).values_list("kind", flat=True)) == [
        ProposalEvent.Kind.ANSWERED,
        ProposalEvent.Kind.ANSWERED,
    ]


@pytest.mark.django_db
def test_leaving_answered_clears_the_outcome_is_impossible():
    proposal = ProposalFactory(status=Status.ANSWERED)
    with pytest.raises(InvalidTransition):
        proposal_transition(proposal=proposal, target=Status.PUBLISHED, actor=None)
    proposal.refresh_from_db()
    assert proposal.outcome == Outcome.ACCEPTED


@pytest.mark.django_db
def test_merge_needs_a_target():
    proposal = ProposalFactory(status=Status.PUBLISHED)
    before = _snapshot(proposal)
    with pytest.raises(ValidationError) as excinfo:
        proposal_transition(proposal=proposal, target=Status.MERGED, actor=None)
    assert "merged_into" in excinfo.value.message_dict
    with pytest.raises(ValidationError) as excinfo:
        proposal_transition(
            proposal=proposal, target=Status.MERGED, actor=None, merged_into=proposal
        )
    assert "merged_into" in excinfo.value.message_dict
    assert _snapshot(proposal) == before
    assert not ProposalEvent.objects.filter(proposal=proposal).exists()


@pytest.mark.django_db
def test_database_refuses_merged_without_target():
    proposal = ProposalFactory(status=Status.PUBLISHED)
    with pytest.raises(IntegrityError), transaction.atomic():
        Proposal.objects.filter(pk=proposal.pk).update(status=Status.MERGED)
    other = ProposalFactory(status=Status.PUBLISHED)
    with pytest.raises(IntegrityError), transaction.atomic():
        Proposal.objects.filter(pk=proposal.pk).update(merged_into=other)


@pytest.mark.django_db
def test_database_refuses_answered_without_outcome():
    proposal = ProposalFactory(status=Status.PUBLISHED)
    with pytest.raises(IntegrityError), transaction.atomic():
        Proposal.objects.filter(pk=proposal.pk).update(status=Status.ANSWERED)
    with pytest.raises(IntegrityError), transaction.atomic():
        Proposal.objects.filter(pk=proposal.pk).update(outcome=Outcome.ACCEPTED)


@pytest.mark.django_db
def test_stale_copy_cannot_transition_twice():
    """Two moderators open the same proposal; the second acts on what is now stale."""
    created = ProposalFactory(status=Status.SUBMITTED)
    first = Proposal.objects.get(pk=created.pk)
    second = Proposal.objects.get(pk=created.pk)

    proposal_transition(proposal=first, target=Status.PUBLISHED, actor=ModeratorFactory())
    assert second.status == Status.SUBMITTED  # the stale copy still believes it may publish
    with pytest.raises(InvalidTransition):
        proposal_transition(proposal=second, target=Status.PUBLISHED, actor=ModeratorFactory())

    stored = Proposal.objects.get(pk=created.pk)
    assert stored.status == Status.PUBLISHED
    assert ProposalEvent.objects.filter(proposal=stored).count() == 1


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks need PostgreSQL (SQLite locks the file)"
)
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("taxonomy")
def test_concurrent_transitions_wait_for_the_lock():
    """The second moderator's transaction waits for the first, then sees the new status."""
    proposal = ProposalFactory(status=Status.SUBMITTED, focus_area=None)
    moderators = [ModeratorFactory(), ModeratorFactory()]
    first_locked = threading.Event()
    outcomes: dict[str, object] = {}

    def first() -> None:
        try:
            with transaction.atomic():
                proposal_transition(proposal=proposal, target=Status.PUBLISHED, actor=moderators[0])
                first_locked.set()
                time.sleep(0.5)  # hold the row lock while the second tries
            outcomes["first"] = "ok"
        except Exception as exc:  # pragma: no cover - reported below
            outcomes["first"] = exc
        finally:
            first_locked.set()
            connection.close()

    def second() -> None:
        first_locked.wait(5)
        outcomes["second_started_at"] = time.monotonic()
        try:
            proposal_transition(proposal=proposal, target=Status.PUBLISHED, actor=moderators[1])
            outcomes["second"] = "ok"
        except Exception as exc:
            outcomes["second"] = exc
            outcomes["second_failed_at"] = time.monotonic()
        finally:
            connection.close()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)

    assert outcomes["first"] == "ok"
    assert isinstance(outcomes["second"], InvalidTransition)
    # It waited for the first transaction (which held the lock for 0.5 s) before failing.
    assert outcomes["second_failed_at"] - outcomes["second_started_at"] >= 0.3
    stored = Proposal.objects.get(pk=proposal.pk)
    assert stored.status == Status.PUBLISHED
    assert list(ProposalEvent.objects.filter(proposal=stored).values_list("actor", flat=True)) == [
        moderators[0].pk
    ]


def test_transition_allowed_says_what_transition_check_refuses():
    from proposals.lifecycle import InvalidTransition, transition_allowed, transition_check

    for current in Status:
        for target in Status:
            try:
                transition_check(current=current, target=target)
            except InvalidTransition:
                assert not transition_allowed(current=current, target=target)
            else:
                assert transition_allowed(current=current, target=target)


def test_choice_labels_are_what_get_display_gave():
    with translation.override("da"):
        for status in Status:
            assert Proposal(status=status).get_status_display() == str(status.label)
            assert ProposalEvent(to_status=status).get_to_status_display() == str(status.label)
        assert (
            Proposal(outcome=Outcome.NOT_FEASIBLE).get_outcome_display() == "Kan ikke gennemføres"
        )
    # Blank and unknown values show as they are, as Django's get_FOO_display does.
    assert Proposal(outcome="").get_outcome_display() == ""
    assert label_of(Status, "archived") == "archived"
