"""The climate dashboard's open data: what each dataset holds (engage.opendata.Dataset) and
the reads behind it. No personal data: who imported a version, who entered or verified a
value, an organisation's members and their addresses are not published.

The partners' datasets publish what their public pages show: every organisation's
profile (selectors.organisation_list_public), the active agreements (the organisation's
page lists only those), their commitments not withdrawn and the verified values of those
(the partner page). A paused or ended agreement is left out with its
commitments and values; a value awaiting verification or sent back never appears.
"""

from collections.abc import Iterator
from datetime import datetime
from functools import lru_cache

from django.db.models import Count, F, Max, QuerySet, Subquery, Sum
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from engage.audit.models import AuditEntry
from engage.opendata import Dataset, DataState, Field
from partnerships.dashboard import inventory_version_get_shown
from partnerships.metrics import Metric
from partnerships.models import (
    SIZE_UNITS,
    Agreement,
    AgreementStep,
    InventoryRow,
    InventoryVersion,
    Kind,
    Organisation,
    PartnerCommitment,
    Programme,
    ProgressValue,
    Sector,
    ValueState,
)
from partnerships.selectors import organisation_list_public

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


# --- the partners: organisations, agreements, commitments and verified progress ----------

ORGANISATIONS = Dataset(
    slug="organisations",
    title=_("Organisations in climate partnerships"),
    description=_(
        "Every organisation's public profile, as its page on the site shows it, whether or "
        "not it has an agreement. The municipality checks who an organisation is before "
        "its first agreement; is_verified says whether that has been done. No members, "
        "no e-mail addresses."
    ),
    fields=(
        Field("slug", "string", _("The organisation's address name; other datasets use it.")),
        Field("name", "string", _("The organisation's name.")),
        Field("kind", "string", _("The kind of organisation (a code).")),
        Field("kind_name", "string", _("The kind of organisation in the language asked for.")),
        Field("sector", "string", _("The organisation's sector (a code).")),
        Field("sector_name", "string", _("The sector in the language asked for.")),
        Field("description", "string", _("The organisation's own description.")),
        Field("size", "integer", _("Its size, counted in size_unit (empty if not asked for).")),
        Field("size_unit", "string", _("What the size counts: employees, homes, pupils…")),
        Field("cvr", "string", _("The CVR number, if the organisation has given one.")),
        Field("address", "string", _("The organisation's address, if given.")),
        Field("website", "string", _("The organisation's website, if given.")),
        Field("is_verified", "boolean", _("Whether the municipality has verified it.")),
        Field("url", "string", _("The organisation's page on the site.")),
    ),
)

AGREEMENTS = Dataset(
    slug="agreements",
    title=_("Climate partnership agreements"),
    description=_(
        "The active agreements between an organisation and a programme. A paused or "
        "ended agreement is not published, nor are its commitments and values, as on the "
        "organisation's page."
    ),
    fields=(
        Field("id", "integer", _("The agreement's number; other datasets use it.")),
        Field("organisation", "string", _("The organisation's address name.")),
        Field("organisation_name", "string", _("The organisation's name.")),
        Field("programme", "string", _("The programme's address name.")),
        Field("programme_name", "string", _("The programme's name.")),
        Field("start_date", "date", _("When the agreement started.")),
    ),
)

COMMITMENTS = Dataset(
    slug="commitments",
    title=_("The partners' commitments"),
    description=_(
        "What each partner commits to in an active agreement: a metric in its unit, a "
        "baseline and a target, or an action from the green guide. Withdrawn commitments "
        "are left out. Values of different units are not to be added together."
    ),
    fields=(
        Field("id", "integer", _("The commitment's number; verified progress uses it.")),
        Field("agreement_id", "integer", _("The agreement it belongs to.")),
        Field("organisation", "string", _("The organisation's address name.")),
        Field("organisation_name", "string", _("The organisation's name.")),
        Field("programme", "string", _("The programme's address name.")),
        Field("title", "string", _("The commitment (a green action by the guide's name).")),
        Field("description", "string", _("The partner's description of it.")),
        Field("metric", "string", _("What is measured (a code).")),
        Field("metric_name", "string", _("What is measured, in the language asked for.")),
        Field("unit", "string", _("The unit of the baseline, the target and the values.")),
        Field("unit_name", "string", _("The unit in the language asked for.")),
        Field(
            "scope",
            "integer",
            _("For emissions, the Greenhouse Gas Protocol's scope: 1, 2 or 3."),
        ),
        Field("direction", "string", _("reduce or increase (empty for a green action).")),
        Field("baseline_year", "integer", _("The year of the baseline.")),
        Field("baseline_value", "number", _("The baseline, in the unit.")),
        Field("target_year", "integer", _("The year of the target.")),
        Field("target_value", "number", _("The target, in the unit.")),
        Field("green_action", "string", _("The green guide's action (a code), if it is one.")),
        Field("sector", "string", _("The emission sector it concerns (a code), if given.")),
        Field("sector_name", "string", _("The emission sector in the language asked for.")),
        Field("focus_area", "string", _("The municipality's focus area (its slug), if given.")),
    ),
)

PROGRESS = Dataset(
    slug="progress",
    title=_("The partners' verified progress"),
    description=_(
        "Each value a partner has reported for a commitment and the municipality has "
        "verified, with its period and source. Values awaiting verification or sent "
        "back are never published; nor is who entered or verified a value."
    ),
    fields=(
        Field("id", "integer", _("The value's number.")),
        Field("commitment_id", "integer", _("The commitment it is a value of.")),
        Field("agreement_id", "integer", _("The agreement it belongs to.")),
        Field("organisation", "string", _("The organisation's address name.")),
        Field("organisation_name", "string", _("The organisation's name.")),
        Field("period_start", "date", _("The first day of the period reported on.")),
        Field("period_end", "date", _("The last day of the period reported on.")),
        Field("event_name", "string", _("The event reported on, for a festival or event.")),
        Field("metric", "string", _("What is measured (a code), as the commitment says.")),
        Field("scope", "integer", _("For emissions, the scope: 1, 2 or 3.")),
        Field("value", "number", _("The value, in the unit.")),
        Field("unit", "string", _("The commitment's unit.")),
        Field("done", "boolean", _("For a green action: whether it was carried out.")),
        Field("source", "string", _("Where the value comes from, as the partner wrote.")),
        Field("verified_at", "datetime", _("When the municipality verified the value.")),
    ),
)

PARTNER_DATASETS = {d.slug: d for d in (ORGANISATIONS, AGREEMENTS, COMMITMENTS, PROGRESS)}

# Rows read from the database at a time by a full download: memory stays flat however
# many rows the dataset holds.
CHUNK_SIZE = 2_000


def _agreements_public() -> QuerySet:
    return Agreement.objects.public()


def _commitments_public() -> QuerySet:
    return PartnerCommitment.objects.filter(
        agreement__in=_agreements_public(), withdrawn_at__isnull=True
    )


def _values_public() -> QuerySet:
    return ProgressValue.objects.filter(
        state=ValueState.VERIFIED, commitment__in=_commitments_public()
    )


def _latest(queryset: QuerySet, field: str) -> Max:
    """The latest `field` in the whole table, whichever rows are published: a change to
    any row may change a published one (a name shown beside it), and it costs a scan of a
    small table, not a join per published row."""
    return Max(Subquery(queryset.order_by(F(field).desc(nulls_last=True)).values(field)[:1]))


def _last_step() -> Max:
    """When any agreement last changed (paused, resumed, ended, its commitments edited):
    every change writes a step."""
    return _latest(AgreementStep.objects.all(), "created_at")


def _published(slug: str) -> QuerySet:
    if slug == ORGANISATIONS.slug:
        return organisation_list_public()
    if slug == AGREEMENTS.slug:
        return _agreements_public().order_by("pk")
    if slug == COMMITMENTS.slug:
        return _commitments_public().order_by("pk")
    if slug == PROGRESS.slug:
        return _values_public().order_by("pk")
    raise KeyError(slug)


def partner_dataset_ids(*, slug: str) -> QuerySet:
    """The ids of a partner dataset's rows in its order, without the tables its rows name:
    a page of them is cheap to cut out; partner_dataset_page reads their rows."""
    return _published(slug).values_list("pk", flat=True)


def partner_dataset_page(*, slug: str, ids: list[int]) -> list[dict]:
    """The rows with these ids (partner_dataset_ids), in that order, as the dataset's
    fields: one query."""
    found = {item["pk"]: item for item in partner_dataset_queryset(slug=slug).filter(pk__in=ids)}
    return [partner_dataset_row(slug=slug, item=found[pk]) for pk in ids if pk in found]


def partner_dataset_queryset(*, slug: str) -> QuerySet:
    """The rows of a partner dataset as dicts of columns, in a stable order (organisations
    by name, the others by id); map each with partner_dataset_row. Raises KeyError for an
    unknown slug."""
    if slug == ORGANISATIONS.slug:
        return organisation_list_public().values(
            "pk",
            "slug",
            "name",
            "kind",
            "sector",
            "description",
            "size",
            "cvr",
            "address",
            "website",
            "verified_at",
        )
    if slug == AGREEMENTS.slug:
        return (
            _agreements_public()
            .order_by("pk")
            .values(
                "pk",
                "start_date",
                organisation_slug=F("organisation__slug"),
                organisation_name=F("organisation__name"),
                programme_slug=F("programme__slug"),
                programme_name=F("programme__name"),
            )
        )
    if slug == COMMITMENTS.slug:
        return (
            _commitments_public()
            .order_by("pk")
            .values(
                "pk",
                "agreement_id",
                "title",
                "description",
                "metric",
                "unit",
                "scope",
                "direction",
                "baseline_year",
                "baseline_value",
                "target_year",
                "target_value",
                "checklist_action",
                "sector",
                organisation_slug=F("agreement__organisation__slug"),
                organisation_name=F("agreement__organisation__name"),
                programme_slug=F("agreement__programme__slug"),
                focus_area_slug=F("focus_area__slug"),
            )
        )
    if slug == PROGRESS.slug:
        return (
            _values_public()
            .order_by("pk")
            .values(
                "pk",
                "commitment_id",
                "value",
                "done",
                "source",
                "verified_at",
                agreement_id=F("commitment__agreement_id"),
                organisation_slug=F("commitment__agreement__organisation__slug"),
                organisation_name=F("commitment__agreement__organisation__name"),
                period_start=F("report__period_start"),
                period_end=F("report__period_end"),
                event_name=F("report__event_name"),
                metric=F("commitment__metric"),
                scope=F("commitment__scope"),
                unit=F("commitment__unit"),
            )
        )
    raise KeyError(slug)


@lru_cache(maxsize=64)
def _labels(choices, language: str | None) -> dict[str, str]:
    return {code: str(label) for code, label in choices.choices}


def _label(choices, code: str) -> str:
    return _labels(choices, get_language()).get(code, "") if code else ""


@lru_cache(maxsize=8)
def _organisation_url_template(language: str | None) -> str:
    return reverse("frontend:organisation_detail", kwargs={"slug": "__slug__"})


@lru_cache(maxsize=512)
def _commitment_shown(
    metric: str, unit: str, checklist_action: str, language: str | None
) -> tuple[str | None, str]:
    """(a green action's title, or None; the unit as pages show it), from the model's own
    display_title and unit_label of an unsaved commitment."""
    shown = PartnerCommitment(title="", metric=metric, unit=unit, checklist_action=checklist_action)
    return (shown.display_title or None) if shown.green_action else None, shown.unit_label


def partner_dataset_row(*, slug: str, item: dict) -> dict:
    """One row of partner_dataset_queryset as the dataset's fields, labels in the active
    language. No query."""
    if slug == ORGANISATIONS.slug:
        unit = str(SIZE_UNITS.get(item["kind"], ""))
        return {
            "slug": item["slug"],
            "name": item["name"],
            "kind": item["kind"],
            "kind_name": _label(Kind, item["kind"]),
            "sector": item["sector"],
            "sector_name": _label(Sector, item["sector"]),
            "description": item["description"],
            # As on the page: a size only where the kind has something to count.
            "size": item["size"] if unit else None,
            "size_unit": unit,
            "cvr": item["cvr"],
            "address": item["address"],
            "website": item["website"],
            "is_verified": item["verified_at"] is not None,
            "url": _organisation_url_template(get_language()).replace("__slug__", item["slug"]),
        }
    if slug == AGREEMENTS.slug:
        return {
            "id": item["pk"],
            "organisation": item["organisation_slug"],
            "organisation_name": item["organisation_name"],
            "programme": item["programme_slug"],
            "programme_name": item["programme_name"],
            "start_date": item["start_date"],
        }
    if slug == COMMITMENTS.slug:
        action_title, unit_name = _commitment_shown(
            item["metric"], item["unit"], item["checklist_action"], get_language()
        )
        return {
            "id": item["pk"],
            "agreement_id": item["agreement_id"],
            "organisation": item["organisation_slug"],
            "organisation_name": item["organisation_name"],
            "programme": item["programme_slug"],
            "title": action_title or item["title"],
            "description": item["description"],
            "metric": item["metric"],
            "metric_name": _label(Metric, item["metric"]),
            "unit": item["unit"],
            "unit_name": unit_name,
            "scope": item["scope"],
            "direction": item["direction"],
            "baseline_year": item["baseline_year"],
            "baseline_value": item["baseline_value"],
            "target_year": item["target_year"],
            "target_value": item["target_value"],
            "green_action": item["checklist_action"],
            "sector": item["sector"],
            "sector_name": _label(Sector, item["sector"]),
            "focus_area": item["focus_area_slug"] or "",
        }
    if slug == PROGRESS.slug:
        return {
            "id": item["pk"],
            "commitment_id": item["commitment_id"],
            "agreement_id": item["agreement_id"],
            "organisation": item["organisation_slug"],
            "organisation_name": item["organisation_name"],
            "period_start": item["period_start"],
            "period_end": item["period_end"],
            "event_name": item["event_name"],
            "metric": item["metric"],
            "scope": item["scope"],
            "value": item["value"],
            "unit": item["unit"],
            "done": item["done"],
            "source": item["source"],
            "verified_at": item["verified_at"],
        }
    raise KeyError(slug)


def partner_dataset_rows(*, slug: str) -> Iterator[dict]:
    """Every row of a partner dataset, read CHUNK_SIZE at a time as it is consumed: one
    query (a server-side cursor) however many rows."""
    for item in partner_dataset_queryset(slug=slug).iterator(chunk_size=CHUNK_SIZE):
        yield partner_dataset_row(slug=slug, item=item)


def partner_dataset_state(*, slug: str, variant: str) -> DataState:
    """One query: how many rows, which (the sum of their ids) and the latest change to any
    of them or to what they name (an organisation or programme renamed, an agreement
    paused, a value verified), with `rows` set. Raises KeyError for an unknown slug."""
    if slug == ORGANISATIONS.slug:
        found = Organisation.objects.aggregate(
            rows=Count("pk"),
            ids=Sum("pk"),
            verified_count=Count("verified_at"),
            last_created=Max("created_at"),
            last_updated=Max("updated_at"),
            last_verified_at=Max("verified_at"),
            # A deleted organisation leaves no row behind; its audit entry tells when.
            last_deleted=_latest(
                AuditEntry.objects.filter(action="organisation.delete"), "created_at"
            ),
        )
    elif slug == AGREEMENTS.slug:
        found = _agreements_public().aggregate(
            rows=Count("pk"),
            ids=Sum("pk"),
            last_created=Max("created_at"),
            last_organisation=_latest(Organisation.objects.all(), "updated_at"),
            last_programme=_latest(Programme.objects.all(), "updated_at"),
            last_step=_last_step(),
        )
    elif slug == COMMITMENTS.slug:
        found = _commitments_public().aggregate(
            rows=Count("pk"),
            ids=Sum("pk"),
            last_updated=Max("updated_at"),
            last_organisation=_latest(Organisation.objects.all(), "updated_at"),
            last_programme=_latest(Programme.objects.all(), "updated_at"),
            last_step=_last_step(),
        )
    elif slug == PROGRESS.slug:
        found = _values_public().aggregate(
            rows=Count("pk"),
            ids=Sum("pk"),
            last_verified=Max("verified_at"),
            last_commitment=_latest(PartnerCommitment.objects.all(), "updated_at"),
            last_organisation=_latest(Organisation.objects.all(), "updated_at"),
            last_step=_last_step(),
        )
    else:
        raise KeyError(slug)
    stamps = [value for value in found.values() if isinstance(value, datetime)]
    parts = tuple(
        value.isoformat() if isinstance(value, datetime) else value
        for _name, value in sorted(found.items())
    )
    return DataState(
        parts=(slug, *parts, variant),
        last_modified=max(stamps, default=None),
        rows=found["rows"],
    )
