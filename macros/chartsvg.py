"""A static SVG of a vertical bar chart, drawn at build time into the page.

A chart at the top of a page would otherwise make a phone run plotly.js (about a second of main
thread on Lighthouse's phone) before the reader can use the page. The SVG shows the same bars
at once, with and without JavaScript; `charts.js` swaps in the interactive plotly.js chart when
the reader reaches for it (pointer, touch or keyboard focus), and for printing. Other chart
kinds (the map, the heatmap, horizontal bars) have no preview and are drawn by plotly.js when
they come near the viewport. Geometry here, markup in `templates/chart_preview.html`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

WIDTH = 640  # viewBox units; the SVG scales to the column
MARGIN = {"l": 50, "r": 10, "t": 10, "b": 40}
LEGEND_ROW = 22


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
    """The preview's shapes for a vertical bar chart (stacked or single, with error bars); None
    for any other figure."""
    traces = figure["data"]
    if not traces or any(not t or t.get("type") != "bar" or t.get("orientation") == "h" for t in traces):
        return None
    categories = list(dict.fromkeys(str(x) for t in traces for x in t["x"]))
    legend = len(traces) > 1
    height = figure["layout"].get("height", 360)
    bottom = height - MARGIN["b"] - (LEGEND_ROW * math.ceil(len(traces) / 3) if legend else 0)
    stacks, whiskers = _stacks(traces, categories)
    top_value = max([*(sum(s) for s in stacks.values()), *(w[1] for w in whiskers.values()), 1])
    step = _nice_step(top_value)
    axis_max = step * math.ceil(top_value / step)
    scale = (bottom - MARGIN["t"]) / axis_max
    band = (WIDTH - MARGIN["l"] - MARGIN["r"]) / len(categories)
    rects, base = [], dict.fromkeys(categories, 0.0)
    for trace in traces:
        for x, y in zip(trace["x"], trace["y"], strict=True):
            if not y:
                continue
            key = str(x)
            left = MARGIN["l"] + categories.index(key) * band + band * 0.1
            top = bottom - (base[key] + y) * scale
            rects.append(Rect(round(left, 1), round(top, 1), round(band * 0.8, 1), round(y * scale, 1),
                              trace["marker"]["color"], f"{key} · {trace.get('name', '')}: {y}"))  # fmt: skip
            base[key] += y
    return {
        "width": WIDTH,
        "height": height,
        "bottom": bottom,
        "left": MARGIN["l"],
        "right": WIDTH - MARGIN["r"],
        "rects": rects,
        "whiskers": [
            (
                round(MARGIN["l"] + (categories.index(k) + 0.5) * band, 1),
                round(bottom - hi * scale, 1),
                round(bottom - lo * scale, 1),
            )
            for k, (lo, hi) in whiskers.items()
        ],
        "x_ticks": [Tick(round(MARGIN["l"] + (i + 0.5) * band, 1), c) for i, c in enumerate(categories)],
        "x_every": max(1, math.ceil(len(categories) / 12)),  # label at most a dozen categories
        "y_ticks": [Tick(round(bottom - v * scale, 1), f"{v:g}") for v in _range(0, axis_max, step)],
        "legend": [(trace.get("name", ""), trace["marker"]["color"]) for trace in traces] if legend else [],
    }


def _stacks(traces: list[dict], categories: list[str]) -> tuple[dict, dict]:
    """Each category's stacked values, and the low-high whisker of a trace's error bars."""
    stacks: dict[str, list[float]] = {c: [] for c in categories}
    whiskers: dict[str, tuple[float, float]] = {}
    for trace in traces:
        error = trace.get("error_y")
        for i, (x, y) in enumerate(zip(trace["x"], trace["y"], strict=True)):
            stacks[str(x)].append(y)
            if error:
                whiskers[str(x)] = (y - error["arrayminus"][i], y + error["array"][i])
    return stacks, whiskers


def _nice_step(top: float) -> float:
    """A 1, 2 or 5 times a power of ten step giving at most five gridlines up to `top`."""
    raw = top / 5
    power = 10 ** math.floor(math.log10(raw)) if raw > 0 else 1
    return next(m * power for m in (1, 2, 5, 10) if m * power >= raw)


def _range(start: float, stop: float, step: float) -> list[float]:
    return [start + i * step for i in range(round((stop - start) / step) + 1)]
