"""Reads for the public climate dashboard and its open data: one selector per section of
the page, each in a fixed number of queries.

The inventory section: the chosen (by default the shown) inventory version, its totals per
year and per sector, the straight line from the baseline year to each target, and the gap
to the next target.

The partners' sections (dashboard_partners_get): what the partners with an active
agreement committed to and what their verified values show they achieved, in tCO2e by
scope, sector, programme, kind of organisation and focus area, and the non-CO2 measures in
their own units. The rule against double counting: scope 1 and 2 happen inside the
municipality and are in the inventory already, so they are only ever shown as a share of an
inventory sector; scope 3 is a total of its own; neither is added to or netted against
the inventory.
"""

import itertools
from dataclasses import dataclass, field
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import (
    Case,
    CharField,
    Count,
    F,
    FilteredRelation,
    Min,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, NullIf

from engage.cache import climate_partners_key, climate_programmes_key, kept_get
from engage.taxonomy.models import FocusArea
from partnerships.metrics import METRIC_UNITS, Direction, Metric, Scope
from partnerships.models import (
    Agreement,
    ClimateSettings,
    ClimateTarget,
    InventoryRow,
    InventorySector,
    InventoryVersion,
    Kind,
    PartnerCommitment,
    Programme,
    ProgressValue,
    Sector,
)

_TENTH = Decimal("0.1")


@dataclass(frozen=True)
class InventoryFilters:
    """What the dashboard's query string asks for; empty values mean "all"."""

    sector: str = ""
    year_from: int | None = None
    year_to: int | None = None
    version: int | None = None


@dataclass(frozen=True)
class TargetPoint:
    year: int
    reduction_percent: Decimal
    tco2e: Decimal | None  # the baseline less the reduction; None without a baseline


@dataclass(frozen=True)
class Gap:
    """How far the latest year is from the next target (or the last one, once past it)."""

    target: TargetPoint
    latest_year: int
    latest: Decimal
    remaining: Decimal  # tCO2e still to cut; 0 or less when the target is met already
    years_left: int
    per_year: Decimal | None  # remaining / years_left, None when no years are left

    @property
    def met(self) -> bool:
        return self.remaining <= 0


@dataclass
class InventorySection:
    """Everything the dashboard's inventory section shows, for one version and filter."""

    version: InventoryVersion | None
    versions: list[InventoryVersion]
    is_current: bool  # the version shown unless another is chosen
    filters: InventoryFilters
    baseline_year: int
    baseline: Decimal | None  # the (filtered) total of the baseline year
    targets: list[TargetPoint]
    years: list[int]  # the years with figures, within the filter's range
    totals: dict[int, Decimal]  # year → the (filtered) total
    by_sector: dict[str, dict[int, Decimal]]  # sector → year → tCO2e, within the range
    target_line: dict[int, Decimal]  # year → the straight line's value
    latest_year: int | None = None
    latest: Decimal | None = None
    reduction_so_far: Decimal | None = None  # per cent below the baseline, latest year
    gap: Gap | None = None
    line_years: list[int] = field(default_factory=list)


def inventory_version_list() -> list[InventoryVersion]:
    """Every version, newest first, with who imported it: one query."""
    return list(InventoryVersion.objects.select_related("imported_by").newest_first())


def inventory_version_current(versions: list[InventoryVersion]) -> InventoryVersion | None:
    """The shown version of `versions` (newest first), else the newest. No query."""
    return next((v for v in versions if v.is_shown), versions[0] if versions else None)


def inventory_version_get_shown() -> InventoryVersion | None:
    """The version the dashboard shows: the marked one, else the newest. One query."""
    return (
        InventoryVersion.objects.order_by("-is_shown", "-published_on", "-imported_at", "-pk")
        .select_related("imported_by")
        .first()
    )


def inventory_version_get(*, pk: int) -> InventoryVersion:
    """Raises InventoryVersion.DoesNotExist."""
    return InventoryVersion.objects.select_related("imported_by").get(pk=pk)


def inventory_rows(*, version: InventoryVersion) -> QuerySet:
    """The version's rows by year and sector."""
    return InventoryRow.objects.filter(version=version).order_by("year", "sector", "pk")


def climate_targets_get() -> tuple[int, list[ClimateTarget], datetime | None]:
    """(baseline year, targets by year, when they last changed): two queries."""
    row = ClimateSettings.objects.filter(pk=1).first()
    targets = list(ClimateTarget.objects.order_by("year"))
    return (row.baseline_year if row else 1990), targets, (row.updated_at if row else None)


def _line_value(year: int, points: list[tuple[int, Decimal]]) -> Decimal | None:
    """The straight line through `points` (by year) at `year`; flat after the last."""
    if not points or year < points[0][0]:
        return None
    for (y0, v0), (y1, v1) in itertools.pairwise(points):
        if y0 <= year <= y1:
            return v0 + (v1 - v0) * Decimal(year - y0) / Decimal(y1 - y0)
    return points[-1][1]


def dashboard_inventory_get(*, filters: InventoryFilters) -> InventorySection:
    """The inventory section for `filters`: four queries whatever the inventory holds
    (versions, rows, climate settings, targets; the chosen version is among the versions).

    An unknown `filters.version` shows the current version (the view says so).
    """
    versions = inventory_version_list()
    current = inventory_version_current(versions)
    version = next((v for v in versions if v.pk == filters.version), current)
    baseline_year, targets, _changed = climate_targets_get()
    rows = list(inventory_rows(version=version)) if version else []
    wanted = [r for r in rows if not filters.sector or r.sector == filters.sector]
    all_totals: dict[int, Decimal] = {}
    for row in wanted:
        all_totals[row.year] = all_totals.get(row.year, Decimal(0)) + row.tco2e
    baseline = all_totals.get(baseline_year)
    target_points = [
        TargetPoint(
            year=t.year,
            reduction_percent=t.reduction_percent,
            tco2e=(baseline * (100 - t.reduction_percent) / 100) if baseline is not None else None,
        )
        for t in targets
    ]

    def in_range(year: int) -> bool:
        return (filters.year_from is None or year >= filters.year_from) and (
            filters.year_to is None or year <= filters.year_to
        )

    years = sorted(y for y in all_totals if in_range(y))
    totals = {y: all_totals[y] for y in years}
    by_sector: dict[str, dict[int, Decimal]] = {s: {} for s in InventorySector.values}
    for row in rows:
        if in_range(row.year):
            by_sector[row.sector][row.year] = row.tco2e
    line_points = []
    if baseline is not None:
        line_points = [(baseline_year, baseline)] + [
            (p.year, p.tco2e) for p in target_points if p.year > baseline_year
        ]
    line_years = sorted({*years, *(p[0] for p in line_points if in_range(p[0]))})
    target_line = {}
    for year in line_years:
        value = _line_value(year, line_points)
        if value is not None:
            target_line[year] = value
    section = InventorySection(
        version=version,
        versions=versions,
        is_current=version is current,
        filters=filters,
        baseline_year=baseline_year,
        baseline=baseline,
        targets=target_points,
        years=years,
        totals=totals,
        by_sector=by_sector,
        target_line=target_line,
        line_years=line_years,
    )
    if all_totals:
        section.latest_year = max(all_totals)
        section.latest = all_totals[section.latest_year]
        if baseline:
            section.reduction_so_far = ((baseline - section.latest) * 100 / baseline).quantize(
                _TENTH, ROUND_HALF_UP
            )
        section.gap = _gap(section.latest_year, section.latest, target_points)
    return section


def _gap(latest_year: int, latest: Decimal, targets: list[TargetPoint]) -> Gap | None:
    known = [t for t in targets if t.tco2e is not None]
    if not known:
        return None
    target = next((t for t in known if t.year > latest_year), known[-1])
    remaining = latest - target.tco2e
    years_left = target.year - latest_year
    per_year = remaining / years_left if years_left > 0 and remaining > 0 else None
    return Gap(
        target=target,
        latest_year=latest_year,
        latest=latest,
        remaining=remaining,
        years_left=years_left,
        per_year=per_year,
    )


# --- the partners' sections --------------------------------------------------------------

# The inventory sector a partner's emission sector is counted in: the Danish Energy Agency
# counts the heating and power of buildings under energy. The municipality as an
# organisation and "other" belong to no single sector of the inventory.
INVENTORY_SECTOR_OF: dict[str, str] = {
    Sector.ENERGY: InventorySector.ENERGY,
    Sector.BUILDINGS: InventorySector.ENERGY,
    Sector.TRANSPORT: InventorySector.TRANSPORT,
    Sector.AGRICULTURE: InventorySector.AGRICULTURE,
    Sector.INDUSTRY: InventorySector.INDUSTRY,
    Sector.WASTE: InventorySector.WASTE,
}
NO_SECTOR = ""  # the key of commitments in no inventory sector (and with no focus area)

# The measures besides tCO2e that add up to totals of their own, each in its metric's unit.
MEASURES = (Metric.WASTE, Metric.FOOD_WASTE, Metric.ENERGY)
INSIDE_SCOPES = frozenset({Scope.SCOPE_1, Scope.SCOPE_2})


@dataclass(frozen=True)
class PartnerFilters:
    """The partners' part of the query string; empty values mean "all". `year_to` counts
    only verified values of periods that ended in or before that year."""

    sector: str = ""  # an InventorySector
    programme: str = ""  # a programme's slug
    kind: str = ""  # an organisation Kind
    year_to: int | None = None


@dataclass
class Amounts:
    """Committed and achieved reductions of some commitments, in one unit.

    committed: baseline less target, summed; achieved: baseline less the latest verified
    value, summed over the commitments that have one (negative where a value rose)."""

    committed: Decimal = Decimal(0)
    achieved: Decimal = Decimal(0)
    commitments: int = 0
    reported: int = 0  # how many have a verified value counted in `achieved`

    def add_group(self, group: dict) -> None:
        """Adds one of _partner_groups' sums."""
        self.committed += group["committed"]
        self.commitments += group["commitments"]
        if group["reported"]:
            self.achieved += group["achieved"]
            self.reported += group["reported"]


@dataclass
class EmissionAmounts:
    """tCO2e inside the municipality (scope 1 and 2) and in the value chain (scope 3),
    never added together."""

    inside: Amounts = field(default_factory=Amounts)
    outside: Amounts = field(default_factory=Amounts)

    @property
    def is_empty(self) -> bool:
        return not (self.inside.commitments or self.outside.commitments)


@dataclass
class Breakdown:
    """One way of splitting the partners' tCO2e: `rows` maps a key to (label, amounts), in
    the order the page shows them."""

    rows: dict[str, tuple[str, EmissionAmounts]] = field(default_factory=dict)

    def amounts(self, key: str, label) -> EmissionAmounts:
        if key not in self.rows:
            self.rows[key] = (label, EmissionAmounts())
        return self.rows[key][1]


@dataclass(frozen=True)
class SectorShare:
    """The partners' verified scope 1 and 2 reduction within one inventory sector, as a
    part of the inventory's latest figure for it (never added to it)."""

    sector: str
    year: int | None  # the inventory's latest year within the filter, None without one
    inventory: Decimal | None
    committed: Decimal
    achieved: Decimal
    share: Decimal | None  # achieved as a per cent of `inventory`; None without a figure


@dataclass(frozen=True)
class SeparateRow:
    """Commitments counted apart from every total: a metric (and unit) of their own."""

    metric: str
    unit: str
    commitments: int
    reported: int


@dataclass
class PartnerSection:
    filters: PartnerFilters
    organisations: int  # partners with a commitment in tCO2e counted here
    emissions: EmissionAmounts
    by_sector: Breakdown
    by_programme: Breakdown
    by_kind: Breakdown
    by_focus_area: Breakdown
    sector_shares: list[SectorShare]
    measures: dict[str, Amounts]  # MEASURES' metric → amounts in its own unit
    separate: list[SeparateRow]


def dashboard_programme_choices() -> list[tuple[str, str]]:
    """(slug, name) of every programme, by name, for the dashboard's filter: kept under
    the climate version (engage.cache.climate_programmes_key); one query when not kept."""
    return kept_get(
        key=climate_programmes_key(),
        make=lambda: list(Programme.objects.order_by("name", "pk").values_list("slug", "name")),
    )


def partner_commitments_public(*, filters: PartnerFilters) -> QuerySet:
    """The commitments the partners' sections count: not withdrawn, of agreements the
    public sees (Agreement.objects.public(), as the organisation pages show them; a paused
    or ended agreement counts for nothing until it is active again), within `filters`."""
    queryset = PartnerCommitment.objects.filter(
        agreement__in=Agreement.objects.public(), withdrawn_at__isnull=True
    )
    if filters.programme:
        queryset = queryset.filter(agreement__programme__slug=filters.programme)
    if filters.kind:
        queryset = queryset.filter(agreement__organisation__kind=filters.kind)
    if filters.sector:
        sectors = [s for s, inventory in INVENTORY_SECTOR_OF.items() if inventory == filters.sector]
        queryset = queryset.filter(
            Q(sector__in=sectors) | Q(sector="", agreement__organisation__sector__in=sectors)
        )
    return queryset


def _counts_in() -> Case:
    """Which total a commitment adds to: "emissions", a MEASURES metric, or "" (counted
    apart: a share, a count, a green action, a custom metric, an increase, or a unit or
    scope that is not the metric's own)."""
    measured = Q(direction=Direction.REDUCE, baseline_value__isnull=False) & Q(
        target_value__isnull=False
    )
    emissions = Q(
        metric=Metric.EMISSIONS, unit=METRIC_UNITS[Metric.EMISSIONS].unit, scope__in=Scope.values
    )
    return Case(
        When(measured & emissions, then=Value("emissions")),
        *(
            When(measured & Q(metric=metric, unit=METRIC_UNITS[metric].unit), then=Value(metric))
            for metric in MEASURES
        ),
        default=Value(""),
        output_field=CharField(),
    )


# What the partners' sections group the commitments by: which total they add to, their
# sector (the commitment's own, else its organisation's), and every breakdown's key and
# label.
_GROUPS = (
    "total",
    "sector_key",
    "metric",
    "unit",
    "checklist_action",
    "scope",
    "agreement__organisation__kind",
    "agreement__programme__slug",
    "agreement__programme__name",
    "focus_area__slug",
    "focus_area__name_da",
    "focus_area__name_en",
)


def _partner_groups(*, filters: PartnerFilters, kept: bool) -> tuple[list[dict], int]:
    """The commitments of `filters` summed in the database by _GROUPS, in the order of
    each group's first commitment: how many, their committed sum; and of their latest
    verified values (ProgressValueQuerySet.latest_per_commitment, the rule every page
    uses; of periods ending by `filters.year_to` if given), how many (`verified`), how
    many with a figure (`reported`) and the achieved sum of those. With them, how many
    organisations have a commitment in tCO2e among them.

    With `kept`, kept until the climate version or the taxonomy changes (engage.cache):
    two queries when not kept, none when kept. Portable ORM (no DISTINCT ON or
    ARRAY_AGG): SQLite runs it too.
    """
    if not kept:
        return _partner_groups_sum(filters=filters)
    return kept_get(
        key=climate_partners_key(filters=filters), make=lambda: _partner_groups_sum(filters=filters)
    )


def _partner_groups_sum(*, filters: PartnerFilters) -> tuple[list[dict], int]:
    commitments = partner_commitments_public(filters=filters)
    # Every commitment's latest verified value (ProgressValueQuerySet's rule), not only
    # the counted ones': the join below keeps those, and a filter here would cost a join.
    verified = ProgressValue.objects.verified()
    if filters.year_to is not None:
        verified = verified.filter(report__period_end__year__lte=filters.year_to)
    latest = verified.latest_per_commitment().order_by().values("pk")
    groups = list(
        commitments.order_by()
        # Each commitment joined to its latest verified value alone, if it has one.
        .annotate(
            latest=FilteredRelation("values", condition=Q(values__pk__in=Subquery(latest))),
            total=_counts_in(),
            sector_key=Coalesce(NullIf("sector", Value("")), "agreement__organisation__sector"),
        )
        .values(*_GROUPS)
        .annotate(
            committed=Sum(F("baseline_value") - F("target_value")),
            commitments=Count("pk"),
            achieved=Sum(F("baseline_value") - F("latest__value")),
            reported=Count("latest__value"),
            verified=Count("latest__pk"),
            first=Min("pk"),
        )
        .order_by("first")
    )
    organisations = (
        commitments.alias(total=_counts_in())
        .filter(total="emissions")
        .aggregate(n=Count("agreement__organisation", distinct=True))["n"]
    )
    return groups, organisations


def dashboard_partners_get(
    *, filters: PartnerFilters, inventory: InventorySection | None = None, kept: bool = False
) -> PartnerSection:
    """The partners' sections for `filters`: two queries whatever the partners hold (their
    commitments and their latest verified values summed in the database, _partner_groups).
    `inventory` (the inventory section, already read) gives each sector's latest figure
    for the shares. With `kept` (the dashboard), the sums are kept under the climate
    version that the services bump (engage.cache.climate_dashboard_changed): none then
    while they are kept.
    """
    emissions = EmissionAmounts()
    by_sector, by_programme, by_kind, by_focus = Breakdown(), Breakdown(), Breakdown(), Breakdown()
    for sector, label in InventorySector.choices:
        by_sector.amounts(sector, label)
    measures = {metric: Amounts() for metric in MEASURES}
    separate: dict[tuple[str, str], list[int]] = {}
    groups, organisations = _partner_groups(filters=filters, kept=kept)
    for group in groups:
        total = group["total"]
        if not total:
            unit = PartnerCommitment(
                metric=group["metric"],
                unit=group["unit"],
                checklist_action=group["checklist_action"],
            ).unit_label
            row = separate.setdefault((group["metric"], unit), [0, 0])
            row[0] += group["commitments"]
            row[1] += group["verified"]
            continue
        if total != "emissions":
            measures[total].add_group(group)
            continue
        part = "inside" if group["scope"] in INSIDE_SCOPES else "outside"
        sector = INVENTORY_SECTOR_OF.get(group["sector_key"], NO_SECTOR)
        kind, area = group["agreement__organisation__kind"], group["focus_area__slug"]
        for amounts in (
            emissions,
            by_sector.amounts(sector, ""),
            by_programme.amounts(
                group["agreement__programme__slug"], group["agreement__programme__name"]
            ),
            by_kind.amounts(kind, Kind(kind).label),
            by_focus.amounts(
                area or NO_SECTOR,
                FocusArea(
                    name_da=group["focus_area__name_da"], name_en=group["focus_area__name_en"]
                ).name
                if area and area not in by_focus.rows
                else "",
            ),
        ):
            getattr(amounts, part).add_group(group)
    # Sectors without a partner commitment are left out; each breakdown by its labels.
    by_sector.rows = {k: v for k, v in by_sector.rows.items() if not v[1].is_empty}
    for breakdown in (by_programme, by_kind, by_focus):
        breakdown.rows = dict(
            sorted(breakdown.rows.items(), key=lambda item: (item[0] == NO_SECTOR, str(item[1][0])))
        )
    return PartnerSection(
        filters=filters,
        organisations=organisations,
        emissions=emissions,
        by_sector=by_sector,
        by_programme=by_programme,
        by_kind=by_kind,
        by_focus_area=by_focus,
        sector_shares=_sector_shares(by_sector, inventory, filters),
        measures=measures,
        separate=[
            SeparateRow(metric, unit, counts[0], counts[1])
            for (metric, unit), counts in sorted(separate.items())
        ],
    )


def _sector_shares(
    by_sector: Breakdown, inventory: InventorySection | None, filters: PartnerFilters
) -> list[SectorShare]:
    """Per inventory sector (the chosen one only, with a sector filter), the partners'
    scope 1 and 2 against the inventory's latest figure within the years chosen."""
    year = inventory.years[-1] if inventory and inventory.years else None
    shares = []
    for sector in InventorySector.values:
        if filters.sector and sector != filters.sector:
            continue
        figure = inventory.by_sector[sector].get(year) if year is not None else None
        inside = by_sector.rows[sector][1].inside if sector in by_sector.rows else Amounts()
        share = inside.achieved * 100 / figure if figure else None
        shares.append(
            SectorShare(
                sector=sector,
                year=year,
                inventory=figure,
                committed=inside.committed,
                achieved=inside.achieved,
                share=share,
            )
        )
    return shares
