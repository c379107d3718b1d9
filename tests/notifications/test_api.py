"""/api/v1/notifications/: a person's own notifications and settings over the API."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from notifications.models import Notification, Preference
from notifications.registry import kinds_all
from proposals.lifecycle import Outcome, Status
from proposals.services.comments import comment_create
from proposals.services.moderation import content_hide, proposal_answer
from tests.factories import ModeratorFactory, StaffFactory, UserFactory
from tests.proposals.factories import ProposalFactory, TeamFactory

pytestmark = pytest.mark.django_db

LIST = "/api/v1/notifications/"
UNREAD = "/api/v1/notifications/unread-count/"
READ_ALL = "/api/v1/notifications/read-all/"
PREFERENCES = "/api/v1/notifications/preferences/"


def read(pk: int) -> str:
    return f"/api/v1/notifications/{pk}/read/"


@pytest.fixture(autouse=True)
def _throttles():
    cache.clear()
    yield
    cache.clear()


def client_for(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_login(user)
    return client


def answered(author):
    team = TeamFactory(focus_areas=["klimahandlingsplan"])
    proposal = ProposalFactory(status=Status.UNDER_REVIEW, team=team, author=author)
    proposal_answer(proposal=proposal, actor=StaffFactory(), outcome=Outcome.ACCEPTED, text="Ja.")
    return proposal


def test_my_notifications_newest_first_with_their_message():
    author = UserFactory()
    first, second = answered(author), answered(author)
    response = client_for(author).get(LIST)
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    newest = body["results"][0]
    assert newest["subject"] == f"Kommunen har svaret på “{second.title}”"
    assert newest["url"] == second.get_absolute_url()
    assert newest["read_at"] is None and newest["kind"] == "author.answered"
    assert set(newest) == {"id", "kind", "created_at", "read_at", "subject", "body", "url"}
    assert body["results"][1]["url"] == first.get_absolute_url()


def test_messages_are_in_the_callers_language():
    author = UserFactory(preferred_language="en")
    proposal = answered(author)
    [row] = client_for(author).get(LIST).json()["results"]
    assert row["subject"] == f"The municipality has answered “{proposal.title}”"


def test_the_list_is_paginated():
    author = UserFactory()
    for _ in range(3):
        answered(author)
    body = client_for(author).get(LIST, {"page_size": 2}).json()
    assert (body["count"], len(body["results"])) == (3, 2) and body["next"]
    assert client_for(author).get(LIST, {"page": 9}).status_code == 404
    assert client_for(author).get(LIST, {"page": "x"}).status_code == 400


def test_the_list_runs_the_same_queries_for_few_and_many():
    author = UserFactory()
    answered(author)
    client = client_for(author)
    client.get(LIST)
    with CaptureQueriesContext(connection) as few:
        client.get(LIST)
    for _ in range(4):
        answered(author)
    proposal = ProposalFactory(status=Status.PUBLISHED, author=author)
    comment = comment_create(proposal=proposal, author=author, body="Min kommentar")
    content_hide(target=comment, actor=ModeratorFactory(), reason="Prøve")
    with CaptureQueriesContext(connection) as many:
        assert len(client.get(LIST).json()["results"]) == 6
    assert len(many) <= len(few) + 1  # one more query for the comments' content type


def test_unread_count_mark_one_and_mark_all():
    author = UserFactory()
    answered(author)
    answered(author)
    client = client_for(author)
    assert client.get(UNREAD).json() == {"unread": 2}
    newest = Notification.objects.filter(recipient=author).first()
    response = client.post(read(newest.pk))
    assert response.status_code == 200
    assert response.json()["id"] == newest.pk and response.json()["read_at"]
    assert client.post(read(newest.pk)).status_code == 200  # again: nothing changes
    assert client.get(UNREAD).json() == {"unread": 1}
    assert client.post(READ_ALL).json() == {"marked": 1}
    assert client.get(UNREAD).json() == {"unread": 0}
    assert client.post(READ_ALL).json() == {"marked": 0}


def test_nobody_sees_or_marks_another_persons_notification():
    author, stranger = UserFactory(), UserFactory()
    answered(author)
    [notification] = Notification.objects.filter(recipient=author)
    client = client_for(stranger)
    assert client.get(LIST).json()["count"] == 0
    assert client.get(UNREAD).json() == {"unread": 0}
    assert client.post(read(notification.pk)).status_code == 404
    assert client.post(READ_ALL).json() == {"marked": 0}
    assert Notification.objects.get(pk=notification.pk).read_at is None


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("get", LIST),
        ("get", UNREAD),
        ("post", read(1)),
        ("post", READ_ALL),
        ("get", PREFERENCES),
        ("put", PREFERENCES),
    ],
)
def test_signed_out_callers_are_refused(method, url):
    response = getattr(client_for(), method)(url, {"preferences": {}}, format="json")
    assert response.status_code in (401, 403)
    assert "detail" in response.json()


def test_my_preferences_list_the_kinds_i_may_choose_with_their_channel():
    user = UserFactory()
    Preference.objects.create(user=user, kind="follower.comment", channel="weekly")
    rows = client_for(user).get(PREFERENCES).json()
    by_kind = {row["kind"]: row for row in rows}
    assert set(by_kind) == {kind.key for kind in kinds_all() if not kind.staff_only}
    assert by_kind["follower.comment"]["channel"] == "weekly"
    answered_row = by_kind["author.answered"]
    assert answered_row["channel"] == answered_row["default_channel"] == "immediate"
    assert answered_row["audience"] == "author" and answered_row["label"]


def test_a_team_member_gets_the_staff_kinds_too():
    member = UserFactory()
    TeamFactory(members=[member])
    kinds = {row["kind"] for row in client_for(member).get(PREFERENCES).json()}
    assert kinds == {kind.key for kind in kinds_all()}


def test_put_changes_the_kinds_given_and_answers_with_every_setting():
    user = UserFactory()
    client = client_for(user)
    changes = {"follower.comment": "none", "author.published": "daily"}
    response = client.put(PREFERENCES, {"preferences": changes}, format="json")
    assert response.status_code == 200
    by_kind = {row["kind"]: row["channel"] for row in response.json()}
    assert by_kind["follower.comment"] == "none" and by_kind["author.published"] == "daily"
    stored = dict(Preference.objects.filter(user=user).values_list("kind", "channel"))
    assert stored == changes
    client.put(PREFERENCES, {"preferences": {"follower.comment": "daily"}}, format="json")
    stored = dict(Preference.objects.filter(user=user).values_list("kind", "channel"))
    assert stored == {"author.published": "daily"}  # daily is that kind's default


@pytest.mark.parametrize(
    ("body", "errors"),
    [
        ({"preferences": {"no.such": "none"}}, {"preferences": {"no.such": ["Den slags"]}}),
        (
            {"preferences": {"follower.comment": "hourly"}},
            {"preferences": {"follower.comment": []}},
        ),
        ({"preferences": {"follower.comment": 1}}, {"preferences": {"follower.comment": []}}),
        ({"preferences": []}, {"preferences": []}),
        ({}, {"preferences": []}),
    ],
    ids=["unknown kind", "unknown channel", "not a text", "not an object", "missing"],
)
def test_bad_input_is_a_400_naming_the_field_and_changes_nothing(body, errors):
    user = UserFactory()
    response = client_for(user).put(PREFERENCES, body, format="json")
    assert response.status_code == 400
    data = response.json()
    assert set(data) == set(errors)
    if isinstance(errors["preferences"], dict):
        assert set(data["preferences"]) == set(errors["preferences"])
        for key, starts in errors["preferences"].items():
            for start in starts:
                assert data["preferences"][key][0].startswith(start)
    assert not Preference.objects.filter(user=user).exists()


def test_a_staff_kind_for_a_citizen_is_a_403_in_their_language_and_changes_nothing():
    user = UserFactory(preferred_language="en")
    body = {"preferences": {"follower.comment": "none", "staff.triage": "none"}}
    response = client_for(user).put(PREFERENCES, body, format="json")
    assert response.status_code == 403
    assert response.json()["detail"].startswith("Only staff of the municipality can choose")
    assert not Preference.objects.filter(user=user).exists()


def test_the_schema_lists_every_kind_for_put():
    schema = APIClient().get("/api/schema/", {"format": "json"}).json()
    body = schema["components"]["schemas"]["PreferencesInputRequest"]
    field = body["properties"]["preferences"]
    assert set(field["properties"]) == {kind.key for kind in kinds_all()}
    assert field["additionalProperties"] is False
