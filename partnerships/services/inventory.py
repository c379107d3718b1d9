"""Writes for the municipality's greenhouse-gas inventory and its climate targets.

An import (a CSV file or one year typed in) always makes a new InventoryVersion; rows of
an existing version never change, so every figure the dashboard or the open data ever
showed can be shown again. A file is taken whole or not at all: every bad row is named
(row and column) and nothing is stored.
"""

import csv
import io
import itertools
import re
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from engage.accounts.models import User
from engage.audit.services import audit_record
from engage.cache import climate_dashboard_changed
from partnerships.models import (
    ClimateSettings,
    ClimateTarget,
    InventoryRow,
    InventorySector,
    InventoryVersion,
)

__all__ = [
    "BASELINE_EARLIEST_YEAR",
    "CSV_MAX_BYTES",
    "InventoryRowData",
    "climate_targets_update",
    "inventory_csv_parse",
    "inventory_import",
    "inventory_version_show",
    "inventory_year_enter",
    "number_parse",
    "text_decode",
]

# The accounts begin in 1990; nothing earlier is an inventory year.
BASELINE_EARLIEST_YEAR = 1990
TARGET_LATEST_YEAR = 2100
CSV_MAX_BYTES = 2 * 1024 * 1024
CSV_MAX_ROWS = 5000
_THOUSANDTH = Decimal("0.001")
_MAX_TCO2E = Decimal("99999999999")  # what the column holds (14 digits, 3 decimals)

# Header names as the accounts are saved from a spreadsheet, Danish or English, compared
# in lower case without spaces at either end.
_YEAR_HEADERS = {"år", "aar", "year", "ar"}
_SECTOR_HEADERS = {"sektor", "sector"}
_VALUE_HEADERS = {"tco2e", "tco2-e", "udledning", "emission", "emissions", "co2e", "tons co2e"}

# Sector names as the Danish Energy Agency and its English pages write them.
_SECTOR_NAMES = {
    InventorySector.ENERGY: {"energi", "energy", "energiforsyning", "energy supply"},
    InventorySector.TRANSPORT: {"transport"},
    InventorySector.AGRICULTURE: {
        "landbrug og arealanvendelse",
        "landbrug",
        "landbrug og arealer",
        "agriculture and land use",
        "agriculture",
        "land use",
        "arealanvendelse",
    },
    InventorySector.INDUSTRY: {
        "industrielle processer",
        "industri",
        "industriprocesser",
        "industrial processes",
        "industry",
        "processer",
    },
    InventorySector.WASTE: {"affald", "waste", "affald og spildevand"},
}
_SECTOR_LOOKUP = {
    name: sector for sector, names in _SECTOR_NAMES.items() for name in {*names, sector.value}
}


@dataclass(frozen=True)
class InventoryRowData:
    year: int
    sector: str
    tco2e: Decimal


# --- reading a file ----------------------------------------------------------------------


def _decode(data: bytes) -> str:
    """UTF-8 with or without BOM, else Windows-1252 (what Excel on Windows saves)."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _header_kind(name: str) -> str | None:
    norm = " ".join(name.strip().lower().split())
    if norm in _YEAR_HEADERS:
        return "year"
    if norm in _SECTOR_HEADERS:
        return "sector"
    if norm in _VALUE_HEADERS or norm.startswith("udledning") or "tco2" in norm:
        return "value"
    return None


def number_parse(text: str) -> Decimal | None:
    """A number with a decimal comma or point; with both, the last one is the decimal
    separator and the other groups thousands. None when it is not a number."""
    text = "".join(text.split()).replace("\u2212", "-")
    if "," in text and "." in text:
        decimal_mark = "," if text.rfind(",") > text.rfind(".") else "."
        grouping = "." if decimal_mark == "," else ","
        text = text.replace(grouping, "").replace(decimal_mark, ".")
    elif text.count(",") == 1:
        text = text.replace(",", ".")
    elif text.count(",") > 1 or text.count(".") > 1:
        text = text.replace(",", "").replace(".", "")
    try:
        value = Decimal(text)
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def text_decode(*, data: bytes) -> str:
    """The text of an uploaded file, as inventory_csv_parse reads it (for showing it back)."""
    return _decode(data)


def inventory_csv_parse(*, text: str, today: date | None = None) -> list[InventoryRowData]:
    """The rows of an inventory file (already decoded: see text_decode).

    Raises ValidationError with one message per problem, each naming the row (the header
    is row 1) and the column as the file calls it; a file with any problem gives no rows.
    """
    this_year = (today or timezone.localdate()).year
    sample = text.lstrip("\ufeff")
    first_line = sample.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") >= first_line.count(",") and ";" in first_line else ","
    reader = csv.reader(io.StringIO(sample), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raise ValidationError(_("The file is empty."), code="empty") from None
    except csv.Error:
        raise ValidationError(_("The file cannot be read as CSV."), code="unreadable") from None
    columns: dict[str, int] = {}
    for index, name in enumerate(header):
        kind = _header_kind(name)
        if kind and kind not in columns:
            columns[kind] = index
    missing = {
        "year": _("year (år)"),
        "sector": _("sector (sektor)"),
        "value": _("tCO2e (udledning)"),
    }
    absent = [label for kind, label in missing.items() if kind not in columns]
    if absent:
        raise ValidationError(
            _("The first row must name the columns; missing: %(columns)s.")
            % {"columns": ", ".join(absent)},
            code="header",
        )
    names = {kind: header[index].strip() for kind, index in columns.items()}
    errors: list[str] = []
    rows: list[InventoryRowData] = []
    seen: dict[tuple[int, str], int] = {}
    try:
        records = list(reader)
    except csv.Error:
        raise ValidationError(_("The file cannot be read as CSV."), code="unreadable") from None
    if len(records) > CSV_MAX_ROWS:
        raise ValidationError(
            _("The file has more than %(max)d rows.") % {"max": CSV_MAX_ROWS}, code="too_long"
        )
    for number, record in enumerate(records, start=2):
        if not any(cell.strip() for cell in record):
            continue

        def cell(kind: str, record=record) -> str:
            index = columns[kind]
            return record[index].strip() if index < len(record) else ""

        def problem(kind: str, message: str, number=number) -> None:
            errors.append(
                _("Row %(row)d, column “%(column)s”: %(message)s")
                % {"row": number, "column": names[kind], "message": message}
            )

        year_text, sector_text, value_text = cell("year"), cell("sector"), cell("value")
        year = int(year_text) if re.fullmatch(r"[0-9]{1,4}", year_text) else None
        if year is None or not BASELINE_EARLIEST_YEAR <= year <= this_year:
            problem(
                "year",
                _("“%(value)s” is not a year from %(first)d to %(last)d.")
                % {"value": year_text, "first": BASELINE_EARLIEST_YEAR, "last": this_year},
            )
            year = None
        sector = _SECTOR_LOOKUP.get(" ".join(sector_text.lower().split()))
        if sector is None:
            problem(
                "sector",
                _("“%(value)s” is not one of the sectors: %(sectors)s.")
                % {
                    "value": sector_text,
                    "sectors": ", ".join(str(label) for label in InventorySector.labels),
                },
            )
        value = number_parse(value_text)
        if value is None:
            problem("value", _("“%(value)s” is not a number.") % {"value": value_text})
        elif value < 0:
            problem("value", _("%(value)s is negative.") % {"value": value_text})
            value = None
        elif value > _MAX_TCO2E:
            problem("value", _("%(value)s is too large.") % {"value": value_text})
            value = None
        if year is None or sector is None or value is None:
            continue
        first = seen.setdefault((year, sector), number)
        if first != number:
            errors.append(
                _("Row %(row)d: %(year)d and %(sector)s are in row %(first)d already.")
                % {
                    "row": number,
                    "year": year,
                    "sector": InventorySector(sector).label,
                    "first": first,
                }
            )
            continue
        rows.append(InventoryRowData(year, sector, value.quantize(_THOUSANDTH, ROUND_HALF_UP)))
    if errors:
        raise ValidationError(errors, code="rows")
    if not rows:
        raise ValidationError(_("The file has no rows with figures."), code="empty")
    return rows


# --- versions --------------------------------------------------------------------------


def _version_clean(*, label: str, source: str, published_on: date | None, note: str) -> dict:
    errors = {}
    label, source, note = label.strip(), source.strip(), note.strip()
    if not label:
        errors["label"] = _("Give the version a label, such as “Energistyrelsen 2025”.")
    if not source:
        errors["source"] = _("Say where the figures come from.")
    if published_on is None:
        errors["published_on"] = _("Give the date the figures were published.")
    elif published_on > timezone.localdate():
        errors["published_on"] = _("The date the figures were published cannot be in the future.")
    if errors:
        raise ValidationError(errors)
    return {"label": label, "source": source, "published_on": published_on, "note": note}


def _show(version: InventoryVersion) -> None:
    now = timezone.now()
    InventoryVersion.objects.filter(is_shown=True).exclude(pk=version.pk).update(is_shown=False)
    version.is_shown = True
    version.shown_at = now
    version.save(update_fields=["is_shown", "shown_at"])


@transaction.atomic
def inventory_import(
    *,
    actor: User,
    rows: list[InventoryRowData],
    label: str,
    source: str,
    published_on: date | None,
    note: str = "",
    show: bool = True,
) -> InventoryVersion:
    """A new version with `rows` (from inventory_csv_parse), shown at once unless `show` is
    False. Recorded in the audit trail. Raises ValidationError naming the fields."""
    fields = _version_clean(label=label, source=source, published_on=published_on, note=note)
    if not rows:
        raise ValidationError(_("The file has no rows with figures."), code="empty")
    version = InventoryVersion.objects.create(imported_by=actor, **fields)
    InventoryRow.objects.bulk_create(
        InventoryRow(version=version, year=row.year, sector=row.sector, tco2e=row.tco2e)
        for row in rows
    )
    if show:
        _show(version)
    years = sorted({row.year for row in rows})
    audit_record(
        actor=actor,
        action="inventory.import",
        target=version,
        data={"rows": len(rows), "first_year": years[0], "last_year": years[-1], "shown": show},
    )
    climate_dashboard_changed()  # its list of versions, if not its figures
    return version


@transaction.atomic
def inventory_year_enter(
    *,
    actor: User,
    year: int,
    values: dict[str, Decimal],
    base: InventoryVersion | None,
    label: str,
    source: str,
    published_on: date | None,
    note: str = "",
    show: bool = True,
) -> InventoryVersion:
    """A new version: the rows of `base` (none without one) with `year` given `values`
    ({sector: tCO2e}, every sector). Raises ValidationError naming the fields."""
    errors = {}
    if not BASELINE_EARLIEST_YEAR <= year <= timezone.localdate().year:
        errors["year"] = _("Give a year from %(first)d to %(last)d.") % {
            "first": BASELINE_EARLIEST_YEAR,
            "last": timezone.localdate().year,
        }
    for sector in InventorySector.values:
        value = values.get(sector)
        if value is None:
            errors[sector] = _("Give the figure in tCO2e (0 if there is none).")
        elif value < 0:
            errors[sector] = _("The figure cannot be negative.")
        elif value > _MAX_TCO2E:
            errors[sector] = _("The figure is too large.")
    try:
        _version_clean(label=label, source=source, published_on=published_on, note=note)
    except ValidationError as exc:
        errors.update({field: messages[0] for field, messages in exc.message_dict.items()})
    if errors:
        raise ValidationError(errors)
    kept = []
    if base is not None:
        kept = [
            InventoryRowData(row.year, row.sector, row.tco2e)
            for row in InventoryRow.objects.filter(version=base).exclude(year=year)
        ]
    typed = [
        InventoryRowData(year, sector, values[sector].quantize(_THOUSANDTH, ROUND_HALF_UP))
        for sector in InventorySector.values
    ]
    return inventory_import(
        actor=actor,
        rows=kept + typed,
        label=label,
        source=source,
        published_on=published_on,
        note=note,
        show=show,
    )


@transaction.atomic
def inventory_version_show(*, actor: User, version: InventoryVersion) -> InventoryVersion:
    """Make `version` the one the dashboard and the open data show; in the audit trail."""
    version = InventoryVersion.objects.select_for_update().get(pk=version.pk)
    _show(version)
    audit_record(actor=actor, action="inventory.show", target=version)
    climate_dashboard_changed()
    return version


# --- the climate targets ---------------------------------------------------------------


@transaction.atomic
def climate_targets_update(
    *, actor: User, baseline_year: int, targets: list[tuple[int, Decimal]]
) -> list[ClimateTarget]:
    """Replace the baseline year and the targets ((year, reduction in per cent), any
    order). Each reduction is 0 to 100 %, each year after the baseline year and no year
    twice, and a later target reduces more than an earlier one. Raises ValidationError;
    recorded in the audit trail."""
    errors: list[str] = []
    if not BASELINE_EARLIEST_YEAR <= baseline_year <= timezone.localdate().year:
        errors.append(
            _("The baseline year must be from %(first)d to %(last)d.")
            % {"first": BASELINE_EARLIEST_YEAR, "last": timezone.localdate().year}
        )
    ordered = sorted(targets)
    if not ordered:
        errors.append(_("Give at least one target."))
    for year, percent in ordered:
        if year > TARGET_LATEST_YEAR:
            errors.append(
                _("The target year %(year)d is later than %(last)d.")
                % {"year": year, "last": TARGET_LATEST_YEAR}
            )
        elif year <= baseline_year:
            errors.append(
                _("The target year %(year)d must come after the baseline year %(baseline)d.")
                % {"year": year, "baseline": baseline_year}
            )
        if not Decimal(0) <= percent <= Decimal(100):
            errors.append(
                _("The reduction for %(year)d must be from 0 to 100 per cent.") % {"year": year}
            )
    for (year, percent), (later_year, later_percent) in itertools.pairwise(ordered):
        if year == later_year:
            errors.append(_("The year %(year)d has two targets.") % {"year": year})
        elif later_percent <= percent:
            errors.append(
                _("The target for %(later)d must reduce more than the one for %(year)d.")
                % {"later": later_year, "year": year}
            )
    if errors:
        raise ValidationError(errors)
    settings_row, _created = ClimateSettings.objects.select_for_update().get_or_create(pk=1)
    before = {
        "baseline_year": settings_row.baseline_year,
        "targets": [
            [target.year, str(target.reduction_percent)] for target in ClimateTarget.objects.all()
        ],
    }
    settings_row.baseline_year = baseline_year
    settings_row.updated_at = timezone.now()
    settings_row.updated_by = actor
    settings_row.save(update_fields=["baseline_year", "updated_at", "updated_by"])
    ClimateTarget.objects.all().delete()
    saved = ClimateTarget.objects.bulk_create(
        ClimateTarget(year=year, reduction_percent=percent) for year, percent in ordered
    )
    audit_record(
        actor=actor,
        action="climate_targets.update",
        target=settings_row,
        data={
            "before": before,
            "after": {
                "baseline_year": baseline_year,
                "targets": [[year, str(percent)] for year, percent in ordered],
            },
        },
    )
    climate_dashboard_changed()
    return saved
