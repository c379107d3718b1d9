"""What a signed-in person is on the platform: moderator or not, and their teams.

The MFA middleware, the rules, the visibility selectors and the menu all ask during one
request. `user_roles` answers all of them from one query, kept on the user object, which
lives as long as the request.
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import Group
from django.db.models import Value

from engage.taxonomy.models import Team


@dataclass(frozen=True)
class UserRoles:
    is_moderator: bool
    teams: tuple[tuple[int, str], ...]  # (pk, slug), by pk

    @property
    def team_ids(self) -> frozenset[int]:
        return frozenset(pk for pk, _slug in self.teams)


NO_ROLES = UserRoles(is_moderator=False, teams=())


def user_roles(user) -> UserRoles:
    """The person's moderator membership and teams: one query per request object."""
    if not getattr(user, "is_authenticated", False):
        return NO_ROLES
    group = settings.MODERATOR_GROUP
    cached = getattr(user, "_engage_roles", None)
    if cached is None or cached[0] != group:  # tests may rename the group
        cached = (group, _user_roles_load(user, group=group))
        user._engage_roles = cached
    return cached[1]


def _user_roles_load(user, *, group: str) -> UserRoles:
    # One round trip for both memberships: every signed-in request asks.
    moderator = (
        Group.objects.filter(user=user, name=group)
        .order_by()
        .values_list(Value("moderator"), "pk", "name")
    )
    teams = Team.objects.filter(members=user).order_by().values_list(Value("team"), "pk", "slug")
    rows = list(moderator.union(teams, all=True))
    return UserRoles(
        is_moderator=any(label == "moderator" for label, _pk, _slug in rows),
        teams=tuple(sorted((pk, slug) for label, pk, slug in rows if label == "team")),
    )
