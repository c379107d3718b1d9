"""Factories for organisations, their members and invitations."""

import random
from datetime import date, timedelta
from decimal import Decimal

import factory
from django.utils import timezone

from partnerships.cvr import WEIGHTS
from partnerships.models import (
    Invitation,
    Kind,
    Membership,
    Organisation,
    Programme,
    ReportingRhythm,
    Role,
    Sector,
)
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


def coordinator_make(**kwargs):
    """A user in the partnership coordinator group."""
    from django.conf import settings
    from django.contrib.auth.models import Group

    user = UserFactory(**kwargs)
    user.groups.add(Group.objects.get_or_create(name=settings.COORDINATOR_GROUP)[0])
    return user


QUESTIONS = [
    {"text": "Hvad vil I gøre for klimaet?", "required": True},
    {"text": "Hvem er jeres kontaktperson?", "required": False},
]


class ProgrammeFactory(factory.django.DjangoModelFactory):
    """An open programme for companies and housing associations, with two questions;
    `ProgrammeFactory(coordinators=[user])`."""

    class Meta:
        model = Programme
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Klimaalliancen {n}")
    slug = factory.Sequence(lambda n: f"klimaalliancen-{n}")
    description = "Virksomheder og boligforeninger, der vil halvere deres udledning."
    eligible_kinds = factory.LazyFunction(lambda: [Kind.COMPANY, Kind.HOUSING])
    reporting_rhythm = ReportingRhythm.ANNUAL
    questions = factory.LazyFunction(lambda: [dict(q) for q in QUESTIONS])
    is_open = True

    @factory.post_generation
    def coordinators(self, create: bool, extracted, **kwargs) -> None:
        if extracted:
            self.coordinators.set(extracted)


# --- agreements, the partner's commitments and progress reports -------------------------


def agreement_make(*, organisation=None, programme=None, start_date=None, **kwargs):
    """An active agreement (with its approved application) between `organisation` (a new
    verified company by default) and `programme` (a new annual one by default)."""
    from partnerships.models import Agreement, Application, ApplicationStatus

    organisation = organisation or OrganisationFactory(verified_at=timezone.now())
    programme = programme or ProgrammeFactory()
    start_date = start_date or date(2023, 3, 1)
    application = Application.objects.create(
        programme=programme, organisation=organisation, status=ApplicationStatus.APPROVED
    )
    return Agreement.objects.create(
        application=application,
        programme=programme,
        organisation=organisation,
        start_date=start_date,
        review_date=start_date.replace(year=start_date.year + 2),
        **kwargs,
    )


class PartnerCommitmentFactory(factory.django.DjangoModelFactory):
    """Emissions (scope 1) to fall from 100 t in 2022 to 50 t in 2030."""

    class Meta:
        model = "partnerships.PartnerCommitment"

    agreement = factory.LazyFunction(agreement_make)
    title = factory.Sequence(lambda n: f"Halver udledningen {n}")
    metric = "emissions"
    unit = "tCO2e"
    scope = 1
    direction = "reduce"
    baseline_year = 2022
    baseline_value = Decimal("100")
    target_year = 2030
    target_value = Decimal("50")
    position = factory.Sequence(lambda n: n)


class ChecklistCommitmentFactory(PartnerCommitmentFactory):
    """A green action from the guide: reusable cups (its result is a share)."""

    title = "Genbrugskrus"
    metric = "checklist"
    unit = "%"
    scope = None
    direction = ""
    baseline_year = None
    baseline_value = None
    target_year = None
    target_value = None
    checklist_action = "reusable_cups"


class ReportFactory(factory.django.DjangoModelFactory):
    """A draft report for the calendar year 2024."""

    class Meta:
        model = "partnerships.ProgressReport"

    agreement = factory.LazyFunction(agreement_make)
    period_start = date(2024, 1, 1)
    period_end = date(2024, 12, 31)
    due_date = date(2025, 3, 31)


def verified_value_make(*, commitment, year: int, value=None, done=None, verifier=None):
    """A verified value of `commitment` for calendar year `year` (its report made or
    reused, verified)."""
    from partnerships.models import ProgressReport, ProgressValue, ReportStatus, ValueState

    report, _ = ProgressReport.objects.get_or_create(
        agreement=commitment.agreement,
        period_start=date(year, 1, 1),
        period_end=date(year, 12, 31),
        event_name="",
        defaults={
            "due_date": date(year + 1, 3, 31),
            "status": ReportStatus.VERIFIED,
            "submitted_at": timezone.now(),
        },
    )
    return ProgressValue.objects.create(
        report=report,
        commitment=commitment,
        value=value,
        done=done,
        source="Elmåler",
        state=ValueState.VERIFIED,
        verified_by=verifier,
        verified_at=timezone.now(),
    )


# --- the partner's commitments -------------------------------------------------------


class FestivalFactory(OrganisationFactory):
    name = factory.Sequence(lambda n: f"Engfestival {n}")
    slug = factory.Sequence(lambda n: f"engfestival-{n}")
    kind = Kind.FESTIVAL
    sector = Sector.OTHER
    cvr = ""
    size = 8000


def emissions_commitment(**overrides) -> dict:
    """A valid commitment as a form or the API sends it: scope 1 emissions halved."""
    return {
        "title": "Halvér udledningen fra vores varebiler",
        "metric": "emissions",
        "scope": 1,
        "direction": "reduce",
        "baseline_year": 2022,
        "baseline_value": "120.5",
        "target_year": 2030,
        "target_value": "60",
        "focus_area": "klimahandlingsplan",
        "sdgs": [7, 13],
        "sector": "transport",
        **overrides,
    }


def agreement_approve(*, programme=None, organisation=None, coordinator=None, admin=None):
    """An active agreement (through the services) of a verified organisation; returns it
    with `.coordinator` and `.admin` set for the test."""
    from datetime import timedelta

    from partnerships import services

    coordinator = coordinator or coordinator_make()
    admin = admin or UserFactory()
    programme = programme or ProgrammeFactory(coordinators=[coordinator])
    organisation = organisation or OrganisationFactory(admins=[admin], verified_at=timezone.now())
    application = services.application_submit(
        programme=programme, organisation=organisation, actor=admin, answers=["Ja", ""]
    )
    today = timezone.localdate()
    services.application_decide(
        application=application,
        actor=coordinator,
        decision="approved",
        message="Velkommen.",
        review_date=today + timedelta(days=365),
    )
    agreement = application.agreement
    agreement.coordinator, agreement.admin = coordinator, admin
    return agreement
