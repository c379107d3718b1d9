"""Factories for organisations, their members and invitations."""

import random
from datetime import timedelta

import factory
from django.utils import timezone

from partnerships.cvr import WEIGHTS
from partnerships.models import Invitation, Kind, Membership, Organisation, Role, Sector
from tests.factories import UserFactory

_rng = random.Random(4711)


def cvr_make() -> str:
    """A fresh valid CVR number (modulus 11)."""
    while True:
        first = [_rng.randint(1, 9), *(_rng.randint(0, 9) for _ in range(6))]
        last = -sum(d * w for d, w in zip(first, WEIGHTS[:7], strict=True)) % 11
        if last < 10:
            return "".join(map(str, [*first, last]))


class OrganisationFactory(factory.django.DjangoModelFactory):
    """A company with a valid CVR number; `OrganisationFactory(admins=[user])`."""

    class Meta:
        model = Organisation
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Grøn Virksomhed {n} ApS")
    slug = factory.Sequence(lambda n: f"groen-virksomhed-{n}")
    kind = Kind.COMPANY
    sector = Sector.ENERGY
    cvr = factory.LazyFunction(cvr_make)
    size = 25

    @factory.post_generation
    def admins(self, create: bool, extracted, **kwargs) -> None:
        for user in extracted or ():
            Membership.objects.create(organisation=self, user=user, role=Role.ADMIN)

    @factory.post_generation
    def members(self, create: bool, extracted, **kwargs) -> None:
        for user in extracted or ():
            Membership.objects.create(organisation=self, user=user, role=Role.MEMBER)


class HousingFactory(OrganisationFactory):
    name = factory.Sequence(lambda n: f"Boligforeningen Engen {n}")
    slug = factory.Sequence(lambda n: f"boligforeningen-engen-{n}")
    kind = Kind.HOUSING
    sector = Sector.BUILDINGS
    cvr = ""
    size = 300


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    organisation = factory.SubFactory(OrganisationFactory)
    email = factory.Sequence(lambda n: f"inviteret{n}@example.dk")
    role = Role.MEMBER
    invited_by = factory.SubFactory(UserFactory)
    expires_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=14))
