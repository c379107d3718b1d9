"""Markup of the climate dashboard's bar charts that Python writes.

A function rather than a template: the dashboard draws four or five bar charts of some
forty bars, and each bar's coordinates through template loops and filters cost more than
the rest of the page's content."""

from django import template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from frontend.charts import BarChart
from frontend.html import esc

register = template.Library()

_BAR_WORDS = "climate_tags.bar_words"


def _words(context) -> dict[str, str]:
    """The translated words of a bar chart, looked up once per render."""
    words = context.render_context.get(_BAR_WORDS)
    if words is None:
        words = context.render_context[_BAR_WORDS] = {
            "empty": esc(_("There are no figures to draw.")),
            "legend": esc(_("Legend")),
            "caption": _("The figures of “%(title)s”"),
        }
    return words


def _patterns(cid: str, styles: list[dict]) -> str:
    """The fills of the series, as patterns `<id>-fill-<n>`: solid, diagonal hatching, dots,
    cross-hatching, or light grey (a whole with parts)."""
    parts = ["<defs>"]
    for n, style in enumerate(styles):
        pattern, stroke = style["pattern"], esc(style["stroke"])
        turned = ' patternTransform="rotate(45)"' if pattern in ("hatch", "cross") else ""
        if pattern == "solid":
            inner = f'<rect width="8" height="8" fill="{stroke}"/>'
        elif pattern == "light":
            inner = '<rect width="8" height="8" fill="#e6e6e6"/>'
        elif pattern == "hatch":
            inner = (
                '<rect width="8" height="8" fill="#fff"/>'
                f'<line x1="0" y1="0" x2="0" y2="8" stroke="{stroke}" stroke-width="3"/>'
            )
        elif pattern == "dots":
            inner = (
                '<rect width="8" height="8" fill="#fff"/>'
                f'<circle cx="4" cy="4" r="1.8" fill="{stroke}"/>'
            )
        else:
            inner = (
                '<rect width="8" height="8" fill="#fff"/>'
                f'<line x1="0" y1="0" x2="0" y2="8" stroke="{stroke}" stroke-width="1.5"/>'
                f'<line x1="0" y1="4" x2="8" y2="4" stroke="{stroke}" stroke-width="1.5"/>'
            )
        parts.append(
            f'<pattern id="{cid}-fill-{n}" width="8" height="8" patternUnits="userSpaceOnUse"'
            f"{turned}>{inner}</pattern>"
        )
    parts.append("</defs>")
    return "".join(parts)


def _svg(chart: BarChart, cid: str, words: dict[str, str]) -> str:
    """The drawing, named by its <title> and <desc> (the summary), and its legend."""
    plot = chart.plot
    top, bottom, left = plot["top"], plot["bottom"], plot["left"]
    parts = [
        f'<svg class="climate-chart-svg climate-bar-svg" viewBox="0 0 {chart.width} '
        f'{chart.height}" width="100%" role="img" aria-labelledby="{cid}-title {cid}-desc" '
        'focusable="false" font-family="IBM Plex Sans, Arial, sans-serif" font-size="16">',
        f'<title id="{cid}-title">{esc(chart.title)}</title>',
        f'<desc id="{cid}-desc">{esc(chart.summary)}</desc>',
        _patterns(cid, chart.styles),
        f'<text x="{plot["right"]}" y="18" text-anchor="end" fill="#1a1a1a">'
        f"{esc(chart.unit)}</text>",
    ]
    for x, label in chart.x_ticks:
        parts.append(
            f'<line x1="{x}" x2="{x}" y1="{top}" y2="{bottom}" stroke="#d6d6d6" '
            f'stroke-width="1"/><text x="{x}" y="{bottom + 22}" text-anchor="middle" '
            f'fill="#1a1a1a">{esc(label)}</text>'
        )
    zero = chart.zero
    parts.append(
        f'<line x1="{zero}" x2="{zero}" y1="{top}" y2="{bottom}" stroke="#1a1a1a" '
        'stroke-width="1.5"/>'
    )
    for category in chart.drawn:
        parts.append('<g class="climate-bar-group">')
        parts += [
            f'<text x="{left}" y="{y}" fill="#1a1a1a" font-weight="600" stroke="#fff" '
            f'stroke-width="5" paint-order="stroke">{esc(line)}</text>'
            for y, line in category.lines
        ]
        for bar in category.bars:
            parts.append(
                f'<rect class="climate-bar" data-series="{bar.series}" x="{bar.x}" '
                f'y="{bar.y}" width="{bar.width}" height="18" '
                f'fill="url(#{cid}-fill-{bar.series})" stroke="{esc(bar.stroke)}" '
                'stroke-width="1.5"/>'
            )
            if bar.label:
                parts.append(
                    f'<text x="{bar.label_x}" y="{bar.y + 14}" text-anchor="{esc(bar.anchor)}" '
                    f'fill="#1a1a1a" font-size="15">{esc(bar.label)}</text>'
                )
        parts.append("</g>")
    parts.append(
        f'</svg><ul class="climate-chart-legend nobullet-list" aria-label="{words["legend"]}">'
    )
    parts += [
        f'<li data-pattern="{esc(style["pattern"])}"><svg class="climate-chart-swatch" '
        'viewBox="0 0 40 16" width="40" height="16" aria-hidden="true" focusable="false">'
        f'<rect x="1" y="1" width="38" height="14" fill="url(#{cid}-fill-{n})" '
        f'stroke="{esc(style["stroke"])}" stroke-width="1.5"/></svg> {esc(label)}</li>'
        for n, (label, style) in enumerate(chart.legend)
    ]
    parts.append("</ul>")
    return "".join(parts)


def _table(chart: BarChart, cid: str, words: dict[str, str]) -> str:
    """The same numbers, a row per category."""
    unit = esc(chart.unit)
    head = [f'<th scope="col">{esc(chart.category_label)}</th>']
    head += [
        f'<th scope="col" class="align-text-right">{esc(s)} ({unit})</th>' for s in chart.series
    ]
    if chart.extra_label:
        head.append(f'<th scope="col" class="align-text-right">{esc(chart.extra_label)}</th>')
    rows = [
        f'<tr><th scope="row">{esc(label)}</th>'
        + "".join(f'<td class="align-text-right">{esc(value)}</td>' for value in values)
        + "</tr>"
        for label, values in chart.table_rows
    ]
    caption = words["caption"] % {"title": esc(chart.title)}
    return (
        f'<div class="climate-chart-table" role="region" aria-labelledby="{cid}-table-caption" '
        f'tabindex="0"><table class="table table--compact"><caption id="{cid}-table-caption">'
        f"{caption}</caption><thead><tr>{''.join(head)}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


@register.simple_tag(takes_context=True)
def bar_chart(context, chart: BarChart, heading: str = "h3") -> SafeString:
    """One BarChart of frontend/charts.py (laid out): a heading (`heading`: h3, h4, ...), the
    text summary, the SVG (role="img", named by its <title> and <desc>), a legend whose
    swatches show the same fills, and a table with the same numbers."""
    words = _words(context)
    cid = esc(chart.dom_id)
    level = esc(heading or "h3")
    drawing = f"<p>{words['empty']}</p>" if chart.is_empty else _svg(chart, cid, words)
    return mark_safe(  # noqa: S308 (every value is escaped above or here)
        f'<figure class="climate-chart" aria-labelledby="{cid}-heading"><figcaption>'
        f'<{level} id="{cid}-heading" class="h4">{esc(chart.title)}</{level}>'
        f'<p id="{cid}-summary">{esc(chart.summary)}</p></figcaption>'
        f"{drawing}{_table(chart, cid, words)}</figure>"
    )
