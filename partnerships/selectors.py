"""Every read of organisations: lists run a constant number of queries."""

from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery

from engage.accounts.models import User
from partnerships.models import Invitation, Membership, Organisation, Role
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
