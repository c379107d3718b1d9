"""Demo organisations for `make run`: a verified company and a housing association waiting
for verification, each with an administrator login, and a proposal the company wrote; the
climate partnership programme "Klimaalliancen", coordinated by the demo coordinator
(koordinator@example.com, from seed_demo) and the demo admin (made a partnership
coordinator), with an active agreement for the company and two of the
municipality's commitments.

Idempotent: logins are found by email and organisations by their address name, so running
it again adds nothing and resets the two logins. Runs after seed_demo and
seed_demo_content (it needs the demo moderator) and refuses to run with DEBUG off unless
told to with --force.
"""

from datetime import timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from engage.accounts.management.commands.seed_demo import DEMO_PASSWORD
from engage.accounts.models import User
from engage.taxonomy.models import FocusArea
from partnerships import services
from partnerships.models import Agreement, Kind, Membership, Organisation, Programme, Role, Sector
from proposals import services as proposal_services
from proposals.models import Proposal
from proposals.services import moderation

# (email, display name, organisation fields)
ORGANISATIONS = (
    (
        "virksomhed@example.com",
        "Demo Virksomhed",
        {
            "name": "Solgården Energi A/S",
            "kind": Kind.COMPANY,
            "sector": Sector.ENERGY,
            "cvr": "12345674",
            "size": 42,
            "description": "Vi installerer solceller og varmepumper i kommunens boliger "
            "og virksomheder, og vi vil selv være CO2-neutrale i 2030.",
            "website": "https://solgaarden.example.com",
            "address": "Solvej 1",
        },
        True,
    ),
    (
        "boligforening@example.com",
        "Demo Boligforening",
        {
            "name": "Boligforeningen Engen",
            "kind": Kind.HOUSING,
            "sector": Sector.BUILDINGS,
            "size": 320,
            "description": "320 familieboliger i tre afdelinger. Vi energirenoverer og "
            "laver fælles affaldssortering.",
            "address": "Engvej 10",
        },
        False,
    ),
)
PROGRAMME = {
    "name": "Klimaalliancen",
    "description": "Klimaalliancen er kommunens klimapartnerskab for virksomheder og "
    "boligforeninger, der vil halvere deres udledning af drivhusgasser inden 2030. "
    "Partnerne sætter sig mål og rapporterer én gang om året; kommunen bidrager med "
    "energirådgivning, netværk og data.",
    "eligible_kinds": [Kind.COMPANY, Kind.HOUSING],
    "questions": [
        {"text": "Hvad vil I gøre for at nedbringe jeres udledning?", "required": True},
        {"text": "Hvad har I allerede gjort?", "required": False},
        {"text": "Hvem er jeres kontaktperson for partnerskabet?", "required": True},
    ],
    "is_open": True,
}
FOCUS_AREA = "klimahandlingsplan"
DEMO_COORDINATOR = "koordinator@example.com"
COMMITMENTS = (
    ("Energirådgivning: gennemgang af virksomhedens bygninger og processer", 30),
    ("Data om virksomhedens varmeforbrug fra forsyningen", 60),
)
PROPOSAL = (
    "Solceller på kommunens skoletage",
    "Skolernes store flade tage kunne dække en stor del af deres eget elforbrug. Vi "
    "deler gerne vores erfaringer med kommunen.",
    "klimahandlingsplan",
)


def _login_ensure(*, email: str, display_name: str) -> tuple[User, bool]:
    user, created = User.objects.get_or_create(email=email, defaults={"display_name": display_name})
    user.display_name = display_name
    user.is_active = True
    user.set_password(DEMO_PASSWORD)
    user.save(update_fields=["display_name", "is_active", "password"])
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user, created


class Command(BaseCommand):
    help = "Create demo organisations with an administrator login each (idempotent); print them."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--force", action="store_true", help="Run even with DEBUG off.")

    def handle(self, *args, force: bool = False, **options) -> None:
        if not settings.DEBUG and not force:
            raise CommandError("seed_demo_partnerships is for demo databases; use --force if so.")
        try:
            moderator = User.objects.get(email="moderator@example.com")
        except User.DoesNotExist as exc:
            raise CommandError("Run `manage.py seed_demo` first.") from exc
        rows = []
        with transaction.atomic():
            for email, display_name, fields, verified in ORGANISATIONS:
                user, created = _login_ensure(email=email, display_name=display_name)
                organisation = Organisation.objects.filter(name=fields["name"]).first()
                if organisation is None:
                    organisation = services.organisation_create(creator=user, **fields)
                Membership.objects.update_or_create(
                    organisation=organisation, user=user, defaults={"role": Role.ADMIN}
                )
                if verified and not organisation.is_verified:
                    organisation = services.organisation_verify(
                        organisation=organisation, actor=moderator
                    )
                rows.append((email, organisation, created))
            self._proposal(author=User.objects.get(email=ORGANISATIONS[0][0]), moderator=moderator)
            agreement = self._agreement(company_admin=User.objects.get(email=ORGANISATIONS[0][0]))

        self.stdout.write(self.style.MIGRATE_HEADING("Demo organisations (same password):"))
        for email, organisation, created in rows:
            state = "verified" if organisation.is_verified else "awaiting verification"
            self.stdout.write(
                f"  {email:<26} admin of {organisation.name} ({state}), "
                f"{'created' if created else 'reset'}: {organisation.get_absolute_url()}"
            )
        self.stdout.write(
            f"  Programme {agreement.programme.name} ({agreement.programme.get_absolute_url()}), "
            f"coordinated by {DEMO_COORDINATOR} and admin@example.com: active agreement with "
            f"{agreement.organisation.name}: {agreement.get_absolute_url()}"
        )

    def _proposal(self, *, author: User, moderator: User) -> None:
        title, body, slug = PROPOSAL
        if Proposal.objects.filter(author=author, title=title).exists():
            return
        organisation = Organisation.objects.get(name=ORGANISATIONS[0][2]["name"])
        proposal = proposal_services.proposal_create(
            author=author, title=title, body=body, organisation=organisation
        )
        proposal = proposal_services.proposal_submit(proposal=proposal, actor=author)
        area = FocusArea.objects.get(slug=slug)
        moderation.proposal_route(proposal=proposal, actor=moderator, focus_area=area)

    def _agreement(self, *, company_admin: User) -> Agreement:
        """The programme, its coordinator (the demo admin, made a partnership coordinator:
        it already uses two-factor authentication) and the company's agreement."""
        try:
            coordinator = User.objects.get(email="admin@example.com")
        except User.DoesNotExist as exc:
            raise CommandError("Run `manage.py seed_demo` first.") from exc
        coordinator.groups.add(Group.objects.get_or_create(name=settings.COORDINATOR_GROUP)[0])
        try:
            demo_coordinator = User.objects.get(email=DEMO_COORDINATOR)
        except User.DoesNotExist as exc:
            raise CommandError("Run `manage.py seed_demo` first.") from exc
        programme = Programme.objects.filter(name=PROGRAMME["name"]).first()
        if programme is None:
            programme = services.programme_create(
                actor=coordinator,
                focus_areas=list(FocusArea.objects.filter(slug=FOCUS_AREA)),
                coordinators=[demo_coordinator, coordinator],
                **PROGRAMME,
            )
        else:  # a demo database from before the coordinator login
            programme.coordinators.add(demo_coordinator)
        company = Organisation.objects.get(name=ORGANISATIONS[0][2]["name"])
        agreement = Agreement.objects.filter(programme=programme, organisation=company).first()
        if agreement is not None:
            return agreement
        application = services.application_submit(
            programme=programme,
            organisation=company,
            actor=company_admin,
            answers=[
                "Vi skifter vores firmabiler til elbiler og sætter solceller på lageret.",
                "Vi har LED-belysning og varmepumpe i kontorbygningen.",
                "Demo Virksomhed, virksomhed@example.com",
            ],
        )
        today = timezone.localdate()
        application = services.application_decide(
            application=application,
            actor=coordinator,
            decision="approved",
            message="Velkommen i Klimaalliancen. Vi glæder os til samarbejdet.",
            start_date=today,
            review_date=today + timedelta(days=365),
        )
        agreement = application.agreement
        for text, days in COMMITMENTS:
            services.commitment_add(
                agreement=agreement,
                actor=coordinator,
                text=text,
                due_date=today + timedelta(days=days),
                owner=demo_coordinator,
            )
        return agreement
