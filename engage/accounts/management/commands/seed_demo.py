"""Demo logins for `make run`: a citizen, a moderator, a team member, a partnership
coordinator and an admin; all but the citizen with TOTP.

Idempotent: running it again brings the same accounts back to the state printed,
without creating duplicates. Refuses to run with DEBUG off (a production database) unless
told to with --force.
"""

import time
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
from allauth.mfa.utils import decrypt, encrypt
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from engage.accounts.models import User

DEMO_PASSWORD = "Hverdagsmaal-demo-2026"  # noqa: S105 - printed on purpose, DEBUG only
# Base32, 20 bytes: what authenticator apps expect. Public on purpose: demo accounts only.
DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"  # noqa: S105


@dataclass(frozen=True)
class DemoAccount:
    email: str
    display_name: str
    role: str
    moderator: bool = False
    admin: bool = False
    staff: bool = False
    coordinator: bool = False

    @property
    def uses_totp(self) -> bool:
        return self.moderator or self.admin or self.staff or self.coordinator


DEMO_ACCOUNTS = (
    DemoAccount("borger@example.com", "Demo Borger", "citizen"),
    DemoAccount("moderator@example.com", "Demo Moderator", "moderator", moderator=True),
    DemoAccount("team@example.com", "Demo Klimateam", "staff, climate team", staff=True),
    # seed_demo_partnerships makes it coordinate the demo programme.
    DemoAccount("koordinator@example.com", "Demo Koordinator", "coordinator", coordinator=True),
    DemoAccount("admin@example.com", "Demo Admin", "admin (superuser)", admin=True),
)


def demo_totp_code(*, at: float | None = None) -> str:
    counter = int(time.time() if at is None else at) // mfa_settings.TOTP_PERIOD
    return format_hotp_value(hotp_value(DEMO_TOTP_SECRET, counter))


def _demo_account_ensure(*, account: DemoAccount) -> tuple[User, bool, str | None]:
    """Create or reset one demo account; returns (user, created, one unused recovery code)."""
    user, created = User.objects.get_or_create(
        email=account.email, defaults={"display_name": account.display_name}
    )
    user.display_name = account.display_name
    user.is_active = True
    user.is_staff = account.admin or account.staff
    user.is_superuser = account.admin
    user.set_password(DEMO_PASSWORD)
    user.save(update_fields=["display_name", "is_active", "is_staff", "is_superuser", "password"])

    EmailAddress.objects.filter(user=user).exclude(email__iexact=account.email).delete()
    EmailAddress.objects.update_or_create(
        user=user, email=account.email, defaults={"verified": True, "primary": True}
    )

    moderators, _ = Group.objects.get_or_create(name=settings.MODERATOR_GROUP)
    if account.moderator:
        user.groups.add(moderators)
    else:
        user.groups.remove(moderators)
    coordinators, _ = Group.objects.get_or_create(name=settings.COORDINATOR_GROUP)
    if account.coordinator:
        user.groups.add(coordinators)
    elif not account.admin:  # seed_demo_partnerships makes the admin a coordinator too
        user.groups.remove(coordinators)

    if not account.uses_totp:
        Authenticator.objects.filter(user=user).delete()
        return user, created, None

    totp = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    if totp is None:
        TOTP.activate(user, DEMO_TOTP_SECRET)
    elif decrypt(totp.data["secret"]) != DEMO_TOTP_SECRET:
        # Someone re-enrolled the demo account: put back the secret this command prints.
        totp.data = {**totp.data, "secret": encrypt(DEMO_TOTP_SECRET)}
        totp.save(update_fields=["data"])
    recovery = RecoveryCodes.activate(user)
    unused = recovery.get_unused_codes()
    return user, created, (unused[0] if unused else None)


class Command(BaseCommand):
    help = (
        "Create or reset the demo logins (citizen, moderator, team member, coordinator, "
        "admin); print them."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even with DEBUG off. Never do this against a real database.",
        )

    def handle(self, *args, force: bool = False, **options) -> None:
        if not settings.DEBUG and not force:
            raise CommandError(
                "seed_demo creates accounts with a published password and TOTP secret; "
                "it refuses to run with DEBUG off. Use --force if this really is a demo."
            )
        rows = []
        with transaction.atomic():
            for account in DEMO_ACCOUNTS:
                _, created, recovery_code = _demo_account_ensure(account=account)
                rows.append((account, created, recovery_code))

        self.stdout.write(self.style.MIGRATE_HEADING("Demo logins (one password for all):"))
        self.stdout.write(f"  password: {DEMO_PASSWORD}\n")
        header = f"  {'email':<24} {'role':<19} {'two-factor':<11} {'state':<8} recovery code"
        self.stdout.write(header)
        self.stdout.write("  " + "-" * (len(header) - 2))
        for account, created, recovery_code in rows:
            self.stdout.write(
                f"  {account.email:<24} {account.role:<19} "
                f"{'TOTP' if account.uses_totp else '-':<11} "
                f"{'created' if created else 'reset':<8} {recovery_code or '-'}"
            )
        self.stdout.write("")
        self.stdout.write(
            f"  Two-factor: use any TOTP app with secret {DEMO_TOTP_SECRET} "
            f"(current code: {demo_totp_code()}, it changes every "
            f"{mfa_settings.TOTP_PERIOD} s)."
        )
