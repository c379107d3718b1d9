"""Reads for moderators and focus-area teams: queues, reports, access checks.

Every list here runs a fixed number of queries, whatever its length.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, tzinfo

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, Min, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from engage.accounts.models import User, public_name_of
from engage.accounts.roles import user_roles
from engage.accounts.rules import is_admin
from engage.taxonomy.choices import taxonomy_kept_get
from engage.taxonomy.models import FocusArea, Team, Theme
from engage.workdays import working_days_before, working_days_between_dates
from proposals.lifecycle import OPEN_STATUSES, ROUTABLE_STATUSES, Outcome, Status, label_of
from proposals.models import Comment, Proposal, ProposalImage, Report

# The staff queues load only the columns their pages and APIs show, as rows rather than
# model instances, and take themes, focus areas and teams from taxonomy_kept_get
# (proposals_taxonomy_attach) rather than joins.


def service_target_cutoff_get():
    """Anything waiting since before this moment is past the service target."""
    return working_days_before(
        moment=timezone.now(), days=settings.PROPOSALS_SERVICE_TARGET_WORKING_DAYS
    )


@dataclass(frozen=True)
class ServiceClock:
    """How long things have waited, against the service target; read once per request,
    with the local time zone and today's date (a queue of 100 asks for 100 ages)."""

    now: datetime
    cutoff: datetime
    zone: tzinfo
    today: date

    def waiting_days(self, since: datetime | None) -> int | None:
        if since is None:
            return None
        return working_days_between_dates(first=since.astimezone(self.zone).date(), last=self.today)

    def is_overdue(self, since: datetime | None) -> bool:
        return since is not None and since < self.cutoff


def service_clock_get() -> ServiceClock:
    now, zone = timezone.now(), timezone.get_current_timezone()
    return ServiceClock(
        now=now, cutoff=service_target_cutoff_get(), zone=zone, today=now.astimezone(zone).date()
    )


@dataclass(frozen=True)
class TriageFilters:
    theme: str = ""
    suggested_focus_area: str = ""
    overdue: bool = False


@dataclass
class TriageRow:
    """A waiting proposal as the triage page and API show it; `theme`, `focus_area` and
    `team` come from taxonomy_kept_get."""

    pk: int
    title: str
    body: str
    submitted_at: datetime | None
    suggestions: list[dict]
    suggested_focus_area: str
    author_name: str  # the author's public name
    theme_id: int | None
    focus_area_id: int | None
    team_id: int | None
    theme: Theme | None = None
    focus_area: FocusArea | None = None
    team: Team | None = None


class TriageQueue:
    """What a Paginator (or DRF's) asks of the triage queue: count(), and slices that
    read only the shown columns of that page's rows (a query each) as TriageRows."""

    def __init__(self, proposals: QuerySet[Proposal]) -> None:
        self._proposals = proposals  # counted without the author's join

    def count(self) -> int:
        return self._proposals.count()

    def __iter__(self):
        return iter(self[:])

    def __getitem__(self, index: int | slice) -> TriageRow | list[TriageRow]:
        if isinstance(index, int):
            return self[index : index + 1][0]
        rows = [
            TriageRow(
                pk=pk,
                title=title,
                body=body,
                submitted_at=submitted_at,
                suggestions=suggestions,
                suggested_focus_area=suggested_focus_area,
                author_name=public_name_of(display_name=display_name, deleted_at=deleted_at),
                theme_id=theme_id,
                focus_area_id=focus_area_id,
                team_id=team_id,
            )
            for (
                pk,
                title,
                body,
                submitted_at,
                suggestions,
                suggested_focus_area,
                display_name,
                deleted_at,
                theme_id,
                focus_area_id,
                team_id,
            ) in self._proposals.values_list(*_TRIAGE_COLUMNS)[index]
        ]
        return proposals_taxonomy_attach(proposals=rows)


def triage_queue_list(*, filters: TriageFilters) -> TriageQueue:
    """Submitted proposals, oldest first, as TriageRows (see TriageQueue)."""
    queryset = Proposal.objects.filter(status=Status.SUBMITTED)
    if filters.theme:
        # By id from the routing taxonomy, not a join on the slug.
        themes = taxonomy_kept_get().themes
        ids = [theme.pk for theme in themes if theme.slug == filters.theme]
        queryset = queryset.filter(theme_id__in=ids)
    if filters.suggested_focus_area:
        queryset = queryset.filter(suggested_focus_area=filters.suggested_focus_area)
    if filters.overdue:
        queryset = queryset.filter(submitted_at__lt=service_target_cutoff_get())
    return TriageQueue(queryset.order_by("submitted_at", "pk"))


_TRIAGE_COLUMNS = (
    "pk",
    "title",
    "body",
    "submitted_at",
    "suggestions",
    "suggested_focus_area",
    "author__display_name",
    "author__deleted_at",
    "theme_id",
    "focus_area_id",
    "team_id",
)


@dataclass
class RowAuthor:
    public_name: str


@dataclass
class TeamRow:
    """A routed proposal as the team queue page and API show it; `theme`, `focus_area`
    and `team` come from taxonomy_kept_get."""

    pk: int
    title: str
    body: str
    status: str
    outcome: str
    team_note: str
    routed_at: datetime | None
    published_at: datetime | None
    answered_at: datetime | None
    support_count: int
    comment_count: int
    hidden_at: datetime | None
    theme_id: int | None
    focus_area_id: int | None
    team_id: int | None
    author: RowAuthor
    theme: Theme | None = None
    focus_area: FocusArea | None = None
    team: Team | None = None

    @property
    def id(self) -> int:
        return self.pk

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None

    def get_status_display(self) -> str:
        return label_of(Status, self.status)

    def get_outcome_display(self) -> str:
        return label_of(Outcome, self.outcome)

    def get_absolute_url(self) -> str:
        return reverse("frontend:proposal_detail", kwargs={"pk": self.pk})


class TeamQueue:
    """A team's queue as a Paginator (or DRF's) asks for it, like TriageQueue: count(),
    and slices that read only the shown columns of that page's rows as TeamRows."""

    def __init__(self, proposals: QuerySet[Proposal]) -> None:
        self._proposals = proposals  # counted without the author's join

    def count(self) -> int:
        return self._proposals.count()

    def __iter__(self):
        return iter(self[:])

    def __getitem__(self, index: int | slice) -> TeamRow | list[TeamRow]:
        if isinstance(index, int):
            return self[index : index + 1][0]
        rows = [
            TeamRow(
                *row[:-2],
                author=RowAuthor(public_name_of(display_name=row[-2], deleted_at=row[-1])),
            )
            for row in self._proposals.values_list(*_TEAM_COLUMNS)[index]
        ]
        return proposals_taxonomy_attach(proposals=rows)


# TeamRow's fields in order, then the author's name and deletion.
_TEAM_COLUMNS = (
    "pk",
    "title",
    "body",
    "status",
    "outcome",
    "team_note",
    "routed_at",
    "published_at",
    "answered_at",
    "support_count",
    "comment_count",
    "hidden_at",
    "theme_id",
    "focus_area_id",
    "team_id",
    "author__display_name",
    "author__deleted_at",
)


def team_queue_list(*, team: Team, include_answered: bool = False) -> TeamQueue:
    """Proposals routed to `team`, the longest-waiting first, as TeamRows (see TeamQueue)."""
    statuses = OPEN_STATUSES if include_answered else ROUTABLE_STATUSES
    return TeamQueue(_team_proposals(team, statuses).order_by("routed_at", "pk"))


def team_answered_list(*, team: Team) -> TeamQueue:
    """Proposals `team` has answered, the latest answer first, as TeamRows."""
    return TeamQueue(_team_proposals(team, {Status.ANSWERED}).order_by("-answered_at", "-pk"))


def _team_proposals(team: Team, statuses) -> QuerySet[Proposal]:
    return Proposal.objects.filter(team=team, status__in=sorted(statuses))


def proposals_taxonomy_attach(*, proposals: Iterable) -> list:
    """Give each proposal (or TriageRow) its theme, focus area and team from
    taxonomy_kept_get, with no query (the staff queues load only their ids); returns
    the proposals as a list."""
    kept = taxonomy_kept_get()
    proposals = list(proposals)
    for proposal in proposals:
        proposal.theme = kept.theme_of.get(proposal.theme_id)
        proposal.focus_area = kept.area_of.get(proposal.focus_area_id)
        proposal.team = kept.team_of.get(proposal.team_id)
    return proposals


def user_team_ids(*, user: User) -> set[int]:
    """The teams a person belongs to (asked once per request: engage.accounts.roles)."""
    return set(user_roles(user).team_ids)


def team_list_for_user(*, user: User) -> QuerySet[Team]:
    """The teams whose queues `user` works (all of them for admins), each with its focus
    areas and the number of open and overdue proposals routed to it: two queries."""
    teams = Team.objects.all() if is_admin(user) else Team.objects.filter(members=user)
    waiting = Q(proposals__status__in=sorted(ROUTABLE_STATUSES))
    late = waiting & Q(proposals__routed_at__lt=service_target_cutoff_get())
    return (
        teams.annotate(
            open_count=Count("proposals", filter=waiting),
            overdue_count=Count("proposals", filter=late),
        )
        .prefetch_related("focus_areas")
        .order_by("name", "pk")
    )


def team_get_for_member(*, slug: str, user: User) -> Team:
    """The team with `slug` if `user` may work its queue (a member, or an admin).

    Raises Team.DoesNotExist for an unknown slug and PermissionDenied otherwise. The team
    comes from taxonomy_kept_get: shared between requests, read it only.
    """
    team = next((team for team in taxonomy_kept_get().teams if team.slug == slug), None)
    if team is None:
        raise Team.DoesNotExist(slug)
    if not user.has_perm("proposals.work_team_queue", team):
        raise PermissionDenied
    return team


def proposal_get_for_moderation(*, pk: int, user: User) -> Proposal:
    """Any proposal with its `image_list`, for moderators and admins; PermissionDenied for
    everyone else."""
    if not user.has_perm("proposals.moderate_proposal"):
        raise PermissionDenied
    return _with_images(_staff_proposals().get(pk=pk))


def proposal_get_for_team(
    *, pk: int, user: User, perm: str = "proposals.answer_proposal"
) -> Proposal:
    """A routed proposal for whoever has `perm` on it: by default a member of its team (or
    an admin); with proposals.reroute_proposal, moderators too. PermissionDenied otherwise.
    """
    proposal = _staff_proposals().get(pk=pk)
    if not user.has_perm(perm, proposal):
        raise PermissionDenied
    return _with_images(proposal)


def _staff_proposals() -> QuerySet[Proposal]:
    return Proposal.objects.select_related("author", "organisation").annotate(
        has_images=Exists(ProposalImage.objects.filter(proposal=OuterRef("pk")))
    )


def _with_images(proposal: Proposal) -> Proposal:
    """Set `image_list`, as selectors.proposal_get_visible does, for the shared templates,
    and the theme, focus area and team from the routing taxonomy. `proposal` comes from
    _staff_proposals: most proposals have no image, so the images are asked for only
    when there is one."""
    proposals_taxonomy_attach(proposals=[proposal])
    proposal.image_list = list(proposal.images.all()) if proposal.has_images else []
    return proposal


@dataclass
class ReportedAuthor:
    public_name: str


@dataclass
class ReportedProposal:
    """A reported proposal, or a reported comment's proposal (`pk` and `title` only)."""

    pk: int
    title: str
    body: str = ""
    status: str = ""
    hidden_at: datetime | None = None
    hidden_reason: str = ""
    author: ReportedAuthor | None = None

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None


@dataclass
class ReportedComment:
    pk: int
    body: str
    hidden_at: datetime | None
    hidden_reason: str
    author: ReportedAuthor
    proposal: ReportedProposal

    @property
    def proposal_id(self) -> int:
        return self.proposal.pk

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None


@dataclass
class OpenReport:
    pk: int
    reporter_id: int | None
    reason: str
    details: str
    created_at: datetime


@dataclass
class ReportedItem:
    """One reported proposal or comment, as the reports page and API show it, with its
    open reports, oldest first."""

    kind: str  # "proposal" or "comment"
    target: ReportedProposal | ReportedComment
    reports: list[OpenReport]

    @property
    def reporter_count(self) -> int:
        return len({report.reporter_id for report in self.reports})


class ReportWorkspace:
    """Open reports grouped by what they are about, most reporters first, then the oldest.

    What a Paginator (or DRF's) asks of it: count() counts the groups, and a slice loads
    that page's groups, then their open reports with the shown columns of what they are
    about (two queries, rows rather than model instances), so a page costs the same
    however many reports are open.
    """

    def __init__(self) -> None:
        self._open = Report.objects.filter(resolved_at__isnull=True).order_by()
        self._groups = (
            self._open.values("proposal_id", "comment_id")
            .annotate(reporters=Count("reporter_id", distinct=True), first_at=Min("created_at"))
            .order_by("-reporters", "first_at", "proposal_id", "comment_id")
        )

    def count(self) -> int:
        return self._open.values("proposal_id", "comment_id").distinct().count()

    def __iter__(self):
        return iter(self[:])

    def __getitem__(self, index: int | slice) -> ReportedItem | list[ReportedItem]:
        if isinstance(index, int):
            return self[index : index + 1][0]
        groups = list(self._groups[index])
        proposal_ids = [group["proposal_id"] for group in groups if group["proposal_id"]]
        comment_ids = [group["comment_id"] for group in groups if group["comment_id"]]
        rows = (
            self._open.filter(Q(proposal_id__in=proposal_ids) | Q(comment_id__in=comment_ids))
            .order_by("created_at", "pk")
            .values_list(*_REPORT_COLUMNS)
        )
        items: dict[tuple[int | None, int | None], ReportedItem] = {}
        for row in rows:
            pk, reporter_id, reason, details, created_at, proposal_id, comment_id = row[:7]
            key = (proposal_id, comment_id)
            if key not in items:
                items[key] = _reported_item(row)
            items[key].reports.append(
                OpenReport(
                    pk=pk,
                    reporter_id=reporter_id,
                    reason=reason,
                    details=details,
                    created_at=created_at,
                )
            )
        return [items[(group["proposal_id"], group["comment_id"])] for group in groups]


# What the reports page and API show of a report and what it is about: a reported
# proposal or comment with its author, and a comment's proposal.
_AUTHOR = ("author__display_name", "author__deleted_at")
_REPORT_COLUMNS = (
    "pk",
    "reporter_id",
    "reason",
    "details",
    "created_at",
    "proposal_id",
    "comment_id",
    *(
        f"proposal__{name}"
        for name in ("title", "body", "status", "hidden_at", "hidden_reason", *_AUTHOR)
    ),
    *(
        f"comment__{name}"
        for name in ("body", "hidden_at", "hidden_reason", "proposal_id", "proposal__title")
    ),
    *(f"comment__{name}" for name in _AUTHOR),
)


def _reported_item(row: tuple) -> ReportedItem:
    # One row of _REPORT_COLUMNS: what the report is about, without its reports.
    (proposal_id, comment_id, p_title, p_body, p_status, p_hidden_at, p_reason) = row[5:12]
    (p_name, p_deleted_at, c_body, c_hidden_at, c_reason, c_proposal_id) = row[12:18]
    (c_proposal_title, c_name, c_deleted_at) = row[18:21]
    if comment_id is None:
        author = ReportedAuthor(public_name_of(display_name=p_name, deleted_at=p_deleted_at))
        target = ReportedProposal(
            pk=proposal_id,
            title=p_title,
            body=p_body,
            status=p_status,
            hidden_at=p_hidden_at,
            hidden_reason=p_reason,
            author=author,
        )
        return ReportedItem(kind="proposal", target=target, reports=[])
    author = ReportedAuthor(public_name_of(display_name=c_name, deleted_at=c_deleted_at))
    comment = ReportedComment(
        pk=comment_id,
        body=c_body,
        hidden_at=c_hidden_at,
        hidden_reason=c_reason,
        author=author,
        proposal=ReportedProposal(pk=c_proposal_id, title=c_proposal_title),
    )
    return ReportedItem(kind="comment", target=comment, reports=[])


def report_workspace_list() -> ReportWorkspace:
    """Open reports grouped by what they are about, most-reported first (see ReportWorkspace)."""
    return ReportWorkspace()


class HiddenRows:
    """Hidden proposals or comments, newest first, as ReportedProposal or ReportedComment
    rows: what a slice reads is only the columns the hidden-content page shows (one
    query), not model instances with their authors."""

    def __init__(self, queryset: QuerySet, columns: tuple[str, ...], make) -> None:
        self._rows = queryset.filter(hidden_at__isnull=False).order_by("-hidden_at")
        self._columns, self._make = columns, make

    def __iter__(self):
        return iter(self[:])

    def __getitem__(self, index: slice) -> list:
        return [self._make(*row) for row in self._rows.values_list(*self._columns)[index]]


def _hidden_proposal(pk, title, status, hidden_at, reason, name, deleted_at) -> ReportedProposal:
    author = ReportedAuthor(public_name_of(display_name=name, deleted_at=deleted_at))
    return ReportedProposal(
        pk=pk, title=title, status=status, hidden_at=hidden_at, hidden_reason=reason, author=author
    )


def _hidden_comment(
    pk, body, hidden_at, reason, name, deleted_at, proposal_id, proposal_title
) -> ReportedComment:
    return ReportedComment(
        pk=pk,
        body=body,
        hidden_at=hidden_at,
        hidden_reason=reason,
        author=ReportedAuthor(public_name_of(display_name=name, deleted_at=deleted_at)),
        proposal=ReportedProposal(pk=proposal_id, title=proposal_title),
    )


def hidden_content_list() -> tuple[HiddenRows, HiddenRows]:
    """Everything currently hidden, newest first, with what the hidden-content page shows:
    proposals as ReportedProposal and comments as ReportedComment rows (see HiddenRows)."""
    shown = ("hidden_at", "hidden_reason", *_AUTHOR)
    proposals = HiddenRows(
        Proposal.objects.all(), ("pk", "title", "status", *shown), _hidden_proposal
    )
    comments = HiddenRows(
        Comment.objects.all(),
        ("pk", "body", *shown, "proposal_id", "proposal__title"),
        _hidden_comment,
    )
    return proposals, comments


@dataclass(frozen=True)
class OverdueQueue:
    """A staff queue with proposals past the service target: the moderators' triage queue
    (`team` None) or a team's queue of proposals awaiting its answer."""

    team: Team | None
    count: int
    oldest: list[Proposal]


def overdue_queues_list(*, cutoff: datetime, oldest: int = 5) -> list[OverdueQueue]:
    """Every staff queue with proposals waiting since before `cutoff`, triage first, with
    how many and the `oldest` longest-waiting of them.

    Late is what the queue pages flag: in triage since submission; with a team since
    routing, while published or under review (as team_list_for_user counts them). Three
    queries, plus one per team with late proposals (a handful).
    """
    queues = []
    triage = Proposal.objects.filter(status=Status.SUBMITTED, submitted_at__lt=cutoff)
    triage_count = triage.count()
    if triage_count:
        late = triage.only("title", "submitted_at").order_by("submitted_at", "pk")
        queues.append(OverdueQueue(team=None, count=triage_count, oldest=list(late[:oldest])))
    routed = Proposal.objects.filter(
        team__isnull=False, status__in=sorted(ROUTABLE_STATUSES), routed_at__lt=cutoff
    )
    counts = dict(routed.values_list("team").annotate(late=Count("pk")).order_by())
    for team in Team.objects.filter(pk__in=counts).order_by("name", "pk"):
        late = routed.filter(team=team).only("title", "routed_at").order_by("routed_at", "pk")
        queues.append(OverdueQueue(team=team, count=counts[team.pk], oldest=list(late[:oldest])))
    return queues
