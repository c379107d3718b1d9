"""Who reads the audit trail, written out as a matrix of every role against every entry.

Roles: anonymous, citizen, member (staff in a team, no moderator group), the moderator who
acted, another moderator, admin. Entries: one by the moderator ("own"), one by the other
moderator ("colleague's"), one by nobody ("system", e.g. automatic hiding), one by an admin.
"""

import pytest
import rules
from django.contrib.auth.models import AnonymousUser

from engage.audit.models import AuditEntry
from engage.audit.services import audit_record
from tests.factories import AdminFactory, ModeratorFactory, StaffFactory, UserFactory
from tests.proposals.factories import ProposalFactory, TeamFactory

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "citizen", "member", "moderator", "colleague", "admin")

# permission           entry          anon cit mem mod col admin
TABLE = """
view_audit_trail       -              -    -   -   Y   Y   Y
view_audit_entry       own            -    -   -   Y   -   Y
view_audit_entry       colleagues     -    -   -   -   Y   Y
view_audit_entry       system         -    -   -   -   -   Y
view_audit_entry       admins         -    -   -   -   -   Y
"""


def _rows():
    for line in TABLE.strip().splitlines():
        perm, entry, *marks = line.split()
        assert len(marks) == len(ROLES), line
        yield perm, entry, dict(zip(ROLES, [mark == "Y" for mark in marks], strict=True))


ROWS = list(_rows())


@pytest.fixture
def people():
    member = StaffFactory()
    TeamFactory(members=[member])
    return {
        "anonymous": AnonymousUser(),
        "citizen": UserFactory(),
        "member": member,
        "moderator": ModeratorFactory(),
        "colleague": ModeratorFactory(),
        "admin": AdminFactory(),
    }


@pytest.fixture
def entries(people):
    proposal = ProposalFactory()

    def by(actor):
        return audit_record(actor=actor, action="proposal.hide", target=proposal, reason="x")

    return {
        "-": None,
        "own": by(people["moderator"]),
        "colleagues": by(people["colleague"]),
        "system": by(None),
        "admins": by(people["admin"]),
    }


def test_the_table_covers_every_audit_permission():
    defined = {name for name in rules.permissions.permissions if name.startswith("audit.")}
    assert defined == {f"audit.{perm}" for perm, _entry, _marks in ROWS}


@pytest.mark.parametrize("row", ROWS, ids=lambda row: f"{row[0]}-{row[1]}")
def test_audit_permission(row, people, entries):
    perm, entry, expected = row
    actual = {role: people[role].has_perm(f"audit.{perm}", entries[entry]) for role in ROLES}
    assert actual == expected


def test_the_list_shows_exactly_the_entries_the_rule_allows(people, entries):
    for role in ROLES:
        user = people[role]
        listed = set(AuditEntry.objects.visible_to(user).values_list("pk", flat=True))
        allowed = {
            entry.pk
            for entry in entries.values()
            if entry is not None and user.has_perm("audit.view_audit_entry", entry)
        }
        assert listed == allowed, role


def test_a_deactivated_moderator_reads_nothing(people, entries):
    moderator = people["moderator"]
    moderator.is_active = False
    moderator.save()
    assert not moderator.has_perm("audit.view_audit_trail")
    assert not moderator.has_perm("audit.view_audit_entry", entries["own"])
    assert not AuditEntry.objects.visible_to(moderator).exists()
