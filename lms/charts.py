"""Small accessible line and bar charts drawn on the server as SVG, with no script.

A chart is an image with a name and a description (``role="img"``, ``<title>``, ``<desc>``),
its labels are text, and the series differ by line style and marker shape as well as colour,
so that no meaning rests on colour alone (WCAG 1.4.1). A missing value (``None``) is a gap:
no point is drawn and the line breaks, so a chart never draws what a page withholds. A value
outside the axis is drawn on the axis's edge, never outside the chart. The numbers themselves
belong in a table beside the chart; the chart does not replace it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# Colours with at least 4.5:1 contrast on white, for lines and the text beside them.
INK = "#1f1f1f"
GRID = "#767676"
STYLES = {
    "solid": {"colour": "#0b4f8a", "dash": "", "marker": "circle"},
    "dashed": {"colour": "#5c2d00", "dash": "6 4", "marker": "square"},
    "dotted": {"colour": "#1e5c2b", "dash": "2 4", "marker": "triangle"},
}
# Bars differ by fill as well as colour: a solid bar, a hatched one, an outlined one.
BAR_STYLES = {
    "solid": {"colour": "#0b4f8a", "fill": "solid"},
    "hatched": {"colour": "#5c2d00", "fill": "hatched"},
    "outline": {"colour": "#1e5c2b", "fill": "outline"},
}


@dataclass(frozen=True)
class Chart:
    """A chart as a page shows it (``cms/templates/includes/chart.html``): a heading, the SVG,
    and beside it the table with every number the chart draws, already written the Dutch
    way. Without data there is no SVG and the page says ``empty`` instead."""

    id: str
    heading: str
    caption: str
    headers: Sequence[str]
    rows: Sequence[Sequence[str]]
    svg: SafeString | None = None
    empty: str = ""
    note: str = ""  # how to read the chart: line styles, markers, fills


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[Decimal | float | int | None]
    style: str = "solid"  # a key of STYLES


@dataclass(frozen=True)
class Plot:
    """Where the plotting area lies inside the image."""

    left: int = 56
    right: int = 32
    top: int = 28  # the unit above the axis
    bottom: int = 64  # x labels and the legend


def nice_maximum(value: float) -> float:
    """The smallest of 1, 2, 2.5 or 5 times a power of ten that is at least ``value``."""
    if value <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if step * power >= value:
            return step * power
    return 10 * power


def _number(value: float) -> str:
    return number_format(
        Decimal(str(round(value, 2))).normalize(), use_l10n=True, force_grouping=True
    )


def _marker(shape: str, x: float, y: float, colour: str) -> str:
    if shape == "triangle":
        return (
            f'<path d="M{x:.1f} {y - 5:.1f} L{x + 5:.1f} {y + 4:.1f} L{x - 5:.1f} {y + 4:.1f} Z" '
            f'fill="{colour}" stroke="{colour}"/>'
        )
    if shape == "square":
        return (
            f'<rect x="{x - 4:.1f}" y="{y - 4:.1f}" width="8" height="8" '
            f'fill="{colour}" stroke="{colour}"/>'
        )
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4.5" fill="{colour}" stroke="{colour}"/>'


def line_chart(
    *,
    chart_id: str,
    title: str,
    description: str,
    labels: Sequence[str],
    series: Sequence[Series],
    y_max: Decimal | float | None = None,
    y_min: Decimal | float = 0,
    unit: str = "",
    width: int = 600,
    height: int = 280,
    plot: Plot = Plot(),
) -> SafeString:
    """An SVG line chart of ``series`` over ``labels`` (one value per label each)."""
    for line in series:
        if len(line.values) != len(labels):
            raise ValueError(f"{line.name}: {len(line.values)} values for {len(labels)} labels")
    low = float(y_min)
    present = [float(v) for line in series for v in line.values if v is not None]
    high = float(y_max) if y_max is not None else nice_maximum(max(present, default=0.0))
    if high <= low:
        high = low + 1
    inner_w = width - plot.left - plot.right
    inner_h = height - plot.top - plot.bottom
    bottom = plot.top + inner_h

    def x_of(i: int) -> float:
        if len(labels) == 1:
            return plot.left + inner_w / 2
        return plot.left + inner_w * i / (len(labels) - 1)

    def y_of(value: float) -> float:
        clamped = min(max(value, low), high)
        return bottom - inner_h * (clamped - low) / (high - low)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'viewBox="0 0 {width} {height}" width="100%" '
        f'aria-labelledby="{escape(chart_id)}-title" aria-describedby="{escape(chart_id)}-desc" '
        f'font-family="sans-serif" font-size="12">',
        f'<title id="{escape(chart_id)}-title">{escape(title)}</title>',
        f'<desc id="{escape(chart_id)}-desc">{escape(description)}</desc>',
        '<g class="chart-axes" aria-hidden="true">',
    ]
    ticks = 4
    for t in range(ticks + 1):
        value = low + (high - low) * t / ticks
        y = y_of(value)
        parts.append(
            f'<line x1="{plot.left}" y1="{y:.1f}" x2="{width - plot.right}" y2="{y:.1f}" '
            f'stroke="{GRID}" stroke-width="{1 if t == 0 else 0.5}"/>'
        )
        parts.append(
            f'<text x="{plot.left - 6}" y="{y + 4:.1f}" text-anchor="end" fill="{INK}">'
            f"{escape(_number(value))}{'%' if unit == '%' else ''}</text>"
        )
    if unit and unit != "%":
        # The unit once, above the axis, so that the numbers beside it stay short.
        parts.append(
            f'<text x="{plot.left - 6}" y="{plot.top - 12}" text-anchor="end" fill="{INK}">'
            f"{escape(unit)}</text>"
        )
    for i, label in enumerate(labels):
        parts.append(
            f'<text x="{x_of(i):.1f}" y="{bottom + 18}" text-anchor="middle" fill="{INK}">'
            f"{escape(label)}</text>"
        )
    parts.append("</g>")

    legend_y = height - 14
    legend_x = plot.left
    for line in series:
        style = STYLES[line.style]
        colour = style["colour"]
        points = [(x_of(i), y_of(float(v))) for i, v in enumerate(line.values) if v is not None]
        parts.append(f'<g class="chart-series" data-series="{escape(line.name)}">')
        # A gap breaks the line: one path per run of consecutive values.
        run: list[tuple[float, float]] = []
        runs = []
        for i, v in enumerate(line.values):
            if v is None:
                if run:
                    runs.append(run)
                run = []
            else:
                run.append((x_of(i), y_of(float(v))))
        if run:
            runs.append(run)
        for run in runs:
            if len(run) > 1:
                d = " ".join(
                    f"{'M' if k == 0 else 'L'}{x:.1f} {y:.1f}" for k, (x, y) in enumerate(run)
                )
                dash = f' stroke-dasharray="{style["dash"]}"' if style["dash"] else ""
                parts.append(
                    f'<path d="{d}" fill="none" stroke="{colour}" stroke-width="2.5"{dash}/>'
                )
        for x, y in points:
            parts.append(_marker(style["marker"], x, y, colour))
        parts.append("</g>")
        # The legend: the line's own style and marker, and its name in text.
        dash = f' stroke-dasharray="{style["dash"]}"' if style["dash"] else ""
        parts.append(
            f'<g class="chart-legend" aria-hidden="true">'
            f'<line x1="{legend_x}" y1="{legend_y - 4}" x2="{legend_x + 28}" '
            f'y2="{legend_y - 4}" stroke="{colour}" stroke-width="2.5"{dash}/>'
            f"{_marker(style['marker'], legend_x + 14, legend_y - 4, colour)}"
            f'<text x="{legend_x + 34}" y="{legend_y}" fill="{INK}">{escape(line.name)}</text>'
            "</g>"
        )
        legend_x += 40 + 8 * len(line.name)
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above went through escape()


def _shorten(text: str, length: int) -> str:
    """A label that fits its margin; the table beside the chart has it in full."""
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def _bar_fill(chart_id: str, style: dict) -> str:
    colour = style["colour"]
    if style["fill"] == "hatched":
        return f'fill="url(#{escape(chart_id)}-hatch)" stroke="{colour}" stroke-width="1.5"'
    if style["fill"] == "outline":
        return f'fill="#ffffff" stroke="{colour}" stroke-width="2"'
    return f'fill="{colour}" stroke="{colour}"'


def bar_chart(
    *,
    chart_id: str,
    title: str,
    description: str,
    labels: Sequence[str],
    series: Sequence[Series],
    x_max: Decimal | float | None = None,
    unit: str = "",
    width: int = 600,
    label_width: int = 170,
    bar_height: int = 14,
) -> SafeString:
    """An SVG chart of horizontal bars: one group per label, one bar per series in it.

    Each bar carries its number in text at its end, so the chart reads without colour; a
    ``None`` draws no bar and says "–". Series take a key of ``BAR_STYLES`` as their style.
    """
    for bars in series:
        if len(bars.values) != len(labels):
            raise ValueError(f"{bars.name}: {len(bars.values)} values for {len(labels)} labels")
    present = [float(v) for bars in series for v in bars.values if v is not None]
    high = float(x_max) if x_max is not None else nice_maximum(max(present, default=0.0))
    if high <= 0:
        high = 1.0
    top, legend = 28, 34
    value_room = 64  # the number at a bar's end
    gap = 10
    group = bar_height * len(series) + gap
    height = top + group * len(labels) + 18 + legend
    left = label_width
    inner_w = width - left - value_room
    bottom = top + group * len(labels)

    def x_of(value: float) -> float:
        return left + inner_w * min(max(value, 0.0), high) / high

    cid = escape(chart_id)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart chart--bars" role="img" '
        f'viewBox="0 0 {width} {height}" width="100%" '
        f'aria-labelledby="{cid}-title" aria-describedby="{cid}-desc" '
        f'font-family="sans-serif" font-size="12">',
        f'<title id="{cid}-title">{escape(title)}</title>',
        f'<desc id="{cid}-desc">{escape(description)}</desc>',
        f'<defs><pattern id="{cid}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
        f'patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffffff"/>'
        f'<line x1="0" y1="0" x2="0" y2="6" stroke="{BAR_STYLES["hatched"]["colour"]}" '
        f'stroke-width="3"/></pattern></defs>',
        '<g class="chart-axes" aria-hidden="true">',
    ]
    suffix = "%" if unit == "%" else ""
    ticks = 4
    for t in range(ticks + 1):
        value = high * t / ticks
        x = x_of(value)
        parts.append(
            f'<line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{bottom}" '
            f'stroke="{GRID}" stroke-width="{1 if t == 0 else 0.5}"/>'
        )
        parts.append(
            f'<text x="{x:.1f}" y="{bottom + 14}" text-anchor="middle" fill="{INK}">'
            f"{escape(_number(value))}{suffix}</text>"
        )
    if unit and unit != "%":
        parts.append(
            f'<text x="{left + inner_w}" y="{top - 10}" text-anchor="end" fill="{INK}">'
            f"{escape(unit)}</text>"
        )
    for i, label in enumerate(labels):
        y = top + group * i + (group - gap) / 2 + 4
        parts.append(
            f'<text x="{left - 6}" y="{y:.1f}" text-anchor="end" fill="{INK}">'
            f"{escape(_shorten(str(label), label_width // 7))}</text>"
        )
    parts.append("</g>")
    legend_y = height - 12
    legend_x = left
    for k, bars in enumerate(series):
        style = BAR_STYLES[bars.style]
        fill = _bar_fill(chart_id, style)
        parts.append(f'<g class="chart-series" data-series="{escape(bars.name)}">')
        for i, value in enumerate(bars.values):
            y = top + group * i + bar_height * k
            if value is None:
                parts.append(f'<text x="{left + 4}" y="{y + bar_height - 3}" fill="{INK}">–</text>')
                continue
            end = x_of(float(value))
            parts.append(
                f'<rect x="{left}" y="{y:.1f}" width="{end - left:.1f}" '
                f'height="{bar_height - 2}" {fill}/>'
            )
            parts.append(
                f'<text x="{end + 4:.1f}" y="{y + bar_height - 3:.1f}" fill="{INK}">'
                f"{escape(_number(float(value)))}{suffix}</text>"
            )
        parts.append("</g>")
        parts.append(
            f'<g class="chart-legend" aria-hidden="true">'
            f'<rect x="{legend_x}" y="{legend_y - 10}" width="20" height="12" {fill}/>'
            f'<text x="{legend_x + 26}" y="{legend_y}" fill="{INK}">{escape(bars.name)}</text>'
            "</g>"
        )
        legend_x += 40 + 7 * len(bars.name)
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above went through escape()


__all__ = [
    "BAR_STYLES",
    "STYLES",
    "Chart",
    "Plot",
    "Series",
    "bar_chart",
    "line_chart",
    "nice_maximum",
]
