"""Reads for moderators and teams: queues, the report workspace, hidden content, access."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from engage.taxonomy.choices import taxonomy_kept_get
from engage.taxonomy.models import Team
from proposals.lifecycle import Status
from proposals.models import Proposal
from proposals.selectors.moderation import (
    TriageFilters,
    hidden_content_list,
    proposal_get_for_moderation,
    proposal_get_for_team,
    proposals_taxonomy_attach,
    report_workspace_list,
    service_target_cutoff_get,
    team_get_for_member,
    team_queue_list,
    triage_queue_list,
    user_team_ids,
)
from proposals.selectors.page import proposal_get_visible
from proposals.selectors.public import (
    ProposalFilters,
    comment_get_visible,
    proposal_list_public,
    proposal_list_similar,
)
from tests.factories import AdminFactory, ModeratorFactory, StaffFactory, UserFactory
from tests.proposals.factories import (
    CommentFactory,
    ProposalFactory,
    ReportFactory,
    TeamFactory,
)

pytestmark = pytest.mark.django_db

CPH = ZoneInfo("Europe/Copenhagen")
# A Monday with no public holiday in the five working days before it.
MONDAY = datetime(2025, 3, 10, 10, 0, tzinfo=CPH)


def pks(rows) -> list[int]:
    return [row.pk for row in rows]


def freeze(monkeypatch, moment: datetime) -> None:
    monkeypatch.setattr(timezone, "now", lambda: moment)


def waiting(submitted_at: datetime, **kwargs) -> Proposal:
    return ProposalFactory(status=Status.SUBMITTED, submitted_at=submitted_at, **kwargs)


def queue(**filters) -> list[int]:
    return pks(triage_queue_list(filters=TriageFilters(**filters)))


# --- triage queue ---


def test_triage_queue_holds_waiting_proposals_oldest_first():
    now = timezone.now()
    newest = waiting(now - timedelta(hours=1))
    oldest = waiting(now - timedelta(days=3))
    middle = waiting(now - timedelta(days=1))
    for status in (Status.DRAFT, Status.PUBLISHED, Status.REJECTED, Status.MERGED):
        ProposalFactory(status=status)
    assert queue() == [oldest.pk, middle.pk, newest.pk]


def test_triage_queue_filters_by_theme_and_suggested_focus_area():
    now = timezone.now()
    climate = waiting(now - timedelta(days=2), focus_area="klimahandlingsplan")
    waste = waiting(
        now - timedelta(days=1), focus_area="mindre-spild", suggested_focus_area="vild-natur"
    )
    unclassified = waiting(now, focus_area=None, suggested_focus_area="vild-natur")

    assert queue(theme="klima") == [climate.pk]
    assert queue(theme="ressourcer") == [waste.pk]
    assert queue(suggested_focus_area="vild-natur") == [waste.pk, unclassified.pk]
    assert queue(theme="ressourcer", suggested_focus_area="vild-natur") == [waste.pk]
    assert queue(suggested_focus_area="truede-arter") == []


def test_overdue_counts_working_days(monkeypatch, settings):
    settings.PROPOSALS_SERVICE_TARGET_WORKING_DAYS = 5
    freeze(monkeypatch, MONDAY)
    # Five working days before Monday 10 March 10:00 is Monday 3 March 10:00.
    assert service_target_cutoff_get() == datetime(2025, 3, 3, 10, 0, tzinfo=CPH)
    late_friday = waiting(datetime(2025, 2, 28, 15, 0, tzinfo=CPH))
    just_late = waiting(datetime(2025, 3, 3, 9, 59, tzinfo=CPH))
    just_in_time = waiting(datetime(2025, 3, 3, 10, 1, tzinfo=CPH))
    recent = waiting(datetime(2025, 3, 7, 16, 0, tzinfo=CPH))

    assert queue(overdue=True) == [late_friday.pk, just_late.pk]
    assert queue() == [late_friday.pk, just_late.pk, just_in_time.pk, recent.pk]


def test_overdue_skips_easter(monkeypatch):
    # Tuesday after Easter 2025: Skærtorsdag, Langfredag and 2. påskedag do not count.
    freeze(monkeypatch, datetime(2025, 4, 22, 10, 0, tzinfo=CPH))
    assert service_target_cutoff_get() == datetime(2025, 4, 10, 10, 0, tzinfo=CPH)
    eleven_calendar_days = waiting(datetime(2025, 4, 11, 9, 0, tzinfo=CPH))
    twelve_calendar_days = waiting(datetime(2025, 4, 10, 9, 0, tzinfo=CPH))
    assert queue(overdue=True) == [twelve_calendar_days.pk]
    assert eleven_calendar_days.pk in queue()


def test_service_target_comes_from_settings(monkeypatch, settings):
    freeze(monkeypatch, MONDAY)
    settings.PROPOSALS_SERVICE_TARGET_WORKING_DAYS = 1
    assert service_target_cutoff_get() == datetime(2025, 3, 7, 10, 0, tzinfo=CPH)


def _triage_queries(count: int) -> int:
    Proposal.objects.filter(status=Status.SUBMITTED).delete()
    slugs = ["klimahandlingsplan", "vild-natur", "mindre-spild", None]
    for i in range(count):
        waiting(timezone.now() - timedelta(hours=i), focus_area=slugs[i % len(slugs)])
    taxonomy_kept_get()  # kept by the process from now on
    with CaptureQueriesContext(connection) as context:
        rows = proposals_taxonomy_attach(proposals=triage_queue_list(filters=TriageFilters()))
        for row in rows:
            str(row.author_name)
            str(row.theme.name if row.theme else "")
            str(row.focus_area.name if row.focus_area else "")
            str(row.suggestions)
    assert len(rows) == count
    return len(context.captured_queries)


def test_triage_queue_runs_a_constant_number_of_queries():
    assert _triage_queries(3) == _triage_queries(30) == 1


# --- team queues ---


def test_team_queue_holds_the_teams_open_proposals_longest_waiting_first():
    team, other = TeamFactory(), TeamFactory()
    now = timezone.now()
    late = ProposalFactory(status=Status.UNDER_REVIEW, team=team, routed_at=now - timedelta(days=9))
    fresh = ProposalFactory(status=Status.PUBLISHED, team=team, routed_at=now)
    answered = ProposalFactory(
        status=Status.ANSWERED, team=team, routed_at=now - timedelta(days=20)
    )
    ProposalFactory(status=Status.PUBLISHED, team=other, routed_at=now)
    ProposalFactory(status=Status.REJECTED, team=team, routed_at=now)
    ProposalFactory(status=Status.MERGED, team=team, routed_at=now)
    ProposalFactory(status=Status.PUBLISHED, team=None)

    assert pks(team_queue_list(team=team)) == [late.pk, fresh.pk]
    assert pks(team_queue_list(team=team, include_answered=True)) == [
        answered.pk,
        late.pk,
        fresh.pk,
    ]


def _team_queries(team: Team, count: int) -> int:
    Proposal.objects.filter(team=team).delete()
    for i, slug in zip(range(count), ["klimahandlingsplan", "vild-natur"] * count, strict=False):
        ProposalFactory(
            status=[Status.PUBLISHED, Status.UNDER_REVIEW, Status.ANSWERED][i % 3],
            team=team,
            focus_area=slug,
            routed_at=timezone.now() - timedelta(hours=i),
        )
    taxonomy_kept_get()  # kept by the process from now on
    with CaptureQueriesContext(connection) as context:
        rows = proposals_taxonomy_attach(
            proposals=team_queue_list(team=team, include_answered=True)
        )
        for row in rows:
            str(row.author.public_name), str(row.theme.name), str(row.focus_area.name)
            str(row.team.name)
    assert len(rows) == count
    return len(context.captured_queries)


def test_team_queue_runs_a_constant_number_of_queries():
    team = TeamFactory()
    assert _team_queries(team, 3) == _team_queries(team, 30) == 1


def test_team_get_for_member():
    member, outsider = StaffFactory(), StaffFactory()
    team = TeamFactory(slug="vej-og-park", members=[member])
    TeamFactory(members=[outsider])

    assert team_get_for_member(slug="vej-og-park", user=member) == team
    assert team_get_for_member(slug="vej-og-park", user=AdminFactory()) == team
    for user in (outsider, ModeratorFactory(), UserFactory(), AnonymousUser()):
        with pytest.raises(PermissionDenied):
            team_get_for_member(slug="vej-og-park", user=user)
    with pytest.raises(Team.DoesNotExist):
        team_get_for_member(slug="findes-ikke", user=member)


def test_user_team_ids():
    member = StaffFactory()
    first, second = TeamFactory(members=[member]), TeamFactory(members=[member])
    TeamFactory()
    assert user_team_ids(user=member) == {first.pk, second.pk}
    assert user_team_ids(user=UserFactory()) == set()
    assert user_team_ids(user=AnonymousUser()) == set()


# --- access checks ---


def test_proposal_get_for_team_is_for_the_routed_team_and_admins():
    member, other_member = StaffFactory(), StaffFactory()
    team = TeamFactory(members=[member])
    TeamFactory(members=[other_member])
    proposal = ProposalFactory(status=Status.PUBLISHED, team=team)

    assert proposal_get_for_team(pk=proposal.pk, user=member) == proposal
    assert proposal_get_for_team(pk=proposal.pk, user=AdminFactory()) == proposal
    for user in (other_member, ModeratorFactory(), proposal.author, UserFactory(), AnonymousUser()):
        with pytest.raises(PermissionDenied):
            proposal_get_for_team(pk=proposal.pk, user=user)

    unrouted = ProposalFactory(status=Status.PUBLISHED, team=None)
    with pytest.raises(PermissionDenied):
        proposal_get_for_team(pk=unrouted.pk, user=member)
    with pytest.raises(Proposal.DoesNotExist):
        proposal_get_for_team(pk=unrouted.pk + 1000, user=member)


def test_proposal_get_for_moderation_is_for_moderators_and_admins():
    member = StaffFactory()
    team = TeamFactory(members=[member])
    proposal = ProposalFactory(status=Status.SUBMITTED, team=team)

    for user in (ModeratorFactory(), AdminFactory()):
        assert proposal_get_for_moderation(pk=proposal.pk, user=user) == proposal
    for user in (member, proposal.author, UserFactory(), AnonymousUser()):
        with pytest.raises(PermissionDenied):
            proposal_get_for_moderation(pk=proposal.pk, user=user)


# --- the report workspace ---


def test_report_workspace_groups_open_reports_most_reported_first(django_assert_num_queries):
    once = ProposalFactory(status=Status.PUBLISHED)
    thrice = ProposalFactory(status=Status.PUBLISHED)
    comment = CommentFactory()
    ReportFactory(proposal=once)
    for _ in range(3):
        ReportFactory(proposal=thrice)
    twice = [ReportFactory(proposal=None, comment=comment) for _ in range(2)]
    closed = ProposalFactory(status=Status.PUBLISHED)
    for _ in range(4):
        ReportFactory(proposal=closed, resolved_at=timezone.now(), resolution="restored")

    # The groups, then their reports with what they are about.
    with django_assert_num_queries(2):
        items = list(report_workspace_list())
        summary = [
            (
                item.kind,
                item.target.pk,
                item.reporter_count,
                str(item.target.author.public_name),
                [report.reporter_id for report in item.reports],
            )
            for item in items
        ]
        comment_proposals = [item.target.proposal.pk for item in items if item.kind == "comment"]

    assert [(kind, pk, count) for kind, pk, count, _a, _r in summary] == [
        ("proposal", thrice.pk, 3),
        ("comment", comment.pk, 2),
        ("proposal", once.pk, 1),
    ]
    assert pks(items[1].reports) == pks(twice)
    assert comment_proposals == [comment.proposal_id]


def test_report_workspace_counts_reporters_not_reports():
    # A comment and its proposal are separate items even when the same people report both.
    comment = CommentFactory()
    reporters = [UserFactory(), UserFactory()]
    for reporter in reporters:
        ReportFactory(proposal=comment.proposal, reporter=reporter)
        ReportFactory(proposal=None, comment=comment, reporter=reporter)
    items = report_workspace_list()
    assert sorted((item.kind, item.reporter_count) for item in items) == [
        ("comment", 2),
        ("proposal", 2),
    ]


# --- hidden content ---


def _hidden_proposal(**kwargs) -> Proposal:
    return ProposalFactory(
        status=Status.PUBLISHED,
        title="Skjulte cykelstier",
        hidden_at=timezone.now(),
        hidden_reason="Spam",
        **kwargs,
    )


def test_hidden_proposals_leave_the_public_lists():
    visible = ProposalFactory(status=Status.PUBLISHED, title="Synlige cykelstier")
    hidden = _hidden_proposal()
    public = pks(proposal_list_public(filters=ProposalFilters()))
    assert visible.pk in public and hidden.pk not in public
    searched = pks(proposal_list_public(filters=ProposalFilters(q="cykelstier")))
    assert searched == [visible.pk]
    assert pks(proposal_list_similar(text="cykelstier")) == [visible.pk]


def test_only_the_author_and_moderators_open_a_hidden_proposal():
    hidden = _hidden_proposal()
    for user in (hidden.author, ModeratorFactory(), AdminFactory()):
        assert proposal_get_visible(pk=hidden.pk, user=user).is_hidden
    for user in (None, AnonymousUser(), UserFactory()):
        with pytest.raises(Proposal.DoesNotExist):
            proposal_get_visible(pk=hidden.pk, user=user)


def test_comments_on_a_hidden_proposal_are_hidden_too():
    comment = CommentFactory(proposal=_hidden_proposal())
    for user in (comment.proposal.author, ModeratorFactory()):
        assert comment_get_visible(pk=comment.pk, user=user) == comment
    for user in (None, comment.author, UserFactory()):
        with pytest.raises(type(comment).DoesNotExist):
            comment_get_visible(pk=comment.pk, user=user)


def test_hidden_content_lists_everything_hidden_newest_first():
    older = _hidden_proposal()
    Proposal.objects.filter(pk=older.pk).update(hidden_at=timezone.now() - timedelta(hours=2))
    newer = _hidden_proposal()
    ProposalFactory(status=Status.PUBLISHED)
    hidden_comment = CommentFactory(hidden_at=timezone.now(), hidden_reason="Grovt")
    CommentFactory()

    proposals, comments = hidden_content_list()
    assert pks(proposals) == [newer.pk, older.pk]
    assert pks(comments) == [hidden_comment.pk]
