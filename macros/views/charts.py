"""Plotly charts, aggregated here so a page's chart data stays small whatever the dataset size.

Each chart is a figure (plain plotly JSON: building plotly's validated objects cost a third of
a small build, so the tests validate every chart instead), a title, a caption naming its data
and as-of date, and the same numbers as a table for readers who cannot see it.
The map of events is built in `macros/views/maps.py` on the same `Chart`.
plotly.js reads a small HTML subset in every text it draws, so text from the data enters a figure
through `chart_text` only, and the markup we add around it stays ours.
The browser draws them with `docs/javascripts/charts.js`, which loads plotly.js only on pages
that have a chart. Colours and fonts for the light/dark scheme are set there, not here.
"""

from __future__ import annotations

import functools
import json
import weakref
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from markupsafe import Markup

from ..core.dates import show_date, show_event_date
from ..core.models import EVENT_TYPES, Event
from ..core.terms import DISORDER_TYPES, SIDES, STATE_KINDS
from ..derive.comparison import organisation_of
from ..derive.coverage import show_years, year_runs
from ..derive.dataset import Dataset, differs_in_prose_alone
from ..derive.figures import counted, point_figures, settled
from . import limits
from .chartsvg import bar_preview
from .eventview import apart_note, apart_of
from .links import Links
from .render import and_list, plural, render

TYPE_COLOURS = dict(zip(EVENT_TYPES, ("#b3261e", "#c75b00", "#7b1fa2", "#1565c0", "#00796b", "#5f6368"), strict=True))
LIBYA_VIEW = {"lonaxis": {"range": [8.5, 26.5]}, "lataxis": {"range": [19, 34]}}


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
    table_notes: list[str] = field(default_factory=list)  # under its table: what a mark in a cell or a column means
    key_items: list[tuple[str, str, str]] = field(default_factory=list)  # a map's key: shape, colour, meaning
    unplaced: list = field(default_factory=list)  # a map's events it cannot draw (maps.Unplaced)
    # what a phone shows instead of the chart (the stylesheet switches): a heading and its items, each
    alternative: list[tuple[str, list[str]]] = field(default_factory=list)
    # what a map's box shows while it waits for the reader's first gesture: the places it marks
    waiting: list[str] = field(default_factory=list)

    @property
    def figure_json(self) -> Markup:
        """Escaped for the data-figure attribute only: a chart is an HTML block, which Markdown
        leaves alone, so the JSON's brackets need not grow into references."""
        return Markup.escape(json.dumps(self.figure, separators=(",", ":"), ensure_ascii=False))


def of_the_dataset(make: Callable[[Dataset], Chart]) -> Callable[[Dataset], Chart]:
    """A chart of the whole dataset, made once per dataset however many pages show it (the
    timeline's index and the disputes show the deaths, the front page and the print page the map,
    and at 10,000 events each took a tenth of a second or more). Only the last dataset's is kept,
    while that dataset lives; a chart holds data alone, no template's markup (`render_chart`)."""
    last: list = [None, None]  # a weak reference to the dataset, and its chart
    _MADE.append(last)

    @functools.wraps(make)
    def chart(dataset: Dataset) -> Chart:
        ref, made = last
        if ref is None or ref() is not dataset:
            made = make(dataset)
            last[:] = [weakref.ref(dataset), made]
        return made

    return chart


_MADE: list[list] = []  # each chart of the whole dataset's last dataset and chart (`of_the_dataset`)


def carry_charts(before: Dataset, after: Dataset) -> None:
    """The whole dataset's charts made from `before` kept for `after` where it holds the same facts
    (`differs_in_prose_alone`: a `make serve` edit of an event's summary or notes, none of which
    a chart shows), so they are not made again; at 10,000 events the map alone took 0.4 s."""
    if not differs_in_prose_alone(before, after):
        return
    for last in _MADE:
        ref, made = last
        if ref is not None and ref() is before:
            last[:] = [weakref.ref(after), made]


def chart_text(value: object) -> Markup:
    """Text from the data as plotly.js shows it, as typed. plotly.js draws names, labels, hover and
    tick text as HTML-like markup (`<a href>`, `<br>`, `<b>`, `<span style>`), so a name holding
    them would become a link, a break or styled text. Escaped, it shows as typed: plotly.js finds
    its tags first and only then decodes `&amp;`, `&lt;`, `&gt;` and numbered entities (markupsafe
    writes quotes as numbered ones; plotly.js would show `&quot;` as typed). A `Markup`, so that
    composing it with our own `<br>` (`Markup("<br>").join`, `Markup.format`) escapes it no more."""
    return Markup.escape(value)


def _figure(traces: list, **layout: object) -> dict:
    base = {
        "margin": {"l": 50, "r": 10, "t": 10, "b": 40},
        "paper_bgcolor": "rgba(0,0,0,0)",
        "plot_bgcolor": "rgba(0,0,0,0)",
        # above the plot: plotly.js makes room for it there, where below it met the x axis's title on a phone
        "legend": {"orientation": "h", "x": 0, "y": 1.02, "yanchor": "bottom"},
        "height": 360,
    }
    for axis in ("xaxis", "yaxis"):  # plotly.js 3 and later draw an axis title given as {"text": ...} only
        title = layout.get(axis, {}).get("title") if isinstance(layout.get(axis), dict) else None
        if isinstance(title, str):
            layout[axis] = {**layout[axis], "title": {"text": title}}
    return {"data": traces, "layout": {**base, **layout}}


def _trace(kind: str, **attributes: object) -> dict:
    return {"type": kind, **attributes}


def _caption(dataset: Dataset, what: str) -> str:
    cutoff = f"{dataset.cutoff}" if dataset.cutoff else "unknown"
    documents = len(dataset.sources)
    return (
        f"{what} It counts what {documents} document{'s' if documents != 1 else ''} mention, not every event "
        f"that took place. Data: Libya Watch, {len(dataset.events)} events from {documents} sources; as of {cutoff}."
    )


CONTEXT = "Context, not counted"  # the data table's column of the context events left out of the bars


@of_the_dataset
def events_by_type(dataset: Dataset) -> Chart:
    """Events in Libya per year, stacked by ACLED event type, on a time axis where a year without
    events shows as empty; events abroad, and the context the documents give (`Event.context`: an
    uprising, an intervention, a ceasefire), are counted apart, in notes and the table; an undated
    report (`Event.undated`: its only date is its report's) is in no year, said in a note. The table
    lists only the years the documents mention an event in: a row of zeros would read as a year
    nothing happened, where it is only one no document speaks of (a note names those years)."""
    events = list(dataset.events.values())
    in_libya = [e for e in events if dataset.country_of(e).id == "LBY"]
    libyan = [e for e in in_libya if not e.undated]
    counts = Counter((e.start.year, e.event_type) for e in libyan if not e.context)
    context = Counter(e.start.year for e in libyan if e.context)
    years = _year_span([*(year for year, _ in counts), *context])
    types = [t for t in EVENT_TYPES if any(kind == t for _, kind in counts)]
    traces = [
        _trace("bar", name=t, x=years, y=[counts[(y, t)] for y in years], marker={"color": TYPE_COLOURS[t]})
        for t in types
    ]
    notes = _abroad_note(dataset, events)
    if context:
        notes.append(f"Not counted either: {plural(sum(context.values()), 'event')} the documents give as context, not "
                     "the Islamic State's activity (" + ", ".join(f"{y}: {n}" for y, n in sorted(context.items()))
                     + "); the table lists them apart.")  # fmt: skip
    notes += undated_note([e for e in in_libya if e.undated])
    mentioned = {year for year, _ in counts} | set(context)
    notes += _silent_years([year for year in years if year not in mentioned])
    shown = sum(counts.values())
    return Chart(
        key="events-by-type",
        title="Events in Libya over time, by type",
        caption=_caption(dataset, f"{plural(shown, 'event')} in Libya the documents mention, per year, by the year "
                                  "each began; an event known only to the year counts there."),
        figure=_figure(traces, barmode="stack", xaxis=_year_axis(years),
                       yaxis={"title": "Events", "dtick": 1 if shown < 40 else None}),
        headers=["Year", *types, "All", *([CONTEXT] if context else [])],
        rows=[[y, *(counts[(y, t)] for t in types), sum(counts[(y, t)] for t in types),
               *([context[y]] if context else [])] for y in years if y in mentioned],
        notes=notes,
    )  # fmt: skip


def _abroad_note(dataset: Dataset, events: list[Event]) -> list[str]:
    """The note on the events abroad a count of Libya's leaves out, by country."""
    abroad = Counter(dataset.country_of(e).name for e in events if dataset.country_of(e).id != "LBY")
    if not abroad:
        return []
    listed = ", ".join(f"{name} {n}" for name, n in sorted(abroad.items()))
    return [f"Not counted here: {plural(sum(abroad.values()), 'event')} abroad ({listed})."]


def undated_note(undated: list[Event]) -> list[str]:
    """The note on the undated reports a count by year leaves out: a state of affairs a document
    tells with no date of its own is in no year, and its report's date says only when it was told."""
    if not undated:
        return []
    when = and_list(
        [show_date(e.date, e.date_precision, weekday=False) for e in sorted(undated, key=lambda e: e.start)]
    )
    states = "a state of affairs" if len(undated) == 1 else "states of affairs"
    return [f"Not counted by year: {plural(len(undated), 'undated report')}, {states} the documents tell with no "
            f"date of {'its' if len(undated) == 1 else 'their'} own (reported {when})."]  # fmt: skip


def _silent_years(silent: list[int]) -> list[str]:
    """The note naming the years no document mentions an event in, which a table leaves out."""
    if not silent:
        return []
    return [f"The documents mention no event in Libya that began in {show_years(year_runs(silent))}; the table "
            f"leaves {'that year' if len(silent) == 1 else 'those years'} out: a year no document speaks of is not "
            "a year of no activity."]  # fmt: skip


def _year_span(years: Iterable[int]) -> list[int]:
    """Every year from the first to the last, so a year without events is seen as one."""
    found = sorted(set(years))
    return list(range(found[0], found[-1] + 1)) if found else []


def _year_axis(years: list[int]) -> dict:
    axis: dict = {"title": "Year", "type": "linear", "dtick": 1 if len(years) <= 20 else None, "tickformat": "d",
                  "automargin": True}  # fmt: skip  # its title below the years, turned upright on a phone
    if years:
        axis["range"] = [years[0] - 0.5, years[-1] + 0.5]
    return axis


SIDE_COLOURS = dict(zip(SIDES, ("#b3261e", "#1565c0", "#5f6368"), strict=True))  # terms.SIDES, in its order


def side_of(parties: tuple[str, ...], dataset: Dataset) -> str:
    """The side of a point's party: the Islamic State, a state force or government and those under
    it (an unnamed party by the forces it may be), or anyone else."""
    named = [p for p in parties if dataset.actors[p].kind != "unnamed party"]
    actors = [dataset.actors[organisation_of(p, dataset.actors)] for p in named or parties]
    if any(a.id == "islamic-state" for a in actors):
        return "Islamic State"
    kinds = {a.kind for a in actors} | {dataset.actors[m].kind for a in actors for m in a.may_be}
    return "Security forces and their allies" if kinds & STATE_KINDS else "Others"


def _involves_islamic_state(event: Event, dataset: Dataset) -> bool:
    """Whether IS (or a group under it) is among the event's actors: the deaths chart is about its war."""
    actors = [event.actor1, event.actor2, *event.assoc_actors_1, *event.assoc_actors_2]
    return any(organisation_of(a, dataset.actors) == "islamic-state" for a in actors if a)


@dataclass
class _Deaths:
    """The deaths chart's counts: per (year, side) low, conservative, high, figures disputed and
    figures differing with no dispute; and what the bars cannot show."""

    totals: dict[tuple[int, str], list[int]] = field(default_factory=lambda: defaultdict(lambda: [0] * 5))
    left_out: int = 0  # events with deaths but without the Islamic State
    untold: Counter = field(default_factory=Counter)  # per year, the fighting no source gives a toll for
    undated: list = field(default_factory=list)  # events with deaths that have no date of their own: in no year
    abroad: list = field(default_factory=list)  # events outside Libya, said apart: the chart counts Libya only
    apart: dict = field(default_factory=lambda: defaultdict(list))  # (year, side) -> what its high counts apart
    events: dict = field(default_factory=lambda: defaultdict(set))  # (year, side) -> the events added up in it


def _deaths(dataset: Dataset) -> _Deaths:
    found = _Deaths()
    for event in dataset.events.values():
        analysis = dataset.analysis(event.id)
        if dataset.country_of(event).id != "LBY":
            found.abroad += [event] * _involves_islamic_state(event, dataset)
            continue
        if not _involves_islamic_state(event, dataset):
            found.left_out += any(p.field == "fatalities" for p in analysis.points)
            continue
        if event.undated:
            found.undated += [event] * any(p.field == "fatalities" for p in analysis.points)
            continue
        points = counted(analysis, "fatalities", dataset.actors)
        given = [(p, f) for p in points if (f := point_figures(p, dataset.sources))]
        # fighting no number is given for (none, or only words: "several"); a strategic development kills no one
        found.untold[event.start.year] += not given and DISORDER_TYPES[event.event_type] != "Strategic developments"
        for point, figures in given:
            row = found.totals[(event.start.year, side_of(point.parties, dataset))]
            row[0] += figures.low
            row[1] += figures.conservative
            row[2] += figures.high
            row[3] += point.disputed
            row[4] += len({c.bounds for c in settled(list(point.claims))}) > 1 and not point.disputed
            found.events[(event.start.year, side_of(point.parties, dataset))].add(event.id)
        for unnamed in dataset.unnamed_added(event.id):
            key = (event.start.year, side_of(unnamed.point.parties, dataset))
            found.apart[key].append(apart_of(unnamed, dataset))
    return found


@of_the_dataset
def fatalities_over_time(dataset: Dataset) -> Chart:
    """Deaths in Libya per year on each side: the conservative figure as a bar, the low-high range as
    whiskers. Notes say what a reader cannot see: the events abroad, counted apart, the events with
    no toll, the years no toll is given for (a blank year is not one without deaths), and a high
    that adds dead a source gave without naming the force on top of a named force's, which may be
    the same men."""
    deaths = _deaths(dataset)
    totals = deaths.totals
    years = _year_span(year for year, _ in totals)
    sides = [side for side in SIDES if any(key[1] == side for key in totals)]
    traces = [_side_trace(side, years, totals) for side in sides]
    return Chart(
        key="fatalities",
        title=DEATHS_TITLE,
        caption=_caption(dataset, "Reported deaths in Libya per year on each side in events the Islamic State took "
                                  "part in, "
                                  "never added across sides: bars show the conservative figure, whiskers the lowest "
                                  "and highest any source gives."),
        notes=_deaths_notes(deaths, [y for y in years if not any((y, side) in totals for side in sides)], dataset),
        table_notes=[DIFFERING] if any(row[3] or row[4] for row in totals.values()) else [],
        figure=_figure(traces, barmode="group", xaxis=_year_axis(years), yaxis={"title": "Deaths"}),
        headers=["Year", "Side", "Low", "Conservative", "High", "Figures disputed between voices",
                 "Figures differing, not disputed"],
        rows=[[y, side, *totals[(y, side)]] for y in years for side in sides if (y, side) in totals],
    )  # fmt: skip


def _deaths_notes(deaths: _Deaths, blank: list[int], dataset: Dataset) -> list[str]:
    """What the bars leave out or cannot show: events without IS, events abroad, undated reports,
    fighting in Libya with no toll, years no toll is given for, and a high that counts dead apart."""
    notes = [f"{plural(deaths.left_out, 'event')} in Libya with deaths but without the Islamic State left out."] * bool(
        deaths.left_out
    )
    if deaths.abroad:
        where = "; ".join(f"{dataset.places[e.place].name}, {dataset.country_of(e).name}, {e.start.year}"
                          for e in sorted(deaths.abroad, key=lambda e: (e.start, e.id)))  # fmt: skip
        notes.append(f"Not counted here: {plural(len(deaths.abroad), 'event')} abroad the Islamic State took part "
                     f"in ({where}): the chart counts Libya only.")  # fmt: skip
    if sum(deaths.untold.values()):
        counts = and_list([f"{plural(n, 'event')} in {year}" for year, n in sorted(deaths.untold.items()) if n])
        notes.append(f"Not in the bars: {counts} (battles and attacks in Libya) that no source gives a toll "
                     "for. A toll not reported is not none killed.")  # fmt: skip
    notes += undated_note(deaths.undated)
    if blank:
        notes.append(f"No toll is reported for {show_years(year_runs(blank))}: a year left blank is not a year "
                     "without deaths.")  # fmt: skip
    for (year, side), apart in sorted(deaths.apart.items()):
        low, _, high = deaths.totals[(year, side)][:3]
        events = len(deaths.events[(year, side)])
        added = f", the year's {events} events added up" if events > 1 else ""
        notes.append(apart_note(f"{year}, {side} (low {low}, high {high}{added})", apart))
    return notes


DEATHS_TITLE = "Deaths in Libya over time, by side, with the range the sources give"
DIFFERING = (
    "The last two columns count the figures two voices dispute (they cannot both be true), and those that differ "
    "with no dispute: one voice revising its count, or dead a source gave without naming the force, beside a "
    "named force's. Both widen the range."
)


def _side_trace(side: str, years: list[int], totals: dict[tuple[int, str], list[int]]) -> dict:
    rows = [totals.get((y, side), [0] * 5) for y in years]
    shown = [(y, side) in totals for y in years]  # no bar, and no whisker at zero, for a year without figures
    return _trace("bar",
        name=side, x=years, y=[r[1] if s else None for r, s in zip(rows, shown, strict=True)],
        marker={"color": SIDE_COLOURS[side]},
        error_y={"type": "data", "symmetric": False, "array": [r[2] - r[1] for r in rows],
                 "arrayminus": [r[1] - r[0] for r in rows]},
        customdata=[[r[0], r[2]] for r in rows],
        hovertemplate="%{x}: %{y} (range %{customdata[0]}–%{customdata[1]})<extra>" + side + "</extra>",
    )  # fmt: skip


@of_the_dataset
def coverage_matrix(dataset: Dataset) -> Chart:
    """Which source reports which event (or, for large datasets, how many per year)."""
    events = list(dataset.events.values())
    reporting = Counter(s for e in events for s in e.source_ids)
    sources = sorted(dataset.sources.values(), key=lambda s: -reporting[s.id])[: limits.COVERAGE_SOURCES]
    sources = [s for s in dataset.sources.values() if s in sources]  # in the dataset's order
    if len(events) <= limits.COVERAGE_EVENT_COLUMNS:
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
        z=z, x=[chart_text(c) for c in columns], y=[chart_text(s.label) for s in sources],
        colorscale=[[0, "rgba(128,128,128,0.08)"], [1, "#1565c0"]], showscale=unit != "event", xgap=2, ygap=2,
        hovertemplate="%{y} · %{x}: %{z}<extra></extra>",
    )  # fmt: skip
    return Chart(
        key="coverage",
        title="Who reports what",
        caption=_caption(
            dataset, f"Each row is a source, each column an {unit}; a filled cell means the source reports it "
            "(on a phone, each source's list)."
        ),
        notes=[f"The {len(sources)} sources reporting most events are shown."]
        if len(sources) < len(dataset.sources)
        else [],
        figure=_figure([trace], xaxis={"title": {"text": axis, "standoff": 12}, "type": "category", "automargin": True},
                       yaxis={"automargin": True}, height=120 + 36 * len(sources),
                       margin={"l": 10, "r": 10, "t": 10, "b": 60}),
        headers=["Source", *map(str, columns)],
        rows=[[s.label, *row] for s, row in zip(sources, z, strict=True)],
        alternative=_listed(dataset, sources, columns, z),
    )  # fmt: skip


def _listed(dataset: Dataset, sources: list, columns: list, z: list[list[int]]) -> list[tuple[str, list[str]]]:
    """Who reports what as a phone reads it: each source, and the events it reports, each with its
    date and place (or, by year, how many)."""

    def named(column: str | int, n: int) -> str:
        if column not in dataset.events:
            return f"{column}: {plural(n, 'event')}"
        event = dataset.events[column]
        return f"{event.id}: {show_event_date(event)}, {dataset.places[event.place].name}"

    return [(s.label, [named(c, n) for c, n in zip(columns, row, strict=True) if n])
            for s, row in zip(sources, z, strict=True)]  # fmt: skip


@of_the_dataset
def actor_involvement(dataset: Dataset) -> Chart:
    """The actors in the most events, split by the side they are coded on."""
    roles: dict[str, Counter] = defaultdict(Counter)
    for e in dataset.events.values():
        roles[e.actor1]["Actor 1"] += 1
        if e.actor2:
            roles[e.actor2]["Actor 2"] += 1
        for a in [*e.assoc_actors_1, *e.assoc_actors_2]:
            roles[a]["Associated"] += 1
    top = sorted(roles, key=lambda a: (-sum(roles[a].values()), dataset.actors[a].name))[: limits.CHART_ACTORS]
    names = [chart_text(dataset.actors[a].name) for a in reversed(top)]
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
        caption=_caption(
            dataset, f"Events per actor (the {limits.CHART_ACTORS} most involved), by how the actor is coded."
        ),
        figure=_figure(traces, barmode="stack", height=120 + 26 * len(top), xaxis={"title": "Events"},
                       yaxis={"automargin": True}, margin={"l": 10, "r": 10, "t": 10, "b": 40}),
        headers=["Actor", *colours, "All"],
        rows=[[dataset.actors[a].name, *(roles[a][r] for r in colours), sum(roles[a].values())] for a in top],
    )  # fmt: skip


def render_chart(chart: Chart, page: str, links: Links | None = None) -> Markup:
    """The chart's markup; its id names the page too, so ids stay unique across the whole site.
    A map lists the events it cannot draw, linked to their cards when `links` is given."""
    slug = page.removesuffix(".md").replace("/", "-")
    rows = chart.rows[: limits.CHART_TABLE_ROWS]
    more = len(chart.rows) - len(rows)
    preview = bar_preview(chart.figure)  # a static SVG of bars, drawn at once (macros/views/chartsvg.py)
    chart_id = f"chart-{slug}-{chart.key}"
    unplaced = chart.unplaced[: limits.EVENT_LIST]
    return Markup(
        render(
            "chart.html",
            chart=chart,
            rows=rows,
            more=more,
            id=chart_id,
            preview=preview,
            unplaced=unplaced,
            unplaced_more=len(chart.unplaced) - len(unplaced),
            links=links,
        )
    )
