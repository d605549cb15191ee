"""Plotly charts, aggregated here so a page's chart data stays small whatever the dataset size.

Each chart is a figure (plain plotly JSON: building plotly's validated objects cost a third of
a small build, so the tests validate every chart instead), a title, a caption naming its data
and as-of date, and the same numbers as a table for readers who cannot see it.
The browser draws them with `docs/javascripts/charts.js`, which loads plotly.js only on pages
that have a chart. Colours and fonts for the light/dark scheme are set there, not here.
"""

from __future__ import annotations

import json
import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from markupsafe import Markup

from . import limits
from .chartsvg import bar_preview
from .dataset import Dataset
from .models import EVENT_TYPES, Event
from .render import render

TYPE_COLOURS = dict(zip(EVENT_TYPES, ("#b3261e", "#c75b00", "#7b1fa2", "#1565c0", "#00796b", "#5f6368"), strict=True))
LIBYA_VIEW = {"lonaxis": {"range": [8.5, 26.5]}, "lataxis": {"range": [19, 34]}}
MAX_EVENT_COLUMNS = 60  # the coverage matrix shows events up to this many, then years
TOP_ACTORS = 20


@dataclass(frozen=True)
class Chart:
    key: str
    title: str
    caption: str
    figure: dict
    headers: list[str]
    rows: list[list[object]]
    geo: bool = False
    notes: list[str] = field(default_factory=list)

    @property
    def figure_json(self) -> Markup:
        """Escaped for the data-figure attribute only: a chart is an HTML block, which Markdown
        leaves alone, so the JSON's brackets need not grow into references."""
        return Markup.escape(json.dumps(self.figure, separators=(",", ":"), ensure_ascii=False))


def _figure(traces: list, **layout: object) -> dict:
    base = {
        "margin": {"l": 50, "r": 10, "t": 10, "b": 40},
        "paper_bgcolor": "rgba(0,0,0,0)",
        "plot_bgcolor": "rgba(0,0,0,0)",
        "legend": {"orientation": "h", "y": -0.2},
        "height": 360,
    }
    return {"data": traces, "layout": {**base, **layout}}


def _trace(kind: str, **attributes: object) -> dict:
    return {"type": kind, **attributes}


def _caption(dataset: Dataset, what: str) -> str:
    cutoff = f"{dataset.cutoff:%-d %B %Y}" if dataset.cutoff else "unknown"
    return (
        f"{what} Data: Libya Watch, {len(dataset.events)} events from {len(dataset.sources)} sources; as of {cutoff}."
    )


def events_by_type(dataset: Dataset, events: list[Event] | None = None) -> Chart:
    """Events per year, stacked by ACLED event type."""
    events = list(dataset.events.values()) if events is None else events
    counts = Counter((e.start.year, e.event_type) for e in events)
    years = sorted({year for year, _ in counts})
    types = [t for t in EVENT_TYPES if any(kind == t for _, kind in counts)]
    traces = [
        _trace("bar", name=t, x=years, y=[counts[(y, t)] for y in years], marker={"color": TYPE_COLOURS[t]})
        for t in types
    ]
    return Chart(
        key="events-by-type",
        title="Events over time, by type",
        caption=_caption(
            dataset, "Events per year, by the year each began; an event known only to the year counts there."
        ),
        figure=_figure(traces, barmode="stack", xaxis={"type": "category", "title": "Year"},
                       yaxis={"title": "Events", "dtick": 1 if len(events) < 40 else None}),
        headers=["Year", *types, "All"],
        rows=[[y, *(counts[(y, t)] for t in types), sum(counts[(y, t)] for t in types)] for y in years],
    )  # fmt: skip


def fatalities_over_time(dataset: Dataset) -> Chart:
    """Fatalities per year: the conservative figure as a bar, the low-high range as an error bar."""
    totals: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for event in dataset.events.values():
        figures = dataset.figures(event.id, "fatalities")
        if figures:
            row = totals[event.start.year]
            row[0] += figures.low
            row[1] += figures.conservative
            row[2] += figures.high
            row[3] += event.status == "disputed"
    years = sorted(totals)
    trace = _trace(
        "bar",
        name="Conservative",
        x=years,
        y=[totals[y][1] for y in years],
        marker={"color": "#5f6368"},
        error_y={
            "type": "data",
            "symmetric": False,
            "array": [totals[y][2] - totals[y][1] for y in years],
            "arrayminus": [totals[y][1] - totals[y][0] for y in years],
        },
        customdata=[[totals[y][0], totals[y][2]] for y in years],
        hovertemplate="%{x}: %{y} (range %{customdata[0]}–%{customdata[1]})<extra></extra>",
    )
    return Chart(
        key="fatalities",
        title="Fatalities over time, with the range the sources give",
        caption=_caption(dataset, "Reported deaths per year: bars show the conservative figure, whiskers the lowest "
                                  "and highest any source gives."),
        figure=_figure([trace], xaxis={"type": "category", "title": "Year"}, yaxis={"title": "Fatalities"},
                       showlegend=False),
        headers=["Year", "Low", "Conservative", "High", "Disputed events"],
        rows=[[y, *totals[y]] for y in years],
    )  # fmt: skip


def event_map(dataset: Dataset, events: Iterable[Event] | None = None, title: str = "Map of events in Libya") -> Chart:
    """Events in Libya by place (all of them, or a page's own), sized by conservative fatalities
    and coloured by type."""
    cells: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0])
    unmapped = 0
    for event in dataset.events.values() if events is None else events:
        place = dataset.places[event.place]
        if place.country != "LBY" or not place.mapped:
            unmapped += 1
            continue
        figures = dataset.figures(event.id, "fatalities")
        cell = cells[(event.place, event.event_type)]
        cell[0] += 1
        cell[1] += figures.conservative if figures else 0
        cell[2] += figures.high if figures else 0
    busiest = set(sorted(cells, key=lambda key: (-cells[key][0], key))[: limits.MAP_POINTS])
    traces = []
    for kind in EVENT_TYPES:
        keys = [key for key in cells if key[1] == kind and key in busiest]
        if not keys:
            continue
        places = [dataset.places[p] for p, _ in keys]
        traces.append(
            _trace("scattergeo",
                name=kind,
                lon=[p.longitude for p in places],
                lat=[p.latitude for p in places],
                text=[p.name for p in places],
                customdata=[cells[key] for key in keys],
                marker={"size": [round(8 + 4 * math.sqrt(cells[key][1]), 1) for key in keys],
                        "color": TYPE_COLOURS[kind],
                        "line": {"width": 1, "color": "#ffffff"}, "opacity": 0.85},
                hovertemplate="%{text}: %{customdata[0]} event(s), %{customdata[1]} dead (conservative)<extra>"
                + kind + "</extra>",
            )
        )  # fmt: skip
    geo = {
        "scope": "africa",
        "resolution": 50,
        "showcountries": True,
        "showland": True,
        "landcolor": "rgba(128,128,128,0.12)",
        "countrycolor": "rgba(128,128,128,0.8)",
        "coastlinecolor": "rgba(128,128,128,0.8)",
        "showocean": False,
        "bgcolor": "rgba(0,0,0,0)",
        "projection": {"type": "mercator"},
        **LIBYA_VIEW,
    }
    notes = [f"{unmapped} event(s) outside Libya or without coordinates are not on the map."] if unmapped else []
    if len(cells) > len(busiest):
        notes.append(f"The {len(busiest)} busiest place-and-type points are drawn; the table lists all {len(cells)}.")
    return Chart(
        key="map",
        title=title,
        caption=_caption(dataset, "Each circle is a place; its size grows with the conservative death toll, its colour "
                                  "is the event type. Coordinates are approximate (GeoNames)."),
        figure=_figure(traces, geo=geo, height=420, margin={"l": 0, "r": 0, "t": 0, "b": 0}),
        headers=["Place", "Event type", "Events", "Fatalities (conservative)", "Fatalities (high)"],
        rows=[[dataset.places[p].name, kind, *cells[(p, kind)]] for p, kind in sorted(cells)],
        geo=True,
        notes=notes,
    )  # fmt: skip


def coverage_matrix(dataset: Dataset) -> Chart:
    """Which source reports which event (or, for large datasets, how many per year)."""
    events = list(dataset.events.values())
    reporting = Counter(s for e in events for s in e.source_ids)
    sources = sorted(dataset.sources.values(), key=lambda s: -reporting[s.id])[: limits.COVERAGE_SOURCES]
    sources = [s for s in dataset.sources.values() if s in sources]  # in the dataset's order
    if len(events) <= MAX_EVENT_COLUMNS:
        columns = [e.id for e in events]
        reports = {(s, e.id): int(s in e.source_ids) for e in events for s in dataset.sources}
        unit, axis = "event", "Event"
    else:
        columns = sorted({e.start.year for e in events})
        counter = Counter((s, e.start.year) for e in events for s in e.source_ids)
        reports = {(s, y): counter[(s, y)] for s in dataset.sources for y in columns}
        unit, axis = "events per year", "Year"
    z = [[reports[(s.id, c)] for c in columns] for s in sources]
    trace = _trace("heatmap",
        z=z, x=[str(c) for c in columns], y=[s.label for s in sources], colorscale=[[0, "rgba(128,128,128,0.08)"],
        [1, "#1565c0"]], showscale=unit != "event", xgap=2, ygap=2,
        hovertemplate="%{y} · %{x}: %{z}<extra></extra>",
    )  # fmt: skip
    return Chart(
        key="coverage",
        title="Who reports what",
        caption=_caption(
            dataset, f"Each row is a source, each column an {unit}; a filled cell means the source reports it."
        ),
        notes=[f"The {len(sources)} sources reporting most events are shown."]
        if len(sources) < len(dataset.sources)
        else [],
        figure=_figure([trace], xaxis={"title": axis, "type": "category"}, yaxis={"automargin": True},
                       height=120 + 36 * len(sources), margin={"l": 10, "r": 10, "t": 10, "b": 60}),
        headers=["Source", *map(str, columns)],
        rows=[[s.label, *row] for s, row in zip(sources, z, strict=True)],
    )  # fmt: skip


def actor_involvement(dataset: Dataset) -> Chart:
    """The actors in the most events, split by the side they are coded on."""
    roles: dict[str, Counter] = defaultdict(Counter)
    for e in dataset.events.values():
        roles[e.actor1]["Actor 1"] += 1
        if e.actor2:
            roles[e.actor2]["Actor 2"] += 1
        for a in [*e.assoc_actors_1, *e.assoc_actors_2]:
            roles[a]["Associated"] += 1
    top = sorted(roles, key=lambda a: (-sum(roles[a].values()), dataset.actors[a].name))[:TOP_ACTORS]
    names = [dataset.actors[a].name for a in reversed(top)]
    colours = {"Actor 1": "#b3261e", "Actor 2": "#1565c0", "Associated": "#5f6368"}
    traces = [
        _trace(
            "bar",
            name=role,
            y=names,
            x=[roles[a][role] for a in reversed(top)],
            orientation="h",
            marker={"color": colour},
        )
        for role, colour in colours.items()
    ]
    return Chart(
        key="actors",
        title="Actor involvement",
        caption=_caption(dataset, f"Events per actor (the {TOP_ACTORS} most involved), by how the actor is coded."),
        figure=_figure(traces, barmode="stack", height=120 + 26 * len(top), xaxis={"title": "Events"},
                       yaxis={"automargin": True}, margin={"l": 10, "r": 10, "t": 10, "b": 40}),
        headers=["Actor", *colours, "All"],
        rows=[[dataset.actors[a].name, *(roles[a][r] for r in colours), sum(roles[a].values())] for a in top],
    )  # fmt: skip


def render_chart(chart: Chart, page: str) -> Markup:
    """The chart's markup; its id names the page too, so ids stay unique across the whole site."""
    slug = page.removesuffix(".md").replace("/", "-")
    rows = chart.rows[: limits.CHART_TABLE_ROWS]
    more = len(chart.rows) - len(rows)
    preview = bar_preview(chart.figure)  # a static SVG of bars, drawn at once (macros/chartsvg.py)
    chart_id = f"chart-{slug}-{chart.key}"
    return Markup(render("chart.html", chart=chart, rows=rows, more=more, id=chart_id, preview=preview))


def render_map_of(events: list[Event], dataset: Dataset, page: str, title: str) -> Markup | None:
    """A map of these events, when any of them is in Libya and has coordinates."""
    places = (dataset.places[e.place] for e in events)
    if any(place.country == "LBY" and place.mapped for place in places):
        return render_chart(event_map(dataset, events, title), page)
    return None
