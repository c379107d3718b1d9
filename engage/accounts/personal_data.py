"""One registry through which every app adds its part to a person's data export and erasure.

Apps register in their AppConfig.ready(); the accounts services walk the registry, so
adding an app never means editing the export or deletion code.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from engage.accounts.models import User

Exporter = Callable[..., Any]
Eraser = Callable[..., None]


@dataclass(frozen=True)
class Section:
    name: str
    export: Exporter
    erase: Eraser | None


_sections: dict[str, Section] = {}


def register(*, section: str, export: Exporter, erase: Eraser | None) -> None:
    """Register an app's exporter `export(*, user) -> JSON-able` and optional `erase(*, user)`.

    `erase` removes the app's personal data for a user who deletes the account; content
    that others rely on (proposals, comments) stays and is shown as by a deleted user.
    """
    _sections[section] = Section(name=section, export=export, erase=erase)


def sections() -> list[Section]:
    return [_sections[name] for name in sorted(_sections)]


def export_account(*, user: "User") -> dict[str, Any]:
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator

    return {
        "email": user.email,
        "display_name": user.display_name,
        "preferred_language": user.preferred_language,
        "date_joined": user.date_joined.isoformat(),
        "last_login": user.last_login.isoformat() if user.last_login else None,
        "email_addresses": [
            {"email": a.email, "verified": a.verified, "primary": a.primary}
            for a in EmailAddress.objects.filter(user=user).order_by("pk")
        ],
        "two_factor_methods": [
            {"type": a.type, "created_at": a.created_at.isoformat()}
            for a in Authenticator.objects.filter(user=user).order_by("pk")
        ],
        "groups": sorted(user.groups.values_list("name", flat=True)),
    }
