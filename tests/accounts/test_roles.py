"""engage.accounts.roles: one query answers every "who is this?" of a request."""

import pytest
from django.contrib.auth.models import AnonymousUser

from engage.accounts.roles import NO_ROLES, user_roles
from engage.accounts.rules import is_moderator
from proposals.selectors.moderation import user_team_ids
from tests.factories import ModeratorFactory, UserFactory
from tests.proposals.factories import TeamFactory

pytestmark = pytest.mark.django_db


def test_citizen_has_no_roles(django_assert_num_queries):
    citizen = UserFactory()
    with django_assert_num_queries(1):
        assert user_roles(citizen) == NO_ROLES
        assert not is_moderator(citizen)
        assert user_team_ids(user=citizen) == set()


def test_moderator_in_two_teams_in_one_query(django_assert_num_queries):
    moderator = ModeratorFactory()
    second, first = TeamFactory(members=[moderator]), TeamFactory(members=[moderator])
    TeamFactory(members=[UserFactory()])  # someone else's team
    with django_assert_num_queries(1):
        roles = user_roles(moderator)
        assert is_moderator(moderator)
        assert user_team_ids(user=moderator) == {first.pk, second.pk}
    assert roles.is_moderator
    assert roles.teams == tuple(sorted([(first.pk, first.slug), (second.pk, second.slug)]))


def test_signed_out_visitor_costs_no_query(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert user_roles(AnonymousUser()) == NO_ROLES


def test_another_moderator_group_is_asked_again(settings, django_assert_num_queries):
    moderator = ModeratorFactory()
    assert user_roles(moderator).is_moderator
    settings.MODERATOR_GROUP = "andre"
    with django_assert_num_queries(1):
        assert not user_roles(moderator).is_moderator
