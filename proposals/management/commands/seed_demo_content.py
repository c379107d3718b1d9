"""Demo content for `make run`: staff teams for the focus areas and proposals in every state.

Idempotent: teams are found by slug and proposals by their title, so running it again adds
nothing. Runs after seed_demo (it needs the demo accounts) and refuses to run with DEBUG
off unless told to with --force.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings

from engage.accounts.models import User
from engage.taxonomy.models import FocusArea, Team, Theme
from proposals import services
from proposals.lifecycle import Outcome
from proposals.models import Proposal
from proposals.services import moderation

TEAMS = {
    "klima": ("klimateamet", "Klimateamet"),
    "ressourcer": ("ressourceteamet", "Ressourceteamet"),
    "ulighed": ("ulighedsteamet", "Ulighedsteamet"),
    "biodiversitet": ("naturteamet", "Naturteamet"),
}

# (title, body, focus area slug, what happens to it)
PROPOSALS = (
    (
        "Flere cykelstier til skolerne",
        "Mange børn cykler langs trafikerede veje. Sikre cykelstier til skolerne vil få "
        "flere til at lade bilen stå.",
        "klimahandlingsplan",
        "answered",
    ),
    (
        "Reparationscafé på biblioteket",
        "En gang om måneden kunne frivillige hjælpe med at reparere cykler, tøj og "
        "elektronik, så færre ting bliver smidt ud.",
        "cirkulaer-oekonomi",
        "published",
    ),
    (
        "Fællesspisning mod ensomhed i boligområdet",
        "Mange ældre spiser alene. Et ugentligt fællesspisningstilbud i beboerhuset kunne "
        "skabe nye fællesskaber.",
        "bekaempe-ensomhed",
        "under_review",
    ),
    (
        "Vild med vilje i parkens hjørner",
        "Lad græsset gro i nogle af parkens hjørner, så vilde blomster og insekter får plads.",
        "vild-natur",
        "published",
    ),
    (
        "Mindre madspild i skolekøkkenerne",
        "Overskudsmad fra skolerne kunne gives til foreninger i stedet for at blive smidt ud.",
        "mindre-spild",
        "submitted",
    ),
    (
        "Flere vandhuller til frøer og padder",
        "Frøerne er forsvundet fra området. Nye vandhuller i de våde enge kunne hjælpe dem.",
        "vaad-natur",
        "submitted",
    ),
)


class Command(BaseCommand):
    help = "Create demo teams and demo proposals in every state (idempotent)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--force", action="store_true", help="Run even with DEBUG off.")

    def handle(self, *args, force: bool = False, **options) -> None:
        if not settings.DEBUG and not force:
            raise CommandError("seed_demo_content is for demo databases; use --force if so.")
        try:
            citizen = User.objects.get(email="borger@example.com")
            moderator = User.objects.get(email="moderator@example.com")
            team_member = User.objects.get(email="team@example.com")
        except User.DoesNotExist as exc:
            raise CommandError("Run `manage.py seed_demo` first.") from exc
        # One demo citizen writes them all: lift the per-person submission limit meanwhile.
        limits = {**settings.PROPOSALS_RATE_LIMITS, "submit": (len(PROPOSALS), 3600)}
        with transaction.atomic(), override_settings(PROPOSALS_RATE_LIMITS=limits):
            self._teams(team_member=team_member)
            created = [
                self._proposal(citizen, moderator, team_member, *item)
                for item in PROPOSALS
                if not Proposal.objects.filter(author=citizen, title=item[0]).exists()
            ]
        self.stdout.write(
            f"Demo content: {len(TEAMS)} teams, {len(created)} new demo proposals "
            f"({len(PROPOSALS) - len(created)} already there)."
        )

    def _teams(self, *, team_member: User) -> None:
        for theme in Theme.objects.all():
            slug, name = TEAMS[theme.slug]
            team, _ = Team.objects.get_or_create(slug=slug, defaults={"name": name})
            FocusArea.objects.filter(theme=theme, team__isnull=True).update(team=team)
            if theme.slug == "klima":
                team.members.add(team_member)

    def _proposal(self, citizen, moderator, team_member, title, body, slug, state) -> Proposal:
        area = FocusArea.objects.select_related("team").get(slug=slug)
        proposal = services.proposal_create(author=citizen, title=title, body=body)
        proposal = services.proposal_submit(proposal=proposal, actor=citizen)
        if state == "submitted":
            return proposal
        proposal = moderation.proposal_route(proposal=proposal, actor=moderator, focus_area=area)
        services.proposal_support(proposal=proposal, user=moderator)
        services.comment_create(
            proposal=proposal, author=moderator, body="Tak for forslaget. Vi kigger på det."
        )
        if state in {"under_review", "answered"}:
            proposal = moderation.proposal_set_under_review(proposal=proposal, actor=team_member)
        if state == "answered":
            proposal = moderation.proposal_answer(
                proposal=proposal,
                actor=team_member,
                outcome=Outcome.IN_PROGRESS,
                text="Forslaget indgår i kommunens cykelhandlingsplan, og de første "
                "strækninger anlægges næste år.",
            )
        return proposal
