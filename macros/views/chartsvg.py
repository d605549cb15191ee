"""A static SVG of a vertical bar chart, drawn at build time into the page.

A chart at the top of a page would otherwise make a phone run plotly.js (about a second of main
thread on Lighthouse's phone) before the reader can use the page. The SVG shows the same bars
at once, with and without JavaScript; `charts.js` swaps in the interactive plotly.js chart when
the reader reaches for it (pointer, touch or keyboard focus), and for printing. Other chart
kinds (the map, the heatmap, horizontal bars) have no preview and are drawn by plotly.js when
they come near the viewport. Geometry here, markup in `templates/chart_preview.html`.

The SVG has no viewBox, so nothing scales its text: it is drawn at its CSS size (13 px) on a
phone as on a desktop. It is the plot area (the stylesheet leaves a margin beside it for the y
axis, drawn outside it): horizontal positions are percentages of its width, vertical ones px;
the legend, above the plot as plotly.js draws it (charts._figure), is laid out for a phone's
width; in a narrow chart the stylesheet turns the x labels upright at 11 px, so a phone labels
every bar of a dozen years, and marks those it still has no room for (`narrow_every`) to hide.
A figure's texts are plotly.js markup (data escaped by `charts.chart_text`); the preview takes the
characters plotly.js would show, and its template escapes them again as SVG text.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass

from markupsafe import Markup

MARGIN = {"t": 10, "b": 40}  # px above and below the plot; the stylesheet's margin beside it holds the y axis
LEGEND_WIDTH = 290  # px: the legend wraps to fit a phone's chart (390 px wide screen) and stays so wider
LEGEND_LEFT = -44.0  # px: the legend starts under the y axis's labels
LEGEND_ROW = 22
CHAR_WIDTH = 7.2  # px per character of the preview's 13 px text, a generous average
# x labels at most, in a desktop's chart and a phone's (upright 11 px labels, about 14 px apart
# across the 300 px plot of a 390 px screen)
WIDE_LABELS, NARROW_LABELS = 16, 20


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    width: float
    height: float
    colour: str
    label: str


@dataclass(frozen=True)
class Tick:
    position: float
    label: str


def bar_preview(figure: dict) -> dict | None:
    """The preview's shapes for a vertical bar chart (stacked, or grouped side by side as plotly
    draws bars by default; a missing value draws nothing; error bars as whiskers); None for any
    other figure."""
    traces = figure["data"]
    if not traces or any(not t or t.get("type") != "bar" or t.get("orientation") == "h" for t in traces):
        return None
    layout = figure["layout"]
    categories = list(dict.fromkeys(str(x) for t in traces for x in t["x"]))
    legend = _legend(traces) if len(traces) > 1 else []
    height = layout.get("height", 360)
    top = MARGIN["t"] + (LEGEND_ROW * (1 + max(row for *_, row in legend)) + 6 if legend else 0)  # legend above
    bottom = height - MARGIN["b"]
    bars = _bars(traces, stacked=layout.get("barmode") == "stack")
    highest = max([1, *(top for *_, top in bars)])
    step = _nice_step(highest)
    axis_max = step * math.ceil(highest / step)
    scale = (bottom - top) / axis_max
    band = 100 / len(categories)  # percent of the plot's width
    width = band * 0.8 / (1 if layout.get("barmode") == "stack" else len(traces))
    rects, whiskers = _shapes(bars, categories, band, width, bottom, scale)
    every = max(1, math.ceil(len(categories) / WIDE_LABELS))
    return {
        "height": height,
        "top": top,
        "bottom": bottom,
        "rects": [r for r in rects if r.height > 0],
        "whiskers": whiskers,
        "x_ticks": [Tick(round((i + 0.5) * band, 2), _shown(c)) for i, c in enumerate(categories)],
        "x_every": every,
        "narrow_every": every * max(1, math.ceil(len(categories) / every / NARROW_LABELS)),
        "y_ticks": [Tick(round(bottom - v * scale, 1), f"{v:g}") for v in _range(0, axis_max, step)],
        "legend": [(name, colour, x, MARGIN["t"] + row * LEGEND_ROW) for name, colour, x, row in legend],
        "y_title": _title(layout.get("yaxis", {})),
    }


def _legend(traces: list[dict]) -> list[tuple[str, str, float, int]]:
    """(name, colour, x, row) of each legend item, laid end to end and wrapped at the width, so a
    long name never runs into the next swatch."""
    items, x, row = [], LEGEND_LEFT, 0
    for trace in traces:
        name = _shown(trace.get("name", ""))
        width = 18 + CHAR_WIDTH * len(name) + 24  # swatch, gap, text, space before the next
        if x + width - 24 > LEGEND_LEFT + LEGEND_WIDTH and x > LEGEND_LEFT:
            x, row = LEGEND_LEFT, row + 1
        items.append((name, trace["marker"]["color"], x, row))
        x += width
    return items


def _title(axis: dict) -> str:
    title = axis.get("title")
    return _shown((title.get("text") if isinstance(title, dict) else title) or "")


def _shown(text: object) -> str:
    """The characters plotly.js shows for a figure's text: its tags read as markup, its entities
    decoded (`chart_text` escaped the data's own `<` and `&`), so the template's escaping is the only one."""
    return Markup(str(text)).striptags()


def _shapes(bars: list, categories: list[str], band: float, width: float, bottom: float, scale: float):
    """The bars' rectangles and their error bars' whiskers (x, top, bottom): x and widths in percent, y in px."""
    rects, whiskers = [], []
    for trace, slot, x, base, y, low, high, _ in bars:
        left = categories.index(x) * band + band * 0.1 + slot * width
        label = f"{_shown(x)} · {_shown(trace.get('name', ''))}: {y:g}"
        rects.append(Rect(round(left, 2), round(bottom - (base + y) * scale, 1), round(width, 2), round(y * scale, 1),
                          trace["marker"]["color"], label))  # fmt: skip
        if low is not None:
            whiskers.append(
                (round(left + width / 2, 2), round(bottom - high * scale, 1), round(bottom - low * scale, 1))
            )
    return rects, whiskers


def _bars(traces: list[dict], stacked: bool) -> list[tuple]:
    """(trace, slot, category, base, value, low, high, top) for each bar with a value: `slot` its
    place in a group, `base` where a stacked bar starts, low-high its whisker (None without one),
    `top` the highest point it reaches."""
    bars, stack = [], defaultdict(float)
    for slot, trace in enumerate(traces):
        error = trace.get("error_y")
        for i, (x, y) in enumerate(zip(trace["x"], trace["y"], strict=True)):
            if y is None:
                continue
            key, base = str(x), stack[str(x)] if stacked else 0.0
            low = high = None
            if error:
                low, high = base + y - error["arrayminus"][i], base + y + error["array"][i]
            bars.append((trace, 0 if stacked else slot, key, base, y, low, high, max(base + y, high or 0)))
            if stacked:
                stack[key] += y
    return bars


def _nice_step(top: float) -> float:
    """A 1, 2 or 5 times a power of ten step giving at most five gridlines up to `top`."""
    raw = top / 5
    power = 10 ** math.floor(math.log10(raw)) if raw > 0 else 1
    return next(m * power for m in (1, 2, 5, 10) if m * power >= raw)


def _range(start: float, stop: float, step: float) -> list[float]:
    return [start + i * step for i in range(round((stop - start) / step) + 1)]
