"""Who may do what with organisations: the one place views and the API ask.

Organisation pages are public. Its members see its member list; its admins change its
profile and its members. Moderators, partnership coordinators and admins verify
organisations and look after those whose last admin left: they may invite and change
members of any organisation (that is how an organisation without an admin gets one), but
never edit its profile.
"""

import rules

from engage.accounts.rules import is_admin, is_coordinator, is_moderator

is_signed_in = rules.is_authenticated & rules.is_active

_CACHE_ATTRIBUTE = "_partnership_roles"


def organisation_roles(user) -> dict[int, str]:
    """{organisation id: role} of `user`'s memberships: one query per user object."""
    if not getattr(user, "is_authenticated", False):
        return {}
    cached = getattr(user, _CACHE_ATTRIBUTE, None)
    if cached is None:
        from partnerships.models import Membership

        cached = dict(Membership.objects.filter(user=user).values_list("organisation_id", "role"))
        setattr(user, _CACHE_ATTRIBUTE, cached)
    return cached


def organisation_roles_forget(user) -> None:
    """After a change of `user`'s memberships in this request (services call it)."""
    if user is not None and hasattr(user, _CACHE_ATTRIBUTE):
        delattr(user, _CACHE_ATTRIBUTE)


@rules.predicate
def is_organisation_member(user, organisation) -> bool:
    """A member in any role (admins too)."""
    return organisation is not None and organisation.pk in organisation_roles(user)


@rules.predicate
def is_organisation_admin(user, organisation) -> bool:
    return organisation is not None and organisation_roles(user).get(organisation.pk) == "admin"


is_partnership_staff = is_moderator | is_coordinator | is_admin

rules.add_perm("partnerships.view_organisation", rules.always_allow)
rules.add_perm("partnerships.add_organisation", is_signed_in)
rules.add_perm("partnerships.change_organisation", is_signed_in & is_organisation_admin)
rules.add_perm(
    "partnerships.view_members",
    is_signed_in & (is_organisation_member | is_partnership_staff),
)
rules.add_perm(
    "partnerships.manage_members",
    is_signed_in & (is_organisation_admin | is_partnership_staff),
)
rules.add_perm("partnerships.submit_for_organisation", is_signed_in & is_organisation_member)
rules.add_perm("partnerships.verify_organisation", is_signed_in & is_partnership_staff)
