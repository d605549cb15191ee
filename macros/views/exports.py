"""Downloads written into every build (`site/downloads/`): a view over the models.

`events.csv` uses ACLED's column names where they apply, so the data can sit beside ACLED's;
our own columns follow. Figures are derived (`figures.py`), never typed. Text cells that a
spreadsheet would run as a formula (starting with = + - @) are neutralised with a leading quote.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from ..core.dates import date_as_stated
from ..core.models import Event, date_bounds
from ..core.terms import DISORDER_TYPES
from ..derive.comparison import conflicts
from ..derive.dataset import Dataset
from .eventparts import EventParts, each_event

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
    "civilian_targeting", "iso", "region", "country", "admin1", "location", "latitude", "longitude",
    "geo_precision", "source", "source_scale", "notes", "fatalities", "tags",
)  # fmt: skip
EVENT_COLUMNS = (
    *ACLED_COLUMNS, "date_as_stated", "end_date", "fatalities_low", "fatalities_high", "status", "disputed",
    "independent_origins", "source_ids", "location_precision",
)  # fmt: skip
CLAIM_COLUMNS = (
    "event_id_cnty", "source_id", "field", "party", "value", "value_words", "value_low", "value_high", "scope",
    "moment", "polarity", "origin", "origin_kind", "via", "credibility", "quote",
)  # fmt: skip
ORIGIN_COLUMNS = ("origin_id", "kind", "name", "speaker", "date", "cited_by")
SOURCE_COLUMNS = (
    "source_id", "title", "outlet", "outlet_basis", "author", "published", "date_precision", "published_basis",
    "reliability", "seed_file", "sha256", "url",
)  # fmt: skip
DOWNLOADS = {  # file name -> what it holds (listed on the methodology page)
    "events.csv": (
        "one row per event, ACLED's columns first (event_date a full date as ACLED writes one: a month "
        "known only to the month on its 15th, a year on 1 July, time_precision 3), then the date as "
        "stated (saying when it is approximate or inferred), derived figures, status, sources and how "
        "its point was obtained (location_precision). fatalities follows ACLED: the conservative toll, 0 "
        "where no source gives one; fatalities_low and fatalities_high are empty then, so a toll not reported "
        "is never read as none killed"
    ),
    "claims.csv": "one row per claim: source, field, value as stated, bounds and quote",
    "sources.csv": (
        "one row per source document, with its grade and checksum, and whether the document itself names its "
        "outlet and date or the analyst inferred them (outlet_basis, published_basis)"
    ),
    "events.geojson": "a point per event (events without coordinates have no geometry)",
    "origins.csv": "one row per origin (a statement, post, interview or report) and the documents that relay it",
    "events.json": (
        "every event as modelled, claims included, with derived figures, status, disagreements, independent "
        "origins, compared points and each claim's credibility"
    ),
}
SEPARATOR = "; "
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def write_exports(dataset: Dataset, folder: Path, parts: EventParts | None = None) -> None:
    """Write the downloads into `folder`, one at a time, so no more than one is held at once;
    with `parts` (`make serve`), each event's part of each file is kept for the next build, and
    the build before's taken back for an unchanged event (eventparts.py)."""
    for name, text in _exports(dataset, parts):
        (folder / name).write_text(text, encoding="utf-8")


def _exports(dataset: Dataset, parts: EventParts | None = None) -> Iterator[tuple[str, str]]:
    """Each file, joined from its events' parts: a file's text is its parts one after another."""
    rows: dict[str, dict[str, Any]] = {}  # each event's row, for events.csv and events.geojson

    def row(event: Event) -> dict[str, Any]:
        found = rows.get(event.id)
        if found is None:
            found = rows[event.id] = _event_row(event, dataset)
        return found

    def each(kind: str, make: Callable[[Event], str]) -> Iterable[str]:
        return each_event(dataset, kind, make, parts)

    def claims(event: Event) -> str:
        return _csv_lines(_cells(row, CLAIM_COLUMNS) for row in _claim_rows(event, dataset))

    yield "events.csv", _csv_lines([EVENT_COLUMNS]) + "".join(each("events.csv", lambda e: _csv_row(row(e))))
    yield "claims.csv", _csv_lines([CLAIM_COLUMNS]) + "".join(each("claims.csv", claims))
    yield "sources.csv", to_csv(source_rows(dataset), SOURCE_COLUMNS)
    yield "origins.csv", to_csv(origin_rows(dataset), ORIGIN_COLUMNS)
    features = ",".join(each("events.geojson", lambda e: _json_part(_feature(row(e)))))
    rows.clear()
    yield "events.geojson", f'{{"type":"FeatureCollection","features":[{features}]}}\n'
    cutoff = _json_part(dataset.cutoff.isoformat() if dataset.cutoff else None)
    items = ",".join(each("events.json", lambda e: _json_part(_full_event(e, dataset))))
    yield "events.json", f'{{"information_cutoff":{cutoff},"events":[{items}]}}\n'


def _event_row(event: Event, dataset: Dataset) -> dict[str, Any]:
    """ACLED's columns in ACLED's order, then ours."""
    sources = [dataset.sources[s] for s in event.source_ids]
    figures = dataset.figures(event.id, "fatalities")
    return {
        "event_id_cnty": event.id,
        "event_date": acled_date(event.date).isoformat(),
        "time_precision": event.time_precision,
        "disorder_type": DISORDER_TYPES[event.event_type],
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        **_actor_columns(event, dataset),
        **_place_columns(event, dataset),
        "source": SEPARATOR.join(s.outlet.name or f"unknown outlet ({s.id})" for s in sources),
        "source_scale": "-".join(sorted({s.scale.capitalize() for s in sources})),
        "notes": event.summary,
        "fatalities": figures.conservative if figures else 0,
        "tags": SEPARATOR.join(event.tags),
        "date_as_stated": date_as_stated(event),
        "end_date": event.end_date or "",
        "fatalities_low": figures.low if figures else None,
        "fatalities_high": figures.high if figures else None,
        "status": dataset.status(event.id),
        "disputed": dataset.status(event.id) == "disputed",
        "independent_origins": len(dataset.analysis(event.id).voices),
        "source_ids": SEPARATOR.join(event.source_ids),
    }


def _actor_columns(event: Event, dataset: Dataset) -> dict[str, Any]:
    """The actors, their interaction codes and whether civilians were targeted, as ACLED has them."""
    actor1 = dataset.actors[event.actor1]
    actor2 = dataset.actors[event.actor2] if event.actor2 else None
    codes = sorted(c for c in (actor1.inter, actor2.inter if actor2 else None) if c is not None)
    return {
        "actor1": actor1.name,
        "assoc_actor_1": SEPARATOR.join(dataset.actors[a].name for a in event.assoc_actors_1),
        "inter1": actor1.inter,
        "actor2": actor2.name if actor2 else "",
        "assoc_actor_2": SEPARATOR.join(dataset.actors[a].name for a in event.assoc_actors_2),
        "inter2": actor2.inter if actor2 else None,
        "interaction": int("".join(map(str, codes))) * (10 if len(codes) == 1 else 1) if codes else None,
        "civilian_targeting": "Civilian targeting" if actor2 and actor2.kind == "civilians" else "",
    }


def _place_columns(event: Event, dataset: Dataset) -> dict[str, Any]:
    """Where, as ACLED has it: country, district, place and its point where one is stated."""
    place = dataset.places[event.place]
    country = dataset.countries[place.country]
    point = _point(dataset, event.place)
    return {
        "iso": country.iso_numeric,
        "region": country.region,
        "country": country.name,
        "admin1": place.admin1 or "",
        "location": place.name,
        "latitude": point[0] if point else None,
        "longitude": point[1] if point else None,
        "geo_precision": place.geo_precision,
        "location_precision": _location_precision(dataset, event.place),
    }


def _point(dataset: Dataset, place_id: str) -> tuple[float, float] | None:
    """Coordinates for the export: a gazetteer point, one from a named reference, one a document
    states, or one computed from a stated bearing and distance; none for a bare direction, "near",
    or a disputed location."""
    positions = dataset.location(place_id).positions
    if len(positions) == 1 and positions[0].precision in ("gazetteer", "reference", "stated", "computed"):
        return positions[0].latitude, positions[0].longitude
    return None


def _location_precision(dataset: Dataset, place_id: str) -> str:
    """How its point was obtained (a key of terms.LOCATION_PRECISIONS: gazetteer, reference,
    computed, stated, direction, near), "disputed" for several, "" for none."""
    positions = dataset.location(place_id).positions
    if len(positions) > 1:
        return "disputed"
    return positions[0].precision if positions else ""


def acled_date(value: str) -> dt.date:
    """A full date as ACLED writes one: the day itself, or for a coarser date the middle of what it
    can mean (a month: the 15th; a year: 1 July). `time_precision` says how precise it is."""
    first, last = date_bounds(value)
    if first == last:
        return first
    if first.month == last.month:
        return first.replace(day=15)
    return first.replace(month=7, day=1) if (first.month, last.month) == (1, 12) else first + (last - first) / 2


def _claim_rows(event: Event, dataset: Dataset) -> list[dict[str, Any]]:
    analysis = dataset.analysis(event.id)
    rows = []
    for claim in event.claims:
        low, high = claim.bounds if claim.bounds else (None, None)
        origin = dataset.origins.get(claim.origin) if claim.origin else None
        rows.append(
            {
                "event_id_cnty": event.id,
                "source_id": claim.source,
                "field": claim.field,
                "party": claim.party or "",
                "value": claim.value,
                "value_words": claim.stated,
                "value_low": low,
                "value_high": high,
                "scope": claim.scope or "event",
                "moment": claim.dated_moment if claim.field == "date" else "",
                "polarity": claim.polarity,
                "origin": claim.origin or "",
                "origin_kind": origin.kind if origin else "own reporting",
                "via": SEPARATOR.join(claim.via),
                "credibility": analysis.credibility(claim),
                "quote": claim.quote,
            }
        )
    return rows


def origin_rows(dataset: Dataset) -> list[dict[str, Any]]:
    cited_by: dict[str, list[str]] = {}
    for source in dataset.sources.values():
        for origin_id in source.cites:
            cited_by.setdefault(origin_id, []).append(source.id)
    return [
        {
            "origin_id": origin.id,
            "kind": origin.kind,
            "name": origin.name,
            "speaker": dataset.actors[origin.speaker].name if origin.speaker else "",
            "date": origin.date or "",
            "cited_by": SEPARATOR.join(cited_by.get(origin.id, [])),
        }
        for origin in dataset.origins.values()
    ]


def source_rows(dataset: Dataset) -> list[dict[str, Any]]:
    return [
        {
            "source_id": s.id,
            "title": s.title,
            "outlet": s.outlet.name or "",
            "outlet_basis": s.outlet.basis,
            "author": s.author or "",
            "published": s.published.date or "",
            "date_precision": s.published.precision or "",
            "published_basis": s.published.basis,
            "reliability": s.reliability,
            "seed_file": s.seed,
            "sha256": s.sha256,
            "url": s.url or "",
        }
        for s in dataset.sources.values()
    ]


def to_csv(rows: list[dict[str, Any]], columns: tuple[str, ...]) -> str:
    return _csv_lines([columns]) + _csv_lines(_cells(row, columns) for row in rows)


def _csv_row(row: dict[str, Any]) -> str:
    """One event's line of events.csv."""
    return _csv_lines([_cells(row, EVENT_COLUMNS)])


def _csv_lines(rows: Iterable[Iterable[Any]]) -> str:
    """Rows as CSV lines: a table's text is its lines one after another, however they are split."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)  # rows as lists: DictWriter's checks cost a third
    return buffer.getvalue()


def _cells(row: dict[str, Any], columns: tuple[str, ...]) -> list[Any]:
    return [_cell(row[key]) for key in columns]


def _cell(value: Any) -> Any:
    if type(value) is str:  # most cells
        return "'" + value if value.startswith(FORMULA_STARTS) else value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _feature(row: dict[str, Any]) -> dict[str, Any]:
    """An event's point in events.geojson, its properties its row of events.csv."""
    return {
        "type": "Feature",
        "id": row["event_id_cnty"],
        "geometry": (
            {"type": "Point", "coordinates": [row["longitude"], row["latitude"]]}
            if row["latitude"] is not None
            else None
        ),
        "properties": row,
    }


def _full_event(event: Event, dataset: Dataset) -> dict[str, Any]:
    """An event in events.json as modelled, claims included, with the derived figures and disagreements."""
    item = event.model_dump(mode="json")
    for field in ("fatalities", "injuries"):
        figures = dataset.figures(event.id, field)
        item[f"{field}_derived"] = figures.__dict__ if figures else None
    analysis = dataset.analysis(event.id)
    item["status_derived"] = analysis.status
    item["disagreements"] = conflicts(analysis)
    item["independent_origins"] = [v.split(":", 1)[1] for v in analysis.voices]
    item["points"] = [
        {
            "field": point.field,
            "parties": list(point.parties),
            "scope": point.scope,
            "moment": point.moment,
            "compared": point.compared,
            "disputed": point.disputed,
            "corroborated": point.corroborated,
            "independent_voices": len(point.independent_voices),
        }
        for point in analysis.points
    ]
    for claim, dumped in zip(event.claims, item["claims"], strict=True):
        dumped["credibility_derived"] = analysis.credibility(claim)
    return item


def _json_part(value: Any) -> str:
    """A value as it is written within a download's JSON (compact: a file's text is its parts joined)."""
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)
