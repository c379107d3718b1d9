"""Who must use MFA and who may open the Django admin, spelled out role by role."""

import pytest
from django.contrib.auth.models import AnonymousUser

from tests.factories import AdminFactory, ModeratorFactory, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db

ROLES = {
    "anonymous": lambda: AnonymousUser(),
    "citizen": UserFactory,
    "moderator": ModeratorFactory,
    "staff": StaffFactory,
    "admin": AdminFactory,
}

MATRIX = {
    # role:        (must_use_mfa, access_admin_site)
    "anonymous": (False, False),
    "citizen": (False, False),
    "moderator": (True, False),
    "staff": (True, True),
    "admin": (True, True),
}


@pytest.mark.parametrize("role", MATRIX)
def test_permission_matrix(role):
    user = ROLES[role]()
    must_use_mfa, access_admin_site = MATRIX[role]
    assert user.has_perm("accounts.must_use_mfa") is must_use_mfa
    assert user.has_perm("accounts.access_admin_site") is access_admin_site


def test_deleted_moderator_loses_both():
    from engage.accounts.services import user_delete

    moderator = ModeratorFactory()
    user_delete(user=moderator)
    moderator.refresh_from_db()
    assert not moderator.has_perm("accounts.must_use_mfa")
    assert not moderator.has_perm("accounts.access_admin_site")
