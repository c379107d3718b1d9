"""A person's roles are kept in their session, and a change of them counts at once.

Each way a moderator membership, a team membership or an authenticator can change is
tried on a person who is signed in and has just used a page: the next request sees it.
"""

import pytest
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from tests.factories import ModeratorFactory, UserFactory, give_totp
from tests.proposals.factories import TeamFactory

pytestmark = pytest.mark.django_db

QUEUE = "/moderation/"


def rename(group) -> None:
    group.name = "tidligere moderatorer"
    group.save()


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def moderator():
    user = ModeratorFactory()
    give_totp(user, recovery_codes=False)
    return user


def test_a_signed_in_page_reads_only_the_user(moderator, django_assert_num_queries):
    client = signed_in(moderator)
    client.get("/")
    # Roles, TOTP and the header's unread count come with the session.
    with django_assert_num_queries(1):
        client.get("/findes-ikke/")


@pytest.mark.parametrize(
    "remove",
    [
        lambda user, group: group.user_set.remove(user),
        lambda user, group: user.groups.remove(group),
        lambda user, group: user.groups.clear(),
        lambda user, group: group.user_set.clear(),
        lambda user, group: group.delete(),
        lambda user, group: rename(group),
    ],
    ids=["group.remove", "user.remove", "user.clear", "group.clear", "delete", "rename"],
)
def test_a_moderator_who_is_removed_loses_the_queue_at_once(moderator, remove):
    client = signed_in(moderator)
    assert client.get(QUEUE).status_code == 200
    remove(moderator, Group.objects.get(name=settings.MODERATOR_GROUP))
    assert client.get(QUEUE).status_code == 403


def test_a_new_moderator_gets_the_queue_at_once():
    user = UserFactory()
    give_totp(user, recovery_codes=False)
    client = signed_in(user)
    assert client.get(QUEUE).status_code == 403
    Group.objects.get_or_create(name=settings.MODERATOR_GROUP)[0].user_set.add(user)
    assert client.get(QUEUE).status_code == 200


def test_team_membership_counts_at_once_both_ways():
    user = UserFactory()
    team = TeamFactory()
    url = reverse("frontend:team_queue", kwargs={"slug": team.slug})
    client = signed_in(user)
    assert client.get(url).status_code == 403
    team.members.add(user)
    assert client.get(url).status_code == 200
    team.members.remove(user)
    assert client.get(url).status_code == 403
    user.teams.add(team)
    assert client.get(url).status_code == 200
    team.delete()
    assert client.get(url).status_code == 404


def test_a_moderator_whose_authenticator_goes_must_enrol_again(moderator):
    client = signed_in(moderator)
    assert client.get(QUEUE).status_code == 200
    Authenticator.objects.filter(user=moderator).delete()
    response = client.get(QUEUE)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa_activate_totp"))


def test_another_persons_change_leaves_my_kept_roles(moderator, django_assert_num_queries):
    client = signed_in(moderator)
    client.get(QUEUE)
    ModeratorFactory()  # someone else joins the moderators
    TeamFactory(members=[UserFactory()])
    with django_assert_num_queries(1):  # the user
        client.get("/findes-ikke/")


def test_a_change_no_signal_tells_of_counts_within_the_bound(moderator, monkeypatch):
    import time

    from engage.accounts import roles

    client = signed_in(moderator)
    assert client.get(QUEUE).status_code == 200
    moderator.groups.through.objects.filter(user=moderator).delete()  # sends no signal
    assert client.get(QUEUE).status_code == 200  # kept, for now
    later = time.time() + roles.SESSION_ROLES_SECONDS
    monkeypatch.setattr(roles.time, "time", lambda: later)
    assert client.get(QUEUE).status_code == 403
