"""The full permission matrix for proposals and comments, written out by hand.

Each row says, for one permission and one object state, whether each role has it:
anonymous, citizen (signed in, not involved), author (of the proposal or comment),
moderator (in settings.MODERATOR_GROUP) and admin (superuser). `Y` = allowed, `-` = not.

An admin has a moderator's rights on objects and no more: User.has_perm lets the rules
decide object permissions even for a superuser, so an admin cannot edit someone else's
draft or comment.

The moderation permissions (issue 4) have their own table with two more roles: a member
of the team the proposal is routed to, and a member of another team.
"""

from datetime import timedelta

import pytest
import rules
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from engage.taxonomy.models import FocusArea
from proposals.lifecycle import Status
from proposals.models import Comment
from tests.factories import AdminFactory, ModeratorFactory, StaffFactory, UserFactory
from tests.proposals.factories import CommentFactory, ProposalFactory, TeamFactory

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "citizen", "author", "moderator", "admin")

# permission           state          anon cit auth mod admin
PROPOSAL_TABLE = """
add_proposal           -              -    Y   Y    Y   Y
follow_focus_area      -              -    Y   Y    Y   Y
moderate_proposal      -              -    -   -    Y   Y

view_proposal          draft          -    -   Y    Y   Y
view_proposal          submitted      -    -   Y    Y   Y
view_proposal          published      Y    Y   Y    Y   Y
view_proposal          under_review   Y    Y   Y    Y   Y
view_proposal          answered       Y    Y   Y    Y   Y
view_proposal          rejected       -    -   Y    Y   Y
view_proposal          merged         Y    Y   Y    Y   Y

change_proposal        draft          -    -   Y    -   -
change_proposal        submitted      -    -   -    -   -
change_proposal        published      -    -   -    -   -
change_proposal        under_review   -    -   -    -   -
change_proposal        answered       -    -   -    -   -
change_proposal        rejected       -    -   -    -   -
change_proposal        merged         -    -   -    -   -

submit_proposal        draft          -    -   Y    -   -
submit_proposal        submitted      -    -   -    -   -
submit_proposal        published      -    -   -    -   -
submit_proposal        under_review   -    -   -    -   -
submit_proposal        answered       -    -   -    -   -
submit_proposal        rejected       -    -   -    -   -
submit_proposal        merged         -    -   -    -   -

delete_proposal        draft          -    -   Y    -   -
delete_proposal        submitted      -    -   -    -   -
delete_proposal        published      -    -   -    -   -
delete_proposal        under_review   -    -   -    -   -
delete_proposal        answered       -    -   -    -   -
delete_proposal        rejected       -    -   -    -   -
delete_proposal        merged         -    -   -    -   -

support_proposal       draft          -    -   -    -   -
support_proposal       submitted      -    -   -    -   -
support_proposal       published      -    Y   Y    Y   Y
support_proposal       under_review   -    Y   Y    Y   Y
support_proposal       answered       -    Y   Y    Y   Y
support_proposal       rejected       -    -   -    -   -
support_proposal       merged         -    -   -    -   -

comment_proposal       draft          -    -   -    -   -
comment_proposal       submitted      -    -   -    -   -
comment_proposal       published      -    Y   Y    Y   Y
comment_proposal       under_review   -    Y   Y    Y   Y
comment_proposal       answered       -    Y   Y    Y   Y
comment_proposal       rejected       -    -   -    -   -
comment_proposal       merged         -    -   -    -   -

follow_proposal        draft          -    -   -    -   -
follow_proposal        submitted      -    -   -    -   -
follow_proposal        published      -    Y   Y    Y   Y
follow_proposal        under_review   -    Y   Y    Y   Y
follow_proposal        answered       -    Y   Y    Y   Y
follow_proposal        rejected       -    -   -    -   -
follow_proposal        merged         -    -   -    -   -

report_proposal        draft          -    -   -    -   -
report_proposal        submitted      -    -   -    -   -
report_proposal        published      -    Y   -    Y   Y
report_proposal        under_review   -    Y   -    Y   Y
report_proposal        answered       -    Y   -    Y   Y
report_proposal        rejected       -    -   -    -   -
report_proposal        merged         -    Y   -    Y   Y

moderate_proposal      draft          -    -   -    Y   Y
moderate_proposal      submitted      -    -   -    Y   Y
moderate_proposal      published      -    -   -    Y   Y
moderate_proposal      under_review   -    -   -    Y   Y
moderate_proposal      answered       -    -   -    Y   Y
moderate_proposal      rejected       -    -   -    Y   Y
moderate_proposal      merged         -    -   -    Y   Y
"""

# Comment states: live (just written, on a published proposal), deleted, old (past the
# edit window), closed (live, but its proposal has since been rejected), hidden (by a
# moderator, within the edit window). "author" is the
# comment's author.
# permission           state          anon cit auth mod admin
COMMENT_TABLE = """
change_comment         live           -    -   Y    -   -
change_comment         deleted        -    -   -    -   -
change_comment         old            -    -   -    -   -
change_comment         hidden         -    -   -    -   -
change_comment         closed         -    -   -    -   -

delete_comment         live           -    -   Y    Y   Y
delete_comment         deleted        -    -   -    -   -
delete_comment         old            -    -   Y    Y   Y
delete_comment         closed         -    -   Y    Y   Y

report_comment         live           -    Y   -    Y   Y
report_comment         deleted        -    -   -    -   -
report_comment         old            -    Y   -    Y   Y
report_comment         closed         -    -   -    -   -
"""


# Moderation and team permissions. Team A is the team the proposal is routed to (in the
# states marked "routed": published, under_review, answered, rejected_routed,
# merged_routed); routed_team_member belongs to A, other_team_member to team B. Both are
# staff without the moderator group. For work_team_queue the object is a team: A, B, or a
# team nobody in the table belongs to. hide_content and
# moderate_proposal do not depend on the object (views pass a proposal or a comment).
# answer_proposal also opens the proposal in the team's workspace, so it does not depend
# on the status: the lifecycle refuses answering a closed proposal.
MODERATION_ROLES = (
    "anonymous",
    "citizen",
    "author",
    "moderator",
    "routed_team_member",
    "other_team_member",
    "admin",
)

# permission           state               anon cit auth mod rteam oteam admin
MODERATION_TABLE = """
moderate_proposal      -                   -    -   -    Y   -     -     Y
moderate_proposal      submitted           -    -   -    Y   -     -     Y
moderate_proposal      published           -    -   -    Y   -     -     Y

hide_content           -                   -    -   -    Y   -     -     Y
hide_content           published           -    -   -    Y   -     -     Y
hide_content           comment             -    -   -    Y   -     -     Y

work_team_queue        team_a              -    -   -    -   Y     -     Y
work_team_queue        team_b              -    -   -    -   -     Y     Y
work_team_queue        team_without_us     -    -   -    -   -     -     Y

answer_proposal        draft               -    -   -    -   -     -     -
answer_proposal        submitted           -    -   -    -   -     -     -
answer_proposal        published_unrouted  -    -   -    -   -     -     -
answer_proposal        published           -    -   -    -   Y     -     Y
answer_proposal        under_review        -    -   -    -   Y     -     Y
answer_proposal        answered            -    -   -    -   Y     -     Y
answer_proposal        rejected            -    -   -    -   -     -     -
answer_proposal        rejected_routed     -    -   -    -   Y     -     Y
answer_proposal        merged              -    -   -    -   -     -     -
answer_proposal        merged_routed       -    -   -    -   Y     -     Y

reroute_proposal       draft               -    -   -    -   -     -     -
reroute_proposal       submitted           -    -   -    -   -     -     -
reroute_proposal       published_unrouted  -    -   -    -   -     -     -
reroute_proposal       published           -    -   -    Y   Y     -     Y
reroute_proposal       under_review        -    -   -    Y   Y     -     Y
reroute_proposal       answered            -    -   -    Y   Y     -     Y
reroute_proposal       rejected            -    -   -    -   -     -     -
reroute_proposal       rejected_routed     -    -   -    Y   Y     -     Y
reroute_proposal       merged              -    -   -    -   -     -     -
reroute_proposal       merged_routed       -    -   -    Y   Y     -     Y
"""


def _parse(table: str, roles: tuple[str, ...] = ROLES) -> list[tuple[str, str, dict[str, bool]]]:
    rows = []
    for line in table.strip().splitlines():
        if not line.strip():
            continue
        perm, state, *marks = line.split()
        assert len(marks) == len(roles), line
        assert set(marks) <= {"Y", "-"}, line
        rows.append(
            (perm, state, {role: mark == "Y" for role, mark in zip(roles, marks, strict=True)})
        )
    return rows


PROPOSAL_ROWS = _parse(PROPOSAL_TABLE)
COMMENT_ROWS = _parse(COMMENT_TABLE)
MODERATION_ROWS = _parse(MODERATION_TABLE, MODERATION_ROLES)


def _row_id(row) -> str:
    return f"{row[0]}-{row[1]}"


def _people(author) -> dict:
    return {
        "anonymous": AnonymousUser(),
        "citizen": UserFactory(),
        "author": author,
        "moderator": ModeratorFactory(),
        "admin": AdminFactory(),
    }


def _actual(people: dict, perm: str, obj) -> dict[str, bool]:
    return {role: people[role].has_perm(f"proposals.{perm}", obj) for role in ROLES}


def test_tables_cover_every_proposals_permission():
    defined = {
        name.removeprefix("proposals.")
        for name in rules.permissions.permissions
        if name.startswith("proposals.")
    }
    tabled = {perm for perm, _state, _marks in PROPOSAL_ROWS + COMMENT_ROWS + MODERATION_ROWS}
    assert tabled == defined
    states = {state for perm, state, _ in PROPOSAL_ROWS if state != "-"}
    assert states == {s.value for s in Status}


@pytest.mark.parametrize("row", PROPOSAL_ROWS, ids=_row_id)
def test_proposal_permission(row):
    perm, state, expected = row
    author = UserFactory()
    if state == "-":
        obj = FocusArea.objects.first() if perm == "follow_focus_area" else None
    else:
        obj = ProposalFactory(status=state, author=author)
    assert _actual(_people(author), perm, obj) == expected


# Moderation-table proposal states: (status, routed to team A?).
PROPOSAL_STATES = {
    "draft": (Status.DRAFT, False),
    "submitted": (Status.SUBMITTED, False),
    "published_unrouted": (Status.PUBLISHED, False),
    "published": (Status.PUBLISHED, True),
    "under_review": (Status.UNDER_REVIEW, True),
    "answered": (Status.ANSWERED, True),
    "rejected": (Status.REJECTED, False),
    "rejected_routed": (Status.REJECTED, True),
    "merged": (Status.MERGED, False),
    "merged_routed": (Status.MERGED, True),
}


def _moderation_object(state: str, *, author, team_a, team_b):
    if state == "-":
        return None
    if state == "comment":
        return CommentFactory(proposal=ProposalFactory(author=author))
    if state.startswith("team_"):
        return {"team_a": team_a, "team_b": team_b, "team_without_us": TeamFactory()}[state]
    status, routed = PROPOSAL_STATES[state]
    return ProposalFactory(status=status, author=author, team=team_a if routed else None)


@pytest.mark.parametrize("row", MODERATION_ROWS, ids=_row_id)
def test_moderation_permission(row):
    perm, state, expected = row
    author = UserFactory()
    people = {
        "anonymous": AnonymousUser(),
        "citizen": UserFactory(),
        "author": author,
        "moderator": ModeratorFactory(),
        "routed_team_member": StaffFactory(),
        "other_team_member": StaffFactory(),
        "admin": AdminFactory(),
    }
    team_a = TeamFactory(members=[people["routed_team_member"]])
    team_b = TeamFactory(members=[people["other_team_member"]])
    obj = _moderation_object(state, author=author, team_a=team_a, team_b=team_b)
    actual = {role: people[role].has_perm(f"proposals.{perm}", obj) for role in MODERATION_ROLES}
    assert actual == expected


def test_moderation_table_covers_every_status():
    for perm in ("answer_proposal", "reroute_proposal"):
        states = {state for p, state, _ in MODERATION_ROWS if p == perm}
        assert states == set(PROPOSAL_STATES), perm
    assert {status for status, _ in PROPOSAL_STATES.values()} == set(Status)


def test_team_membership_is_read_once_per_user_object(django_assert_num_queries):
    member = StaffFactory()
    team = TeamFactory(members=[member])
    proposals = [ProposalFactory(team=team) for _ in range(5)]
    member = type(member).objects.get(pk=member.pk)
    with django_assert_num_queries(1):
        assert all(member.has_perm("proposals.answer_proposal", p) for p in proposals)
        assert member.has_perm("proposals.work_team_queue", team)


def test_deactivated_staff_may_do_no_moderation():
    member = StaffFactory(is_active=False)
    moderator = ModeratorFactory(is_active=False)
    admin = AdminFactory(is_active=False)
    team = TeamFactory(members=[member])
    proposal = ProposalFactory(status=Status.PUBLISHED, team=team)
    for user in (member, moderator, admin):
        for perm in ("moderate_proposal", "hide_content"):
            assert not user.has_perm(f"proposals.{perm}"), perm
        assert not user.has_perm("audit.view_audit_trail")
        assert not user.has_perm("proposals.work_team_queue", team)
        assert not user.has_perm("proposals.answer_proposal", proposal)
        assert not user.has_perm("proposals.reroute_proposal", proposal)


def _comment_in(state: str) -> Comment:
    author = UserFactory()
    if state == "closed":
        return CommentFactory(proposal=ProposalFactory(status=Status.REJECTED), author=author)
    comment = CommentFactory(author=author)
    if state == "deleted":
        comment.deleted_at = timezone.now()
        comment.body = ""
        comment.save()
    elif state == "old":
        comment.created_at = timezone.now() - timedelta(minutes=15, seconds=1)
        comment.save()
    elif state == "hidden":  # hidden by a moderator: frozen until restored
        comment.hidden_at = timezone.now()
        comment.save()
    return comment


@pytest.mark.parametrize("row", COMMENT_ROWS, ids=_row_id)
def test_comment_permission(row):
    perm, state, expected = row
    comment = _comment_in(state)
    assert _actual(_people(comment.author), perm, comment) == expected


def test_comment_just_inside_the_edit_window_may_be_changed():
    comment = CommentFactory()
    comment.created_at = timezone.now() - timedelta(minutes=14, seconds=50)
    comment.save()
    assert comment.author.has_perm("proposals.change_comment", comment)


def test_proposal_author_is_not_the_comment_author():
    """Writing the proposal gives no power over other people's comments on it."""
    comment = CommentFactory()
    proposal_author = comment.proposal.author
    assert not proposal_author.has_perm("proposals.change_comment", comment)
    assert not proposal_author.has_perm("proposals.delete_comment", comment)
    assert proposal_author.has_perm("proposals.report_comment", comment)


@pytest.mark.parametrize("status", list(Status), ids=str)
def test_deactivated_user_may_do_nothing(status):
    """A deleted (inactive) account keeps no rights over its own or anyone's proposals."""
    author = UserFactory(is_active=False)
    proposal = ProposalFactory(status=status, author=author)
    comment = CommentFactory(author=author)
    for perm in (
        "add_proposal",
        "change_proposal",
        "submit_proposal",
        "delete_proposal",
        "support_proposal",
        "comment_proposal",
        "follow_proposal",
        "report_proposal",
        "moderate_proposal",
        "follow_focus_area",
    ):
        assert not author.has_perm(f"proposals.{perm}", proposal), perm
    for perm in ("change_comment", "delete_comment", "report_comment"):
        assert not author.has_perm(f"proposals.{perm}", comment), perm


def test_moderator_group_name_comes_from_settings(settings):
    moderator = ModeratorFactory()
    assert moderator.has_perm("proposals.moderate_proposal")
    settings.MODERATOR_GROUP = "some-other-group"
    assert not moderator.has_perm("proposals.moderate_proposal")
