"""Cache invalidation only: whose kept roles (engage.accounts.roles) a change retires.

Signal receivers, connected in engage.accounts.apps. Memberships are watched through
m2m_changed (Django sends no signal for writes straight to a through table, which
nothing here makes; engage.accounts.roles rereads kept roles every few minutes anyway);
a group or team that is renamed or deleted changes the roles of all its members, whose
rows a delete removes without a signal, so they are read before.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from engage.cache import roles_version_bump


def _members(instance) -> list[int]:
    if isinstance(instance, Group):
        return list(instance.user_set.values_list("pk", flat=True))
    return list(instance.members.values_list("pk", flat=True))


def membership_changed(*, instance, action: str, pk_set, **_kwargs) -> None:
    """m2m_changed of a user's groups or teams, or of a group's or team's members."""
    if action not in {"post_add", "post_remove", "pre_clear"}:
        return
    if isinstance(instance, get_user_model()):  # user.groups.add(…), user.teams.clear()
        roles_version_bump(user_ids=[instance.pk])
    elif action == "pre_clear":
        roles_version_bump(user_ids=_members(instance))
    else:  # group.user_set.add(…), team.members.remove(…): pk_set holds the people
        roles_version_bump(user_ids=pk_set or ())


def authenticator_changed(*, instance, **_kwargs) -> None:
    """post_save or post_delete of an authenticator (TOTP, recovery codes)."""
    roles_version_bump(user_ids=[instance.user_id])


def group_or_team_changed(*, instance, **_kwargs) -> None:
    """post_save (a new name or slug) or pre_delete of a group or team."""
    if instance.pk is not None:
        roles_version_bump(user_ids=_members(instance))
