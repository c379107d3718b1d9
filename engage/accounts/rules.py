"""Who is who on the platform. Every app's rules build on these predicates."""

import rules

from engage.accounts.roles import user_roles


@rules.predicate
def is_moderator(user) -> bool:
    """In the moderator group (asked once per request: engage.accounts.roles)."""
    return user_roles(user).is_moderator


@rules.predicate
def is_coordinator(user) -> bool:
    """In the partnership coordinator group (settings.COORDINATOR_GROUP)."""
    return user_roles(user).is_coordinator


@rules.predicate
def is_admin(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_superuser)


@rules.predicate
def is_platform_staff(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_staff)


# Anyone who can see other people's unpublished content or change the platform must use MFA.
requires_mfa = is_admin | is_platform_staff | is_moderator | is_coordinator

rules.add_perm("accounts.must_use_mfa", requires_mfa)
rules.add_perm("accounts.access_admin_site", is_platform_staff | is_admin)
