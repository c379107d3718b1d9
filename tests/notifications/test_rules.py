"""Who may do what with notifications and their settings, as a matrix of every role
against every action, written out by hand.

Roles: anonymous, citizen (signed in, nothing of their own here), author (of a proposal
whose answer told them), moderator, team member (on a focus-area team, no other role),
staff (is_staff, no team) and admin (superuser). `Y` = allowed, `-` = not.

Objects: for the notification permissions, "own" is a notification to the person asking
and "others" one to somebody else (the author's, or the citizen's when the author asks);
for change_preference, one kind of each audience ("staff" is staff_only), and a key no
app declares (the kind is None).

Asked as views, API and services ask: rules.has_perm, the rules alone (Django's model
backend knows none of these, and would let a superuser pass a check without object).
"""

import pytest
import rules
from django.contrib.auth.models import AnonymousUser

from notifications.models import Notification
from notifications.registry import kind_get, kinds_all
from proposals.lifecycle import Outcome, Status
from proposals.services.moderation import proposal_answer
from tests.factories import AdminFactory, ModeratorFactory, StaffFactory, UserFactory
from tests.proposals.factories import ProposalFactory, TeamFactory

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "citizen", "author", "moderator", "team_member", "staff", "admin")

# permission              object      anon cit auth mod team staff admin
TABLE = """
view_notifications        -           -    Y   Y    Y   Y    Y     Y
view_notification         own         -    Y   Y    Y   Y    Y     Y
view_notification         others      -    -   -    -   -    -     -
mark_notification_read    own         -    Y   Y    Y   Y    Y     Y
mark_notification_read    others      -    -   -    -   -    -     -
change_preferences        -           -    Y   Y    Y   Y    Y     Y
view_staff_kinds          -           -    -   -    Y   Y    Y     Y
change_preference         author      -    Y   Y    Y   Y    Y     Y
change_preference         follower    -    Y   Y    Y   Y    Y     Y
change_preference         staff       -    -   -    Y   Y    Y     Y
change_preference         unknown     -    -   -    -   -    -     -
"""

KINDS = {"author": "author.answered", "follower": "follower.comment", "staff": "staff.triage"}


def _rows():
    for line in TABLE.strip().splitlines():
        perm, obj, *marks = line.split()
        assert len(marks) == len(ROLES), line
        yield perm, obj, dict(zip(ROLES, [mark == "Y" for mark in marks], strict=True))


ROWS = list(_rows())


@pytest.fixture
def people():
    author = UserFactory()
    member = UserFactory()
    TeamFactory(members=[member], focus_areas=["klimahandlingsplan"])
    return {
        "anonymous": AnonymousUser(),
        "citizen": UserFactory(),
        "author": author,
        "moderator": ModeratorFactory(),
        "team_member": member,
        "staff": StaffFactory(),
        "admin": AdminFactory(),
    }


def _notification_to(user) -> Notification:
    """A real notification, as the answer to their proposal tells its author."""
    team = TeamFactory(focus_areas=["klimahandlingsplan"])
    proposal = ProposalFactory(status=Status.UNDER_REVIEW, team=team, author=user)
    proposal_answer(proposal=proposal, actor=StaffFactory(), outcome=Outcome.ACCEPTED, text="Ja")
    return Notification.objects.get(recipient=user, event__target_id=proposal.pk)


def _object(perm: str, obj: str, role: str, people: dict):
    if obj == "-":
        return None
    if perm == "change_preference":
        return kind_get(KINDS[obj]) if obj in KINDS else None
    user = people[role]
    if obj == "own":
        recipient = user if user.is_authenticated else UserFactory()
    else:
        recipient = people["citizen"] if role == "author" else people["author"]
    return _notification_to(recipient)


def test_table_covers_every_notifications_permission():
    defined = {
        name.removeprefix("notifications.")
        for name in rules.permissions.permissions
        if name.startswith("notifications.")
    }
    assert {perm for perm, _obj, _marks in ROWS} == defined


def test_the_table_has_one_kind_of_each_audience_and_the_staff_one_is_staff_only():
    assert kind_get(KINDS["staff"]).staff_only
    assert not kind_get(KINDS["author"]).staff_only
    assert not kind_get(KINDS["follower"]).staff_only
    # Every staff-audience kind is staff-only, so the staff row speaks for all of them.
    assert all(kind.staff_only for kind in kinds_all() if kind.audience == "staff")


@pytest.mark.parametrize("row", ROWS, ids=lambda row: f"{row[0]}-{row[1]}")
def test_permission(row, people):
    perm, obj, expected = row
    actual = {
        role: rules.has_perm(
            f"notifications.{perm}", people[role], _object(perm, obj, role, people)
        )
        for role in ROLES
    }
    assert actual == expected


def test_deactivated_people_may_do_nothing(people):
    for role in ("citizen", "moderator", "team_member", "admin"):
        user = people[role]
        user.is_active = False
        user.save(update_fields=["is_active"])
        own = _notification_to(UserFactory())
        own.recipient = user
        for perm in ("view_notifications", "change_preferences", "view_staff_kinds"):
            assert not rules.has_perm(f"notifications.{perm}", user), (role, perm)
        assert not rules.has_perm("notifications.mark_notification_read", user, own), role
        assert not rules.has_perm(
            "notifications.change_preference", user, kind_get(KINDS["author"])
        ), role


def test_the_rule_agrees_with_the_queryset_of_own_notifications(people):
    """Notification.objects.for_recipient (what views and the API read) lists exactly
    what notifications.view_notification allows."""
    mine = _notification_to(people["author"])
    theirs = _notification_to(people["citizen"])
    for role in ROLES:
        user = people[role]
        listed = set(Notification.objects.for_recipient(user))
        for notification in (mine, theirs):
            allowed = rules.has_perm("notifications.view_notification", user, notification)
            assert (notification in listed) == allowed, role


def test_a_partnership_coordinator_sees_and_chooses_the_kinds_about_staff_work():
    from tests.partnerships.factories import coordinator_make

    coordinator = coordinator_make()
    staff_kind = kind_get(KINDS["staff"])
    assert coordinator.has_perm("notifications.view_staff_kinds")
    assert rules.has_perm("notifications.change_preference", coordinator, staff_kind)
    applications = kind_get("partnership.application_submitted")
    assert applications.staff_only
    assert rules.has_perm("notifications.change_preference", coordinator, applications)
    assert not rules.has_perm("notifications.change_preference", UserFactory(), applications)
