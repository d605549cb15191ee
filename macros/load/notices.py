"""What `make validate` tells the analyst without refusing the data.

- A figure one origin gives twice, once for a party and once for a party within it (the Interior
  Ministry's three dead, relayed as "security forces" by one document and as members of an army
  brigade by another). Both claims stay, each in its document's words; the total counts the wider
  party's figure once (`derive.figures.counted`), and the note says so at the claim's line.
- Two events that may be one: their dates overlap (an approximate date by a week either way),
  they are at one place, by one town, in one district or within 100 km (or one is placed only in
  a region of the other's country and both are dated to the day), and they share an actor.
  The way out is to move the claims onto the event on record, or to record in `distinct_from`
  why the two are apart.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

from geographiclib.geodesic import Geodesic

from ..core.models import Claim, Event, Place, date_bounds
from ..derive.dataset import Dataset
from ..derive.figures import nested, within, within_words
from .review import records_of


def nested_figures(data_dir: Path, dataset: Dataset) -> list[str]:
    """A note for each claim whose figure is left out of its event's total because its party sits
    within a party the same origin gives a figure for."""
    notes = []
    for _, record, document, base in records_of(data_dir, ("events",)):
        event = dataset.events.get(str(record.get("id")))
        if event is None:
            continue
        for index, claim, party, same in _counted_once(dataset, event.id):
            line = document.line_of((*base, "claims", index, "party"))
            # the party and its words are the card's (`nested`, `within_words`): "is within" the force
            # it surely belongs to, "may be within" an unnamed party only when no named one holds it
            relation = within_words(party, dataset.actors)
            relation = "is within" if relation == "within" else relation
            also = f"for which {claim.origin_key} gives a {claim.field} figure too"
            if same.party != party:  # the origin's other figure is an unnamed party's the force may be
                also = f"and {claim.origin_key} gives a {claim.field} figure too for {same.party}, which may be {party}"
            notes.append(
                f"note: {document.file}:{line}: {event.id}.claims[{index}].party: {claim.party} {relation} "
                f"{party}, {also} (claims[{_index(event.claims, same)}]): counted once, as {party}'s"
            )
    return notes


def _counted_once(dataset: Dataset, event_id: str) -> Iterator[tuple[int, Claim, str, Claim]]:
    """(claim index, claim, the party whose figure holds it, the same origin's claim in that
    figure) for each figure left out."""
    event, analysis = dataset.events[event_id], dataset.analysis(event_id)
    for field in dict.fromkeys(point.field for point in analysis.points):
        for point, wider, party in nested(analysis, field, dataset.actors):
            for claim in point.claims:
                same = [w for w in wider.claims if w.origin_key == claim.origin_key and _within(claim, w, dataset)]
                if same:
                    yield _index(event.claims, claim), claim, party, same[0]


def _within(claim: Claim, wider: Claim, dataset: Dataset) -> bool:
    return claim.party is not None and wider.party is not None and within(claim.party, wider.party, dataset.actors)


def _index(claims: list[Claim], claim: Claim) -> int:
    return next(number for number, candidate in enumerate(claims) if candidate is claim)


APPROXIMATE_DAYS = 7  # how far either way an approximate date may be from the day written
NEARBY_KM = 100  # two places this close may be one scene of fighting in the desert


def likely_duplicates(data_dir: Path, dataset: Dataset) -> list[str]:
    """A note at the later-added event of each pair that may be one event, naming the other and
    the two ways out."""
    lines = {str(r.get("id")): (doc, base) for _, r, doc, base in records_of(data_dir, ("events",))}
    order = {event_id: number for number, event_id in enumerate(lines)}

    def added(event: Event) -> tuple:
        return event.added, order.get(event.id, 0)

    pairs = [sorted(pair, key=added) for pair in _overlapping(dataset)]  # the note goes to the one added later
    notes = []
    for first, second in sorted(pairs, key=lambda pair: (added(pair[1]), added(pair[0]))):
        if {first.id, second.id} & ({d.event for d in first.distinct_from} | {d.event for d in second.distinct_from}):
            continue
        where = _same_scene(first, second, dataset)
        if where and _actors(first) & _actors(second):
            document, base = lines[second.id]
            notes.append(
                f"note: {document.file}:{document.line_of((*base, 'id'))}: {second.id}: may be {first.id} "
                f"({first.date}, {where}, both with {', '.join(sorted(_actors(first) & _actors(second)))}): move "
                f"its claims onto {first.id}, or record why they differ: distinct_from: [{{event: {first.id}, "
                f"reason: ...}}]"
            )
    return notes


def _overlapping(dataset: Dataset) -> Iterator[tuple[Event, Event]]:
    """The pairs of events whose dates overlap, found in one sweep along the calendar (not every
    pair of a large dataset)."""
    spans = sorted((*_span(event), event.id) for event in dataset.events.values())
    for number, (_, end, event_id) in enumerate(spans):
        for other_start, _, other_id in spans[number + 1 :]:
            if other_start > end:
                break
            yield dataset.events[event_id], dataset.events[other_id]


def _span(event: Event) -> tuple[dt.date, dt.date]:
    slack = dt.timedelta(days=APPROXIMATE_DAYS if event.date_precision == "approximate" else 0)
    return date_bounds(event.date)[0] - slack, date_bounds(event.end_date or event.date)[1] + slack


def _actors(event: Event) -> set[str]:
    return {event.actor1, *event.assoc_actors_1, *event.assoc_actors_2} | ({event.actor2} if event.actor2 else set())


def _anchor(place: Place, dataset: Dataset) -> Place:
    """A place without coordinates of its own, by the town it is near or measured from."""
    town = place.near or (place.relative_to[0].place if place.relative_to else None)
    return dataset.places[town] if place.latitude is None and town else place


def _same_scene(first: Event, second: Event, dataset: Dataset) -> str | None:
    """How the two events' places are one scene, in words; None when they are not."""
    if first.place == second.place:
        return f"at {dataset.places[first.place].name}"
    one, other = _anchor(dataset.places[first.place], dataset), _anchor(dataset.places[second.place], dataset)
    if one.id == other.id:
        return f"both by {one.name}"
    if one.country == other.country and one.admin1 and one.admin1 == other.admin1:
        return f"both in {one.admin1}"
    if (
        one.latitude is not None
        and other.latitude is not None
        and one.longitude is not None
        and other.longitude is not None
    ):
        metres = Geodesic.WGS84.Inverse(one.latitude, one.longitude, other.latitude, other.longitude)["s12"]  # type: ignore[arg-type]
        return f"{metres / 1000:.0f} km apart" if metres <= NEARBY_KM * 1000 else None
    vague = next((place for place in (one, other) if _unplaced(place)), None)
    if vague is not None and one.country == other.country and _to_the_day(first) and _to_the_day(second):
        # a region placed no finer may take in the other; only for incidents dated to the day, as
        # a month's or a year's reports in one country would all be paired
        named = other if vague is one else one
        return f"{vague.name}, placed no finer, may take in {named.name}"
    return None


def _to_the_day(event: Event) -> bool:
    """An incident dated to a day (or a few days, `end_date`), however approximately: not a month,
    a year, or an undated event's report date."""
    start, end = date_bounds(event.date)[0], date_bounds(event.end_date or event.date)[1]
    return not event.undated and date_bounds(event.date)[0] == date_bounds(event.date)[1] and (end - start).days < 7


def _unplaced(place: Place) -> bool:
    """A place known only by its country: no coordinates, no town it is by, no district."""
    return place.latitude is None and not place.near and not place.relative_to and not place.admin1
