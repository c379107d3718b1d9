"""Every read of organisations: lists run a constant number of queries."""

from django.conf import settings
from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery

from engage.accounts.models import User
from partnerships.models import (
    Agreement,
    AgreementStep,
    Application,
    ApplicationStep,
    Commitment,
    Invitation,
    Membership,
    Organisation,
    Programme,
    Role,
)
from proposals.models import Proposal


def organisation_list_public() -> QuerySet:
    """Every organisation, by name (public profiles: unverified ones say so)."""
    return Organisation.objects.order_by("name", "pk")


def organisation_get(*, slug: str) -> Organisation:
    """Raises Organisation.DoesNotExist."""
    return Organisation.objects.get(slug=slug)


def membership_get(*, organisation: Organisation, pk: int) -> Membership:
    """One membership of `organisation`, with its person. Raises Membership.DoesNotExist."""
    return Membership.objects.select_related("user", "organisation").get(
        organisation=organisation, pk=pk
    )


def invitation_get(*, organisation: Organisation, pk: int) -> Invitation:
    """Raises Invitation.DoesNotExist."""
    return Invitation.objects.get(organisation=organisation, pk=pk)


def organisation_proposals_public(*, organisation: Organisation) -> QuerySet:
    """The organisation's proposals that public lists show, newest first."""
    from proposals.selectors.public import proposal_list_cards

    return proposal_list_cards(
        Proposal.objects.listed().filter(organisation=organisation).order_by("-published_at", "-pk")
    )


def organisation_list_for_member(*, user: User) -> list[Organisation]:
    """The person's organisations, each with `role` (theirs) and `member_count`: one query."""
    own = Membership.objects.filter(user=user)
    return list(
        Organisation.objects.filter(pk__in=own.values("organisation_id"))
        .annotate(
            member_count=Count("memberships"),
            role=Subquery(own.filter(organisation=OuterRef("pk")).values("role")[:1]),
        )
        .order_by("name", "pk")
    )


def organisation_choices_for_member(*, user: User) -> list[tuple[int, str]]:
    """(id, name) of the organisations `user` may submit a proposal on behalf of."""
    return list(
        Organisation.objects.filter(memberships__user=user)
        .order_by("name", "pk")
        .values_list("pk", "name")
    )


def membership_list(*, organisation: Organisation) -> list[Membership]:
    """The members, administrators first, then by when they joined, with their users."""
    return list(
        Membership.objects.filter(organisation=organisation)
        .select_related("user")
        .order_by("role", "created_at", "pk")  # "admin" sorts before "member"
    )


def invitation_list_open(*, organisation: Organisation) -> list[Invitation]:
    from django.utils import timezone

    return list(
        Invitation.objects.filter(
            organisation=organisation,
            accepted_at__isnull=True,
            revoked_at__isnull=True,
            expires_at__gt=timezone.now(),
        )
        .select_related("invited_by")
        .order_by("-created_at", "-pk")
    )


def organisation_list_for_staff() -> QuerySet:
    """Awaiting verification, or left without an administrator: oldest first, each with
    `admin_count` and `member_count`."""
    return (
        Organisation.objects.annotate(
            admin_count=Count("memberships", filter=Q(memberships__role=Role.ADMIN)),
            member_count=Count("memberships"),
        )
        .filter(Q(verified_at__isnull=True) | Q(admin_count=0))
        .order_by("created_at", "pk")
    )


def organisation_members_prefetch() -> Prefetch:
    return Prefetch("memberships", queryset=Membership.objects.select_related("user"))


# --- programmes, applications and agreements ------------------------------------------


def programme_list_public() -> QuerySet:
    """Every programme, open ones first, by name, with their focus areas: two queries."""

    return Programme.objects.prefetch_related("focus_areas").order_by("-is_open", "name", "pk")


def programme_get(*, slug: str):
    """Raises Programme.DoesNotExist."""

    return Programme.objects.prefetch_related("focus_areas", "coordinators").get(slug=slug)


def programme_partners(*, programme) -> list:
    """The organisations with an active agreement in the programme, by name: one query."""

    return [
        agreement.organisation
        for agreement in Agreement.objects.active()
        .filter(programme=programme)
        .select_related("organisation")
        .order_by("organisation__name", "pk")
    ]


def organisation_agreements_active(*, organisation: Organisation) -> list:
    """The organisation's active agreements with their programmes, newest first."""

    return list(
        Agreement.objects.active()
        .filter(organisation=organisation)
        .select_related("programme")
        .order_by("-start_date", "-pk")
    )


def organisations_may_apply(*, user: User, programme) -> list[Organisation]:
    """The organisations `user` administers whose kind may join `programme` and that have
    neither an application to it in progress nor an agreement in it that has not ended."""
    from partnerships.models import OPEN_APPLICATION_STATUSES, AgreementStatus

    busy = Q(
        applications__programme=programme,
        applications__status__in=OPEN_APPLICATION_STATUSES,
    ) | Q(
        agreements__programme=programme,
        agreements__status__in=[
            AgreementStatus.ACTIVE,
            AgreementStatus.PAUSED,
        ],
    )
    return list(
        Organisation.objects.filter(
            memberships__user=user, memberships__role=Role.ADMIN, kind__in=programme.eligible_kinds
        )
        .exclude(pk__in=Organisation.objects.filter(busy).values("pk"))
        .order_by("name", "pk")
    )


def application_get(*, pk: int):
    """An application with its programme, organisation and history (actors loaded).
    Raises Application.DoesNotExist."""

    return (
        Application.objects.select_related("programme", "organisation", "submitted_by")
        .prefetch_related(
            Prefetch("steps", queryset=ApplicationStep.objects.select_related("actor"))
        )
        .get(pk=pk)
    )


def application_agreement(*, application):
    """The agreement the application's approval made, or None."""

    return Agreement.objects.filter(application=application).first()


def application_list_for_organisation(*, organisation: Organisation) -> list:

    return list(
        Application.objects.filter(organisation=organisation)
        .select_related("programme")
        .order_by("-submitted_at", "-pk")
    )


def application_list_for_user(*, user: User) -> QuerySet:
    """Applications of the organisations `user` administers, newest first."""

    return (
        Application.objects.filter(
            organisation__memberships__user=user, organisation__memberships__role=Role.ADMIN
        )
        .select_related("programme", "organisation")
        .order_by("-submitted_at", "-pk")
    )


def application_list_awaiting(*, user: User) -> QuerySet:
    """Applications awaiting a decision that `user` may decide, oldest first: those of the
    programmes they coordinate, or every one for an admin."""

    queryset = Application.objects.awaiting_decision()
    if not user.is_superuser:
        queryset = queryset.filter(programme__coordinators=user)
    return queryset.select_related("programme", "organisation").order_by("submitted_at", "pk")


def agreement_list_review_due(*, user: User, today) -> QuerySet:
    """Agreements not ended whose review date has passed, in the programmes `user`
    coordinates (every programme for an admin), the longest overdue first."""

    queryset = Agreement.objects.review_due(today=today)
    if not user.is_superuser:
        queryset = queryset.filter(programme__coordinators=user)
    return queryset.select_related("programme", "organisation").order_by("review_date", "pk")


def agreement_get(*, pk: int):
    """An agreement with its programme (and coordinators), organisation, commitments
    (with owners) and history (with actors). Raises Agreement.DoesNotExist."""

    return (
        Agreement.objects.select_related("programme", "organisation", "application")
        .prefetch_related(
            "programme__coordinators",
            Prefetch("commitments", queryset=Commitment.objects.select_related("owner")),
            Prefetch("steps", queryset=AgreementStep.objects.select_related("actor", "commitment")),
        )
        .get(pk=pk)
    )


def commitment_get(*, agreement, pk: int):
    """Raises Commitment.DoesNotExist."""

    return Commitment.objects.get(agreement=agreement, pk=pk)


def coordinator_choices() -> list[tuple[int, str]]:
    """(id, name) of every active partnership coordinator, for a programme's form."""
    return [
        (user.pk, f"{user.public_name} ({user.email})")
        for user in User.objects.filter(
            groups__name=settings.COORDINATOR_GROUP, is_active=True, deleted_at__isnull=True
        ).order_by("display_name", "pk")
    ]


def coordinators_get(*, ids: list[int]) -> list[User]:
    """The users with these ids (a programme's form names them), in id order."""
    return list(User.objects.filter(pk__in=ids).order_by("pk"))


def programme_coordinator_choices(*, programme: Programme) -> list[tuple[int, str]]:
    """(id, name) of the programme's coordinators: who may own a commitment."""
    return [(user.pk, user.public_name) for user in programme.coordinators.all()]


# --- the partner's commitments ------------------------------------------------------------


def partner_commitment_list(*, agreement) -> list:
    """The agreement's commitments of the partner, withdrawn ones too, in their order, each
    with its focus area, SDGs and `is_locked` (a verified progress value exists, so its
    measure is fixed): two queries."""
    from django.db.models import Exists

    from partnerships.models import PartnerCommitment, ProgressValue, ValueState

    verified = ProgressValue.objects.filter(commitment=OuterRef("pk"), state=ValueState.VERIFIED)
    return list(
        PartnerCommitment.objects.filter(agreement=agreement)
        .select_related("focus_area")
        .prefetch_related("sdgs")
        .annotate(is_locked=Exists(verified))
        .order_by("position", "pk")
    )


def partner_commitment_get(*, agreement, pk: int):
    """One of the agreement's commitments of the partner, with its focus area, SDGs and
    `is_locked`. Raises PartnerCommitment.DoesNotExist."""
    from django.db.models import Exists

    from partnerships.models import PartnerCommitment, ProgressValue, ValueState

    verified = ProgressValue.objects.filter(commitment=OuterRef("pk"), state=ValueState.VERIFIED)
    return (
        PartnerCommitment.objects.filter(agreement=agreement)
        .select_related("focus_area", "agreement__programme", "agreement__organisation")
        .prefetch_related("sdgs")
        .annotate(is_locked=Exists(verified))
        .get(pk=pk)
    )


def commitment_items_display(*, items: list[dict]) -> list[dict]:
    """Stored commitments (a programme's suggestions, an application's proposals) with the
    labels a page shows: metric, unit, scope, direction, focus area, sector, green action
    and its topic. One query for the focus areas' names."""
    from engage.taxonomy.models import FocusArea
    from partnerships.metrics import GREEN_ACTIONS, METRIC_UNITS, Direction, Metric, Scope
    from partnerships.models import Sector

    slugs = {item.get("focus_area") for item in items if item.get("focus_area")}
    areas = {area.slug: area for area in FocusArea.objects.filter(slug__in=slugs)} if slugs else {}
    metrics, directions = dict(Metric.choices), dict(Direction.choices)
    scopes, sectors = dict(Scope.choices), dict(Sector.choices)
    shown = []
    for item in items:
        action = GREEN_ACTIONS.get(item.get("checklist_action") or "")
        unit = METRIC_UNITS.get(item.get("metric"))
        shown.append(
            {
                **item,
                "metric_label": metrics.get(item.get("metric"), ""),
                "unit_label": unit.label if unit else item.get("unit", ""),
                "scope_label": scopes.get(item.get("scope"), ""),
                "direction_label": directions.get(item.get("direction"), ""),
                "focus_area_name": areas[item["focus_area"]].name
                if item.get("focus_area") in areas
                else "",
                "sector_label": sectors.get(item.get("sector"), ""),
                "action": action,
            }
        )
    return shown
