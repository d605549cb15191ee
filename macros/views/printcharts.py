"""The charts as printed in the PDF: numbered figures drawn for paper, each with its table.

The screen charts (`charts.py`) are left as they are; these variants copy their figures and
change what paper needs: the print column's width, smaller type, legends on one line, fills
that stay apart in greyscale (a hatch pattern per series, shapes on the map, a dark fill on the
grid), upright labels that do not overlap, and an alternative text for the tagged PDF.
"""

from __future__ import annotations

import copy
import dataclasses
from dataclasses import dataclass

from markupsafe import Markup

from ..core.dates import show_date, show_undated
from ..derive.dataset import Dataset
from . import limits
from .charts import Chart, _caption, chart_text, coverage_matrix, events_by_type, fatalities_over_time
from .maps import _wrap, whole_map

WIDTH = 680  # px: the printable width of A4 (and a little less than Letter's) at 96 px per inch
PATTERNS = ("", "/", "x", ".", "\\", "-", "+", "|")  # one per series, so greyscale keeps them apart
HATCH = {"fillmode": "overlay", "fgcolor": "#ffffff", "fgopacity": 0.8, "size": 6}  # white lines over the colour
FONT = {"size": 10}
GRID_ROW, GRID_MAX_HEIGHT = 15, 900  # px: a row of the printed grid, and the grid at most (a page's body is ~990)
TITLE_STANDOFF = 4  # px between an axis's labels and its title: the small print figures keep their room for data
ONE_LINE_LEGEND = {"orientation": "h", "x": 0, "xanchor": "left", "y": -0.3, "font": {"size": 9.5},
                   "itemwidth": 30, "tracegroupgap": 0}  # fmt: skip


@dataclass(frozen=True)
class PrintedChart:
    """A numbered figure: the chart drawn for paper, its alternative text, and its table (or
    where its figures are printed instead, which is the part it is printed in)."""

    number: int
    key: str
    chart: Chart
    alt: str
    rows: list[list[object]]
    more: int
    table_elsewhere: str | None = None  # the part whose pages give these figures instead

    @property
    def part(self) -> str:
        """The part of the PDF the figure heads or sits in: beside its figures when they are elsewhere."""
        return self.table_elsewhere or "charts"

    @property
    def anchor(self) -> str:
        return f"print-figure-{self.key}"

    @property
    def figure_json(self) -> Markup:
        return self.chart.figure_json


def print_figures(dataset: Dataset) -> list[PrintedChart]:
    """The PDF's figures in order: events by type, deaths by side, the map, who reports what."""
    made = [
        _bars(events_by_type(dataset), "Stacked bars of events in Libya per year, one hatch per event type"),
        _bars(
            fatalities_over_time(dataset), "Bars of deaths in Libya per year on each side, with whiskers for the range"
        ),
        _map(whole_map(dataset)),
        _grid(coverage_matrix(dataset), dataset),
    ]
    return [
        PrintedChart(
            n, chart.key, chart, alt, _rows(chart), max(0, len(chart.rows) - limits.PRINT_TABLE_ROWS), elsewhere
        )
        for n, (chart, alt, elsewhere) in enumerate(made, 1)
    ]


def _rows(chart: Chart) -> list[list[object]]:
    """A figure's table on paper: every row up to the limit, then the newest years or the busiest places."""
    if len(chart.rows) <= limits.PRINT_TABLE_ROWS:
        return chart.rows
    if chart.key == "map":
        return sorted(chart.rows, key=lambda row: -row[3])[: limits.PRINT_TABLE_ROWS]
    return chart.rows[-limits.PRINT_TABLE_ROWS :]


def _with_layout(chart: Chart, **layout: object) -> Chart:
    figure = copy.deepcopy(chart.figure)
    figure["layout"].update(width=WIDTH, autosize=False, font=FONT, **layout)
    for axis in ("xaxis", "yaxis"):  # a title is {"text": ...} already (charts._figure, for plotly.js 3 and later)
        title = figure["layout"].get(axis, {}).get("title")
        if title:
            figure["layout"][axis]["title"] = {**title, "standoff": TITLE_STANDOFF}
    return dataclasses.replace(chart, figure=figure)


def _bars(chart: Chart, alt: str) -> tuple[Chart, str, None]:
    printed = _with_layout(chart, height=230, legend=ONE_LINE_LEGEND, margin={"l": 50, "r": 10, "t": 6, "b": 40})
    for trace, shape in zip(printed.figure["data"], PATTERNS, strict=False):
        trace["marker"]["pattern"] = {**HATCH, "shape": shape}
    return printed, f"{alt}. The table below the figure gives the same figures.", None


def _map(chart: Chart) -> tuple[Chart, str, None]:
    """The map at the column's width; its key is the HTML list printed under it (map_key.html)."""
    printed = _with_layout(chart, height=360)
    alt = ("Map of Libya marking each position where events took place, sized by the number of events; "
           "the shape of a mark says how the position is known. The table below lists every position.")  # fmt: skip
    return printed, alt, None


def _grid(chart: Chart, dataset: Dataset) -> tuple[Chart, str, str]:
    """Who reports what, turned for paper and printed at the head of the Sources part: a row per
    event named by its date and place (or per year), a column per source named above it, dark cells."""
    columns = chart.headers[1:]
    named = [_event_label(dataset, column) for column in columns]
    # two events on one day at one place keep a row each: the repeated name carries the event's code
    rows = [Markup("{} ({})").format(n, c) if named.count(n) > 1 else n for n, c in zip(named, columns, strict=True)]
    z = [[row[1 + i] for row in chart.rows] for i in range(len(columns))]
    height = min(60 + GRID_ROW * len(rows), GRID_MAX_HEIGHT)
    printed = _with_layout(chart, height=height)
    trace = printed.figure["data"][0]
    trace.update(z=z, x=[_wrap(row[0], 11) for row in chart.rows], y=rows,
                 colorscale=[[0, "rgba(128,128,128,0.12)"], [1, "#202124"]],
                 hovertemplate="%{y} · %{x}: %{z}<extra></extra>")  # fmt: skip
    layout = printed.figure["layout"]
    layout["xaxis"] = {"type": "category", "side": "top", "tickangle": 0, "tickfont": {"size": 8}, "automargin": True}
    layout["yaxis"] = {"type": "category", "autorange": "reversed", "tickfont": {"size": 9}, "automargin": True}
    layout["margin"] = {"l": 10, "r": 10, "t": 10, "b": 10}
    unit = "an event, named by its date and place" if rows and columns[0] in dataset.events else "a year"
    caption = _caption(dataset, f"Each row is {unit}, each column a source; a filled cell means the source reports it.")
    alt = ("Grid with a row per event (or year), named by its date and place, and a column per source: a dark "
           "cell means the source reports it. Each source's entry below lists the events it reports.")  # fmt: skip
    return dataclasses.replace(printed, caption=caption), alt, "sources"


def _event_label(dataset: Dataset, column: str) -> Markup:
    """A grid row's name in a reader's terms: "26 Jan 2022 · Jabal Asida", "undated; reported c. 27
    Jan 2022 · Sirte–Sabha road", or the year it counts."""
    event = dataset.events.get(column)
    if event is None:
        return chart_text(column)
    when = show_date(event.date, event.date_precision, weekday=False)
    if event.undated:  # a state of affairs with no date of its own: its report's date is not its
        when = show_undated(when)
    return chart_text(f"{when} · {dataset.places[event.place].name}")
