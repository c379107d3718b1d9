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

from datetime import date, datetime, time, timedelta
from decimal import Decimal

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
from partnerships.models import (
    Agreement,
    Kind,
    Membership,
    Organisation,
    Programme,
    ProgressReport,
    ProgressValue,
    Role,
    Sector,
)
from partnerships.services.reports import VERIFY
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
        True,
    ),
    (
        "festival@example.com",
        "Demo Festival",
        {
            "name": "Engfestivalen",
            "kind": Kind.FESTIVAL,
            "sector": Sector.OTHER,
            "size": 8000,
            "description": "Tre dages musik på engen ved fjorden hver juli, for 8.000 gæster. "
            "Vi arbejder efter kommunens grønne guide for festivaler og events.",
            "website": "https://engfestivalen.example.com",
            "address": "Fjordengen 3",
        },
        True,
    ),
    (
        "skole@example.com",
        "Demo Skole",
        {
            "name": "Egebjerg Skole",
            "kind": Kind.SCHOOL,
            "sector": Sector.MUNICIPALITY,
            "size": 540,
            "description": "Folkeskole med 540 elever. Eleverne vil måle skolens madspild og "
            "energiforbrug.",
            "address": "Skolevej 5",
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
FESTIVAL_PROGRAMME = {
    "name": "Bæredygtige festivaler og events",
    "description": "For festivaler og events, der arbejder efter kommunens grønne guide: "
    "affald, mad og drikke, madspild, transport og energi. Arrangøren krydser grønne "
    "handlinger af og rapporterer efter hvert event; kommunen hjælper med tilladelser, "
    "strøm fra nettet og affaldssortering.",
    "eligible_kinds": [Kind.FESTIVAL],
    "reporting_rhythm": "per_event",
    "questions": [
        {"text": "Hvilket event søger I med, og hvornår holdes det?", "required": True},
    ],
    "is_open": True,
}
FOCUS_AREA = "klimahandlingsplan"
# Each partner's commitments as the application proposes them, and its verified values
# for two periods (for a festival, two events), as (value, done) per commitment.
PARTNER_PLANS = {
    "Solgården Energi A/S": {
        "answers": [
            "Vi skifter vores firmabiler til elbiler og sætter solceller på lageret.",
            "Vi har LED-belysning og varmepumpe i kontorbygningen.",
            "Demo Virksomhed, virksomhed@example.com",
        ],
        "commitments": [
            {
                "title": "Halvere udledningen fra firmabilerne",
                "metric": "emissions",
                "scope": 1,
                "direction": "reduce",
                "baseline_year": 2023,
                "baseline_value": "120",
                "target_year": 2030,
                "target_value": "60",
                "focus_area": FOCUS_AREA,
                "sdgs": [7, 13],
                "sector": Sector.TRANSPORT,
            },
            {
                "title": "Mindre udledning fra indkøbt el og varme",
                "metric": "emissions",
                "scope": 2,
                "direction": "reduce",
                "baseline_year": 2023,
                "baseline_value": "80",
                "target_year": 2028,
                "target_value": "20",
                "focus_area": FOCUS_AREA,
                "sdgs": [7, 13],
                "sector": Sector.ENERGY,
            },
            {
                "title": "Al el fra vedvarende energi",
                "metric": "renewable_share",
                "direction": "increase",
                "baseline_year": 2023,
                "baseline_value": "40",
                "target_year": 2027,
                "target_value": "100",
                "sdgs": [7],
                "sector": Sector.ENERGY,
            },
        ],
        # 2024 and 2025: the cars on track, the power behind, the green share reached.
        "values": [
            [("108", None), ("95", None), ("70", None)],
            [("99", None), ("70", None), ("100", None)],
        ],
        "sources": [
            "Brændstofkort og kørebog",
            "Elselskabets årsopgørelse",
            "Oprindelsesgarantier",
        ],
    },
    "Boligforeningen Engen": {
        "answers": [
            "Vi energirenoverer tre afdelinger og laver fælles affaldssortering.",
            "Vi har skiftet til LED i opgange og kældre.",
            "Demo Boligforening, boligforening@example.com",
        ],
        "commitments": [
            {
                "title": "Mindre varmeforbrug i afdelingerne",
                "metric": "energy",
                "direction": "reduce",
                "baseline_year": 2022,
                "baseline_value": "2400",
                "target_year": 2030,
                "target_value": "1600",
                "sdgs": [7, 11],
                "sector": Sector.BUILDINGS,
            },
            {
                "title": "Sortere mere af husholdningsaffaldet",
                "metric": "waste_sorted_share",
                "direction": "increase",
                "baseline_year": 2022,
                "baseline_value": "35",
                "target_year": 2027,
                "target_value": "70",
                "sdgs": [12],
                "sector": Sector.WASTE,
            },
        ],
        # 2023 and 2024 verified; 2025 is submitted and waits for the coordinator.
        "values": [[("2300", None), ("42", None)], [("2150", None), ("51", None)]],
        "waiting": [("2020", None), ("58", None)],
        "sources": ["Fjernvarmeselskabets aflæsninger", "Renovationsselskabets vejninger"],
    },
    "Engfestivalen": {
        "answers": ["Engfestivalen, tre dage i juli hvert år."],
        "commitments": [
            {"metric": "checklist", "checklist_action": "reusable_cups", "target_value": "90"},
            {"metric": "checklist", "checklist_action": "sorting_stations", "target_value": "60"},
            {"metric": "checklist", "checklist_action": "grid_power", "target_value": "100"},
            {"metric": "checklist", "checklist_action": "shuttle_buses"},
            {"metric": "checklist", "checklist_action": "water_refill"},
        ],
        "values": [
            [("75", True), ("48", True), ("60", True), ("5200", True), (None, True)],
            [("93", True), ("61", True), ("100", True), ("6100", True), (None, True)],
        ],
        "sources": [
            "Optælling af krus",
            "Affaldsselskabets vejesedler",
            "Elmåler",
            "Busselskabet",
            "Egen optælling",
        ],
    },
}
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
            partners = [agreement, *self._other_partners(programme=agreement.programme)]
            for partner in partners:
                self._progress(agreement=partner)

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
        for partner in partners[1:]:
            self.stdout.write(
                f"  Programme {partner.programme.name}: active agreement with "
                f"{partner.organisation.name}: {partner.get_absolute_url()}"
            )
        self.stdout.write(
            "  Each agreement has two periods of verified progress; Boligforeningen Engen's "
            f"latest report waits for {DEMO_COORDINATOR} at "
            "/moderation/klimapartnerskaber/rapporter/"
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
        today = timezone.localdate()
        agreement = _partnership(
            programme=programme,
            organisation=company,
            admin=company_admin,
            coordinator=coordinator,
            start_year=today.year - 2,
        )
        for text, days in COMMITMENTS:
            services.commitment_add(
                agreement=agreement,
                actor=coordinator,
                text=text,
                due_date=today + timedelta(days=days),
                owner=demo_coordinator,
            )
        return agreement

    def _other_partners(self, *, programme: Programme) -> list[Agreement]:
        """The housing association in Klimaalliancen and the festival in the festival
        programme, each with its agreement."""
        coordinator = User.objects.get(email=DEMO_COORDINATOR)
        festivals = Programme.objects.filter(name=FESTIVAL_PROGRAMME["name"]).first()
        if festivals is None:
            festivals = services.programme_create(
                actor=coordinator,
                focus_areas=list(FocusArea.objects.filter(slug=FOCUS_AREA)),
                coordinators=[coordinator],
                **FESTIVAL_PROGRAMME,
            )
        today = timezone.localdate()
        agreements = []
        for email, name, this_programme, start_year in (
            ("boligforening@example.com", "Boligforeningen Engen", programme, today.year - 3),
            ("festival@example.com", "Engfestivalen", festivals, today.year - 2),
        ):
            organisation = Organisation.objects.get(name=name)
            agreement = Agreement.objects.filter(
                programme=this_programme, organisation=organisation
            ).first()
            agreements.append(
                agreement
                or _partnership(
                    programme=this_programme,
                    organisation=organisation,
                    admin=User.objects.get(email=email),
                    coordinator=coordinator,
                    start_year=start_year,
                )
            )
        return agreements

    def _progress(self, *, agreement: Agreement) -> None:
        """Two periods of verified progress (and for the housing association a third report
        awaiting verification), entered by the organisation's admin and verified by the
        demo coordinator through the services, then dated back to when they would have
        been submitted and verified."""
        if agreement.reports.exists():
            return
        plan = PARTNER_PLANS[agreement.organisation.name]
        admin = agreement.organisation.memberships.filter(role=Role.ADMIN).first().user
        coordinator = User.objects.get(email=DEMO_COORDINATOR)
        commitments = list(agreement.partner_commitments.order_by("position", "pk"))
        first = agreement.start_date.year
        rounds = [(first + n, values, True) for n, values in enumerate(plan["values"])]
        if "waiting" in plan:
            rounds.append((first + len(rounds), plan["waiting"], False))
        if len(commitments) != len(plan["sources"]) or rounds[-1][0] >= timezone.localdate().year:
            # A demo database made before partners had commitments and reports.
            self.stdout.write(
                f"  {agreement.organisation.name}: this demo database predates progress "
                "reports; delete var/engage.sqlite3 and run make run again for the full demo."
            )
            return
        for year, values, verify in rounds:
            if agreement.programme.reporting_rhythm == "per_event":
                report = services.report_start(
                    agreement=agreement,
                    actor=admin,
                    event_name=f"{agreement.organisation.name} {year}",
                    event_start=date(year, 7, 10),
                    event_end=date(year, 7, 12),
                )
            else:
                report = services.report_start(agreement=agreement, actor=admin, year=year)
            services.report_values_set(
                report=report,
                actor=admin,
                story="Vi fulgte planen og har målt det hele undervejs.",
                entries=[
                    services.ValueEntry(
                        commitment_id=commitment.pk,
                        source=source,
                        value=Decimal(value) if value is not None else None,
                        done=done,
                    )
                    for commitment, (value, done), source in zip(
                        commitments, values, plan["sources"], strict=True
                    )
                ],
            )
            report = services.report_submit(report=report, actor=admin)
            submitted = timezone.make_aware(
                datetime.combine(report.due_date, time(10))
            ) - timedelta(days=20)
            if verify:
                services.report_review(
                    report=report,
                    actor=coordinator,
                    decisions=[
                        services.ValueDecision(value_id=value.pk, decision=VERIFY)
                        for value in report.values.all()
                    ],
                )
            # Demo history: as if submitted before the due date and verified soon after.
            ProgressReport.objects.filter(pk=report.pk).update(submitted_at=submitted)
            ProgressValue.objects.filter(report=report).update(entered_at=submitted)
            ProgressValue.objects.filter(report=report, verified_at__isnull=False).update(
                verified_at=submitted + timedelta(days=12)
            )


def _partnership(
    *,
    programme: Programme,
    organisation: Organisation,
    admin: User,
    coordinator: User,
    start_year: int,
) -> Agreement:
    """The organisation applies with its plan's answers and commitments; the coordinator
    approves, the agreement starting on 1 January of `start_year`."""
    plan = PARTNER_PLANS[organisation.name]
    application = services.application_submit(
        programme=programme,
        organisation=organisation,
        actor=admin,
        answers=plan["answers"],
        proposed_commitments=plan["commitments"],
    )
    start = date(start_year, 1, 1)
    application = services.application_decide(
        application=application,
        actor=coordinator,
        decision="approved",
        message=f"Velkommen i {programme.name}. Vi glæder os til samarbejdet.",
        start_date=start,
        review_date=date(timezone.localdate().year + 1, 1, 1),
    )
    return application.agreement
