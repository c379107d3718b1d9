"""factory-boy factories shared by the whole test suite."""

import factory
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.conf import settings
from django.contrib.auth.models import Group

from engage.accounts.models import User

DEFAULT_PASSWORD = "korrekt-hest-batteri-hæfteklamme"


class UserFactory(factory.django.DjangoModelFactory):
    """An active citizen whose email address allauth considers verified and primary.

    Log in with `DEFAULT_PASSWORD` (or pass `password=`).
    """

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"borger{n}@example.dk")
    display_name = factory.Sequence(lambda n: f"Borger {n}")
    preferred_language = "da"
    password = factory.django.Password(DEFAULT_PASSWORD)

    @factory.post_generation
    def verified_email(self, create: bool, extracted: bool | None, **kwargs) -> None:
        if create and extracted is not False:
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)


class ModeratorFactory(UserFactory):
    email = factory.Sequence(lambda n: f"moderator{n}@example.dk")
    display_name = factory.Sequence(lambda n: f"Moderator {n}")

    @factory.post_generation
    def moderator_group(self, create: bool, extracted, **kwargs) -> None:
        if create:
            group, _ = Group.objects.get_or_create(name=settings.MODERATOR_GROUP)
            self.groups.add(group)


class StaffFactory(UserFactory):
    """Platform staff (Django admin access) without superuser rights."""

    email = factory.Sequence(lambda n: f"medarbejder{n}@example.dk")
    is_staff = True


class AdminFactory(UserFactory):
    email = factory.Sequence(lambda n: f"admin{n}@example.dk")
    is_staff = True
    is_superuser = True


def totp_code(secret: str) -> str:
    """The code an authenticator app shows right now for `secret` (allauth's own algorithm)."""
    counters = list(yield_hotp_counters_from_time())
    current = counters[len(counters) // 2]
    return format_hotp_value(hotp_value(secret, current))


def give_totp(user: User, *, secret: str | None = None, recovery_codes: bool = True) -> str:
    """Enrol `user` in TOTP (and recovery codes) through allauth.mfa; returns the secret."""
    secret = secret or generate_totp_secret()
    TOTP.activate(user, secret)
    if recovery_codes:
        RecoveryCodes.activate(user)
    return secret


def recovery_codes_of(user: User) -> list[str]:
    authenticator = Authenticator.objects.get(user=user, type=Authenticator.Type.RECOVERY_CODES)
    return authenticator.wrap().get_unused_codes()


def field_values(instance, *, exclude: tuple[str, ...] = ()) -> dict:
    """Every column value of a model instance, by attribute name: to compare two reads."""
    return {
        field.attname: getattr(instance, field.attname)
        for field in instance._meta.concrete_fields
        if field.name not in exclude
    }
