"""Reads for the public climate dashboard and its open data: one selector per section of
the page, each in a fixed number of queries.

The inventory section: the chosen (by default the shown) inventory version, its totals per
year and per sector, the straight line from the baseline year to each target, and the gap
to the next target. Partner sections get selectors of their own here.
"""

import itertools
from dataclasses import dataclass, field
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import QuerySet

from partnerships.models import (
    ClimateSettings,
    ClimateTarget,
    InventoryRow,
    InventorySector,
    InventoryVersion,
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
