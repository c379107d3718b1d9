"""Markup of the climate dashboard's charts that Python writes.

Functions rather than templates: the dashboard draws two line charts of a marker per year
and series and five bar charts of some forty bars, and each mark's coordinates through
template loops and filters cost more than the rest of the page's content."""

from django import template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from frontend.charts import BarChart, Chart
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


def _numbers_table(*, cid: str, title: str, words: dict[str, str], columns, rows) -> str:
    """A chart's numbers as a table: `columns` (the first names the rows), then a row per
    (label, values) of `rows`."""
    head = f'<th scope="col">{esc(columns[0])}</th>' + "".join(
        f'<th scope="col" class="align-text-right">{esc(c)}</th>' for c in columns[1:]
    )
    body = "".join(
        f'<tr><th scope="row">{esc(label)}</th>'
        + "".join(f'<td class="align-text-right">{esc(value)}</td>' for value in values)
        + "</tr>"
        for label, values in rows
    )
    caption = words["caption"] % {"title": esc(title)}
    return (
        f'<div class="climate-chart-table" role="region" aria-labelledby="{cid}-table-caption" '
        f'tabindex="0"><table class="table table--compact"><caption id="{cid}-table-caption">'
        f"{caption}</caption><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>"
    )


def _table(chart: BarChart, cid: str, words: dict[str, str]) -> str:
    """The same numbers, a row per category."""
    columns = [chart.category_label, *(f"{s} ({chart.unit})" for s in chart.series)]
    if chart.extra_label:
        columns.append(chart.extra_label)
    return _numbers_table(
        cid=cid, title=chart.title, words=words, columns=columns, rows=chart.table_rows
    )


def _figure(chart, heading: str, words: dict[str, str], *, drawing, table) -> SafeString:
    """A chart's figure: its heading and summary, `drawing` (or a line saying there is
    nothing to draw) and `table`, each called with (chart, its DOM id, words)."""
    cid = esc(chart.dom_id)
    level = esc(heading or "h3")
    svg = f"<p>{words['empty']}</p>" if chart.is_empty else drawing(chart, cid, words)
    return mark_safe(  # noqa: S308 (every value is escaped above or here)
        f'<figure class="climate-chart" aria-labelledby="{cid}-heading"><figcaption>'
        f'<{level} id="{cid}-heading" class="h4">{esc(chart.title)}</{level}>'
        f'<p id="{cid}-summary">{esc(chart.summary)}</p></figcaption>'
        f"{svg}{table(chart, cid, words)}</figure>"
    )


@register.simple_tag(takes_context=True)
def bar_chart(context, chart: BarChart, heading: str = "h3") -> SafeString:
    """One BarChart of frontend/charts.py (laid out): a heading (`heading`: h3, h4, ...), the
    text summary, the SVG (role="img", named by its <title> and <desc>), a legend whose
    swatches show the same fills, and a table with the same numbers."""
    return _figure(chart, heading, _words(context), drawing=_svg, table=_table)


def _markers(marker: str, stroke: str, points) -> str:
    """One marker at each point: every line's shape of its own, so lines differ without
    colour."""
    if marker == "circle":
        return "".join(f'<circle cx="{x}" cy="{y}" r="4" fill="{stroke}"/>' for x, y in points)
    if marker == "square":
        return "".join(
            f'<rect x="{x}" y="{y}" width="8" height="8" transform="translate(-4 -4)" '
            f'fill="#fff" stroke="{stroke}" stroke-width="2"/>'
            for x, y in points
        )
    if marker == "triangle":
        return "".join(
            f'<path d="M{x} {y} m0 -5 l4.5 8 h-9 z" fill="{stroke}"/>' for x, y in points
        )
    if marker == "diamond":
        return "".join(
            f'<path d="M{x} {y} m0 -5 l5 5 l-5 5 l-5 -5 z" fill="#fff" stroke="{stroke}" '
            'stroke-width="2"/>'
            for x, y in points
        )
    if marker == "cross":
        return "".join(
            f'<path d="M{x} {y} m-4 -4 l8 8 m0 -8 l-8 8" stroke="{stroke}" stroke-width="2.5"/>'
            for x, y in points
        )
    return ""


def _line_svg(chart: Chart, cid: str, words: dict[str, str]) -> str:
    """The drawing, named by its <title> and <desc> (the summary), and its legend."""
    plot = chart.plot
    left, right, top, bottom = plot["left"], plot["right"], plot["top"], plot["bottom"]
    parts = [
        f'<svg class="climate-chart-svg" viewBox="0 0 {chart.width} {chart.height}" '
        f'width="100%" role="img" aria-labelledby="{cid}-title {cid}-desc" focusable="false" '
        'font-family="IBM Plex Sans, Arial, sans-serif" font-size="16">',
        f'<title id="{cid}-title">{esc(chart.title)}</title>',
        f'<desc id="{cid}-desc">{esc(chart.summary)}</desc>',
        f'<defs><pattern id="{cid}-hatch" width="7" height="7" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><line x1="0" y1="0" x2="0" y2="7" stroke="#8c8c8c" '
        'stroke-width="1.5"/></pattern></defs>',
        f'<text x="{left - 8}" y="{top - 12}" text-anchor="end" fill="#1a1a1a">'
        f"{esc(chart.unit)}</text>",
    ]
    parts += [
        f'<line x1="{left}" x2="{right}" y1="{y}" y2="{y}" stroke="#d6d6d6" stroke-width="1"/>'
        f'<text x="{left - 8}" y="{y}" dy="5" text-anchor="end" fill="#1a1a1a">'
        f"{esc(label)}</text>"
        for y, label in chart.y_ticks
    ]
    parts.append(
        f'<line x1="{left}" x2="{right}" y1="{bottom}" y2="{bottom}" stroke="#1a1a1a" '
        'stroke-width="1.5"/>'
    )
    parts += [
        f'<line x1="{x}" x2="{x}" y1="{bottom}" y2="{bottom + 6}" stroke="#1a1a1a" '
        f'stroke-width="1.5"/><text x="{x}" y="{bottom + 24}" text-anchor="middle" '
        f'fill="#1a1a1a">{esc(label)}</text>'
        for x, label in chart.x_ticks
    ]
    legend = []
    for line in chart.drawn:
        stroke, marker = esc(line.stroke), esc(line.marker)
        dash = f' stroke-dasharray="{esc(line.dash)}"' if line.dash else ""
        area = (
            f'<path d="{esc(line.area_path)}" fill="url(#{cid}-hatch)" stroke="none"/>'
            if line.area_path
            else ""
        )
        parts.append(
            f'<g class="climate-chart-series" data-series="{esc(line.key)}" '
            f'data-marker="{marker}">{area}<path d="{esc(line.path)}" fill="none" '
            f'stroke="{stroke}" stroke-width="{"2.5" if line.target else "3"}"{dash} '
            f'stroke-linejoin="round"/>{_markers(line.marker, stroke, line.points)}</g>'
        )
        legend.append(
            '<li><svg class="climate-chart-swatch" viewBox="0 0 40 16" width="40" height="16" '
            'aria-hidden="true" focusable="false"><line x1="2" x2="38" y1="8" y2="8" '
            f'stroke="{stroke}" stroke-width="3"{dash}/>'
            f"{_markers(line.marker, stroke, chart.legend_points)}</svg> {esc(line.label)}</li>"
        )
    parts.append(
        f'</svg><ul class="climate-chart-legend nobullet-list" aria-label="{words["legend"]}">'
    )
    parts += legend
    parts.append("</ul>")
    return "".join(parts)


def _line_table(chart: Chart, cid: str, words: dict[str, str]) -> str:
    """The same numbers, a row per year."""
    columns = [chart.x_label, *(f"{s.label} ({chart.unit})" for s in chart.series)]
    return _numbers_table(
        cid=cid, title=chart.title, words=words, columns=columns, rows=chart.table_rows
    )


@register.simple_tag(takes_context=True)
def line_chart(context, chart: Chart, heading: str = "h3") -> SafeString:
    """One Chart of frontend/charts.py (laid out): a heading (`heading`: h2, h3, ...), the
    text summary, the SVG (role="img", named by its <title> and <desc>), a legend whose
    swatches show the same dashes and markers, and a table with the same numbers."""
    return _figure(chart, heading, _words(context), drawing=_line_svg, table=_line_table)
