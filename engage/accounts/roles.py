"""What a signed-in person is on the platform: moderator or not, their teams, and whether
they have enrolled TOTP.

The MFA middleware, the rules, the visibility selectors and the menu all ask during one
request. `user_roles` answers all of them from one query, kept on the user object, which
lives as long as the request. `request_user_roles` keeps the answer in the person's
session as well, under their roles version, which any change of their group or team
memberships or authenticators bumps (engage.accounts.invalidation): most requests then
ask nothing.
"""

import time
from dataclasses import dataclass

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib.auth.models import Group
from django.db.models import Value
from django.http import HttpRequest

from engage.cache import roles_key, unread_key, versions_get
from engage.taxonomy.models import Team

SESSION_KEY = "engage_roles"
# A bound on kept roles besides the version, for a change no signal tells of (a write
# straight to a membership table).
SESSION_ROLES_SECONDS = 300


@dataclass(frozen=True)
class UserRoles:
    is_moderator: bool
    teams: tuple[tuple[int, str], ...]  # (pk, slug), by pk
    has_totp: bool = False
    is_coordinator: bool = False  # partnership coordinator (settings.COORDINATOR_GROUP)

    @property
    def team_ids(self) -> frozenset[int]:
        return frozenset(pk for pk, _slug in self.teams)


NO_ROLES = UserRoles(is_moderator=False, teams=())


def _groups_key() -> str:
    # Both role groups in one key: tests may rename either, and a session kept before the
    # coordinator role existed does not match and is read again.
    return f"{settings.MODERATOR_GROUP}|{settings.COORDINATOR_GROUP}"


def user_roles(user) -> UserRoles:
    """The person's moderator and coordinator memberships, teams and TOTP state: one query
    per request object (request_user_roles answers from the session instead where it can)."""
    if not getattr(user, "is_authenticated", False):
        return NO_ROLES
    group = _groups_key()
    cached = getattr(user, "_engage_roles", None)
    if cached is None or cached[0] != group:  # tests may rename the group
        cached = (group, _user_roles_load(user, group=group))
        user._engage_roles = cached
    return cached[1]


def request_user_roles(request: HttpRequest) -> UserRoles:
    """The signed-in person's roles, from their session while their roles version stands.

    Side effect: stores freshly read roles in the session (saved with the response).
    """
    return _session_roles(request, user=request.user)


def roles_keep_at_sign_in(*, request: HttpRequest, user, **_signal_kwargs) -> None:
    """Keep the roles in the session as the person signs in (a user_logged_in receiver),
    which saves the session anyway: their first page then asks nothing either."""
    if request is not None and hasattr(request, "session"):
        _session_roles(request, user=user)


def _session_roles(request: HttpRequest, *, user) -> UserRoles:
    group = _groups_key()
    # The header's unread count asks for its version on every signed-in page too: one
    # round trip for both (notifications.selectors.request_unread_count).
    version, _unread = versions_get([roles_key(user.pk), unread_key(user.pk)])
    kept = request.session.get(SESSION_KEY)
    now = int(time.time())
    if kept and kept[:3] == [version, user.pk, group] and now - kept[3] < SESSION_ROLES_SECONDS:
        is_moderator, teams, has_totp, is_coordinator = kept[4:]
        roles = UserRoles(
            is_moderator=is_moderator,
            teams=tuple((pk, slug) for pk, slug in teams),
            has_totp=has_totp,
            is_coordinator=is_coordinator,
        )
        user._engage_roles = (group, roles)
        return roles
    roles = user_roles(user)
    teams = [list(team) for team in roles.teams]
    request.session[SESSION_KEY] = [
        version,
        user.pk,
        group,
        now,
        roles.is_moderator,
        teams,
        roles.has_totp,
        roles.is_coordinator,
    ]
    return roles


def _user_roles_load(user, *, group: str) -> UserRoles:
    # One round trip for every membership.
    moderator_group, coordinator_group = group.split("|")
    groups = (
        Group.objects.filter(user=user, name__in=[moderator_group, coordinator_group])
        .order_by()
        .values_list(Value("group"), "pk", "name")
    )
    teams = Team.objects.filter(members=user).order_by().values_list(Value("team"), "pk", "slug")
    totp = (
        Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP)
        .order_by()
        .values_list(Value("totp"), "pk", Value(""))
    )
    rows = list(groups.union(teams, totp, all=True))
    names = {name for label, _pk, name in rows if label == "group"}
    return UserRoles(
        is_moderator=moderator_group in names,
        is_coordinator=coordinator_group in names,
        teams=tuple(sorted((pk, slug) for label, pk, slug in rows if label == "team")),
        has_totp=any(label == "totp" for label, _pk, _slug in rows),
    )
