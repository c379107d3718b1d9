from typing import Any

from allauth.mfa.models import Authenticator

from engage.accounts import personal_data
from engage.accounts.models import User


def user_has_mfa(*, user: User) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def user_export_personal_data(*, user: User) -> dict[str, Any]:
    """Everything the platform holds about `user`, one section per registered app."""
    return {
        "format": "hverdagsmaal-personal-data/1",
        "user_id": user.pk,
        **{s.name: s.export(user=user) for s in personal_data.sections()},
    }
