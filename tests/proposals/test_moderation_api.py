"""The moderation, team and audit REST API under /api/v1/ (issue 4), and routing suggestions.

Every write is checked in the database: status and routing fields, the routing decision,
the audit entry (who, from, to, why) and the notification events. Bad input, conflicts
and refusals are checked to change nothing at all.
"""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from rest_framework.test import APIClient
from rest_framework.throttling import ScopedRateThrottle

from engage.audit.models import AuditEntry
from engage.workdays import working_days_before, working_days_between
from notifications.models import Event
from proposals.lifecycle import Outcome, Status
from proposals.models import (
    Comment,
    Proposal,
    ProposalEvent,
    ProposalFollow,
    Report,
    RoutingDecision,
    Support,
)
from proposals.notifications import EventKind
from proposals.routing import suggester_reset
from proposals.services import report_create
from tests.factories import AdminFactory, ModeratorFactory, StaffFactory, UserFactory, give_totp
from tests.proposals.factories import (
    CommentFactory,
    ProposalFactory,
    ProposalFollowFactory,
    ReportFactory,
    SupportFactory,
    TeamFactory,
    focus_area_get,
)

pytestmark = pytest.mark.django_db

API = "/api/v1"


@pytest.fixture(autouse=True)
def _isolated():
    """Throttle counters live in the cache; the suggester caches the stored model."""
    from django.core.cache import cache

    cache.clear()
    suggester_reset()
    yield
    cache.clear()
    suggester_reset()


def client_for(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_login(user)
    return client


def with_totp(user):
    give_totp(user, recovery_codes=False)  # staff without MFA are refused before any view
    return user


@pytest.fixture
def moderator():
    return with_totp(ModeratorFactory())


@pytest.fixture
def admin_user():
    return with_totp(AdminFactory())


@pytest.fixture
def member():
    """Staff on the climate team (the routed team in these tests)."""
    return with_totp(StaffFactory())


@pytest.fixture
def other_member():
    """Staff on the nature team."""
    return with_totp(StaffFactory())


@pytest.fixture
def teams(member, other_member):
    climate = TeamFactory(
        slug="klimateam", name="Klimateamet", members=[member], focus_areas=["klimahandlingsplan"]
    )
    nature = TeamFactory(
        slug="naturteam", name="Naturteamet", members=[other_member], focus_areas=["truede-arter"]
    )
    return climate, nature


def submitted(**kwargs) -> Proposal:
    kwargs.setdefault("focus_area", None)
    return ProposalFactory(status=Status.SUBMITTED, **kwargs)


def routed(team, **kwargs) -> Proposal:
    kwargs.setdefault("routed_at", timezone.now() - timedelta(hours=2))
    return ProposalFactory(team=team, **kwargs)


def post(client, url: str, body=None):
    return client.post(f"{API}{url}", body or {}, format="json")


def state() -> dict:
    """Everything a moderation request may change, to check that a refused one did not."""
    fields = [
        "pk",
        "status",
        "outcome",
        "team_id",
        "focus_area_id",
        "theme_id",
        "routed_at",
        "rejection_reason",
        "merged_into_id",
        "answer_text",
        "hidden_at",
        "hidden_reason",
        "support_count",
        "published_at",
        "answered_at",
    ]
    return {
        "proposals": list(Proposal.objects.order_by("pk").values_list(*fields)),
        "secondary": sorted(
            Proposal.secondary_focus_areas.through.objects.values_list(
                "proposal_id", "focusarea_id"
            )
        ),
        "comments": list(Comment.objects.order_by("pk").values_list("pk", "hidden_at")),
        "reports": list(Report.objects.order_by("pk").values_list("pk", "resolved_at")),
        "supports": sorted(Support.objects.values_list("proposal_id", "user_id")),
        "follows": sorted(ProposalFollow.objects.values_list("proposal_id", "user_id")),
        "decisions": RoutingDecision.objects.count(),
        "audit": AuditEntry.objects.count(),
        "events": Event.objects.count(),
        "timeline": ProposalEvent.objects.count(),
    }


def audit_of(proposal_or_comment, action: str) -> AuditEntry:
    return AuditEntry.objects.get(
        action=action,
        target_id=proposal_or_comment.pk,
        target_type__model=proposal_or_comment._meta.model_name,
    )


def event_kinds(target) -> list[str]:
    return sorted(
        Event.objects.filter(
            target_id=target.pk, target_type__model=target._meta.model_name
        ).values_list("kind", flat=True)
    )


# --- routing suggestions ---------------------------------------------------------------------


SUGGEST = "/proposals/suggest-focus-areas/"


@pytest.mark.parametrize(
    ("title", "body", "expected"),
    [
        (
            "Flere cykelstier",
            "Byg sikre cykelstier langs landevejen, så flere cykler i stedet for at tage bilen.",
            "klimahandlingsplan",
        ),
        (
            "Safer bike lanes",
            "Build protected bike lanes so more people cycle to work instead of driving.",
            "klimahandlingsplan",
        ),
        ("Beskyt padderne", "Truede arter som strandtudsen mister levesteder.", "truede-arter"),
        (
            "Stop food waste",
            "Supermarkets throw away good food; give the leftovers away instead.",
            "mindre-spild",
        ),
        (
            "",
            "Ældre føler sig ensomme; lad os lave et mødested for fællesskab.",
            "bekaempe-ensomhed",
        ),
    ],
)
def test_suggestions_rank_sensible_focus_areas_in_danish_and_english(title, body, expected):
    response = post(client_for(), SUGGEST, {"title": title, "body": body})

    assert response.status_code == 200, response.content
    suggestions = response.json()["suggestions"]
    assert len(suggestions) >= 3
    assert expected in [s["focus_area"] for s in suggestions[:3]]
    scores = [s["score"] for s in suggestions]
    assert scores == sorted(scores, reverse=True)
    for item in suggestions:
        assert set(item) == {"focus_area", "theme", "score"}
        assert focus_area_get(item["focus_area"]).theme.slug == item["theme"]
        assert 0 <= item["score"] <= 1


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"title": "", "body": ""}, "non_field_errors"),
        ({"title": "   ", "body": " \n "}, "non_field_errors"),
        ({}, "non_field_errors"),
        ({"title": "x" * 201, "body": "cykelsti"}, "title"),
        ({"title": "cykelsti", "body": "x" * 10001}, "body"),
    ],
)
def test_suggestions_refuse_empty_or_too_long_text(body, field):
    response = post(client_for(), SUGGEST, body)
    assert response.status_code == 400
    assert field in response.json()


def test_suggestions_accept_the_longest_allowed_text():
    response = post(client_for(), SUGGEST, {"title": "c" * 200, "body": "cykel " * 1666})
    assert response.status_code == 200


def test_suggestions_are_throttled(monkeypatch):
    monkeypatch.setitem(ScopedRateThrottle.THROTTLE_RATES, "suggest_focus_areas", "2/min")
    client = client_for()
    for _ in range(2):
        assert post(client, SUGGEST, {"title": "Cykelsti"}).status_code == 200
    response = post(client, SUGGEST, {"title": "Cykelsti"})
    assert response.status_code == 429
    assert "Retry-After" in response


# --- triage queue ----------------------------------------------------------------------------


def test_triage_queue_lists_submitted_proposals_oldest_first_with_age_and_suggestions(moderator):
    now = timezone.now()
    late = submitted(
        title="Cykelsti til skolen",
        body="En lang tekst " * 40,
        submitted_at=now - timedelta(days=21),
        theme=focus_area_get().theme,
        suggested_focus_area="klimahandlingsplan",
        suggestions=[
            {"focus_area": "klimahandlingsplan", "theme": "klima", "score": 0.7},
            {"focus_area": "vild-natur", "theme": "biodiversitet", "score": 0.2},
            {"focus_area": "mindre-spild", "theme": "ressourcer", "score": 0.1},
        ],
    )
    fresh = submitted(submitted_at=now)
    for other in (Status.DRAFT, Status.PUBLISHED, Status.REJECTED):
        ProposalFactory(status=other)

    response = client_for(moderator).get(f"{API}/moderation/queue/")

    assert response.status_code == 200
    results = response.json()["results"]
    assert [item["id"] for item in results] == [late.pk, fresh.pk]
    first = results[0]
    assert first["title"] == "Cykelsti til skolen"
    assert first["author"] == late.author.public_name
    assert "email" not in str(first) and late.author.email not in str(first)
    assert len(first["excerpt"]) <= 200 and first["excerpt"].startswith("En lang tekst")
    # Three calendar weeks: fifteen working days less any public holidays.
    assert first["age_working_days"] == working_days_between(start=late.submitted_at, end=now)
    assert 10 <= first["age_working_days"] <= 15
    assert first["overdue"] is True
    assert (first["theme"], first["focus_area"]) == ("klima", None)
    assert [s["focus_area"] for s in first["suggestions"]] == [
        "klimahandlingsplan",
        "vild-natur",
        "mindre-spild",
    ]
    assert (results[1]["age_working_days"], results[1]["overdue"]) == (0, False)


def test_triage_queue_filters(moderator):
    now = timezone.now()
    climate_late = submitted(
        theme=focus_area_get().theme,
        suggested_focus_area="klimahandlingsplan",
        submitted_at=working_days_before(moment=now, days=6),
    )
    climate_fresh = submitted(theme=focus_area_get().theme, suggested_focus_area="vild-natur")
    nature = submitted(
        theme=focus_area_get("truede-arter").theme, suggested_focus_area="truede-arter"
    )
    client = client_for(moderator)

    def ids(**params):
        response = client.get(f"{API}/moderation/queue/", params)
        assert response.status_code == 200
        return {item["id"] for item in response.json()["results"]}

    assert ids() == {climate_late.pk, climate_fresh.pk, nature.pk}
    assert ids(theme="klima") == {climate_late.pk, climate_fresh.pk}
    assert ids(suggested_focus_area="truede-arter") == {nature.pk}
    assert ids(overdue="true") == {climate_late.pk}
    assert ids(overdue="false") == {climate_late.pk, climate_fresh.pk, nature.pk}
    assert ids(theme="klima", suggested_focus_area="vild-natur") == {climate_fresh.pk}
    assert client.get(f"{API}/moderation/queue/", {"overdue": "kanske"}).status_code == 400


def test_triage_queue_pages_at_most_100(moderator):
    for _ in range(3):
        submitted()
    client = client_for(moderator)
    response = client.get(f"{API}/moderation/queue/", {"page_size": 2})
    assert response.json()["count"] == 3
    assert len(response.json()["results"]) == 2
    assert response.json()["next"]
    capped = client.get(f"{API}/moderation/queue/", {"page_size": 1000})
    assert len(capped.json()["results"]) == 3  # capped at 100, not refused


# --- route, reject, merge --------------------------------------------------------------------


def test_route_publishes_and_routes_with_decision_audit_and_events(moderator, teams):
    climate, _ = teams
    proposal = submitted()

    response = post(
        client_for(moderator),
        f"/moderation/proposals/{proposal.pk}/route/",
        {
            "focus_area": "klimahandlingsplan",
            "secondary_focus_areas": ["truede-arter", "klimahandlingsplan"],
            "note": "Cykelstier hører til klimaplanen",
        },
    )

    assert response.status_code == 200, response.content
    data = response.json()
    assert data["status"] == "published"
    assert (data["focus_area"], data["theme"], data["team"]) == (
        "klimahandlingsplan",
        "klima",
        "klimateam",
    )
    assert data["secondary_focus_areas"] == ["truede-arter"]
    proposal.refresh_from_db()
    assert proposal.status == Status.PUBLISHED
    assert proposal.published_at is not None
    assert proposal.focus_area.slug == "klimahandlingsplan"
    assert proposal.theme.slug == "klima"
    assert proposal.team == climate  # the focus area's team by default
    assert proposal.routed_at is not None
    assert [a.slug for a in proposal.secondary_focus_areas.all()] == ["truede-arter"]
    decision = RoutingDecision.objects.get(proposal=proposal)
    assert (decision.focus_area.slug, decision.decided_by) == ("klimahandlingsplan", moderator)
    entry = audit_of(proposal, "proposal.route")
    assert (entry.actor, entry.from_state, entry.to_state) == (moderator, "submitted", "published")
    assert entry.reason == "Cykelstier hører til klimaplanen"
    assert entry.data["team"] == "klimateam"
    assert event_kinds(proposal) == sorted(
        [
            EventKind.PROPOSAL_STATUS_CHANGED,
            EventKind.PROPOSAL_PUBLISHED_IN_FOCUS_AREA,
            EventKind.PROPOSAL_ROUTED,
        ]
    )


def test_route_to_an_explicit_team(moderator, teams):
    _, nature = teams
    proposal = submitted()
    response = post(
        client_for(moderator),
        f"/moderation/proposals/{proposal.pk}/route/",
        {"focus_area": "klimahandlingsplan", "team": "naturteam"},
    )
    assert response.status_code == 200, response.content
    proposal.refresh_from_db()
    assert proposal.team == nature
    assert audit_of(proposal, "proposal.route").data["team"] == "naturteam"


def test_route_twice_from_two_tabs_second_is_409_and_changes_nothing(moderator, admin_user, teams):
    proposal = submitted()
    first = post(
        client_for(moderator),
        f"/moderation/proposals/{proposal.pk}/route/",
        {"focus_area": "klimahandlingsplan"},
    )
    assert first.status_code == 200
    before = state()

    second = post(
        client_for(admin_user),
        f"/moderation/proposals/{proposal.pk}/route/",
        {"focus_area": "truede-arter"},
    )

    assert second.status_code == 409
    assert "detail" in second.json()
    assert state() == before
    proposal.refresh_from_db()
    assert proposal.focus_area.slug == "klimahandlingsplan"
    assert AuditEntry.objects.filter(action="proposal.route").count() == 1


def test_reject_keeps_the_reason_and_tells_the_author(moderator):
    proposal = submitted()
    response = post(
        client_for(moderator),
        f"/moderation/proposals/{proposal.pk}/reject/",
        {"reason": "other", "note": "Det handler om en privat vej."},
    )
    assert response.status_code == 200, response.content
    assert (response.json()["status"], response.json()["rejection_reason"]) == (
        "rejected",
        "other",
    )
    proposal.refresh_from_db()
    assert (proposal.status, proposal.rejection_reason) == (Status.REJECTED, "other")
    entry = audit_of(proposal, "proposal.reject")
    assert (entry.actor, entry.from_state, entry.to_state) == (moderator, "submitted", "rejected")
    assert entry.reason == "Det handler om en privat vej."
    assert entry.data == {"reason": "other"}
    assert event_kinds(proposal) == [EventKind.PROPOSAL_STATUS_CHANGED]
    timeline = ProposalEvent.objects.get(proposal=proposal, to_status=Status.REJECTED)
    assert timeline.note == "Det handler om en privat vej."
    assert timeline.is_public is False  # the author hears it; the public timeline does not


def test_merge_moves_supports_and_followers_without_counting_anyone_twice(moderator):
    target = ProposalFactory()
    duplicate = ProposalFactory()
    both, only_duplicate, only_target = UserFactory(), UserFactory(), UserFactory()
    for user in (both, only_duplicate):
        SupportFactory(proposal=duplicate, user=user)
        ProposalFollowFactory(proposal=duplicate, user=user)
    for user in (both, only_target):
        SupportFactory(proposal=target, user=user)
        ProposalFollowFactory(proposal=target, user=user)

    response = post(
        client_for(moderator),
        f"/moderation/proposals/{duplicate.pk}/merge/",
        {"into": target.pk, "note": "Samme ønske"},
    )

    assert response.status_code == 200, response.content
    assert response.json()["merged_into"] == target.pk
    duplicate.refresh_from_db()
    target.refresh_from_db()
    assert (duplicate.status, duplicate.merged_into) == (Status.MERGED, target)
    assert (duplicate.support_count, target.support_count) == (0, 3)
    supporters = set(Support.objects.filter(proposal=target).values_list("user_id", flat=True))
    assert supporters == {both.pk, only_duplicate.pk, only_target.pk}
    followers = set(
        ProposalFollow.objects.filter(proposal=target).values_list("user_id", flat=True)
    )
    assert followers == {both.pk, only_duplicate.pk, only_target.pk}
    assert not Support.objects.filter(proposal=duplicate).exists()
    entry = audit_of(duplicate, "proposal.merge")
    assert (entry.actor, entry.from_state, entry.to_state) == (moderator, "published", "merged")
    assert (entry.reason, entry.data["into"]) == ("Samme ønske", target.pk)
    event = Event.objects.get(target_id=duplicate.pk, kind=EventKind.PROPOSAL_STATUS_CHANGED)
    assert event.data["to"] == "merged"


def test_merge_of_a_submitted_duplicate(moderator):
    target = ProposalFactory()
    duplicate = submitted()
    response = post(
        client_for(moderator), f"/moderation/proposals/{duplicate.pk}/merge/", {"into": target.pk}
    )
    assert response.status_code == 200
    duplicate.refresh_from_db()
    assert (duplicate.status, duplicate.merged_into_id) == (Status.MERGED, target.pk)
    assert audit_of(duplicate, "proposal.merge").from_state == "submitted"


# --- bulk ------------------------------------------------------------------------------------


def test_bulk_route_handles_each_proposal_on_its_own(moderator, teams):
    climate, _ = teams
    first, second = submitted(), submitted()
    already = routed(climate)
    missing = Proposal.objects.order_by("-pk").first().pk + 1000

    response = post(
        client_for(moderator),
        "/moderation/bulk-route/",
        {
            "proposals": [first.pk, already.pk, missing, second.pk, first.pk],
            "focus_area": "klimahandlingsplan",
        },
    )

    assert response.status_code == 200, response.content
    results = response.json()
    assert [(r["id"], r["ok"]) for r in results] == [
        (first.pk, True),
        (already.pk, False),
        (missing, False),
        (second.pk, True),
    ]
    assert results[0]["error"] is None
    assert results[1]["error"]  # says it was already handled
    assert results[2]["error"]
    for proposal in (first, second):
        proposal.refresh_from_db()
        assert (proposal.status, proposal.team) == (Status.PUBLISHED, climate)
    assert AuditEntry.objects.filter(action="proposal.route").count() == 2
    assert RoutingDecision.objects.count() == 2


def test_bulk_reject_handles_each_proposal_on_its_own(moderator):
    first, second = submitted(), submitted()
    rejected = ProposalFactory(status=Status.REJECTED)

    response = post(
        client_for(moderator),
        "/moderation/bulk-reject/",
        {"proposals": [first.pk, rejected.pk, second.pk], "reason": "spam", "note": ""},
    )

    assert response.status_code == 200, response.content
    assert [(r["id"], r["ok"]) for r in response.json()] == [
        (first.pk, True),
        (rejected.pk, False),
        (second.pk, True),
    ]
    for proposal in (first, second):
        proposal.refresh_from_db()
        assert (proposal.status, proposal.rejection_reason) == (Status.REJECTED, "spam")
    entries = AuditEntry.objects.filter(action="proposal.reject")
    assert sorted(e.target_id for e in entries) == sorted([first.pk, second.pk])
    assert {e.actor for e in entries} == {moderator}


# --- reports, hide, restore ------------------------------------------------------------------


def test_report_workspace_groups_open_reports_by_target(moderator, settings):
    settings.REPORTS_HIDE_THRESHOLD = 3
    proposal = ProposalFactory(title="Rapporteret forslag")
    comment = CommentFactory(body="En grim kommentar " * 30)
    for reason in ("spam", "offensive", "spam"):
        report_create(reporter=UserFactory(), proposal=proposal, reason=reason, details="")
    report_create(reporter=UserFactory(), comment=comment, reason="offensive", details="Grimt")
    ReportFactory(proposal=ProposalFactory(), resolved_at=timezone.now())  # closed: not listed

    response = client_for(moderator).get(f"{API}/moderation/reports/")

    assert response.status_code == 200
    items = response.json()["results"]
    assert [(i["kind"], i["id"]) for i in items] == [
        ("proposal", proposal.pk),
        ("comment", comment.pk),
    ]
    first, second = items
    assert first["reporter_count"] == 3
    assert first["reasons"] == ["offensive", "spam"]
    assert first["hidden"] is True  # three different reporters hid it automatically
    assert (first["proposal"], first["title"]) == (proposal.pk, "Rapporteret forslag")
    assert len(first["reports"]) == 3
    assert second["reporter_count"] == 1
    assert second["hidden"] is False
    assert (second["proposal"], second["title"]) == (comment.proposal_id, comment.proposal.title)
    assert len(second["excerpt"]) <= 200
    assert second["reports"][0]["details"] == "Grimt"
    assert second["author"] == comment.author.public_name


@pytest.mark.parametrize("kind", ["proposals", "comments"])
def test_hide_and_restore_keep_the_reason_close_reports_and_tell_the_author(moderator, kind):
    target = ProposalFactory() if kind == "proposals" else CommentFactory()
    model = target._meta.model_name
    report = ReportFactory(
        **({"proposal": target} if kind == "proposals" else {"proposal": None, "comment": target})
    )
    client = client_for(moderator)

    hidden = post(client, f"/moderation/{kind}/{target.pk}/hide/", {"reason": "Personhenførbart"})

    assert hidden.status_code == 200, hidden.content
    assert (hidden.json()["hidden"], hidden.json()["hidden_reason"]) == (True, "Personhenførbart")
    target.refresh_from_db()
    report.refresh_from_db()
    assert target.hidden_at is not None and target.hidden_reason == "Personhenførbart"
    assert (report.resolved_by, report.resolution) == (moderator, "hidden")
    entry = audit_of(target, f"{model}.hide")
    assert (entry.actor, entry.from_state, entry.to_state, entry.reason) == (
        moderator,
        "visible",
        "hidden",
        "Personhenførbart",
    )
    assert EventKind.CONTENT_HIDDEN in event_kinds(target)

    restored = post(client, f"/moderation/{kind}/{target.pk}/restore/", {"reason": "Rettet"})

    assert restored.status_code == 200, restored.content
    assert restored.json()["hidden"] is False
    target.refresh_from_db()
    assert (target.hidden_at, target.hidden_reason) == (None, "")
    entry = audit_of(target, f"{model}.restore")
    assert (entry.actor, entry.from_state, entry.to_state, entry.reason) == (
        moderator,
        "hidden",
        "visible",
        "Rettet",
    )
    assert EventKind.CONTENT_RESTORED in event_kinds(target)


# --- teams -----------------------------------------------------------------------------------


def test_team_list_shows_own_teams_with_counts_and_all_for_admins(
    member, moderator, admin_user, teams
):
    climate, nature = teams
    routed(climate)
    routed(climate, routed_at=working_days_before(moment=timezone.now(), days=8))
    routed(climate, status=Status.ANSWERED)  # answered: not open
    routed(nature, status=Status.UNDER_REVIEW)

    mine = client_for(member).get(f"{API}/teams/")

    assert mine.status_code == 200
    assert mine.json() == [
        {
            "slug": "klimateam",
            "name": "Klimateamet",
            "email": "",
            "focus_areas": ["klimahandlingsplan"],
            "open_count": 2,
            "overdue_count": 1,
        }
    ]
    everything = client_for(admin_user).get(f"{API}/teams/").json()
    assert [t["slug"] for t in everything] == ["klimateam", "naturteam"]
    assert everything[1]["open_count"] == 1
    assert client_for(moderator).get(f"{API}/teams/").json() == []


def test_team_queue_lists_routed_proposals_with_overdue_flag(member, teams):
    climate, nature = teams
    now = timezone.now()
    late = routed(climate, routed_at=now - timedelta(days=14))
    fresh = routed(climate, status=Status.UNDER_REVIEW, routed_at=now)
    answered = routed(
        climate, status=Status.ANSWERED, routed_at=working_days_before(moment=now, days=9)
    )
    routed(nature)
    submitted()
    client = client_for(member)

    response = client.get(f"{API}/teams/klimateam/queue/")

    assert response.status_code == 200
    results = response.json()["results"]
    assert [r["id"] for r in results] == [late.pk, fresh.pk]
    assert results[0]["overdue"] is True
    assert results[0]["age_working_days"] == working_days_between(start=late.routed_at, end=now)
    assert results[0]["age_working_days"] >= 6
    assert (results[1]["overdue"], results[1]["status"]) == (False, "under_review")
    assert results[0]["team"] == "klimateam"
    with_answered = client.get(f"{API}/teams/klimateam/queue/", {"include_answered": "true"})
    by_id = {r["id"]: r for r in with_answered.json()["results"]}
    assert set(by_id) == {late.pk, fresh.pk, answered.pk}
    assert by_id[answered.pk]["overdue"] is False  # answered in time or not, it is done
    assert client.get(f"{API}/teams/ingen-saadan/queue/").status_code == 404


def test_team_sets_under_review(member, teams):
    proposal = routed(teams[0])
    response = post(
        client_for(member),
        f"/teams/proposals/{proposal.pk}/under-review/",
        {"note": "Vi ser på det"},
    )
    assert response.status_code == 200, response.content
    proposal.refresh_from_db()
    assert proposal.status == Status.UNDER_REVIEW
    entry = audit_of(proposal, "proposal.under_review")
    assert (entry.actor, entry.from_state, entry.to_state, entry.reason) == (
        member,
        "published",
        "under_review",
        "Vi ser på det",
    )
    assert event_kinds(proposal) == [EventKind.PROPOSAL_STATUS_CHANGED]
    assert ProposalEvent.objects.get(proposal=proposal).is_public


def test_team_answers_publicly(member, teams):
    proposal = routed(teams[0], status=Status.UNDER_REVIEW)
    response = post(
        client_for(member),
        f"/teams/proposals/{proposal.pk}/answer/",
        {"outcome": "in_progress", "text": "Vi bygger stien i 2026."},
    )
    assert response.status_code == 200, response.content
    assert response.json()["outcome"] == "in_progress"
    proposal.refresh_from_db()
    assert (proposal.status, proposal.outcome) == (Status.ANSWERED, Outcome.IN_PROGRESS)
    assert proposal.answer_text == "Vi bygger stien i 2026."
    assert proposal.answered_at is not None
    timeline = ProposalEvent.objects.get(proposal=proposal, kind=ProposalEvent.Kind.ANSWERED)
    assert (timeline.note, timeline.is_public) == ("Vi bygger stien i 2026.", True)
    entry = audit_of(proposal, "proposal.answer")
    assert (entry.actor, entry.from_state, entry.to_state) == (member, "under_review", "answered")
    assert entry.data == {"outcome": "in_progress"}
    assert event_kinds(proposal) == [EventKind.PROPOSAL_STATUS_CHANGED]
    public = client_for().get(f"{API}/proposals/{proposal.pk}/").json()
    assert public["timeline"][-1]["note"] == "Vi bygger stien i 2026."


@pytest.mark.parametrize("who", ["member", "moderator"])
def test_reroute_to_another_team_and_focus_area(request, who, teams):
    climate, nature = teams
    actor = request.getfixturevalue(who)
    proposal = routed(climate, routed_at=timezone.now() - timedelta(days=3))
    before = proposal.routed_at

    response = post(
        client_for(actor),
        f"/teams/proposals/{proposal.pk}/reroute/",
        {"team": "naturteam", "focus_area": "truede-arter", "note": "Handler om padder"},
    )

    assert response.status_code == 200, response.content
    proposal.refresh_from_db()
    assert (proposal.team, proposal.focus_area.slug, proposal.theme.slug) == (
        nature,
        "truede-arter",
        "biodiversitet",
    )
    assert proposal.routed_at > before
    decision = RoutingDecision.objects.get(proposal=proposal)
    assert (decision.focus_area.slug, decision.decided_by) == ("truede-arter", actor)
    entry = audit_of(proposal, "proposal.reroute")
    assert (entry.actor, entry.from_state, entry.to_state, entry.reason) == (
        actor,
        "klimateam",
        "naturteam",
        "Handler om padder",
    )
    # The new focus area's followers hear of it as of a proposal published there.
    assert event_kinds(proposal) == sorted(
        [EventKind.PROPOSAL_ROUTED, EventKind.PROPOSAL_PUBLISHED_IN_FOCUS_AREA]
    )


# --- the audit trail -------------------------------------------------------------------------


def test_a_moderator_reads_their_own_audit_entries_and_nobody_elses(moderator, teams):
    first, second = submitted(), submitted()
    post(
        client_for(moderator),
        f"/moderation/proposals/{first.pk}/route/",
        {"focus_area": "klimahandlingsplan"},
    )
    colleague = with_totp(ModeratorFactory())
    post(
        client_for(colleague),
        f"/moderation/proposals/{second.pk}/reject/",
        {"reason": "spam", "note": "Reklame"},
    )
    mine = client_for(moderator).get(f"{API}/audit/")
    assert mine.status_code == 200
    assert [(e["action"], e["actor"]) for e in mine.json()["results"]] == [
        ("proposal.route", moderator.pk)
    ]
    theirs = client_for(colleague).get(f"{API}/audit/").json()["results"]
    assert [(e["action"], e["actor"]) for e in theirs] == [("proposal.reject", colleague.pk)]


def test_audit_trail_lists_and_filters_for_admins(admin_user, moderator, teams):
    first, second = submitted(), submitted()
    client = client_for(moderator)
    post(client, f"/moderation/proposals/{first.pk}/route/", {"focus_area": "klimahandlingsplan"})
    post(
        client, f"/moderation/proposals/{second.pk}/reject/", {"reason": "spam", "note": "Reklame"}
    )
    comment = CommentFactory()
    post(client, f"/moderation/comments/{comment.pk}/hide/", {"reason": "Grimt"})
    admin = client_for(admin_user)

    def entries(**params):
        response = admin.get(f"{API}/audit/", params)
        assert response.status_code == 200, response.content
        return response.json()["results"]

    everything = entries()
    assert [e["action"] for e in everything] == [
        "comment.hide",
        "proposal.reject",
        "proposal.route",
    ]
    rejection = everything[1]
    assert rejection["actor"] == moderator.pk
    assert rejection["actor_name"] == moderator.public_name
    assert (rejection["target_type"], rejection["target_id"]) == ("proposals.proposal", second.pk)
    assert (rejection["from_state"], rejection["to_state"]) == ("submitted", "rejected")
    assert (rejection["reason"], rejection["data"]) == ("Reklame", {"reason": "spam"})
    assert [e["action"] for e in entries(action="proposal.route")] == ["proposal.route"]
    assert len(entries(actor=moderator.pk)) == 3
    assert entries(actor=admin_user.pk) == []
    assert {e["action"] for e in entries(target_type="proposals.proposal")} == {
        "proposal.route",
        "proposal.reject",
    }
    assert [e["target_id"] for e in entries(target_type="proposals.comment")] == [comment.pk]
    assert [e["action"] for e in entries(target_type="proposals.proposal", target_id=first.pk)] == [
        "proposal.route"
    ]
    today = timezone.localdate()
    assert len(entries(since=today.isoformat(), until=today.isoformat())) == 3
    assert entries(until=(today - timedelta(days=1)).isoformat()) == []
    assert entries(since=(today + timedelta(days=1)).isoformat()) == []


@pytest.mark.parametrize(
    "params",
    [
        {"since": "igår"},
        {"until": "2024-13-01"},
        {"actor": "x"},
        {"target_id": "-1"},
        {"target_type": "proposal"},
        {"since": "2025-02-01", "until": "2025-01-01"},
    ],
)
def test_audit_trail_refuses_bad_filters(admin_user, params):
    assert client_for(admin_user).get(f"{API}/audit/", params).status_code == 400


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_audit_trail_is_read_only(admin_user, moderator, method):
    proposal = submitted()
    post(client_for(moderator), f"/moderation/proposals/{proposal.pk}/reject/", {"reason": "spam"})
    before = list(AuditEntry.objects.values_list("pk", "reason"))
    response = getattr(client_for(admin_user), method)(
        f"{API}/audit/", {"action": "x", "reason": "omskrevet"}, format="json"
    )
    assert response.status_code == 405
    assert list(AuditEntry.objects.values_list("pk", "reason")) == before


# --- bad input, conflicts and refusals change nothing ----------------------------------------


def _missing_pk() -> int:
    return (Proposal.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1000


# (actor, method path, body, expected status, field named in a 400). Path and body may name
# objects of the `bad_world` fixture in {braces}.
BAD = [
    ("moderator", "route {submitted}", {"focus_area": "ingen-saadan"}, 400, "focus_area"),
    ("moderator", "route {submitted}", {}, 400, "focus_area"),
    ("moderator", "route {submitted}", {"focus_area": 7}, 400, "focus_area"),
    (
        "moderator",
        "route {submitted}",
        {"focus_area": "klimahandlingsplan", "secondary_focus_areas": ["ingen-saadan"]},
        400,
        "secondary_focus_areas",
    ),
    (
        "moderator",
        "route {submitted}",
        {"focus_area": "klimahandlingsplan", "team": "ingen-saadan"},
        400,
        "team",
    ),
    ("moderator", "route {submitted}", {"focus_area": "vild-natur"}, 400, "team"),  # no team
    ("moderator", "route {routed}", {"focus_area": "klimahandlingsplan"}, 409, None),
    ("moderator", "route {missing}", {"focus_area": "klimahandlingsplan"}, 404, None),
    ("moderator", "reject {submitted}", {"reason": "kedelig"}, 400, "reason"),
    ("moderator", "reject {submitted}", {"reason": "other", "note": "  "}, 400, "note"),
    ("moderator", "reject {rejected}", {"reason": "spam"}, 409, None),
    ("moderator", "merge {submitted}", {"into": "{submitted}"}, 400, "into"),
    ("moderator", "merge {routed}", {"into": "{routed}"}, 400, "into"),
    ("moderator", "merge {submitted}", {"into": "{merged}"}, 400, "into"),
    ("moderator", "merge {submitted}", {"into": "{rejected}"}, 400, "into"),
    ("moderator", "merge {submitted}", {"into": "{other_submitted}"}, 400, "into"),
    ("moderator", "merge {submitted}", {"into": "{missing}"}, 400, "into"),
    ("moderator", "merge {submitted}", {}, 400, "into"),
    ("moderator", "merge {merged}", {"into": "{routed}"}, 409, None),
    ("moderator", "merge {rejected}", {"into": "{routed}"}, 409, None),
    (
        "moderator",
        "bulk-route",
        {"proposals": ["{submitted}"], "focus_area": "ingen-saadan"},
        400,
        "focus_area",
    ),
    (
        "moderator",
        "bulk-route",
        {"proposals": ["{submitted}"], "focus_area": "klimahandlingsplan", "team": "nej"},
        400,
        "team",
    ),
    ("moderator", "bulk-route", {"proposals": [], "focus_area": "klimahandlingsplan"}, 400, None),
    (
        "moderator",
        "bulk-route",
        {"proposals": list(range(1, 102)), "focus_area": "klimahandlingsplan"},
        400,
        "proposals",
    ),
    ("moderator", "bulk-reject", {"proposals": ["{submitted}"], "reason": "other"}, 400, "note"),
    ("moderator", "bulk-reject", {"proposals": ["{submitted}"], "reason": "nej"}, 400, "reason"),
    ("moderator", "bulk-reject", {"proposals": "{submitted}", "reason": "spam"}, 400, "proposals"),
    ("moderator", "hide {routed}", {"reason": " "}, 400, "reason"),
    ("moderator", "hide {routed}", {}, 400, "reason"),
    ("moderator", "restore {hidden}", {"reason": ""}, 400, "reason"),
    ("moderator", "hide-comment {comment}", {"reason": ""}, 400, "reason"),
    ("moderator", "hide {missing}", {"reason": "x"}, 404, None),
    ("member", "answer {routed}", {"outcome": "maybe", "text": "Ja"}, 400, "outcome"),
    ("member", "answer {routed}", {"outcome": "accepted", "text": "   "}, 400, "text"),
    ("member", "answer {routed}", {"outcome": "accepted"}, 400, "text"),
    ("other_member", "answer {routed}", {"outcome": "accepted", "text": "Ja"}, 403, None),
    ("member", "answer {nature_routed}", {"outcome": "accepted", "text": "Ja"}, 403, None),
    ("member", "answer {submitted}", {"outcome": "accepted", "text": "Ja"}, 403, None),
    ("other_member", "under-review {routed}", {}, 403, None),
    ("member", "under-review {reviewed}", {}, 409, None),
    ("member", "under-review {answered}", {}, 409, None),
    ("member", "reroute {routed}", {"team": "ingen-saadan", "note": "x"}, 400, "team"),
    ("member", "reroute {routed}", {"team": "klimateam", "note": "x"}, 400, "team"),
    ("member", "reroute {routed}", {"team": "naturteam", "note": "  "}, 400, "note"),
    ("member", "reroute {routed}", {"team": "naturteam"}, 400, "note"),
    (
        "member",
        "reroute {routed}",
        {"team": "naturteam", "focus_area": "ingen-saadan", "note": "x"},
        400,
        "focus_area",
    ),
    ("member", "reroute {answered}", {"team": "naturteam", "note": "x"}, 409, None),
    ("other_member", "reroute {routed}", {"team": "naturteam", "note": "x"}, 403, None),
]

_URLS = {
    "route": "/moderation/proposals/{}/route/",
    "reject": "/moderation/proposals/{}/reject/",
    "merge": "/moderation/proposals/{}/merge/",
    "hide": "/moderation/proposals/{}/hide/",
    "restore": "/moderation/proposals/{}/restore/",
    "hide-comment": "/moderation/comments/{}/hide/",
    "bulk-route": "/moderation/bulk-route/",
    "bulk-reject": "/moderation/bulk-reject/",
    "answer": "/teams/proposals/{}/answer/",
    "under-review": "/teams/proposals/{}/under-review/",
    "reroute": "/teams/proposals/{}/reroute/",
}


@pytest.fixture
def bad_world(teams):
    climate, nature = teams
    objects = {
        "submitted": submitted(),
        "other_submitted": submitted(),
        "routed": routed(climate),
        "reviewed": routed(climate, status=Status.UNDER_REVIEW),
        "answered": routed(climate, status=Status.ANSWERED),
        "nature_routed": routed(nature),
        "merged": ProposalFactory(status=Status.MERGED),
        "rejected": ProposalFactory(status=Status.REJECTED),
        "hidden": ProposalFactory(hidden_at=timezone.now(), hidden_reason="Skjult"),
    }
    objects["comment"] = CommentFactory(proposal=objects["routed"])
    ReportFactory(proposal=objects["routed"])
    SupportFactory(proposal=objects["routed"])
    return {name: obj.pk for name, obj in objects.items()} | {"missing": _missing_pk()}


def _fill(value, names: dict):
    if isinstance(value, str) and value.startswith("{") and value.endswith("}"):
        return names[value[1:-1]]
    if isinstance(value, list):
        return [_fill(item, names) for item in value]
    if isinstance(value, dict):
        return {key: _fill(item, names) for key, item in value.items()}
    return value


@pytest.mark.parametrize(
    ("actor", "action", "body", "expected", "field"),
    BAD,
    ids=[f"{a}:{act}:{i}" for i, (a, act, *_) in enumerate(BAD)],
)
def test_bad_input_conflicts_and_refusals_change_nothing(
    request, bad_world, actor, action, body, expected, field
):
    name, _, target = action.partition(" ")
    url = _URLS[name].format(_fill(target, bad_world)) if target else _URLS[name]
    client = client_for(request.getfixturevalue(actor))
    before = state()

    response = post(client, url, _fill(body, bad_world))

    assert response.status_code == expected, response.content
    if field:
        errors = response.json()
        assert field in errors, errors
        assert all(message.strip() for message in errors[field]), errors
    elif expected in (403, 409):
        assert response.json()["detail"]
    assert state() == before


def test_unknown_slugs_are_named_in_the_error(moderator):
    proposal = submitted()
    response = post(
        client_for(moderator),
        f"/moderation/proposals/{proposal.pk}/route/",
        {"focus_area": "klimahandlingsplan", "team": "ingen-saadan"},
    )
    assert "ingen-saadan" in response.json()["team"][0]
    response = post(
        client_for(moderator),
        f"/moderation/proposals/{proposal.pk}/route/",
        {"focus_area": "cykler"},
    )
    assert "cykler" in response.json()["focus_area"][0]


# --- who may do what -------------------------------------------------------------------------

ROLES = ("anonymous", "citizen", "author", "moderator", "member", "other_member", "admin")
STAFF_ONLY = (403, 403, 403, 200, 403, 403, 200)
ROUTED_TEAM = (403, 403, 403, 403, 200, 403, 200)


@pytest.fixture
def world(teams):
    climate, _ = teams
    author = UserFactory()
    routed_proposal = routed(climate, author=author)
    objects = {
        "submitted": submitted(author=author),
        "target": ProposalFactory(),
        "routed": routed_proposal,
        "comment": CommentFactory(proposal=routed_proposal, author=author),
    }
    return {name: obj.pk for name, obj in objects.items()}, author


# (method, path, body) → expected status for each role in ROLES order:
#            anonymous, citizen, author, moderator, routed-team member, other-team member, admin
# Anonymous requests are 403 (session authentication has no 401 challenge). The audit trail
# answers 405 to writes from anyone signed in: there is nothing to write.
MATRIX = [
    ("post", SUGGEST, {"title": "Cykelsti"}, (200, 200, 200, 200, 200, 200, 200)),
    ("get", "/moderation/queue/", None, STAFF_ONLY),
    (
        "post",
        "/moderation/proposals/{submitted}/route/",
        {"focus_area": "klimahandlingsplan"},
        STAFF_ONLY,
    ),
    ("post", "/moderation/proposals/{submitted}/reject/", {"reason": "spam"}, STAFF_ONLY),
    ("post", "/moderation/proposals/{submitted}/merge/", {"into": "{target}"}, STAFF_ONLY),
    (
        "post",
        "/moderation/bulk-route/",
        {"proposals": ["{submitted}"], "focus_area": "klimahandlingsplan"},
        STAFF_ONLY,
    ),
    (
        "post",
        "/moderation/bulk-reject/",
        {"proposals": ["{submitted}"], "reason": "spam"},
        STAFF_ONLY,
    ),
    ("get", "/moderation/reports/", None, STAFF_ONLY),
    ("post", "/moderation/proposals/{routed}/hide/", {"reason": "Grimt"}, STAFF_ONLY),
    ("post", "/moderation/proposals/{routed}/restore/", {"reason": "Fint"}, STAFF_ONLY),
    ("post", "/moderation/comments/{comment}/hide/", {"reason": "Grimt"}, STAFF_ONLY),
    ("post", "/moderation/comments/{comment}/restore/", {"reason": "Fint"}, STAFF_ONLY),
    ("get", "/teams/", None, (403, 200, 200, 200, 200, 200, 200)),
    ("get", "/teams/klimateam/queue/", None, ROUTED_TEAM),
    ("get", "/teams/naturteam/queue/", None, (403, 403, 403, 403, 403, 200, 200)),
    ("post", "/teams/proposals/{routed}/under-review/", {"note": "Ser på det"}, ROUTED_TEAM),
    (
        "post",
        "/teams/proposals/{routed}/answer/",
        {"outcome": "accepted", "text": "Ja tak"},
        ROUTED_TEAM,
    ),
    (
        "post",
        "/teams/proposals/{submitted}/answer/",
        {"outcome": "accepted", "text": "Ja tak"},
        (403, 403, 403, 403, 403, 403, 403),
    ),
    (
        "post",
        "/teams/proposals/{routed}/reroute/",
        {"team": "naturteam", "note": "Deres område"},
        (403, 403, 403, 200, 200, 403, 200),
    ),
    ("get", "/audit/", None, STAFF_ONLY),
    ("post", "/audit/", {"action": "x"}, (403, 405, 405, 405, 405, 405, 405)),
    ("put", "/audit/", {"action": "x"}, (403, 405, 405, 405, 405, 405, 405)),
    ("delete", "/audit/", None, (403, 405, 405, 405, 405, 405, 405)),
]


def _client_as(role: str, request, author) -> APIClient:
    if role == "anonymous":
        return client_for()
    if role == "author":
        return client_for(author)
    fixture = {"citizen": None, "admin": "admin_user"}.get(role, role)
    return client_for(request.getfixturevalue(fixture) if fixture else UserFactory())


@pytest.mark.parametrize(
    ("method", "path", "body", "expected"),
    MATRIX,
    ids=[f"{m.upper()} {p}" for m, p, *_ in MATRIX],
)
@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(request, world, role, method, path, body, expected):
    names, author = world
    client = _client_as(role, request, author)
    url = API + path.format(**names)
    before = state()

    response = getattr(client, method)(url, _fill(body, names), format="json")

    status = expected[ROLES.index(role)]
    assert response.status_code == status, response.content.decode()[:300]
    if status >= 400 and method != "get":
        assert state() == before  # a refused write changes nothing


def test_staff_without_mfa_are_refused(teams):
    member = StaffFactory()
    teams[0].members.add(member)
    response = client_for(member).get(f"{API}/teams/klimateam/queue/")
    assert response.status_code == 403
    assert "Two-factor" in response.json()["detail"]


# --- constant queries ------------------------------------------------------------------------


@pytest.mark.parametrize("count", [3, 30])
def test_triage_queue_runs_a_constant_number_of_queries(
    django_assert_num_queries, moderator, count
):
    for _ in range(count):
        submitted(
            theme=focus_area_get().theme,
            suggestions=[{"focus_area": "klimahandlingsplan", "theme": "klima", "score": 1.0}],
        )
    client = client_for(moderator)
    client.get(f"{API}/moderation/queue/")  # warm the session
    # user, count, page (the session, with the person's roles, comes from the cache)
    with django_assert_num_queries(3):
        response = client.get(f"{API}/moderation/queue/", {"page_size": 100})
    assert len(response.json()["results"]) == count


@pytest.mark.parametrize("count", [3, 30])
def test_team_queue_runs_a_constant_number_of_queries(
    django_assert_num_queries, member, teams, count
):
    for _ in range(count):
        routed(teams[0])
    client = client_for(member)
    client.get(f"{API}/teams/klimateam/queue/")
    # user, count, page (the session, with the member's teams, from the cache; the team
    # from the process's copy of the taxonomy)
    with django_assert_num_queries(3):
        response = client.get(f"{API}/teams/klimateam/queue/", {"page_size": 100})
    assert len(response.json()["results"]) == count


@pytest.mark.parametrize("count", [3, 30])
def test_team_list_and_reports_run_a_constant_number_of_queries(
    django_assert_num_queries, admin_user, teams, count
):
    for index in range(count):
        TeamFactory(focus_areas=[])
        report_create(reporter=UserFactory(), proposal=ProposalFactory(), reason="spam", details="")
        if index % 2:
            comment = CommentFactory()
            report_create(reporter=UserFactory(), comment=comment, reason="spam", details="")
    client = client_for(admin_user)
    client.get(f"{API}/teams/")
    # user, teams with counts, their focus areas (the session comes from the cache)
    with django_assert_num_queries(3):
        client.get(f"{API}/teams/")
    # user, the number of reported items, the page's items, and their open reports with
    # what they are about
    with django_assert_num_queries(4):
        response = client.get(f"{API}/moderation/reports/", {"page_size": 100})
    assert response.json()["count"] == count + count // 2


# --- the schema ------------------------------------------------------------------------------


def test_schema_validates_and_lists_every_moderation_endpoint(tmp_path):
    path = tmp_path / "schema.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(path))
    schema = path.read_text()
    for endpoint in [
        "/api/v1/proposals/suggest-focus-areas/",
        "/api/v1/moderation/queue/",
        "/api/v1/moderation/proposals/{id}/route/",
        "/api/v1/moderation/proposals/{id}/reject/",
        "/api/v1/moderation/proposals/{id}/merge/",
        "/api/v1/moderation/proposals/{id}/hide/",
        "/api/v1/moderation/proposals/{id}/restore/",
        "/api/v1/moderation/comments/{id}/hide/",
        "/api/v1/moderation/comments/{id}/restore/",
        "/api/v1/moderation/bulk-route/",
        "/api/v1/moderation/bulk-reject/",
        "/api/v1/moderation/reports/",
        "/api/v1/teams/",
        "/api/v1/teams/{slug}/queue/",
        "/api/v1/teams/proposals/{id}/under-review/",
        "/api/v1/teams/proposals/{id}/answer/",
        "/api/v1/teams/proposals/{id}/reroute/",
        "/api/v1/audit/",
    ]:
        assert f"  {endpoint}:" in schema, endpoint


def test_a_hidden_comment_is_a_marker_for_the_public_but_not_for_its_author_or_moderators():
    from proposals.services.moderation import content_hide
    from tests.proposals.factories import CommentFactory

    moderator = ModeratorFactory()
    give_totp(moderator)
    comment = CommentFactory(body="Skjult tekst")
    content_hide(target=comment, actor=moderator, reason="Personlige oplysninger")
    url = f"{API}/proposals/{comment.proposal_id}/comments/"

    [public] = APIClient().get(url).json()
    assert (public["hidden"], public["body"], public["author"]) == (True, None, None)
    for viewer in (comment.author, moderator):
        client = APIClient()
        client.force_authenticate(viewer)
        [seen] = client.get(url).json()
        assert seen["body"] == "Skjult tekst"
