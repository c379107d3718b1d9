"""The public climate dashboard (/klima/), its open data (/klima/data/) and the staff pages
of the municipality's greenhouse-gas inventory and climate targets (/moderation/klima/).

Views stay thin: partnerships.dashboard and partnerships.opendata read (one selector per
section of the dashboard), partnerships.services.inventory writes, partnerships.rules
decide who may. The dashboard is built as sections, one template block each: the
inventory's, then the partners' (dashboard.dashboard_partners_get), which never add the
partners' figures to the inventory's. Visitors who are not signed in share one rendering per
language and filters (frontend.sharing), retired by engage.cache.climate_dashboard_changed;
everyone shares the sections' rendering within it (engage.cache.climate_sections_key),
which a change elsewhere (the epoch) leaves in place.
"""

from decimal import ROUND_HALF_UP, Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.http import urlencode
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from engage import opendata
from engage.cache import climate_dashboard_key, climate_sections_key, kept_get
from frontend.charts import BarChart, Category, Chart, Series, number_text
from frontend.forms.climate import (
    ClimateFilterForm,
    ClimateTargetsForm,
    InventoryImportForm,
    InventoryYearForm,
)
from frontend.forms.proposals import errors_from_service
from frontend.sharing import page_is_shareable, shared_page_response
from frontend.views.access import permission_require
from partnerships import dashboard, services
from partnerships import opendata as partner_opendata
from partnerships.metrics import METRIC_UNITS, Metric
from partnerships.models import InventorySector, InventoryVersion

_TONNE = Decimal("1")
_TENTH = Decimal("0.1")


def _tonnes(value: Decimal | None) -> str:
    return number_text(value.quantize(_TONNE, ROUND_HALF_UP) if value is not None else None)


def _percent(value: Decimal) -> str:
    rounded = value.quantize(_TENTH, ROUND_HALF_UP)
    return number_text(rounded, decimals=0 if rounded == rounded.to_integral() else 1)


# --- the dashboard -----------------------------------------------------------------------


def _filters(
    request: HttpRequest,
) -> tuple[dashboard.InventoryFilters, dashboard.PartnerFilters, ClimateFilterForm, list]:
    """The filters from the query string; what does not fit is left out and named."""
    form = ClimateFilterForm(request.GET, programmes=dashboard.dashboard_programme_choices())
    form.is_valid()
    filters = dashboard.InventoryFilters(
        sector=form.value("sector"),
        year_from=form.value("year_from"),
        year_to=form.value("year_to"),
        version=form.value("version"),
    )
    partner_filters = dashboard.PartnerFilters(
        sector=filters.sector,
        programme=form.value("programme"),
        kind=form.value("kind"),
        year_to=filters.year_to,
    )
    problems = [
        f"{form.fields[name].label or _('Version')}: {' '.join(errors)}"
        for name, errors in form.errors.items()
    ]
    return filters, partner_filters, form, problems


def _path_chart(section: dashboard.InventorySection) -> Chart:
    sector = section.filters.sector
    label = InventorySector(sector).label if sector else _("All sectors")
    years = section.years
    emissions = Series(
        key="emissions",
        label=_("Emissions: %(what)s") % {"what": label},
        values={y: section.totals.get(y) for y in section.line_years},
        area=True,
    )
    line = Series(
        key="target",
        label=_("Straight line to the targets"),
        values={y: section.target_line.get(y) for y in section.line_years},
        target=True,
    )
    if years:
        title = _(
            "Emissions from %(first)d to %(last)d against the straight line to the targets"
        ) % {
            "first": years[0],
            "last": years[-1],
        }
    else:
        title = _("Emissions against the straight line to the targets")
    return Chart(
        dom_id="chart-path",
        title=title,
        summary=_path_summary(section),
        unit="tCO2e",
        x_label=_("Year"),
        # Without a baseline there is no line to draw (the words say why).
        series=[emissions, line] if section.target_line else [emissions],
    ).layout()


def _path_summary(section: dashboard.InventorySection) -> str:
    if not section.years:
        return _("There are no figures for the years chosen.")
    first, last = section.years[0], section.years[-1]
    words = [
        _("In %(first)d emissions were %(start)s tCO2e; in %(last)d they were %(end)s tCO2e.")
        % {
            "first": first,
            "start": _tonnes(section.totals[first]),
            "last": last,
            "end": _tonnes(section.totals[last]),
        }
    ]
    line = section.target_line.get(last)
    if line is not None:
        above = section.totals[last] - line
        if above > 0:
            words.append(
                _("That is %(amount)s tCO2e above the straight line to the targets.")
                % {"amount": _tonnes(above)}
            )
        else:
            words.append(
                _("That is %(amount)s tCO2e below the straight line to the targets.")
                % {"amount": _tonnes(-above)}
            )
    return " ".join(words)


def _sector_chart(section: dashboard.InventorySection) -> Chart:
    series = [
        Series(key=sector, label=str(label), values=dict(section.by_sector[sector]))
        for sector, label in InventorySector.choices
    ]
    years = section.years
    latest = years[-1] if years else None
    summary = _("There are no figures for the years chosen.")
    if latest is not None:
        values = {s: section.by_sector[s].get(latest) for s in InventorySector.values}
        known = {s: v for s, v in values.items() if v is not None}
        if known:
            largest = max(known, key=lambda s: known[s])
            total = sum(known.values())
            share = known[largest] * 100 / total if total else Decimal(0)
            summary = _(
                "In %(year)d the largest sector was %(sector)s with %(amount)s tCO2e, "
                "%(share)s %% of the total."
            ) % {
                "year": latest,
                "sector": InventorySector(largest).label.lower(),
                "amount": _tonnes(known[largest]),
                "share": _percent(share),
            }
    return Chart(
        dom_id="chart-sectors",
        title=_("Emissions per sector"),
        summary=summary,
        unit="tCO2e",
        x_label=_("Year"),
        series=series,
    ).layout()


def _gap_text(section: dashboard.InventorySection) -> list[str]:
    """The state of things in plain words: how far the latest year is from the next target."""
    if section.latest_year is None:
        return []
    words = []
    if section.baseline is None:
        words.append(
            _(
                "The inventory has no figures for the baseline year %(year)d, so no target can be "
                "worked out."
            )
            % {"year": section.baseline_year}
        )
        return words
    if section.reduction_so_far is not None:
        if section.reduction_so_far >= 0:
            words.append(
                _(
                    "In %(year)d emissions were %(amount)s tCO2e: %(percent)s %% less than in "
                    "%(baseline)d."
                )
                % {
                    "year": section.latest_year,
                    "amount": _tonnes(section.latest),
                    "percent": _percent(section.reduction_so_far),
                    "baseline": section.baseline_year,
                }
            )
        else:
            words.append(
                _(
                    "In %(year)d emissions were %(amount)s tCO2e: %(percent)s %% more than in "
                    "%(baseline)d."
                )
                % {
                    "year": section.latest_year,
                    "amount": _tonnes(section.latest),
                    "percent": _percent(-section.reduction_so_far),
                    "baseline": section.baseline_year,
                }
            )
    gap = section.gap
    if gap is None:
        return words
    target = {
        "year": gap.target.year,
        "target": _tonnes(gap.target.tco2e),
        "percent": _percent(gap.target.reduction_percent),
        "baseline": section.baseline_year,
    }
    if gap.met:
        words.append(
            _(
                "That is already below the target for %(year)d of %(target)s tCO2e (%(percent)s %% "
                "less than in %(baseline)d)."
            )
            % target
        )
    elif gap.per_year is not None:
        words.append(
            _(
                "The target for %(year)d is %(target)s tCO2e (%(percent)s %% less than in "
                "%(baseline)d): emissions must fall by another %(remaining)s tCO2e, about "
                "%(per_year)s tCO2e a year for %(years)d years."
            )
            % {
                **target,
                "remaining": _tonnes(gap.remaining),
                "per_year": _tonnes(gap.per_year),
                "years": gap.years_left,
            }
        )
    else:
        words.append(
            _(
                "The target for %(year)d was %(target)s tCO2e (%(percent)s %% less than in "
                "%(baseline)d): emissions are %(remaining)s tCO2e above it."
            )
            % {**target, "remaining": _tonnes(gap.remaining)}
        )
    return words


def _version_url(version: InventoryVersion, *, current: bool) -> str:
    url = reverse("frontend:climate_dashboard")
    return url if current else f"{url}?{urlencode({'version': version.pk})}"


def _shared_query(request: HttpRequest) -> str | None:
    """The dashboard's query string, normalised (its filters by name, a repeated one's
    values in their order, as the last one counts; empty ones left out), when it holds
    nothing but filters; else None: the page shows the query string (the header's language
    forms return to it), so another one is not shared."""
    if not set(request.GET) <= set(ClimateFilterForm.base_fields):
        return None
    return urlencode(
        [(name, value) for name, values in sorted(request.GET.lists()) for value in values if value]
    )


@require_GET
def climate_dashboard(request: HttpRequest) -> HttpResponse:
    # Shared only with visitors who are not signed in: a signed-in person's header holds
    # their name, and the staff see a link to manage the inventory.
    query = _shared_query(request)
    if query is None or not page_is_shareable(request):
        return _dashboard_page(request)
    return shared_page_response(
        request,
        key=climate_dashboard_key(query=query),
        render=lambda extra: _dashboard_page(request, extra=extra),
    )


def _dashboard_page(request: HttpRequest, *, extra: dict | None = None) -> HttpResponse:
    filters, partner_filters, form, problems = _filters(request)
    # The same for every visitor, signed in or not: nothing of theirs is in them.
    sections = kept_get(
        key=climate_sections_key(filters=(filters, partner_filters)),
        make=lambda: _sections(filters, partner_filters),
    )
    if filters.version is not None and sections["version"] not in (None, filters.version):
        problems.append(
            _("There is no inventory version %(number)d; the current one is shown.")
            % {"number": filters.version}
        )
    context = {
        "form": form,
        "problems": problems,
        "sections": sections,
        "current_url": reverse("frontend:climate_dashboard"),
        "can_manage": request.user.has_perm("partnerships.manage_inventory"),
        **(extra or {}),
    }
    return render(request, "frontend/climate/dashboard.html", context)


def _sections(
    filters: dashboard.InventoryFilters, partner_filters: dashboard.PartnerFilters
) -> dict:
    """The inventory's and the partners' sections as HTML (the same for every visitor, in
    the active language), with the version shown (its pk, None without one) and whether it
    is the current one, which the filter form and its problems need."""
    inventory = dashboard.dashboard_inventory_get(filters=filters)
    partners = dashboard.dashboard_partners_get(
        filters=partner_filters, inventory=inventory, kept=True
    )
    current = dashboard.inventory_version_current(inventory.versions)
    versions = [
        {
            "version": v,
            "url": _version_url(v, current=v is current),
            "is_current": v is current,
            "is_chosen": v is inventory.version,
        }
        for v in inventory.versions
    ]
    context = {
        "inventory": inventory,
        "versions": versions,
        "current_url": reverse("frontend:climate_dashboard"),
        "path_chart": _path_chart(inventory) if inventory.version else None,
        "sector_chart": _sector_chart(inventory)
        if inventory.version and not filters.sector
        else None,
        "gap_words": _gap_text(inventory),
        **_partner_context(partners),
    }
    return {
        "version": inventory.version.pk if inventory.version else None,
        "is_current": inventory.is_current,
        "html": render_to_string("frontend/climate/_sections.html", context),
    }


# --- the partners' sections ----------------------------------------------------------------


def _share(value: Decimal | None) -> str:
    """A per cent with one decimal; a small share above 0 is not written as 0."""
    if value is None:
        return "\u2013"
    if 0 < value < _TENTH:
        return _("under %(share)s %%") % {"share": number_text(_TENTH, decimals=1)}
    return f"{number_text(value.quantize(_TENTH, ROUND_HALF_UP), decimals=1)} %"


def _sector_label(key: str) -> str:
    return str(InventorySector(key).label) if key else _("No sector of the inventory")


def _emission_words(partners: dashboard.PartnerSection) -> list[str]:
    inside, outside = partners.emissions.inside, partners.emissions.outside
    if partners.emissions.is_empty:
        return [_("No active partner commitment in tCO2e matches the filters.")]
    return [
        ngettext(
            "%(partners)d partner has committed to cut %(inside)s tCO2e of scope 1 and 2 "
            "within the municipality and %(outside)s tCO2e of scope 3 in its value chain.",
            "%(partners)d partners have committed to cut %(inside)s tCO2e of scope 1 and 2 "
            "within the municipality and %(outside)s tCO2e of scope 3 in their value chains.",
            partners.organisations,
        )
        % {
            "partners": partners.organisations,
            "inside": _tonnes(inside.committed),
            "outside": _tonnes(outside.committed),
        },
        _(
            "Verified values show %(inside)s tCO2e cut within the municipality (%(reported)d of "
            "%(count)d commitments reported) and %(outside)s tCO2e in the value chains "
            "(%(reported3)d of %(count3)d reported)."
        )
        % {
            "inside": _tonnes(inside.achieved),
            "reported": inside.reported,
            "count": inside.commitments,
            "outside": _tonnes(outside.achieved),
            "reported3": outside.reported,
            "count3": outside.commitments,
        },
    ]


def _shares_chart(partners: dashboard.PartnerSection) -> BarChart | None:
    shares = [s for s in partners.sector_shares if s.inventory is not None]
    if not shares:
        return None
    year = shares[0].year
    words = [
        _(
            "In %(sector)s the partners' verified scope 1 and 2 reduction is %(achieved)s tCO2e, "
            "%(share)s of the inventory's %(inventory)s tCO2e in %(year)d."
        )
        % {
            "sector": _sector_label(s.sector).lower(),
            "achieved": _tonnes(s.achieved),
            "share": _share(s.share),
            "inventory": _tonnes(s.inventory),
            "year": year,
        }
        for s in shares
        if s.achieved
    ]
    if not words:
        words = [_("No partner has a verified scope 1 or 2 reduction in the inventory's sectors.")]
    return BarChart(
        dom_id="chart-partner-shares",
        title=_("The partners' scope 1 and 2 reductions as part of each sector in %(year)d")
        % {"year": year},
        summary=" ".join(words),
        unit="tCO2e",
        category_label=_("Sector"),
        series=[
            _("The inventory, %(year)d") % {"year": year},
            _("Partners' verified reduction, part of it"),
        ],
        categories=[
            Category(
                key=s.sector,
                label=_sector_label(s.sector),
                values=[s.inventory, s.achieved],
                extra=_share(s.share),
            )
            for s in shares
        ],
        part_of=True,
        extra_label=_("Share of the sector"),
    ).layout()


def _breakdown_chart(
    breakdown: dashboard.Breakdown, *, key: str, title: str, column: str, empty: str
) -> BarChart:
    categories = [
        Category(
            key=row_key,
            label=str(label) or empty,
            values=[
                amounts.inside.committed,
                amounts.inside.achieved,
                amounts.outside.committed,
                amounts.outside.achieved,
            ],
        )
        for row_key, (label, amounts) in breakdown.rows.items()
    ]
    # Never empty: _breakdown_charts draws none without a commitment in tCO2e.
    largest = max(categories, key=lambda c: c.values[0] + c.values[2])
    summary = _(
        "“%(name)s” has the most committed: %(inside)s tCO2e of scope 1 and 2 "
        "(%(achieved)s achieved) and %(outside)s tCO2e of scope 3 (%(achieved3)s achieved)."
    ) % {
        "name": largest.label,
        "inside": _tonnes(largest.values[0]),
        "achieved": _tonnes(largest.values[1]),
        "outside": _tonnes(largest.values[2]),
        "achieved3": _tonnes(largest.values[3]),
    }
    return BarChart(
        dom_id=f"chart-partners-{key}",
        title=title,
        summary=summary,
        unit="tCO2e",
        category_label=column,
        series=[
            _("Committed, scope 1 and 2"),
            _("Achieved, scope 1 and 2"),
            _("Committed, scope 3"),
            _("Achieved, scope 3"),
        ],
        categories=categories,
    ).layout()


def _measure_rows(partners: dashboard.PartnerSection) -> list[dict]:
    labels = {
        Metric.WASTE: _("Waste"),
        Metric.FOOD_WASTE: _("Food waste"),
        Metric.ENERGY: _("Energy used"),
    }
    return [
        {
            "metric": metric,
            "label": labels[metric],
            "unit": METRIC_UNITS[metric].label,
            "committed": _tonnes(amounts.committed),
            "achieved": _tonnes(amounts.achieved),
            "commitments": amounts.commitments,
            "reported": amounts.reported,
        }
        for metric, amounts in partners.measures.items()
    ]


def _separate_rows(partners: dashboard.PartnerSection) -> list[dict]:
    return [
        {
            "label": Metric(row.metric).label,
            "unit": row.unit,
            "commitments": row.commitments,
            "reported": row.reported,
        }
        for row in partners.separate
    ]


def _breakdown_charts(partners: dashboard.PartnerSection) -> list[BarChart]:
    """One chart per breakdown; none when no commitment in tCO2e counts (the words say so)."""
    if partners.emissions.is_empty:
        return []
    breakdowns = [
        (partners.by_sector, "sector", _("Partners' reductions by sector"), _("Sector"),
         _("No sector of the inventory")),
        (partners.by_programme, "programme", _("Partners' reductions by programme"),
         _("Partnership programme"), ""),
        (partners.by_kind, "kind", _("Partners' reductions by kind of organisation"),
         _("Kind of organisation"), ""),
        (partners.by_focus_area, "focus-area", _("Partners' reductions by focus area"),
         _("Focus area"), _("No focus area")),
    ]  # fmt: skip
    return [
        _breakdown_chart(breakdown, key=key, title=title, column=column, empty=empty)
        for breakdown, key, title, column, empty in breakdowns
    ]


def _partner_context(partners: dashboard.PartnerSection) -> dict:
    return {
        "partners": partners,
        "partner_words": _emission_words(partners),
        "shares_chart": _shares_chart(partners),
        "breakdown_charts": _breakdown_charts(partners),
        "measure_rows": _measure_rows(partners),
        "separate_rows": _separate_rows(partners),
    }


# --- open data ---------------------------------------------------------------------------

_DATASETS = {
    "udledning": partner_opendata.INVENTORY,
    "versioner": partner_opendata.INVENTORY_VERSIONS,
    "organisationer": partner_opendata.ORGANISATIONS,
    "aftaler": partner_opendata.AGREEMENTS,
    "forpligtelser": partner_opendata.COMMITMENTS,
    "fremskridt": partner_opendata.PROGRESS,
}
# The API's route of each dataset (partnerships/api/urls.py).
_API_ROUTES = {
    "udledning": "open-data-inventory",
    "versioner": "open-data-inventory-versions",
    "organisationer": "open-data-organisations",
    "aftaler": "open-data-agreements",
    "forpligtelser": "open-data-commitments",
    "fremskridt": "open-data-progress",
}


@require_GET
def climate_open_data(request: HttpRequest) -> HttpResponse:
    """What the open data holds, field by field, and where to get it."""
    datasets = [
        {
            "dataset": dataset,
            "csv": reverse("frontend:climate_download", kwargs={"name": name, "fmt": "csv"}),
            "json": reverse("frontend:climate_download", kwargs={"name": name, "fmt": "json"}),
            "api": reverse(_API_ROUTES[name]),
        }
        for name, dataset in _DATASETS.items()
    ]
    context = {"datasets": datasets, "licence": opendata.licence()}
    return render(request, "frontend/climate/open_data.html", context)


@require_GET
def climate_download(request: HttpRequest, name: str, fmt: str) -> HttpResponse:
    """A dataset as CSV or JSON; 304 when the client's copy is current. The partners' CSV
    is streamed."""
    if name not in _DATASETS or fmt not in ("csv", "json"):
        raise Http404
    dataset = _DATASETS[name]
    variant = f"{fmt}|{get_language()}|{request.GET.get('version', '')}"
    meta: dict = {}
    if dataset.slug in partner_opendata.PARTNER_DATASETS:
        state = partner_opendata.partner_dataset_state(slug=dataset.slug, variant=variant)
        if (cached := opendata.not_modified(request, state)) is not None:
            return cached
        rows = partner_opendata.partner_dataset_rows(slug=dataset.slug)
    elif name == "udledning":
        raw = request.GET.get("version", "")
        if raw and not (raw.isascii() and raw.isdigit()):
            return HttpResponseBadRequest(
                _("The version must be a whole number."), content_type="text/plain; charset=utf-8"
            )
        try:
            version = partner_opendata.inventory_dataset_version(pk=int(raw) if raw else None)
        except InventoryVersion.DoesNotExist:
            raise Http404 from None
        state = partner_opendata.inventory_dataset_state(version=version, variant=variant)
        if (cached := opendata.not_modified(request, state)) is not None:
            return cached
        rows = partner_opendata.inventory_dataset_rows(version=version)
        if version is not None:
            meta["version"] = {
                "id": version.pk,
                "label": version.label,
                "source": version.source,
                "published_on": version.published_on,
            }
    else:
        state = partner_opendata.inventory_versions_state(variant=variant)
        if (cached := opendata.not_modified(request, state)) is not None:
            return cached
        rows = partner_opendata.inventory_versions_rows()
    filename = f"{name}.{fmt}"
    if fmt == "csv":
        return opendata.csv_response(dataset=dataset, rows=rows, state=state, filename=filename)
    return opendata.json_response(
        dataset=dataset, rows=rows, state=state, meta=meta, filename=filename
    )


# --- staff: the inventory and the targets ------------------------------------------------


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def inventory_staff(request: HttpRequest) -> HttpResponse:
    """Every version, and the choice of the one the dashboard shows."""
    permission_require(request, "partnerships.manage_inventory")
    versions = dashboard.inventory_version_list()
    if request.method == "POST":
        chosen = next((v for v in versions if str(v.pk) == request.POST.get("version")), None)
        if chosen is None:
            messages.error(request, _("Choose one of the versions."))
        else:
            services.inventory_version_show(actor=request.user, version=chosen)
            messages.success(
                request, _("The dashboard now shows “%(label)s”.") % {"label": chosen.label}
            )
        return redirect("frontend:inventory_staff")
    baseline_year, targets, _changed = dashboard.climate_targets_get()
    context = {
        "versions": versions,
        "current": dashboard.inventory_version_current(versions),
        "baseline_year": baseline_year,
        "targets": targets,
        "can_change_targets": request.user.has_perm("partnerships.change_climate_targets"),
    }
    return render(request, "frontend/climate/staff.html", context)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def inventory_import(request: HttpRequest) -> HttpResponse:
    """A CSV file (or its text) becomes a new version, whole or not at all. A refused
    file's text comes back in the text box, so it can be corrected there."""
    permission_require(request, "partnerships.manage_inventory")
    form = InventoryImportForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            upload = data.get("file")
            text = services.text_decode(data=upload.read()) if upload else data["text"]
            try:
                rows = services.inventory_csv_parse(text=text)
                version = services.inventory_import(
                    actor=request.user,
                    rows=rows,
                    label=data["label"],
                    source=data["source"],
                    published_on=data["published_on"],
                    note=data["note"],
                    show=data["show"],
                )
            except ValidationError as exc:
                if upload:
                    bound = request.POST.copy()
                    bound["text"] = text
                    form = InventoryImportForm(bound)
                    form.is_valid()
                errors_from_service(form, exc)
            else:
                messages.success(
                    request,
                    _("“%(label)s” is imported with %(rows)d rows.")
                    % {"label": version.label, "rows": len(rows)},
                )
                return redirect("frontend:inventory_staff")
    return render(request, "frontend/climate/import.html", {"form": form}, status=status)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def inventory_year(request: HttpRequest) -> HttpResponse:
    """One year typed in: a new version with the current version's other years."""
    permission_require(request, "partnerships.manage_inventory")
    base = dashboard.inventory_version_get_shown()
    form = InventoryYearForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                version = services.inventory_year_enter(
                    actor=request.user,
                    year=data["year"],
                    values=form.values(),
                    base=base,
                    label=data["label"],
                    source=data["source"],
                    published_on=data["published_on"],
                    note=data["note"],
                    show=data["show"],
                )
            except ValidationError as exc:
                errors_from_service(form, exc)
            else:
                messages.success(
                    request,
                    _("“%(label)s” is saved with the figures for %(year)d.")
                    % {"label": version.label, "year": data["year"]},
                )
                return redirect("frontend:inventory_staff")
    context = {"form": form, "base": base}
    return render(request, "frontend/climate/year_form.html", context, status=status)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def climate_targets_edit(request: HttpRequest) -> HttpResponse:
    permission_require(request, "partnerships.change_climate_targets")
    baseline_year, targets, changed = dashboard.climate_targets_get()
    initial = {"baseline_year": baseline_year}
    for n, target in enumerate(targets):
        initial[f"year_{n}"] = target.year
        initial[f"reduction_{n}"] = target.reduction_percent
    form = ClimateTargetsForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.climate_targets_update(
                    actor=request.user,
                    baseline_year=form.cleaned_data["baseline_year"],
                    targets=form.targets(),
                )
            except ValidationError as exc:
                errors_from_service(form, exc)
            else:
                messages.success(request, _("The climate targets are saved."))
                return redirect("frontend:inventory_staff")
    context = {"form": form, "changed": changed and date_format(changed, "DATE_FORMAT")}
    return render(request, "frontend/climate/targets_form.html", context, status=status)
