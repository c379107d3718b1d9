"""The climate dashboard's open data: what each dataset holds (engage.opendata.Dataset) and
the reads behind it. No personal data: who imported a version is not published.

The partners' datasets (organisations, agreements, commitments, verified progress) are
to be described here the same way.
"""

from django.db.models import Count, Max
from django.utils.translation import gettext_lazy as _

from engage.opendata import Dataset, DataState, Field
from partnerships.dashboard import inventory_version_get_shown
from partnerships.models import InventoryRow, InventoryVersion

INVENTORY = Dataset(
    slug="inventory",
    title=_("The municipality's greenhouse-gas inventory"),
    description=_(
        "Territorial emissions per year and sector as the Danish Energy Agency's energy "
        "and CO2 accounts for municipalities give them, in one version of the inventory."
    ),
    fields=(
        Field("year", "integer", _("The calendar year.")),
        Field(
            "sector",
            "string",
            _("The sector: energy, transport, agriculture, industry or waste."),
        ),
        Field("sector_name", "string", _("The sector's name in the language asked for.")),
        Field("tco2e", "number", _("Emissions in tonnes of CO2 equivalents."), unit="tCO2e"),
        Field("version_id", "integer", _("The inventory version the row belongs to.")),
        Field("version_label", "string", _("The version's label.")),
        Field("source", "string", _("Where the version's figures come from.")),
        Field("published_on", "date", _("When the version's figures were published.")),
    ),
)

INVENTORY_VERSIONS = Dataset(
    slug="inventory-versions",
    title=_("Versions of the greenhouse-gas inventory"),
    description=_(
        "Each import of the inventory is a version; older versions stay available when "
        "the figures are corrected backwards."
    ),
    fields=(
        Field("id", "integer", _("The version's number.")),
        Field("label", "string", _("The version's label.")),
        Field("source", "string", _("Where the figures come from.")),
        Field("published_on", "date", _("When the figures were published.")),
        Field("imported_at", "datetime", _("When the version was imported.")),
        Field("is_shown", "boolean", _("Whether the dashboard shows this version.")),
        Field("note", "string", _("What changed in this version.")),
        Field("rows", "integer", _("How many rows (year and sector) the version holds.")),
    ),
)


def inventory_dataset_version(*, pk: int | None) -> InventoryVersion | None:
    """The version asked for (None: the shown one). Raises InventoryVersion.DoesNotExist."""
    if pk is None:
        return inventory_version_get_shown()
    return InventoryVersion.objects.get(pk=pk)


def inventory_dataset_state(*, version: InventoryVersion | None, variant: str) -> DataState:
    """No query: a version's rows never change, only whether it is shown."""
    if version is None:
        return DataState(parts=("inventory", "none", variant), last_modified=None)
    changed = max(filter(None, [version.imported_at, version.shown_at]))
    return DataState(
        parts=("inventory", version.pk, changed.isoformat(), version.is_shown, variant),
        last_modified=changed,
    )


def inventory_dataset_rows(*, version: InventoryVersion | None) -> list[dict]:
    """The version's rows as the dataset's fields: one query."""
    if version is None:
        return []
    return [
        {
            "year": row.year,
            "sector": row.sector,
            "sector_name": str(row.get_sector_display()),
            "tco2e": row.tco2e,
            "version_id": version.pk,
            "version_label": version.label,
            "source": version.source,
            "published_on": version.published_on,
        }
        for row in InventoryRow.objects.filter(version=version).order_by("year", "sector", "pk")
    ]


def inventory_versions_state(*, variant: str) -> DataState:
    """One query: the latest import or change of the shown version, and how many."""
    found = InventoryVersion.objects.aggregate(
        imported=Max("imported_at"), shown=Max("shown_at"), count=Count("pk")
    )
    changed = max(filter(None, [found["imported"], found["shown"]]), default=None)
    return DataState(
        parts=("versions", found["count"], changed and changed.isoformat(), variant),
        last_modified=changed,
    )


def inventory_versions_rows() -> list[dict]:
    """Every version, newest first, with its number of rows: one query."""
    return [
        {
            "id": v.pk,
            "label": v.label,
            "source": v.source,
            "published_on": v.published_on,
            "imported_at": v.imported_at,
            "is_shown": v.is_shown,
            "note": v.note,
            "rows": v.row_count,
        }
        for v in InventoryVersion.objects.annotate(row_count=Count("rows")).newest_first()
    ]
