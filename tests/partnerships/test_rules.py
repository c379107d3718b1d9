"""The permission matrix for organisations, written out by hand: every role against every
action, and against every page (HTTP answers), for the organisation the member and the
organisation admin belong to ("own") and for another organisation ("other").

Roles: anonymous; citizen (signed in, in no organisation); member and org_admin (of the
own organisation, in no other); moderator (settings.MODERATOR_GROUP); coordinator
(settings.COORDINATOR_GROUP, a partnership coordinator); admin (superuser). `Y` =
allowed, `-` = not. Staff use MFA, so they are enrolled in TOTP here.
"""

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser, Group
from django.urls import reverse

from partnerships.models import Membership
from tests.factories import AdminFactory, ModeratorFactory, UserFactory, give_totp
from tests.partnerships.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "citizen", "member", "org_admin", "moderator", "coordinator", "admin")

# permission               object  anon cit mem oadm mod coord admin
TABLE = """
view_organisation          own     Y    Y   Y   Y    Y   Y     Y
view_organisation          other   Y    Y   Y   Y    Y   Y     Y
add_organisation           -       -    Y   Y   Y    Y   Y     Y
change_organisation        own     -    -   -   Y    -   -     -
change_organisation        other   -    -   -   -    -   -     -
view_members               own     -    -   Y   Y    Y   Y     Y
view_members               other   -    -   -   -    Y   Y     Y
manage_members             own     -    -   -   Y    Y   Y     Y
manage_members             other   -    -   -   -    Y   Y     Y
submit_for_organisation    own     -    -   Y   Y    -   -     -
submit_for_organisation    other   -    -   -   -    -   -     -
verify_organisation        -       -    -   -   -    Y   Y     Y
verify_organisation        own     -    -   -   -    Y   Y     Y
"""

LOGIN = "login"
# page                          object  anon   cit  mem  oadm mod  coord admin
PAGES = """
organisation_detail             own     200    200  200  200  200  200   200
organisation_detail             other   200    200  200  200  200  200   200
organisation_create             -       login  200  200  200  200  200   200
my_organisations                -       login  200  200  200  200  200   200
organisation_edit               own     login  403  403  200  403  403   403
organisation_edit               other   login  403  403  403  403  403   403
organisation_members            own     login  403  200  200  200  200   200
organisation_members            other   login  403  403  403  200  200   200
organisation_staff_list         -       login  403  403  403  200  200   200
"""


def _parse(table: str) -> list[tuple[str, str, tuple[str, ...]]]:
    rows = []
    for line in table.strip().splitlines():
        if line.strip():
            name, target, *marks = line.split()
            assert len(marks) == len(ROLES), line
            rows.append((name, target, tuple(marks)))
    return rows


def staff(user):
    give_totp(user)
    return user


@pytest.fixture
def world():
    member, org_admin = UserFactory(), UserFactory()
    own = OrganisationFactory(admins=[org_admin], members=[member])
    other = OrganisationFactory(admins=[UserFactory()], members=[UserFactory()])
    coordinator = UserFactory()
    coordinator.groups.add(Group.objects.get_or_create(name=settings.COORDINATOR_GROUP)[0])
    people = {
        "anonymous": AnonymousUser(),
        "citizen": UserFactory(),
        "member": member,
        "org_admin": org_admin,
        "moderator": staff(ModeratorFactory()),
        "coordinator": staff(coordinator),
        "admin": staff(AdminFactory()),
    }
    return {"people": people, "own": own, "other": other, "-": None}


@pytest.mark.parametrize(("perm", "target", "marks"), _parse(TABLE), ids=lambda v: str(v))
def test_permission_matrix(world, perm, target, marks):
    obj = world[target]
    for role, mark in zip(ROLES, marks, strict=True):
        user = world["people"][role]
        allowed = user.has_perm(f"partnerships.{perm}", obj)
        assert allowed is (mark == "Y"), f"{perm} on {target}: {role} should be {mark}"


@pytest.mark.parametrize(("name", "target", "marks"), _parse(PAGES), ids=lambda v: str(v))
def test_page_matrix(client, world, name, target, marks):
    organisation = world[target]
    kwargs = {"slug": organisation.slug} if organisation else {}
    namespace = "" if name == "my_organisations" else "frontend:"
    url = reverse(namespace + name, kwargs=kwargs)
    for role, mark in zip(ROLES, marks, strict=True):
        client.logout()
        user = world["people"][role]
        if user.is_authenticated:
            client.force_login(user)
        response = client.get(url)
        if mark == LOGIN:
            assert response.status_code == 302, role
            assert response["Location"].startswith(reverse("account_login")), role
        else:
            assert response.status_code == int(mark), (role, url)


# The writes each page offers answer as the rules say: a refused person changes nothing.
WRITES = ["remove", "role", "invite", "verify", "hand_over"]


@pytest.mark.parametrize("write", WRITES)
@pytest.mark.parametrize("role", ["citizen", "member"])
def test_writes_of_people_without_the_right_are_refused(client, world, role, write):
    own = world["own"]
    target = Membership.objects.get(organisation=own, role="member")
    urls = {
        "remove": (reverse("frontend:organisation_member_remove", args=[own.slug, target.pk]), {}),
        "role": (
            reverse("frontend:organisation_member_role", args=[own.slug, target.pk]),
            {"role": "admin"},
        ),
        "invite": (
            reverse("frontend:organisation_members", args=[own.slug]),
            {"email": "x@example.dk", "role": "admin"},
        ),
        "verify": (reverse("frontend:organisation_verify", args=[own.slug]), {}),
        "hand_over": (
            reverse("frontend:organisation_hand_over", args=[own.slug, target.pk]),
            {},
        ),
    }
    url, data = urls[write]
    client.force_login(world["people"][role])
    before = sorted(Membership.objects.values_list("pk", "role"))
    assert client.post(url, data).status_code == 403
    assert sorted(Membership.objects.values_list("pk", "role")) == before
    own.refresh_from_db()
    assert own.verified_at is None
    assert not own.invitations.exists()
