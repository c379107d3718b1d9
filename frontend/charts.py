"""Charts as SVG written by the server: series in, geometry out, for
frontend/templatetags/climate_tags.py to draw with a title, a description, a text summary
and a table of the same numbers. No chart library runs in the browser.

Pure Python: nothing here reads the database. Series differ by dash pattern and marker
shape as well as by colour, so a chart reads in grey scale; the drawing scales with its
viewBox to the width it is given (390 px phones too). Numbers are written in the active
language's format (12.345 in Danish, 12,345 in English).
"""

import math
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import formats
from django.utils.formats import get_format
from django.utils.translation import get_language

# The drawing's own coordinate system; the SVG is 100 % wide and keeps this aspect ratio.
WIDTH = 480
HEIGHT = 300
MARGIN_LEFT = 92
MARGIN_RIGHT = 30
MARGIN_TOP = 28
MARGIN_BOTTOM = 44
MAX_X_TICKS = 7
Y_TICKS = 5

# Each look differs from the others without colour: dashes and marker shapes. The
# colours keep at least 4.5:1 against white (WCAG 1.4.11 asks 3:1 of graphics).
STYLES = (
    {"stroke": "#1a1a1a", "dash": "", "marker": "circle"},
    {"stroke": "#004b87", "dash": "6 3", "marker": "square"},
    {"stroke": "#7a3d00", "dash": "2 3", "marker": "triangle"},
    {"stroke": "#2d5e1e", "dash": "10 3 2 3", "marker": "diamond"},
    {"stroke": "#6b1f5c", "dash": "14 4", "marker": "cross"},
)
TARGET_STYLE = {"stroke": "#a4161a", "dash": "9 6", "marker": "none"}


_CUTOFFS = {0: Decimal("0.1")}  # as Django's numberformat: below it a value is written as 0
_ZERO = Decimal(0)


def number_text(value: Decimal | float | int | None, *, decimals: int = 0) -> str:
    """A number in the active language's format, with grouping; a dash for no value.

    The same text as formats.number_format(force_grouping=True), decimals cut rather than
    rounded as it does; written here for groups of three, the common case (a dashboard
    writes some two hundred numbers), and left to Django otherwise."""
    if value is None:
        return "\u2013"
    number = value if isinstance(value, Decimal) else Decimal(value)
    lang = get_language()
    cutoff = _CUTOFFS.get(decimals)
    if cutoff is None:
        cutoff = _CUTOFFS[decimals] = Decimal(1).scaleb(-decimals)
    if abs(number) < cutoff:
        number = _ZERO
    text = ""
    if (
        get_format("NUMBER_GROUPING", lang, use_l10n=True) == 3
        and number.is_finite()
        and -100 < number.adjusted() < 100
    ):
        text = f"{number:f}"
    if not text or len(text) > 100:
        # Other groupings, infinities and numbers of very many digits, which Django
        # writes in scientific notation.
        return formats.number_format(
            number, decimal_pos=decimals, use_l10n=True, force_grouping=True
        )
    sign = ""
    if text[0] == "-":
        sign, text = "-", text[1:]
    whole, _dot, fraction = text.partition(".")
    if len(whole) > 3:
        separator = get_format("THOUSAND_SEPARATOR", lang, use_l10n=True)
        whole = f"{int(whole):,}".replace(",", separator)
    if not decimals:
        return sign + whole
    separator = get_format("DECIMAL_SEPARATOR", lang, use_l10n=True)
    return f"{sign}{whole}{separator}{fraction[:decimals].ljust(decimals, '0')}"


def nice_ticks(top: float, *, count: int = Y_TICKS) -> list[float]:
    """Round tick values from 0 to at least `top`: steps of 1, 2, 2.5 or 5 times a power
    of ten, about `count` of them."""
    if top <= 0:
        return [0.0, 1.0]
    raw = top / (count - 1)
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    ticks = [0.0]
    while ticks[-1] < top:
        ticks.append(round(ticks[-1] + step, 10))
    return ticks


def year_ticks(first: int, last: int) -> list[int]:
    """Whole years from `first` to `last`, at most MAX_X_TICKS, on round steps."""
    span = max(last - first, 1)
    step = next(s for s in (1, 2, 5, 10, 20, 25, 50) if span / s < MAX_X_TICKS)
    ticks = [first] if first % step else []
    ticks += list(range(first + (-first % step), last + 1, step))
    if last not in ticks and (last - ticks[-1]) >= step / 2:
        ticks.append(last)
    return ticks


@dataclass(frozen=True)
class Series:
    """One line: `values` maps each x (a year) to y, or None where nothing is known.
    `target` draws it as the dashed target line; `area` shades below it (hatched)."""

    key: str
    label: str
    values: dict[int, Decimal | None]
    target: bool = False
    area: bool = False


@dataclass
class DrawnSeries:
    key: str
    label: str
    stroke: str
    dash: str
    marker: str
    path: str
    area_path: str
    points: list[tuple[float, float]]
    target: bool


@dataclass
class Chart:
    """Everything climate_tags.line_chart draws. `dom_id` must be unique on the page."""

    dom_id: str
    title: str
    summary: str
    unit: str
    x_label: str
    series: list[Series]
    width: int = WIDTH
    height: int = HEIGHT
    # Filled by layout():
    drawn: list[DrawnSeries] = field(default_factory=list)
    x_ticks: list[tuple[float, str]] = field(default_factory=list)
    y_ticks: list[tuple[float, str]] = field(default_factory=list)
    plot: dict[str, float] = field(default_factory=dict)
    table_rows: list[tuple[str, list[str]]] = field(default_factory=list)

    # Where the legend's swatch (40 by 16) draws its one marker.
    legend_points = ((20, 8),)

    @property
    def is_empty(self) -> bool:
        return not any(v is not None for s in self.series for v in s.values.values())

    def layout(self) -> "Chart":
        """Scale the axes to the data and turn every series into SVG paths."""
        xs = sorted({x for s in self.series for x, v in s.values.items() if v is not None})
        left, right = MARGIN_LEFT, self.width - MARGIN_RIGHT
        top, bottom = MARGIN_TOP, self.height - MARGIN_BOTTOM
        self.plot = {"left": left, "right": right, "top": top, "bottom": bottom}
        if not xs:
            return self
        first, last = xs[0], xs[-1]
        highest = max(float(v) for s in self.series for v in s.values.values() if v is not None)
        ticks = nice_ticks(highest)
        y_top = ticks[-1]

        def px(x: int) -> float:
            if last == first:
                return (left + right) / 2
            return round(left + (x - first) * (right - left) / (last - first), 2)

        def py(y: float) -> float:
            return round(bottom - y * (bottom - top) / y_top, 2)

        self.y_ticks = [(py(t), number_text(t, decimals=0 if t == int(t) else 1)) for t in ticks]
        self.x_ticks = [(px(year), str(year)) for year in year_ticks(first, last)]
        self.drawn = []
        plain = 0
        for series in self.series:
            if series.target:
                style = TARGET_STYLE
            else:
                style = STYLES[plain % len(STYLES)]
                plain += 1
            points = [
                (px(x), py(float(v))) for x, v in sorted(series.values.items()) if v is not None
            ]
            segments: list[str] = []
            previous = None
            for x, v in sorted(series.values.items()):
                if v is None:
                    previous = None
                    continue
                command = "L" if previous is not None else "M"
                segments.append(f"{command}{px(x)} {py(float(v))}")
                previous = x
            area_path = ""
            if series.area and points:
                area_path = (
                    f"M{points[0][0]} {bottom} "
                    + " ".join(f"L{x} {y}" for x, y in points)
                    + f" L{points[-1][0]} {bottom} Z"
                )
            self.drawn.append(
                DrawnSeries(
                    key=series.key,
                    label=series.label,
                    stroke=style["stroke"],
                    dash=style["dash"],
                    marker=style["marker"],
                    path=" ".join(segments),
                    area_path=area_path,
                    points=points,
                    target=series.target,
                )
            )
        every_x = sorted({x for s in self.series for x in s.values})
        self.table_rows = [
            (str(x), [number_text(s.values.get(x)) for s in self.series]) for x in every_x
        ]
        return self


# --- bar charts --------------------------------------------------------------------------

# Bars differ by fill pattern as well as by colour, so they read in grey scale: solid,
# diagonal hatching, dots, cross-hatching. Every bar is outlined in its colour (3:1 or more
# against white).
BAR_STYLES = (
    {"stroke": "#004b87", "pattern": "solid"},
    {"stroke": "#1a1a1a", "pattern": "hatch"},
    {"stroke": "#7a3d00", "pattern": "dots"},
    {"stroke": "#2d5e1e", "pattern": "cross"},
)
# A "part of" chart: the whole as a light bar with a dark outline, the part solid inside it.
WHOLE_STYLE = {"stroke": "#595959", "pattern": "light"}
PART_STYLE = {"stroke": "#004b87", "pattern": "solid"}

BAR_HEIGHT = 18
MIN_BAR = 3  # the narrowest a bar of a value other than 0 is drawn
BAR_GAP = 4
GROUP_LABEL = 24  # a line of the category's name, written above its bars
LABEL_LINE = 20
# Characters of a category's name to a line: its 16 units a letter average below 9 units,
# and the name may use the whole width but the left margin.
LABEL_CHARS = 44
GROUP_GAP = 14
BAR_MARGIN_LEFT = 20  # room for half the first tick's number
BAR_MARGIN_RIGHT = 84  # room for the value written after the longest bar
BAR_MARGIN_TOP = 30
BAR_MARGIN_BOTTOM = 40


def bar_ticks(low: float, high: float, *, count: int = Y_TICKS) -> list[float]:
    """Round ticks covering `low` (0 or less) to `high` (0 or more), 0 among them."""
    span = max(high, -low)
    step_ticks = nice_ticks(span, count=count)
    step = step_ticks[1] - step_ticks[0]
    ticks = [0.0]
    while ticks[0] > low:
        ticks.insert(0, round(ticks[0] - step, 10))
    while ticks[-1] < high:
        ticks.append(round(ticks[-1] + step, 10))
    return ticks


@dataclass(frozen=True)
class Category:
    """One group of bars: a value per series, in the series' order (None: nothing known)."""

    key: str
    label: str
    values: list[Decimal | None]
    extra: str = ""  # the table's last column, when the chart has `extra_label`


@dataclass
class DrawnBar:
    series: int
    stroke: str
    x: float
    y: float
    width: float
    label: str  # the value as written after the bar
    label_x: float
    anchor: str  # "start" after a bar to the right, "end" before one to the left


@dataclass
class DrawnCategory:
    lines: list[tuple[float, str]]  # (y, text) of each line of the name
    bars: list[DrawnBar]


def label_lines(text: str, *, width: int = LABEL_CHARS) -> list[str]:
    """`text` broken between words into lines of at most `width` characters (a longer
    word stands on its own line)."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


@dataclass
class BarChart:
    """Horizontal bars, grouped by category (each group headed by its name, so long names
    fit a phone), for climate_tags.bar_chart to draw. With `part_of`, every category is
    one bar: the first series is the whole and the others are drawn inside it from zero,
    as parts of it, never after it. `dom_id` must be unique on the page."""

    dom_id: str
    title: str
    summary: str
    unit: str
    category_label: str  # the table's first column
    series: list[str]
    categories: list[Category]
    part_of: bool = False
    decimals: int = 0
    extra_label: str = ""  # a last table column of words or figures that are not bars
    width: int = WIDTH
    # Filled by layout():
    height: int = 0
    styles: list[dict] = field(default_factory=list)
    drawn: list[DrawnCategory] = field(default_factory=list)
    x_ticks: list[tuple[float, str]] = field(default_factory=list)
    plot: dict[str, float] = field(default_factory=dict)
    zero: float = 0
    table_rows: list[tuple[str, list[str]]] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not any(v for c in self.categories for v in c.values if v is not None)

    @property
    def legend(self) -> list[tuple[str, dict]]:
        return list(zip(self.series, self.styles, strict=False))

    def layout(self) -> "BarChart":
        """Scale the axis to the data and place every bar and its value."""
        if self.part_of:
            self.styles = [WHOLE_STYLE] + [PART_STYLE] * (len(self.series) - 1)
        else:
            self.styles = [BAR_STYLES[n % len(BAR_STYLES)] for n in range(len(self.series))]
        rows = 1 if self.part_of else len(self.series)
        bars_height = rows * BAR_HEIGHT + (rows - 1) * BAR_GAP
        names = [label_lines(c.label) for c in self.categories]
        top = BAR_MARGIN_TOP
        bottom = top + sum(
            GROUP_LABEL + (len(lines) - 1) * LABEL_LINE + bars_height + GROUP_GAP for lines in names
        )
        self.height = int(bottom + BAR_MARGIN_BOTTOM)
        left, right = BAR_MARGIN_LEFT, self.width - BAR_MARGIN_RIGHT
        self.plot = {"left": left, "right": right, "top": top, "bottom": bottom}
        self.table_rows = [
            (
                c.label,
                [number_text(v, decimals=self.decimals) for v in c.values]
                + ([c.extra] if self.extra_label else []),
            )
            for c in self.categories
        ]
        known = [float(v) for c in self.categories for v in c.values if v is not None]
        if not known:
            return self
        ticks = bar_ticks(min(0.0, *known), max(0.0, *known))
        low, high = ticks[0], ticks[-1]

        def px(value: float) -> float:
            return round(left + (value - low) * (right - left) / (high - low), 2)

        self.zero = px(0)
        self.x_ticks = [(px(t), number_text(t, decimals=0 if t == int(t) else 1)) for t in ticks]
        self.drawn = []
        y = top
        for category, lines in zip(self.categories, names, strict=True):
            label_height = GROUP_LABEL + (len(lines) - 1) * LABEL_LINE
            bars = []
            for n, value in enumerate(category.values):
                row = 0 if self.part_of else n
                bar_y = y + label_height + row * (BAR_HEIGHT + BAR_GAP)
                if value is None:
                    continue
                end = px(float(value))
                x, width = min(end, self.zero), round(abs(end - self.zero), 2)
                if value and width < MIN_BAR:
                    # Too small to see at this scale: drawn just wide enough to show that
                    # there is something (its value is in the table and the words).
                    width = MIN_BAR
                    x = self.zero if value > 0 else self.zero - MIN_BAR
                ahead = value >= 0
                label_x = (
                    max(end, self.zero) + 6 if ahead or self.part_of else min(end, self.zero) - 6
                )
                bars.append(
                    DrawnBar(
                        series=n,
                        stroke=self.styles[n]["stroke"],
                        x=x,
                        y=bar_y,
                        width=width,
                        # In a "part of" chart only the whole's value follows the bar.
                        label=""
                        if self.part_of and n
                        else number_text(value, decimals=self.decimals),
                        label_x=round(label_x, 2),
                        anchor="start" if ahead or self.part_of else "end",
                    )
                )
            self.drawn.append(
                DrawnCategory(
                    [(y + GROUP_LABEL - 7 + i * LABEL_LINE, line) for i, line in enumerate(lines)],
                    bars,
                )
            )
            y += label_height + bars_height + GROUP_GAP
        return self


# --- sparklines: one measure over its reporting periods, small ---------------------------

SPARK_WIDTH = 240
SPARK_HEIGHT = 64
SPARK_PAD = 8


@dataclass
class Sparkline:
    """A small line of one commitment's verified values, period by period (oldest first),
    with its target as a dashed level: partner_tags.progress_figure draws it with a title, a text
    summary and a table of the same numbers. `dom_id` must be unique on the page.

    The scale starts at zero (or the lowest value below it), so a small change looks small.
    """

    dom_id: str
    title: str
    summary: str
    unit: str
    x_label: str
    value_label: str
    points: list[tuple[str, Decimal | None]]
    target: Decimal | None = None
    target_label: str = ""
    width: int = SPARK_WIDTH
    height: int = SPARK_HEIGHT
    # Filled by layout():
    path: str = ""
    markers: list[tuple[float, float]] = field(default_factory=list)
    target_y: float | None = None
    table_rows: list[tuple[str, str]] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return all(value is None for _label, value in self.points)

    def layout(self) -> "Sparkline":
        """Scale the line to the drawing and write its path, markers and table."""
        self.table_rows = [
            (label, number_text(value, decimals=decimals_of(value))) for label, value in self.points
        ]
        known = [(i, float(v)) for i, (_label, v) in enumerate(self.points) if v is not None]
        if not known:
            return self
        levels = [v for _i, v in known] + ([float(self.target)] if self.target is not None else [])
        low, high = min(0.0, *levels), max(levels)
        if high == low:
            high = low + 1
        left, right = SPARK_PAD, self.width - SPARK_PAD
        top, bottom = SPARK_PAD, self.height - SPARK_PAD
        count = len(self.points)

        def px(i: int) -> float:
            if count == 1:
                return (left + right) / 2
            return round(left + i * (right - left) / (count - 1), 2)

        def py(v: float) -> float:
            return round(bottom - (v - low) * (bottom - top) / (high - low), 2)

        self.markers = [(px(i), py(v)) for i, v in known]
        segments, previous = [], None
        for i, (_label, v) in enumerate(self.points):
            if v is None:
                previous = None
                continue
            segments.append(f"{'L' if previous is not None else 'M'}{px(i)} {py(float(v))}")
            previous = i
        self.path = " ".join(segments)
        if self.target is not None:
            self.target_y = py(float(self.target))
        return self


def decimals_of(value: Decimal | None) -> int:
    """The decimals a value needs, at most three (12.500 → 1, 100.000 → 0)."""
    if value is None or not isinstance(value, Decimal):
        return 0
    exponent = value.normalize().as_tuple().exponent
    return min(3, max(0, -exponent)) if isinstance(exponent, int) else 0
