"""Markup for the partner's public page that Python writes: one figure per commitment.

A function rather than a template: a partner's page shows one per commitment, and each
one's rows, translations and numbers cost more through template nodes than the rest of
the page's content."""

from decimal import ROUND_HALF_UP, Decimal

from django import template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from frontend.charts import Sparkline, decimals_of, number_text
from frontend.html import esc
from frontend.templatetags.engage_site import time_tag_maker
from frontend.templatetags.report_tags import STATUS_BADGES

register = template.Library()

LINE = "#004b87"
TARGET = "#a4161a"


def _number(value) -> str:
    return "\u2013" if value is None else number_text(value, decimals=decimals_of(value))


def _svg(chart: Sparkline) -> str:
    """The drawing, named by its <title> and <desc> (the summary), or nothing to draw."""
    if chart.is_empty:
        return ""
    cid, width, height = esc(chart.dom_id), chart.width, chart.height
    base = height - 8
    parts = [
        f'<svg class="partner-spark-svg" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" role="img" aria-labelledby="{cid}-title {cid}-desc" '
        'focusable="false">',
        f'<title id="{cid}-title">{esc(chart.title)}</title>',
        f'<desc id="{cid}-desc">{esc(chart.summary)}</desc>',
        f'<line x1="0" x2="{width}" y1="{base}" y2="{base}" stroke="#8c8c8c" stroke-width="1"/>',
    ]
    if chart.target_y is not None:
        parts.append(
            f'<line x1="0" x2="{width}" y1="{chart.target_y}" y2="{chart.target_y}" '
            f'stroke="{TARGET}" stroke-width="2" stroke-dasharray="6 4"/>'
        )
    parts.append(
        f'<path d="{esc(chart.path)}" fill="none" stroke="{LINE}" stroke-width="3" '
        'stroke-linejoin="round"/>'
    )
    parts += [f'<circle cx="{x}" cy="{y}" r="4" fill="{LINE}"/>' for x, y in chart.markers]
    parts.append("</svg>")
    if chart.target_y is not None:
        # The key says in words what the dashed line is; colour is not the only cue.
        parts.append(
            '<p class="small-text partner-spark-key">'
            '<span class="partner-spark-swatch" aria-hidden="true"></span> '
            f"{esc(_('Verified value'))} "
            '<span class="partner-spark-swatch partner-spark-swatch-target" aria-hidden="true">'
            f"</span> {esc(chart.target_label)}</p>"
        )
    return "".join(parts)


def _table(chart: Sparkline, history) -> str:
    """The same numbers, period by period, with who verified each and its evidence."""
    values = history.values
    if not values:
        return ""
    commitment = history.commitment
    checklist = commitment.is_checklist
    with_value = not checklist or bool(commitment.unit)
    cid = esc(chart.dom_id)
    time_tag = time_tag_maker()
    yes, no, municipality = esc(_("Yes")), esc(_("No")), esc(_("the municipality"))
    caption = _("The figures of “%(title)s”") % {"title": commitment.display_title}
    head = [f'<th scope="col">{esc(chart.x_label)}</th>']
    if checklist:
        head.append(f'<th scope="col">{esc(_("Carried out"))}</th>')
    if with_value:
        head.append(f'<th scope="col" class="align-text-right">{esc(chart.value_label)}</th>')
    head.append(f'<th scope="col">{esc(_("Verified by"))}</th>')
    rows = []
    for value in values:
        cells = [f'<th scope="row">{esc(value.report.period_label)}</th>']
        if checklist:
            cells.append(f"<td>{yes if value.done else no}</td>")
        if with_value:
            cells.append(f'<td class="align-text-right">{esc(_number(value.value))}</td>')
        who = esc(value.verified_by.public_name) if value.verified_by else municipality
        files = "".join(
            f' · <a href="{esc(file.get_absolute_url())}">{esc(file.original_name)}</a>'
            for file in value.public_evidence
        )
        cells.append(f"<td>{who}, {time_tag(value.verified_at)}{files}</td>")
        rows.append(f"<tr>{''.join(cells)}</tr>")
    return (
        f'<div class="table--responsive-scroll climate-chart-table" role="region" '
        f'aria-labelledby="{cid}-table-caption" tabindex="0">'
        f'<table class="table table--compact"><caption id="{cid}-table-caption">'
        f"{esc(caption)}</caption><thead><tr>{''.join(head)}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


def _target(commitment) -> str:
    """What the commitment promises, in the words of the agreement page's table."""
    if commitment.is_checklist:
        return _("Carry out the action")
    return _(
        "%(direction)s from %(baseline)s %(unit)s (%(baseline_year)s) to %(target)s %(unit)s "
        "(%(target_year)s)"
    ) % {
        "direction": commitment.get_direction_display(),
        "baseline": _number(commitment.baseline_value),
        "baseline_year": commitment.baseline_year,
        "target": _number(commitment.target_value),
        "target_year": commitment.target_year,
        "unit": commitment.unit_label,
    }


@register.simple_tag
def progress_figure(chart: Sparkline, history) -> SafeString:
    """One commitment as the partner's public page shows it: its name, derived status and
    target, the text summary, the small chart and a table of the same numbers. `chart` is
    laid out (frontend/charts.py); `history` is a selectors.CommitmentHistory."""
    cid = esc(chart.dom_id)
    progress = history.progress
    badge = STATUS_BADGES.get(progress.status or "", "")
    return mark_safe(  # noqa: S308 (every value is escaped above or here)
        f'<figure class="partner-spark" aria-labelledby="{cid}-heading"><figcaption>'
        f'<h4 id="{cid}-heading" class="h5">{esc(history.commitment.display_title)}</h4>'
        f'<p><span class="badge badge-small {badge}">{esc(progress.status_label)}</span> '
        f"{esc(_target(history.commitment))}</p>"
        f'<p id="{cid}-summary" class="small-text">{esc(chart.summary)}</p></figcaption>'
        f"{_svg(chart)}{_table(chart, history)}</figure>"
    )


@register.filter
def tonnes(value) -> str:
    """A total in whole tonnes, grouped the reader's way (1.068.205 in Danish)."""
    if value is None:
        return "\u2013"
    return number_text(Decimal(value).quantize(Decimal(1), ROUND_HALF_UP))


@register.filter
def grouped(value) -> str:
    """A count, grouped the reader's way."""
    return number_text(value)
