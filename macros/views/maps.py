"""The reference map of events in Libya: what it draws and what it lists beside it.

Each event's position is drawn as honestly as it is placed (`macros/derive/locations.py`): a town from
the gazetteer as a dot, a computed point as a diamond, a bare direction as an arrow at its town, a
"near" as a ring, and each source's position of a disputed place. For reading it: the districts
(shabiyat, `macros/derive/districts.py`), a few towns for orientation whose coordinates come from
`data/places.yaml` (GeoNames), a graticule with its degrees and a scale bar. An event that cannot
be drawn (abroad, or without coordinates) is listed under the map with a link, never only counted.
The map's key is markup (`macros/views/templates/map_key.html`), so it never covers the map on a phone.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from geographiclib.geodesic import Geodesic
from markupsafe import Markup

from ..core.dates import show_event_date
from ..core.models import Event, Place
from ..derive.dataset import Dataset
from ..derive.districts import contains, districts
from . import limits
from .charts import LIBYA_VIEW, Chart, _caption, _figure, _trace, chart_text, of_the_dataset, render_chart
from .eventview import Toll, event_toll
from .links import Links
from .render import plural

# How each kind of position is drawn: a gazetteer point as a filled circle; a computed one as a
# diamond; one copied from a named reference the offline gazetteer lacks as a triangle; a direction
# from a town as an arrow at the town pointing that way; "near" as a ring;
# coordinates a document gives as a square.
MAP_MARKS = {
    "gazetteer": ("Town or site (gazetteer, approximate)", "circle", "#1565c0"),
    "reference": ("Placed from a reference, not checked offline", "triangle-up", "#d81b60"),
    "computed": ("Computed from a stated bearing and distance", "diamond", "#c75b00"),
    "direction": ("Only a direction from the town is stated", "arrow-wide", "#7b1fa2"),
    "near": ("Only 'near' the town is stated", "circle-open", "#00796b"),
    "stated": ("Coordinates a document gives", "square", "#2e7d32"),
}
REFERENCE = ("Town a position is measured from", "circle", "#5f6368")
# Main towns named for orientation, each a place in data/places.yaml with its GeoNames entry, and
# the side its name is written on (neighbours on the coast would otherwise overlap on a phone).
ORIENTATION = {"tripoli": "top center", "misrata": "bottom center", "sirte": "bottom center",
               "benghazi": "top center", "sabha": "middle left"}  # fmt: skip
ORIENTATION_MARK = ("Main town, for orientation", "circle", "#80868b")
DISTRICT_LINE = "#9aa0a6"  # reads on the light and the dark land alike
GRATICULE = 5  # degrees between the lines
MAP_HEIGHT = 520  # at most: charts.js makes it no taller than the view of Libya needs at the page's width
SCALE_KM = 300
SCALE_COLOUR = "#777b80"  # at least 3:1 against the neighbours' land in both schemes
SCALE_AT = (20.0, 9.6)  # latitude, longitude of the scale bar's west end: the map's empty south-west
# plotly's textposition for each of eight bearings from a point (north first, clockwise)
SIDES = ("top center", "top right", "middle right", "bottom right",
         "bottom center", "bottom left", "middle left", "top left")  # fmt: skip
LABEL_SIDES = (1, 3, 7, 5, 2, 6, 0, 4)  # where a town's label goes, first choice first: up and right
RECENT_YEARS = 3  # a mark is recent when an event there began within this many years up to the cut-off's
DRAWN_MARK = "†"  # beside a table row whose events are drawn again at another position: counted once
FADED = 0.35  # the opacity of an older mark (and of one of context only); a recent one is drawn at 0.9
HOVER_DATES = 6  # the dates a mark's hover lists, the latest first
HOVER_WIDTH = 48  # characters a line of a mark's toll runs to in its hover, so a long note stays on a phone


@dataclass(frozen=True)
class Unplaced:
    """An event the map cannot draw, listed under it."""

    event_id: str
    date: str
    place: str
    why: str


@dataclass
class _Cluster:
    place: Place
    disputed: bool
    town: Place  # the town the mark stands at: the place itself, or the one it is measured from
    stated: tuple[str, ...]  # every position the sources give the place, in their words
    events: int = 0
    tolls: list = field(default_factory=list)  # each event's dead (a Toll)
    types: Counter = field(default_factory=Counter)
    dated: list = field(default_factory=list)  # (start, shown date, context) of each of its events

    @cached_property  # asked by the table's row, its note and the mark's hover, once the cluster is full
    def toll(self) -> Toll:
        """Its events' dead added up, saying for how many none is reported."""
        return Toll.of(self.tolls)

    @property
    def years(self) -> list[int]:
        return sorted({start.year for start, _, _ in self.dated})

    @property
    def latest(self) -> int:
        """The year its latest event began, context left aside unless it has nothing else."""
        return max(start.year for start, _, context in self.dated if not context or self.context_only)

    @property
    def drawn_twice(self) -> bool:
        """Whether its events are drawn at more than one position (the sources place it differently)."""
        return len(self.stated) > 1

    @property
    def context_only(self) -> bool:
        return all(context for _, _, context in self.dated)


def event_map(dataset: Dataset, events: Iterable[Event] | None = None, title: str = "Map of events in Libya") -> Chart:
    """Events in Libya clustered by position, each drawn as honestly as it is placed, on Libya's
    districts with the main towns named; the events it cannot draw are listed under it."""
    clusters, references, unplaced = _clusters(dataset, dataset.events.values() if events is None else events)
    busiest = sorted(clusters, key=lambda key: (-clusters[key].events, key))[: limits.MAP_POINTS]
    since = recent_since(dataset)
    marks = [_mark_trace(kind, [k for k in busiest if k[0] == kind], clusters, since) for kind in MAP_MARKS]
    spots = {(k[1], k[2]) for k in busiest} | {(p.latitude, p.longitude) for p in references.values()}
    towns = _orientation_towns(dataset, spots)
    labels, label_words = _label_trace(busiest, clusters, list(references.values()), towns, since)
    traces = [_district_trace(dataset), *_graticule_traces(), _scale_trace(), _town_trace(towns),
              _reference_trace(list(references.values()), clusters, since), *marks, labels]  # fmt: skip
    unplaced.sort(key=lambda u: dataset.events[u.event_id].start, reverse=True)
    return Chart(
        key="map",
        title=title,
        caption=_caption(dataset, "Each mark is a position, sized by the events there; its label names the town and "
                                  "what is placed by it, with the years of its events and their count where more "
                                  f"than one. Names in bold and solid marks: an event since {since}; faded marks: "
                                  "only older events, or only context the documents give. Coordinates are "
                                  "approximate (GeoNames, a named reference, or as a document states them); "
                                  "relative positions are marked as such. Thin lines: "
                                  "districts (shabiyat, Natural Earth); the towns in italics are named for "
                                  "orientation."),
        figure=_figure([t for t in traces if t], geo=_MAP_GEO, height=MAP_HEIGHT, showlegend=False,
                       margin={"l": 0, "r": 0, "t": 0, "b": 0}),
        headers=["Place", "Position as stated", "How it is placed", "Events", "Event types",
                 "Fatalities"],
        rows=[[c.place.name, key[4], MAP_MARKS[key[0]][0] + (" (disputed location)" if c.disputed else "")
               + (f" {DRAWN_MARK}" if c.drawn_twice else ""), c.events, ", ".join(sorted(c.types)), c.toll.brief]
              for key, c in sorted(clusters.items(), key=lambda kv: kv[1].place.name)],
        geo=True,
        notes=_notes(clusters, busiest, unplaced),
        table_notes=_table_notes(clusters),
        key_items=_key(marks, references, towns, since),
        unplaced=unplaced,
        waiting=label_words,
    )  # fmt: skip


# The map of every event, as the front page and the print page show it.
whole_map = of_the_dataset(event_map)


def _clusters(
    dataset: Dataset, events: Iterable[Event]
) -> tuple[dict[tuple, _Cluster], dict[str, Place], list[Unplaced]]:
    """The events gathered by position (one cluster a mark), the towns positions are measured
    from, and the events with no position in Libya."""
    clusters: dict[tuple, _Cluster] = {}
    references: dict[str, Place] = {}
    unplaced: list[Unplaced] = []
    for event in events:
        place = dataset.places[event.place]
        location = dataset.location(event.place)
        if place.country != "LBY" or not location.mapped:
            unplaced.append(_unplaced(event, place, dataset))
            continue
        toll = event_toll(event.id, dataset)
        for position in location.positions:
            if position.reference is not None:
                references[position.reference.id] = position.reference
            key = (position.precision, position.latitude, position.longitude, position.bearing, position.stated)
            town = position.reference if position.precision in ("direction", "near") else place
            stated = tuple(p.stated for p in location.positions)
            cluster = clusters.setdefault(key, _Cluster(place, location.disputed, town or place, stated))
            cluster.events += 1
            cluster.tolls.append(toll)
            cluster.types[event.event_type] += 1
            cluster.dated.append((event.start, show_event_date(event), event.context))
    return clusters, references, unplaced


def _notes(clusters: dict[tuple, _Cluster], busiest: list[tuple], unplaced: list[Unplaced]) -> list[str]:
    notes = []
    if unplaced:
        notes.append(
            f"{plural(len(unplaced), 'event')} outside Libya or without coordinates "
            f"{'is' if len(unplaced) == 1 else 'are'} listed under the map."
        )
    if len(clusters) > len(busiest):
        notes.append(f"The {len(busiest)} busiest positions are drawn; the table lists all {len(clusters)}.")
    if any(cluster.disputed for cluster in clusters.values()):
        notes.append("Where the sources disagree on a location, each source's position is drawn and marked disputed.")
    return notes


def _table_notes(clusters: dict[tuple, _Cluster]) -> list[str]:
    """Under the table, what the top of a marked toll counts apart, and that a place drawn at each
    position the sources give repeats its events in a row each; a place drawn twice, once."""
    ordered = sorted(clusters.values(), key=lambda c: c.place.name)  # as the table lists them
    tolls = [note for c in ordered if (note := c.toll.footnote(c.place.name))]
    return list(dict.fromkeys([*tolls, *(_drawn_note(c) for c in ordered if c.drawn_twice)]))


def _drawn_note(cluster: _Cluster) -> str:
    """The note on a place's rows that repeat the same events, one row for each position given."""
    one = cluster.events == 1
    return (f"{DRAWN_MARK} {cluster.place.name}: {'one event' if one else plural(cluster.events, 'event')}, drawn at "
            f"each of the {len(cluster.stated)} positions the sources give; each of its rows repeats "
            f"{'it and its' if one else 'them and their'} dead: count {'it' if one else 'them'} once.")  # fmt: skip


def _unplaced(event: Event, place: Place, dataset: Dataset) -> Unplaced:
    country = dataset.countries[place.country]
    why = f"in {country.name}" if place.country != "LBY" else "no coordinates"
    return Unplaced(event.id, show_event_date(event), place.name, why)


_MAP_GEO = {
    "scope": "africa",
    "resolution": 50,
    "showcountries": True,
    "showland": True,
    "showocean": True,
    "showlakes": False,
    "showframe": False,
    "landcolor": "#ebe7de",  # the light scheme's; charts.js sets both schemes' land and sea
    "oceancolor": "#b9d4ec",
    "countrycolor": "#5f6368",
    "countrywidth": 1.2,
    "coastlinecolor": "#5f6368",
    "bgcolor": "rgba(0,0,0,0)",
    "projection": {"type": "mercator"},
    "lonaxis": {**LIBYA_VIEW["lonaxis"], "showgrid": True, "dtick": GRATICULE, "gridwidth": 0.5},
    "lataxis": {**LIBYA_VIEW["lataxis"], "showgrid": True, "dtick": GRATICULE, "gridwidth": 0.5},
}


def _district_trace(dataset: Dataset) -> dict:
    """Libya's districts, filled a shade lighter than its neighbours. The outlines reach the browser
    once, in a script of their own (charts.js adds them as `geojson`); the figure names them. A
    district is named as the data's places in it name their district, where they agree, beside
    Natural Earth's name (some of which are those of an older division)."""
    names = [d.name for d in districts()]
    towns = tuple(
        (p.admin1, p.longitude, p.latitude)
        for p in dataset.places.values()
        if p.admin1 and p.gazetteer_point and p.country == "LBY"
    )
    return _trace("choropleth",
        name="District", locations=names, z=[0] * len(names), featureidkey="properties.name",
        text=[chart_text(district) for district in _district_names(towns)],
        hovertemplate="%{text}<extra>District</extra>",
        colorscale=[[0, "#fbfaf7"], [1, "#fbfaf7"]], showscale=False,
        marker={"line": {"color": DISTRICT_LINE, "width": 0.6}},
    )  # fmt: skip


@lru_cache(maxsize=4)
def _district_names(towns: tuple[tuple[str, float, float], ...]) -> tuple[str, ...]:
    """Each district's name on the map, from the (district, longitude, latitude) of the data's towns:
    worked out once per dataset, not once per map (a large dataset has thousands of maps)."""
    names = []
    for district in districts():
        inside = {admin1 for admin1, longitude, latitude in towns if contains(district, longitude, latitude)}
        named = inside.pop() if len(inside) == 1 else district.name
        names.append(f"{named} (Natural Earth: {district.name})" if named != district.name else named)
    return tuple(names)


def _graticule_traces() -> list[dict]:
    """The degrees of the graticule's lines, written at the map's west and south edges."""
    (west, east), (south, north) = LIBYA_VIEW["lonaxis"]["range"], LIBYA_VIEW["lataxis"]["range"]
    lons = range(math.ceil(west / GRATICULE) * GRATICULE, int(east) + 1, GRATICULE)
    lats = range(math.ceil(south / GRATICULE) * GRATICULE, int(north) + 1, GRATICULE)
    return [_trace("scattergeo",
        name="Graticule", mode="text", hoverinfo="skip", showlegend=False,
        lon=[*lons, *[west + 0.2] * len(lats)], lat=[*[south + 0.25] * len(lons), *lats],
        text=[f"{lon}°E" for lon in lons] + [f"{lat}°N" for lat in lats], textposition="top right",
        textfont={"size": 11}, opacity=0.75,
    )]  # fmt: skip


def _scale_trace() -> dict:
    """A scale bar drawn on the globe itself, so it stays true when the reader zooms (at its latitude)."""
    latitude, longitude = SCALE_AT
    end = Geodesic.WGS84.Direct(latitude, longitude, 90, SCALE_KM * 1000)["lon2"]
    return _trace("scattergeo",
        name="Scale", mode="lines+text", hoverinfo="skip", showlegend=False,
        lon=[longitude, round(end, 4)], lat=[latitude, latitude], text=["", f"{SCALE_KM} km"],
        textposition="top left", line={"width": 3, "color": SCALE_COLOUR},
    )  # fmt: skip


def _orientation_towns(dataset: Dataset, labelled: set[tuple]) -> list[Place]:
    """The main towns in the data with gazetteer coordinates, except where a mark already names one."""
    towns = [dataset.places.get(key) for key in ORIENTATION]
    return [t for t in towns if t and t.gazetteer_point and (t.latitude, t.longitude) not in labelled]


def _town_trace(towns: list[Place]) -> dict | None:
    if not towns:
        return None
    name, symbol, colour = ORIENTATION_MARK
    return _trace("scattergeo",
        name=name, mode="markers+text", lon=[t.longitude for t in towns], lat=[t.latitude for t in towns],
        text=[chart_text(t.name) for t in towns], textposition=[ORIENTATION[t.id] for t in towns],
        textfont={"style": "italic"}, opacity=0.8, marker={"symbol": symbol, "size": 5, "color": colour},
        customdata=[chart_text(t.gazetteer) for t in towns],
        hovertemplate="%{text} (%{customdata})<extra>" + name + "</extra>",
    )  # fmt: skip


def _reference_trace(places: list[Place], clusters: dict[tuple, _Cluster], since: int) -> dict | None:
    """The towns relative positions are measured from, as a dot named by the label beside it; it
    takes no hover, so the arrow or ring drawn at the same spot answers it. It fades with the
    positions measured from it when none of them is recent."""
    if not places:
        return None
    recent = {c.town.id for c in clusters.values() if c.latest >= since and not c.context_only}
    name, symbol, colour = REFERENCE
    return _trace("scattergeo",
        name=name, mode="markers", hoverinfo="skip",
        lon=[p.longitude for p in places], lat=[p.latitude for p in places],
        hovertext=[chart_text(p.name) for p in places],
        marker={"symbol": symbol, "size": 10, "color": colour,
                "opacity": [0.9 if p.id in recent else FADED for p in places]},
    )  # fmt: skip


def recent_since(dataset: Dataset) -> int:
    """The first year a mark counts as recent: RECENT_YEARS up to the cut-off's year (or the newest event's)."""
    cutoff = dataset.cutoff
    newest = cutoff.last_day.year if cutoff else max((e.start.year for e in dataset.events.values()), default=0)
    return newest - RECENT_YEARS + 1


def _label_trace(
    keys: list[tuple], clusters: dict[tuple, _Cluster], references: list[Place], towns: list[Place], since: int
) -> tuple[dict | None, list[str]]:
    """One label per drawn spot, so names never sit on one another: where one place is drawn there,
    its name (under the town's, for a place drawn relative to a town), the years of its events,
    their count and "disputed" where it applies; where several are (Sirte, "near Sirte", "south of
    Sirte"), one line for them all, "Sirte and around", each named in its mark's hover and the
    table; and each town a position is measured from. It goes on the first side that no arrow
    there points to, that faces no other named spot close by and that does not run off the map.
    Two positions of one place a few km apart (computed, and as a document states it) share one
    label. Beside the trace, each label as one line of plain text ("Qatrun · Jabal Asida (2022)"),
    which the map's box lists until it is drawn."""
    spots: dict[tuple, tuple[Place, list[tuple]]] = {}
    for key in keys:  # the busiest first
        town = clusters[key].town
        spot = next((s for s, (t, _) in spots.items() if t.id == town.id and _close(s, key[1:3])), key[1:3])
        spots.setdefault(spot, (town, []))[1].append(key)
    for town in references:
        spots.setdefault((town.latitude, town.longitude), (town, []))
    spots = dict(list(spots.items())[: limits.MAP_LABELS])
    if not spots:
        return None, []
    lines, sides = [], []
    others = [*spots, *((t.latitude, t.longitude) for t in towns)]
    for spot, (town, spot_keys) in spots.items():
        lines.append(_spot_lines(town, [clusters[k] for k in spot_keys], since))
        arrows = {round(k[3] / 45) % 8 for k in spot_keys if k[0] == "direction"}
        sides.append(SIDES[_side(spot, others, arrows)])
    texts = [Markup("<br>").join(_wrap(text, bold=bold) for text, bold in spot) for spot in lines]
    trace = _trace("scattergeo",
        name="Labels", mode="markers+text", hoverinfo="skip", showlegend=False,
        lon=[spot[1] for spot in spots], lat=[spot[0] for spot in spots], text=texts, textposition=sides,
        marker={"size": 16, "opacity": 0},  # unseen: it only keeps the name clear of the mark
    )  # fmt: skip
    return trace, [" · ".join(text for text, _ in spot) for spot in lines]


def _spot_lines(town: Place, drawn: list[_Cluster], since: int) -> list[tuple[str, bool]]:
    """The lines of one spot's label, each with whether it is in bold: see _label_trace."""
    if not drawn:  # a town positions are measured from, with no event of its own
        return [(town.name, False)]
    places = dict.fromkeys(c.place.id for c in drawn)
    # a place's positions (a disputed place's) each carry all its events: counted once, then added across places
    events = sum(max(c.events for c in drawn if c.place.id == p) for p in places)
    if len(places) > 1:
        return [_name_line(f"{town.name} and around", drawn, events, since)]
    place = drawn[0].place
    line = _name_line(place.name, drawn, events, since)
    return [line] if place.id == town.id else [(town.name, False), line]


def _side(spot: tuple, others: list[tuple], arrows: set[int]) -> int:
    """The first side free of arrows, other spots (close by, or beside it in a label's band) and the
    map's edge; failing that, free of all but the band; then of arrows and close spots only."""
    for taken in (arrows | _facing(spot, others) | _edge(spot), arrows | _facing(spot, others, band=0) | _edge(spot),
                  arrows | _facing(spot, others, band=0)):  # fmt: skip
        free = [side for side in LABEL_SIDES if side not in taken]
        if free:
            return free[0]
    return LABEL_SIDES[0]


def _close(spot: tuple, other: tuple, within: float = 0.25) -> bool:
    """Whether two spots are within `within` degrees of each other (latitude and longitude)."""
    return abs(spot[0] - other[0]) <= within and abs(spot[1] - other[1]) <= within


def _edge(spot: tuple, room: float = 6.5) -> set[int]:
    """The sides a label would run off the map on: east or west within `room` degrees of its edge
    (a 16-character line is about 5 degrees wide on a phone's map)."""
    west, east = LIBYA_VIEW["lonaxis"]["range"]
    return {1, 2, 3} if spot[1] > east - room else {5, 6, 7} if spot[1] < west + room else set()


def _facing(spot: tuple, others: list[tuple], within: float = 4.0, band: float = 9.0) -> set[int]:
    """The sides (and their neighbours) of a spot that face another named spot within `within` degrees,
    or beside it in a band a label's length wide."""
    sides = set()
    for latitude, longitude in others:
        north, east = latitude - spot[0], longitude - spot[1]
        if abs(north) > within and (abs(north) > 2 or abs(east) > band):
            continue  # far off: most spots of a large map (what follows would find it so, slower)
        # a label runs sideways: on a phone's map two a line apart and 9 degrees across still meet
        if (north or east) and (math.hypot(north, east) <= within or (abs(north) <= 2 and abs(east) <= band)):
            side = round(math.degrees(math.atan2(east, north)) / 45) % 8
            sides |= {(side - 1) % 8, side, (side + 1) % 8}
    return sides


def _name_line(name: str, clusters: list[_Cluster], events: int, since: int) -> tuple[str, bool]:
    """A place's line in a label: its name, the years of its events, their count where more than
    one, "disputed" where it applies; in bold when an event there is recent."""
    years = _years(sorted({year for c in clusters for year in c.years}))
    details = ", ".join(filter(None, [years, f"{events} events" if events > 1 else "",
                                      "disputed" if any(c.disputed for c in clusters) else ""]))  # fmt: skip
    return f"{name} ({details})", any(c.latest >= since and not c.context_only for c in clusters)


def _years(years: list[int]) -> str:
    """The years of a mark's events as a reader scans them, never read as a count beside the one
    that follows: 2013; 2016 and 2017; 2011–2022 for three or more."""
    return " and ".join(map(str, years)) if len(years) <= 2 else f"{years[0]}–{years[-1]}"


def _wrap(name: str, width: int = 16, bold: bool = False) -> Markup:
    """A long name over two or more lines, so it stays on a phone's map: wrapped as the reader
    sees it, then each line escaped (`chart_text`), in bold if asked, and the breaks between them ours."""
    lines: list[str] = []
    for word in name.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    shown = "<b>{}</b>" if bold else "{}"  # str.format: Markup.format escapes the escaped line again for nothing
    return Markup("<br>".join(shown.format(str(chart_text(line))) for line in lines))


def _map_label(key: tuple, cluster: _Cluster) -> Markup:
    """The hover's name of a position: the place, and for a relative one how the source puts it;
    for a disputed one every position the sources give, since two may be drawn on one spot."""
    name = chart_text(cluster.place.name)
    label = name if key[0] == "gazetteer" else Markup("{}: {}").format(name, chart_text(key[4]))
    if cluster.disputed:
        stated = Markup("<br>or: ").join(chart_text(position) for position in cluster.stated)
        label = Markup("{} (disputed location)<br>the sources say: {}").format(label, stated)
    return Markup("{}<br>{}").format(label, _hover_dates(cluster))


def _hover_dates(cluster: _Cluster) -> Markup:
    """When its events began, the latest first, each context event said as such."""
    dated = sorted(cluster.dated, key=lambda item: item[0], reverse=True)
    shown = [date + (" (context)" if context else "") for _, date, context in dated[:HOVER_DATES]]
    more = f" and {len(dated) - HOVER_DATES} more" if len(dated) > HOVER_DATES else ""
    return chart_text("; ".join(shown) + more)


ARROW = 22  # an arrow's size in px: plotly draws its head about half as wide, big enough to see on a phone
RING = 10  # how much wider a "near" ring is than a dot for as many events


def _size(cluster: _Cluster) -> float:
    """A mark's size in px, growing with the events at it (by area)."""
    return round(10 + 5 * math.sqrt(cluster.events - 1), 1)


def _standoffs(keys: list[tuple], clusters: dict[tuple, _Cluster]) -> list[float]:
    """How far each arrow sits from its town, in px (bearings clockwise from up): clear of a second
    arrow there, and outside a "near" ring at the same town."""
    rings = {(k[1], k[2]): _size(c) + RING for k, c in clusters.items() if k[0] == "near"}
    return [max(14, rings.get((key[1], key[2]), 0) / 2 + 9) for key in keys]


def _mark_trace(kind: str, keys: list[tuple], clusters: dict[tuple, _Cluster], since: int) -> dict | None:
    if not keys:
        return None
    name, symbol, colour = MAP_MARKS[kind]
    marker = {
        "symbol": symbol,
        "size": [_size(clusters[key]) for key in keys],
        "color": colour,
        "line": {"width": 2 if kind == "near" else 1, "color": colour if kind == "near" else "#ffffff"},
        "opacity": [FADED if clusters[key].context_only or clusters[key].latest < since else 0.9 for key in keys],
    }
    if kind == "direction":  # an arrow beside the town, pointing the stated way; no point is invented
        marker.update(angle=[key[3] for key in keys], standoff=_standoffs(keys, clusters), size=ARROW)
    if kind == "near":  # a ring around the town, not on it
        marker["size"] = [s + RING for s in marker["size"]]
    if kind == "reference":  # a triangle reads smaller than a dot of the same size
        marker["size"] = [s + 3 for s in marker["size"]]
    return _trace("scattergeo",
        name=name,
        mode="markers",
        lon=[key[2] for key in keys],
        lat=[key[1] for key in keys],
        # [0] the events counted, [1] the toll in words, [2] the count in words ("1 event")
        customdata=[[c.events, _wrap(str(c.toll), HOVER_WIDTH), plural(c.events, "event"), _map_label(key, c),
                     chart_text(", ".join(sorted(c.types)))]
                    for key, c in ((key, clusters[key]) for key in keys)],
        marker=marker,
        hovertemplate="%{customdata[3]}<br>%{customdata[2]}, dead: %{customdata[1]}"
                      "<br>%{customdata[4]}<extra>" + name + "</extra>",
    )  # fmt: skip


def _key(
    marks: list[dict | None], references: dict[str, Place], towns: list[Place], since: int
) -> list[tuple[str, str, str]]:
    """The map's key: (shape, colour, meaning) of each kind of mark it draws, then how it shows time."""
    shapes = {
        "circle": "dot",
        "diamond": "diamond",
        "arrow-wide": "arrow",
        "circle-open": "ring",
        "square": "square",
        "triangle-up": "triangle",
    }
    items = [(shapes[m["marker"]["symbol"]], m["marker"]["color"], m["name"]) for m in marks if m]
    opacities = [o for m in marks if m for o in m["marker"]["opacity"]]
    if any(o == FADED for o in opacities):
        faded = f"Faded mark, name not in bold: no event there since {since}, or context only"
        items.append(("faded-dot", MAP_MARKS["gazetteer"][2], faded))
    if references:
        items.append(("dot", REFERENCE[2], REFERENCE[0]))
    if towns:
        items.append(("small-dot", ORIENTATION_MARK[2], ORIENTATION_MARK[0]))
    items.append(("line", DISTRICT_LINE, "District boundary (Natural Earth)"))
    items.append(("scale", SCALE_COLOUR, f"Scale bar: {SCALE_KM} km at {SCALE_AT[0]:g}°N; grid every {GRATICULE}°"))
    return items


def render_map_of(
    events: list[Event], dataset: Dataset, page: str, title: str, links: Links | None = None
) -> Markup | None:
    """A map of these events, when any of them is in Libya and has coordinates."""
    if any(dataset.places[e.place].country == "LBY" and dataset.location(e.place).mapped for e in events):
        return render_chart(event_map(dataset, events, title), page, links)
    return None
