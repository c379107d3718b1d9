"""Who is who on the platform. Every app's rules build on these predicates."""

import rules
from django.conf import settings


@rules.predicate
def is_moderator(user) -> bool:
    """In the moderator group; asked once per request, as the user object lives that long.

    The middleware, the visibility selectors, the rules and the menu all ask, so the
    answer is kept on the user instance (frontend's staff_links fills it too).
    """
    if not getattr(user, "is_authenticated", False):
        return False
    group = settings.MODERATOR_GROUP
    cached = getattr(user, "_engage_is_moderator", None)
    if cached is None or cached[0] != group:
        cached = (group, user.groups.filter(name=group).exists())
        user._engage_is_moderator = cached
    return cached[1]


@rules.predicate
def is_admin(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_superuser)


@rules.predicate
def is_platform_staff(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_staff)


# Anyone who can see other people's unpublished content or change the platform must use MFA.
requires_mfa = is_admin | is_platform_staff | is_moderator

rules.add_perm("accounts.must_use_mfa", requires_mfa)
rules.add_perm("accounts.access_admin_site", is_platform_staff | is_admin)
