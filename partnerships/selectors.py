"""Every read of organisations: lists run a constant number of queries."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Count, F, Max, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from engage.accounts.models import User, public_name_of
from partnerships.metrics import Direction
from partnerships.models import (
    Agreement,
    AgreementStep,
    Application,
    ApplicationStep,
    Commitment,
    Evidence,
    Invitation,
    Membership,
    Organisation,
    PartnerCommitment,
    Programme,
    ProgressReport,
    ProgressValue,
    ReportingRhythm,
    ReportStatus,
    Role,
    ValueState,
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
    return [
        (pk, public_name_of(display_name=display_name, deleted_at=deleted_at))
        for pk, display_name, deleted_at in programme.coordinators.values_list(
            "pk", "display_name", "deleted_at"
        )
    ]


# --- organisation API tokens -------------------------------------------------------------


def organisation_token_list(*, organisation: Organisation) -> list:
    """The organisation's tokens, newest first, with their creators and revokers, each
    with `creator_is_admin` (a token works only while its creator administers the
    organisation): one query."""
    from django.db.models import Exists

    from partnerships.models import OrganisationToken

    creator_admin = Membership.objects.filter(
        organisation_id=OuterRef("organisation_id"),
        user_id=OuterRef("created_by_id"),
        role=Role.ADMIN,
        user__is_active=True,
        user__deleted_at__isnull=True,
    )
    return list(
        OrganisationToken.objects.filter(organisation=organisation)
        .select_related("created_by", "revoked_by")
        .annotate(creator_is_admin=Exists(creator_admin))
        .order_by("-created_at", "-pk")
    )


def organisation_token_get(*, organisation: Organisation, pk: int):
    """Raises OrganisationToken.DoesNotExist."""
    from partnerships.models import OrganisationToken

    return OrganisationToken.objects.get(organisation=organisation, pk=pk)


def organisation_token_get_by_prefix(*, prefix: str):
    """The token with this public prefix, with its organisation and creator, whatever its
    state. Raises OrganisationToken.DoesNotExist."""
    from partnerships.models import OrganisationToken

    return OrganisationToken.objects.select_related("organisation", "created_by").get(prefix=prefix)


def organisation_tokens_created_by(*, user: User) -> list:
    """The tokens `user` created, with their organisations (their data export)."""
    from partnerships.models import OrganisationToken

    return list(
        OrganisationToken.objects.filter(created_by=user)
        .select_related("organisation")
        .order_by("pk")
    )


# --- progress reports and the derived status of the partner's commitments ----------------


class ProgressStatus(models.TextChoices):
    ACHIEVED = "achieved", _("Achieved")
    ON_TRACK = "on_track", _("On track")
    BEHIND = "behind", _("Behind")
    NOT_REPORTED = "not_reported", _("Not reported")


@dataclass(frozen=True)
class CommitmentProgress:
    """A commitment's derived status and its latest verified value with provenance.
    `status` is None for a withdrawn commitment; `value` None when none is verified."""

    commitment: PartnerCommitment
    status: str | None
    value: ProgressValue | None
    path_value: Decimal | None = None  # where the straight path stands at value's year

    @property
    def status_label(self) -> str:
        return str(ProgressStatus(self.status).label) if self.status else ""

    @property
    def report(self) -> ProgressReport | None:
        return self.value.report if self.value else None

    @property
    def reported_at(self):
        """When the report carrying the latest verified value was (last) submitted."""
        return self.value.report.submitted_at if self.value else None


def path_value_at(commitment: PartnerCommitment, year: int) -> Decimal:
    """The straight path from (baseline year, value) to (target year, value) at `year`:
    the baseline before it starts, the target itself from the target year on."""
    start, end = commitment.baseline_year, commitment.target_year
    if year >= end:
        return commitment.target_value
    if year <= start:
        return commitment.baseline_value
    step = (commitment.target_value - commitment.baseline_value) / (end - start)
    return commitment.baseline_value + step * (year - start)


def _status_of(commitment: PartnerCommitment, value: ProgressValue | None, last_due) -> tuple:
    if commitment.withdrawn_at is not None:
        return None, None
    if value is None or (last_due is not None and value.report.period_end < last_due):
        return ProgressStatus.NOT_REPORTED, None
    if commitment.is_checklist:
        if value.done is True:
            return ProgressStatus.ACHIEVED, None
        if value.done is False:
            return ProgressStatus.BEHIND, None
        return ProgressStatus.NOT_REPORTED, None
    if value.value is None or None in (
        commitment.baseline_year,
        commitment.target_year,
        commitment.baseline_value,
        commitment.target_value,
    ):
        return ProgressStatus.NOT_REPORTED, None
    path = path_value_at(commitment, value.report.period_end.year)
    reduce = commitment.direction == Direction.REDUCE
    target = commitment.target_value
    if (value.value <= target) if reduce else (value.value >= target):
        return ProgressStatus.ACHIEVED, path
    if (value.value <= path) if reduce else (value.value >= path):
        return ProgressStatus.ON_TRACK, path
    return ProgressStatus.BEHIND, path


# What pages and the API show of a latest verified value (its provenance): only these
# are loaded, since the status of every commitment loads thousands.
_PROGRESS_VALUE_FIELDS = (
    "commitment",
    "report",
    "verified_by",
    "value",
    "done",
    "source",
    "state",
    "verified_at",
    "review_comment",
    "report__agreement",
    "report__period_start",
    "report__period_end",
    "report__event_name",
    "report__status",
    "report__submitted_at",
    "verified_by__display_name",
    "verified_by__deleted_at",
)


def commitment_progress(
    *, commitments: QuerySet | None = None, today: date | None = None
) -> list[CommitmentProgress]:
    """The derived status of each commitment in `commitments` (a PartnerCommitment
    queryset; every commitment when None), in their order: three queries whatever their
    number (the commitments, their latest verified values with their reports and
    verifiers, and the latest due event of per-event agreements).
    The values carry only the fields of _PROGRESS_VALUE_FIELDS.

    The last period is the latest whose report is due (services.reports.agreement_last_
    due_period); a commitment without a verified value for it or later is not reported.
    Otherwise its latest verified value is compared with the target and with the straight
    path from baseline to target at that value's year.
    """
    from partnerships.services.reports import agreement_last_due_period, event_due_cutoff

    today = today or timezone.localdate()
    if commitments is None:
        commitments = PartnerCommitment.objects.all()
    # The agreement's start and rhythm as annotations, not models: thousands of rows.
    rows = list(
        commitments.annotate(
            agreement_start=F("agreement__start_date"),
            rhythm=F("agreement__programme__reporting_rhythm"),
        )
    )
    # Each commitment's latest verified value (ProgressValueQuerySet's rule).
    latest = (
        ProgressValue.objects.verified()
        .filter(commitment__in=commitments.values("pk"))
        .latest_per_commitment()
        .select_related("report", "verified_by")
        .only(*_PROGRESS_VALUE_FIELDS)
    )
    values = {value.commitment_id: value for value in latest}
    per_event = {row.agreement_id for row in rows if row.rhythm == ReportingRhythm.PER_EVENT}
    event_ends = dict(
        ProgressReport.objects.filter(
            agreement_id__in=per_event, period_end__lt=event_due_cutoff(today=today)
        )
        .values("agreement_id")
        .annotate(last=Max("period_end"))
        .values_list("agreement_id", "last")
    )
    result = []
    for row in rows:
        last_due = agreement_last_due_period(
            rhythm=row.rhythm,
            start_date=row.agreement_start,
            today=today,
            latest_event_end=event_ends.get(row.agreement_id),
        )
        value = values.get(row.pk)
        status, path = _status_of(row, value, last_due)
        result.append(CommitmentProgress(row, status, value, path))
    return result


def agreement_progress(*, agreement: Agreement, today: date | None = None):
    """The agreement's commitments (withdrawn ones last) with their derived status."""
    return commitment_progress(
        commitments=PartnerCommitment.objects.filter(agreement=agreement).order_by(
            F("withdrawn_at").asc(nulls_first=True), "position", "pk"
        ),
        today=today,
    )


@dataclass(frozen=True)
class AgreementPage:
    """What an agreement's page shows, read by agreement_page_get."""

    agreement: Agreement  # with its programme and organisation
    commitments: list[Commitment]  # the municipality's, with their owners
    steps: list[AgreementStep]  # the history, with actors and commitments
    # The partner's commitments (withdrawn ones last), each with its focus area and
    # `sdg_numbers`, and its derived status as agreement_progress works it out.
    partner: list[CommitmentProgress]
    # (id, name) of the programme's coordinators, as programme_coordinator_choices.
    coordinators: list[tuple[int, str]]


def agreement_page_get(*, pk: int, today: date | None = None) -> AgreementPage:
    """An agreement with what its page shows: seven queries (eight for a per-event
    programme), however many commitments, values and steps. The agreement carries its
    programme's `coordinator_ids`, so the rules ask no more. Raises
    Agreement.DoesNotExist."""
    from partnerships.services.reports import agreement_last_due_period, event_due_cutoff

    today = today or timezone.localdate()
    agreement = Agreement.objects.select_related("programme", "organisation").get(pk=pk)
    coordinators = programme_coordinator_choices(programme=agreement.programme)
    agreement.coordinator_ids = frozenset(user_id for user_id, _name in coordinators)
    rows = list(
        PartnerCommitment.objects.filter(agreement_id=pk)
        .select_related("focus_area")
        .order_by(F("withdrawn_at").asc(nulls_first=True), "position", "pk")
    )
    by_pk = {row.pk: row for row in rows}
    for row in rows:
        row.sdg_numbers = []
    sdgs = PartnerCommitment.sdgs.through.objects.filter(partnercommitment_id__in=list(by_pk))
    for commitment_id, number in sdgs.order_by("sdg__number").values_list(
        "partnercommitment_id", "sdg__number"
    ):
        by_pk[commitment_id].sdg_numbers.append(number)
    # Each commitment's latest verified value: the first of its own latest first
    # (ProgressValueQuerySet's rule; an agreement has a few values per commitment).
    values: dict[int, ProgressValue] = {}
    for value in (
        ProgressValue.objects.verified()
        .filter(commitment_id__in=list(by_pk))
        .select_related("report", "verified_by")
        .only(*_PROGRESS_VALUE_FIELDS)
        .latest_first()
    ):
        values.setdefault(value.commitment_id, value)
    rhythm = agreement.programme.reporting_rhythm
    event_end = None
    if rhythm == ReportingRhythm.PER_EVENT and rows:
        event_end = ProgressReport.objects.filter(
            agreement_id=pk, period_end__lt=event_due_cutoff(today=today)
        ).aggregate(last=Max("period_end"))["last"]
    last_due = agreement_last_due_period(
        rhythm=rhythm, start_date=agreement.start_date, today=today, latest_event_end=event_end
    )
    partner = []
    for row in rows:
        value = values.get(row.pk)
        status, path = _status_of(row, value, last_due)
        partner.append(CommitmentProgress(row, status, value, path))
    steps = list(AgreementStep.objects.filter(agreement_id=pk).select_related("actor"))
    for step in steps:  # a step names one of the agreement's own commitments, read above
        if step.commitment_id in by_pk:
            step.commitment = by_pk[step.commitment_id]
    return AgreementPage(
        agreement=agreement,
        commitments=list(Commitment.objects.filter(agreement_id=pk).select_related("owner")),
        steps=steps,
        partner=partner,
        coordinators=coordinators,
    )


def report_list_for_agreement(*, agreement: Agreement, user: User) -> list[ProgressReport]:
    """The agreement's reports that `user` may see, newest period first, each with
    `value_count`, `pending_count` and `returned_count`: one query."""
    return list(
        ProgressReport.objects.visible_to(user)
        .filter(agreement=agreement)
        .select_related("agreement__programme", "agreement__organisation", "submitted_by")
        .annotate(
            value_count=Count("values"),
            pending_count=Count("values", filter=Q(values__state=ValueState.PENDING)),
            returned_count=Count("values", filter=Q(values__state=ValueState.RETURNED)),
        )
        .order_by("-period_end", "-pk")
    )


def _reports_awaiting(*, user: User) -> QuerySet:
    # Submitted reports that `user` may verify, the longest waiting first, with
    # `pending_count`.
    queryset = ProgressReport.objects.filter(status=ReportStatus.SUBMITTED)
    if not user.is_superuser:
        queryset = queryset.filter(agreement__programme__coordinators=user)
    # A correlated count rather than a join: the page reads 25 reports in the order of the
    # awaiting index instead of grouping every submitted report's values first.
    pending = (
        ProgressValue.objects.filter(report=OuterRef("pk"), state=ValueState.PENDING)
        .order_by()
        .values("report")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return queryset.annotate(pending_count=Coalesce(Subquery(pending), 0)).order_by(
        "submitted_at", "pk"
    )


def report_list_awaiting(*, user: User) -> QuerySet:
    """Submitted reports awaiting verification that `user` may verify, the longest
    waiting first: those of the programmes they coordinate, every one for an admin. Each
    with `pending_count`."""
    return _reports_awaiting(user=user).select_related(
        "agreement__programme", "agreement__organisation"
    )


def report_list_awaiting_names(*, user: User) -> QuerySet:
    """The reports of report_list_awaiting with only what the coordinators' queue shows:
    the period, when submitted, `pending_count`, `programme_name` and
    `organisation_name` (no agreement, programme or organisation loaded)."""
    return (
        _reports_awaiting(user=user)
        .annotate(
            programme_name=F("agreement__programme__name"),
            organisation_name=F("agreement__organisation__name"),
        )
        .only("period_end", "event_name", "submitted_at")
    )


def report_get(*, pk: int) -> ProgressReport:
    """A report with its agreement, programme, organisation and submitter. Raises
    ProgressReport.DoesNotExist."""
    return ProgressReport.objects.select_related(
        "agreement__programme", "agreement__organisation", "submitted_by"
    ).get(pk=pk)


def report_values(*, report: ProgressReport) -> list[ProgressValue]:
    """The report's values with their commitments and who entered and verified them: one
    query (their files: report_evidence)."""
    return list(
        report.values.select_related("commitment", "entered_by", "verified_by").order_by(
            "commitment__position", "commitment_id"
        )
    )


def report_commitments(*, report: ProgressReport) -> list[PartnerCommitment]:
    """The commitments of the report's agreement not withdrawn, in their order."""
    return list(
        PartnerCommitment.objects.filter(
            agreement_id=report.agreement_id, withdrawn_at__isnull=True
        ).order_by("position", "pk")
    )


def report_evidence(
    *, report: ProgressReport, values: list[ProgressValue] | None = None
) -> list[Evidence]:
    """The report's files with the value each backs (and its commitment): one query.
    `values`, the report's values as report_values read them, gives the files theirs
    instead of reading them again."""
    files = report.evidence.order_by("uploaded_at", "pk")
    if values is None:
        return list(files.select_related("value__commitment"))
    by_pk = {value.pk: value for value in values}
    files = list(files)
    for file in files:
        if file.value_id in by_pk:  # else read if asked (a value added since)
            file.value = by_pk[file.value_id]
    return files


def evidence_get(*, report_pk: int, pk: int) -> Evidence:
    """A file of report `report_pk`, with its report (agreement loaded) and value. Raises
    Evidence.DoesNotExist."""
    return Evidence.objects.select_related("report__agreement", "value").get(
        report_id=report_pk, pk=pk
    )


def agreement_get_for_reports(*, pk: int) -> Agreement:
    """An agreement with its programme and organisation only (for its reports' pages).
    Raises Agreement.DoesNotExist."""
    return Agreement.objects.select_related("programme", "organisation").get(pk=pk)


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


# --- public partners: the directory, partner pages, programme and focus-area pages -------
#
# Who is a public partner is OrganisationQuerySet.public_partners (and rules.
# is_public_partner); what the public sees of agreements is AgreementQuerySet.public.


@dataclass(frozen=True)
class PartnerFilters:
    kind: str = ""
    sector: str = ""
    programme: str = ""  # a programme's slug
    focus_area: str = ""  # a focus area's slug: partners with a commitment in it
    q: str = ""  # part of the name


PARTNER_FILTER_NAMES = ("kind", "sector", "programme", "focus_area", "q")


def partner_list_public(*, filters: PartnerFilters) -> QuerySet:
    """The public partners matching `filters`, by name, each with `public_agreements` (its
    agreements the public sees, with their programmes) once evaluated: two queries."""
    queryset = Organisation.objects.public_partners()
    if filters.kind:
        queryset = queryset.filter(kind=filters.kind)
    if filters.sector:
        queryset = queryset.filter(sector=filters.sector)
    if filters.programme:
        queryset = queryset.filter(
            models.Exists(
                Agreement.objects.public().filter(
                    organisation=OuterRef("pk"), programme__slug=filters.programme
                )
            )
        )
    if filters.focus_area:
        queryset = queryset.filter(
            models.Exists(_public_commitments_in(focus_area_slug=filters.focus_area))
        )
    if filters.q:
        queryset = queryset.filter(name__icontains=filters.q)
    agreements = (
        Agreement.objects.public()
        .select_related("programme")
        .only("organisation_id", "start_date", "programme__name", "programme__slug")
        .order_by("programme__name", "pk")
    )
    return (
        queryset.only("name", "slug", "kind", "sector", "verified_at")
        .prefetch_related(Prefetch("agreements", queryset=agreements, to_attr="public_agreements"))
        .order_by("name", "pk")
    )


def _public_commitments_in(*, focus_area_slug: str) -> QuerySet:
    """The partner commitments not withdrawn, in agreements the public sees, in the focus
    area, of the organisation of the outer query."""
    return PartnerCommitment.objects.filter(
        agreement__in=Agreement.objects.public(),
        agreement__organisation=OuterRef("pk"),
        focus_area__slug=focus_area_slug,
        withdrawn_at__isnull=True,
    )


def programme_choices_public() -> list[tuple[str, str]]:
    """(slug, name) of every programme, by name: the directory's programme filter."""
    return list(Programme.objects.order_by("name", "pk").values_list("slug", "name"))


@dataclass(frozen=True)
class CommitmentHistory:
    """A partner commitment's derived status and its verified values, oldest period first
    (each with `public_evidence`)."""

    progress: CommitmentProgress
    values: list[ProgressValue]

    @property
    def commitment(self) -> PartnerCommitment:
        return self.progress.commitment


@dataclass(frozen=True)
class PublicAgreement:
    """An agreement as the partner's public page shows it: both sides' commitments."""

    agreement: Agreement
    municipality: list[Commitment]
    histories: list[CommitmentHistory]

    @property
    def progress(self) -> list[CommitmentProgress]:
        return [history.progress for history in self.histories]


def organisation_agreements_public(
    *, organisation: Organisation, today: date | None = None
) -> list[PublicAgreement]:
    """The organisation's agreements the public sees, newest first, each with the
    municipality's commitments and the partner's commitments not withdrawn, their derived
    status (commitment_progress's rule: the latest verified value against the target and
    the straight path, not reported when older than the last period due) and every
    verified value with the evidence now public. At most six flat queries, whatever the
    number of agreements, commitments and values."""
    from partnerships.services.reports import agreement_last_due_period, event_due_cutoff

    today = today or timezone.localdate()
    agreements = list(
        Agreement.objects.public()
        .filter(organisation=organisation)
        .select_related("programme")
        # Not the programme's questions and suggestions, JSON to decode for nothing.
        .only(
            "organisation_id",
            "start_date",
            "status",
            "programme__name",
            "programme__slug",
            "programme__reporting_rhythm",
        )
        .order_by("-start_date", "-pk")
    )
    if not agreements:
        return []
    ids = [agreement.pk for agreement in agreements]
    municipality: dict[int, list[Commitment]] = {}
    for commitment in Commitment.objects.filter(agreement_id__in=ids).only(
        "agreement_id", "text", "due_date", "status"
    ):
        municipality.setdefault(commitment.agreement_id, []).append(commitment)
    commitments = list(
        PartnerCommitment.objects.filter(agreement_id__in=ids, withdrawn_at__isnull=True).order_by(
            "agreement_id", "position", "pk"
        )
    )
    values: dict[int, list[ProgressValue]] = {}
    if commitments:
        verified = list(
            ProgressValue.objects.verified()
            .filter(commitment_id__in=[c.pk for c in commitments])
            .select_related("report", "verified_by")
            .only(*_PROGRESS_VALUE_FIELDS)
            .latest_first()  # ProgressValueQuerySet's rule; reversed below
        )
        evidence: dict[int, list[Evidence]] = {}
        if verified:
            # The files backing verified values: public, as EvidenceQuerySet.public says,
            # without its joins (these values are verified).
            # Each value's files in the order of Evidence.Meta (one report per value),
            # without the joins its ordering by report would add.
            for file in (
                Evidence.objects.filter(value_id__in=[v.pk for v in verified])
                .only("report_id", "value_id", "original_name")
                .order_by("uploaded_at", "pk")
            ):
                evidence.setdefault(file.value_id, []).append(file)
        for value in reversed(verified):  # oldest first: each commitment's latest last
            value.public_evidence = evidence.get(value.pk, [])
            values.setdefault(value.commitment_id, []).append(value)
    by_pk = {agreement.pk: agreement for agreement in agreements}
    per_event = [
        a.pk for a in agreements if a.programme.reporting_rhythm == ReportingRhythm.PER_EVENT
    ]
    event_ends = (
        dict(
            ProgressReport.objects.filter(
                agreement_id__in=per_event, period_end__lt=event_due_cutoff(today=today)
            )
            .values("agreement_id")
            .annotate(last=Max("period_end"))
            .values_list("agreement_id", "last")
        )
        if per_event
        else {}
    )
    histories: dict[int, list[CommitmentHistory]] = {}
    for commitment in commitments:
        agreement = by_pk[commitment.agreement_id]
        last_due = agreement_last_due_period(
            rhythm=agreement.programme.reporting_rhythm,
            start_date=agreement.start_date,
            today=today,
            latest_event_end=event_ends.get(agreement.pk),
        )
        own = values.get(commitment.pk, [])
        latest = own[-1] if own else None
        status, path = _status_of(commitment, latest, last_due)
        histories.setdefault(agreement.pk, []).append(
            CommitmentHistory(CommitmentProgress(commitment, status, latest, path), own)
        )
    return [
        PublicAgreement(a, municipality.get(a.pk, []), histories.get(a.pk, [])) for a in agreements
    ]


PROGRAMME_PARTNERS_SHOWN = 30


def programme_partner_agreements(*, programme: Programme) -> list[Agreement]:
    """The first PROGRAMME_PARTNERS_SHOWN of the programme's agreements the public sees,
    with their organisations, by the organisation's name: one query."""
    return list(
        Agreement.objects.public()
        .filter(programme=programme)
        .select_related("organisation")
        .only(
            "start_date",
            "programme_id",
            "organisation__name",
            "organisation__slug",
            "organisation__kind",
            "organisation__verified_at",
        )
        .order_by("organisation__name", "pk")[:PROGRAMME_PARTNERS_SHOWN]
    )


@dataclass(frozen=True)
class ProgrammeTotals:
    """What a programme's partners have committed to and achieved: their commitments by
    derived status (commitment_progress) and their tCO2e as the climate dashboard counts
    them (dashboard.dashboard_partners_get: baseline less target committed, baseline less
    the latest verified value achieved; scope 1 and 2 apart from scope 3, never added)."""

    partners: int
    commitments: int
    by_status: dict[str, int]
    emissions: object  # dashboard.EmissionAmounts

    @property
    def status_rows(self) -> list[tuple[str, str, int]]:
        """(status, label, count) in the order of ProgressStatus."""
        return [
            (status, str(label), self.by_status.get(status, 0))
            for status, label in ProgressStatus.choices
        ]


_STATUS_COMMITMENT_FIELDS = (
    "agreement",
    "metric",
    "checklist_action",
    "direction",
    "baseline_year",
    "baseline_value",
    "target_year",
    "target_value",
    "withdrawn_at",
)


def programme_totals(*, programme: Programme, today: date | None = None) -> ProgrammeTotals:
    """The totals of the programme's commitments not withdrawn in agreements the public
    sees, and the number of its partners. Kept in the cache under the climate version
    (engage.cache.programme_totals_key); afresh, six queries however many partners (the
    derived status's three, the dashboard's two and the count)."""
    from engage.cache import kept_get, programme_totals_key

    today = today or timezone.localdate()
    return kept_get(
        key=programme_totals_key(programme_id=programme.pk, day=today),
        make=lambda: _programme_totals(programme=programme, today=today),
        seconds=24 * 3600,
    )


def _programme_totals(*, programme: Programme, today: date) -> ProgrammeTotals:
    from partnerships import dashboard

    public = Agreement.objects.public().filter(programme=programme)
    progress = commitment_progress(
        commitments=PartnerCommitment.objects.filter(
            agreement__in=public, withdrawn_at__isnull=True
        )
        # What the status reads: a big programme has thousands.
        .only(*_STATUS_COMMITMENT_FIELDS)
        .order_by("pk"),
        today=today,
    )
    by_status: dict[str, int] = {}
    for item in progress:
        by_status[item.status] = by_status.get(item.status, 0) + 1
    partners = dashboard.dashboard_partners_get(
        filters=dashboard.PartnerFilters(programme=programme.slug)
    )
    return ProgrammeTotals(
        partners=public.values("organisation_id").distinct().count(),
        commitments=len(progress),
        by_status=by_status,
        emissions=partners.emissions,
    )


FOCUS_AREA_PARTNERS_SHOWN = 12


@dataclass(frozen=True)
class FocusAreaPartnerships:
    """The programmes with the focus area, and the first public partners with commitments
    in it (each with `area_commitments`); `more` when there are more partners than these."""

    programmes: list[Programme]
    partners: list[Organisation]
    more: bool


def focus_area_partnerships(*, focus_area) -> FocusAreaPartnerships:
    """Who works on `focus_area` in climate partnerships: at most three queries whatever
    their number (programmes, the partners shown and their commitments in the area)."""
    programmes = list(
        Programme.objects.filter(focus_areas=focus_area)
        .only("name", "slug", "is_open", "eligible_kinds")
        .order_by("-is_open", "name", "pk")
    )
    partners = list(
        Organisation.objects.public_partners()
        .filter(models.Exists(_public_commitments_in(focus_area_slug=focus_area.slug)))
        .only("name", "slug", "kind", "verified_at")
        .order_by("name", "pk")[: FOCUS_AREA_PARTNERS_SHOWN + 1]
    )
    more = len(partners) > FOCUS_AREA_PARTNERS_SHOWN
    partners = partners[:FOCUS_AREA_PARTNERS_SHOWN]
    by_organisation: dict[int, list[PartnerCommitment]] = {}
    if partners:
        for commitment in (
            PartnerCommitment.objects.filter(
                agreement__in=Agreement.objects.public(),
                agreement__organisation_id__in=[p.pk for p in partners],
                focus_area=focus_area,
                withdrawn_at__isnull=True,
            )
            .only("title", "metric", "checklist_action", "agreement_id", "position")
            .annotate(organisation_id=F("agreement__organisation_id"))
            .order_by("agreement_id", "position", "pk")
        ):
            by_organisation.setdefault(commitment.organisation_id, []).append(commitment)
    for partner in partners:
        partner.area_commitments = by_organisation.get(partner.pk, [])
    return FocusAreaPartnerships(programmes, partners, more)
