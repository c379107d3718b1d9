"""Every list staff work in runs as many queries with 20 rows as with 2, and at most 12.

Pages and API alike, as the moderator, team member or admin who reads them, each list
filled with what it shows (waiting, routed and answered proposals, reports on proposals
and comments, audit entries), on every row a different author.
"""

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from engage.audit.services import audit_record
from proposals.lifecycle import Status
from tests.factories import AdminFactory, ModeratorFactory, StaffFactory, UserFactory, give_totp
from tests.proposals.factories import CommentFactory, ProposalFactory, ReportFactory, TeamFactory

pytestmark = pytest.mark.django_db

MOST_QUERIES = 12
AREA = "klimahandlingsplan"
OTHER_AREA = "lavbundsjorde"
LONG_AGO = timedelta(days=30)  # past the service target, so the overdue filter has rows


def _staff(factory):
    user = factory()
    give_totp(user)  # staff without MFA are sent to enrolment before any list
    return user


@pytest.fixture
def people():
    member = _staff(StaffFactory)
    return {
        "moderator": _staff(ModeratorFactory),
        "member": member,
        "admin": _staff(AdminFactory),
        "team": TeamFactory(slug="klimateam", members=[member], focus_areas=[AREA]),
    }


def _waiting(n: int, people) -> None:
    for i in range(n):
        area = AREA if i % 2 else OTHER_AREA
        suggestions = [{"focus_area": area, "theme": "klima", "score": 0.5}]
        ProposalFactory(
            status=Status.SUBMITTED,
            focus_area=None if i % 3 else area,
            suggestions=suggestions,
            suggested_focus_area=area,
            age=LONG_AGO,
        )


def _routed(n: int, people) -> None:
    for i in range(n):
        status = [Status.PUBLISHED, Status.UNDER_REVIEW][i % 2]
        ProposalFactory(status=status, team=people["team"], routed_at=timezone.now() - LONG_AGO)


def _answered(n: int, people) -> None:
    for _ in range(n):
        ProposalFactory(status=Status.ANSWERED, team=people["team"], routed_at=timezone.now())


def _reports(n: int, people) -> None:
    for i in range(n):
        if i % 2:
            ReportFactory(comment=CommentFactory(), proposal=None)
        else:
            ReportFactory(proposal=ProposalFactory(author=UserFactory()))


def _audit(n: int, people) -> None:
    for _ in range(n):
        proposal = ProposalFactory(status=Status.PUBLISHED)
        actor = _staff(ModeratorFactory)
        audit_record(
            actor=actor,
            action="proposal.route",
            target=proposal,
            from_state=Status.SUBMITTED,
            to_state=Status.PUBLISHED,
            data={"focus_area": AREA},
        )


def _team_page(people) -> str:
    return reverse("frontend:team_queue", kwargs={"slug": people["team"].slug})


# (name, who reads it, its address, what fills it)
LISTS: list[tuple[str, str, Callable, Callable]] = [
    ("triage page", "moderator", lambda p: reverse("frontend:moderation_queue"), _waiting),
    (
        "triage page, filtered",
        "moderator",
        lambda p: reverse("frontend:moderation_queue") + f"?suggested={AREA}&overdue=on",
        _waiting,
    ),
    ("triage API", "moderator", lambda p: "/api/v1/moderation/queue/?page_size=100", _waiting),
    ("team page", "member", _team_page, _routed),
    ("team page, answered", "member", lambda p: _team_page(p) + "?vis=besvarede", _answered),
    ("team API", "member", lambda p: "/api/v1/teams/klimateam/queue/?page_size=100", _routed),
    (
        "team API with answered",
        "member",
        lambda p: "/api/v1/teams/klimateam/queue/?include_answered=true",
        _answered,
    ),
    ("reports page", "moderator", lambda p: reverse("frontend:moderation_reports"), _reports),
    ("reports API", "moderator", lambda p: "/api/v1/moderation/reports/?page_size=100", _reports),
    ("audit trail page", "admin", lambda p: reverse("frontend:audit_trail"), _audit),
    ("audit API", "admin", lambda p: "/api/v1/audit/?page_size=100", _audit),
]


def _queries(client: Client, url: str) -> tuple[int, bytes]:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(context.captured_queries), response.content


@pytest.mark.parametrize(("name", "who", "url_of", "fill"), LISTS, ids=[row[0] for row in LISTS])
def test_staff_list_runs_as_many_queries_with_20_rows_as_with_2(people, name, who, url_of, fill):
    client = Client()
    client.force_login(people[who])
    url = url_of(people)
    fill(2, people)
    client.get(url)  # the session and the kept bulk form are read from now on
    few, page = _queries(client, url)
    fill(18, people)
    many, fuller = _queries(client, url)
    assert len(fuller) > len(page)  # the 18 new rows are on it
    assert many == few
    assert many <= MOST_QUERIES


def test_moderation_item_page_runs_the_same_queries_for_any_proposal(people):
    client = Client()
    client.force_login(people["moderator"])
    _waiting(2, people)
    plain, busy = ProposalFactory.create_batch(2, status=Status.SUBMITTED, focus_area=None)
    for _ in range(5):
        ReportFactory(proposal=busy)
    client.get(reverse("frontend:moderation_item", kwargs={"pk": plain.pk}))
    few, _page = _queries(client, reverse("frontend:moderation_item", kwargs={"pk": plain.pk}))
    many, _page = _queries(client, reverse("frontend:moderation_item", kwargs={"pk": busy.pk}))
    assert many == few <= MOST_QUERIES
