"""The validated dataset every view receives: models by id, references already resolved.

Indexes that many pages need (events and assessments by source) are computed once, on first
use, so a page never scans every event: at 100,000 events that scan is the build's main cost.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, TypeVar

from ..core.dates import Cutoff
from ..core.models import Actor, Assessment, Country, Edition, Event, Origin, Place, Source, date_bounds
from ..core.terms import EVENT_PROSE
from .comparison import Analysis, analyse
from .coverage import Coverage, coverage
from .editions import Changes, EditionView, changes_between, history, snapshot
from .figures import Figures, Unnamed, derive, unnamed_added, worded
from .locations import Location, locate

Memo = TypeVar("Memo")  # what a layer above keeps per dataset (`Dataset.memo`)


@dataclass(frozen=True)
class Dataset:
    countries: dict[str, Country]
    origins: dict[str, Origin]
    sources: dict[str, Source]
    places: dict[str, Place]
    actors: dict[str, Actor]
    events: dict[str, Event]  # in date order
    assessments: dict[str, Assessment]
    seeds: dict[str, str]  # source id -> the seed's text folded as quotes match it (quotes.fold)
    originals: dict[str, str]  # source id -> the seed's text as written
    editions: dict[int, Edition] = field(default_factory=dict)  # by number, oldest first
    snapshots: dict[int, dict[str, Any]] = field(default_factory=dict)  # edition number -> its snapshot

    @property
    def edition(self) -> Edition | None:
        """The newest published edition; None before the first is cut."""
        return self.editions[max(self.editions)] if self.editions else None

    @cached_property
    def edition_history(self) -> list[EditionView]:
        """Every edition, newest first, with what it changed from the one before."""
        return history(self.editions, self.snapshots)

    @cached_property
    def unissued(self) -> Changes:
        """What the data says now that the newest edition did not: shown as not yet issued."""
        if not self.editions:
            return Changes()
        return changes_between(self.snapshots[max(self.editions)], snapshot(self))

    @cached_property
    def coverage(self) -> Coverage:
        """The years the documents report events in, and the gaps up to the cut-off."""
        cutoff = self.cutoff
        return coverage(self.events.values(), self.sources.values(), cutoff.last_day.year if cutoff else None)

    @cached_property
    def cutoff(self) -> Cutoff | None:
        """The newest source's publication date, as precisely as it is known: the newest by the
        last day it can mean, and of two that end alike, the more precise. Worked out once: every
        event's citation names it (a scan of every source per event was a tenth of the cards)."""
        dated = [s.published for s in self.sources.values() if s.published.date]
        if not dated:
            return None
        newest = max(dated, key=lambda p: (date_bounds(p.date)[1], len(p.date)))
        return Cutoff(newest.date, newest.precision)

    def counts(self) -> dict[str, int]:
        """What the dataset holds, counted once for the front page, its macros and the print cover."""
        return dict(self._counts)  # a copy: the counting scans every event, and a caller may change it

    @cached_property
    def _counts(self) -> dict[str, int]:
        events, sources = self.events.values(), self.sources.values()
        return {
            "events": len(self.events),
            "sources": len(self.sources),
            "places": len(self.places),
            "actors": len(self.actors),
            "assessments": len(self.assessments),
            "named_assessments": sum(a.by is not None for a in self.assessments.values()),
            "unnamed_assessments": sum(a.unnamed for a in self.assessments.values()),
            "claims": sum(len(e.claims) for e in events),
            "disputed": sum(self.status(e.id) == "disputed" for e in events),
            "origins": len(self.origins),
            "unknown_outlets": sum(s.outlet.name is None for s in sources),
            "undated_sources": sum(s.published.date is None for s in sources),
        }

    def country_of(self, event: Event) -> Country:
        return self.countries[self.places[event.place].country]

    def events_from(self, source_id: str) -> list[Event]:
        return self._events_by_source.get(source_id, [])

    def assessments_from(self, source_id: str) -> list[Assessment]:
        return self._assessments_by("source").get(source_id, [])

    def assessments_by(self, actor_id: str) -> list[Assessment]:
        return self._assessments_by("by").get(actor_id, [])

    def _assessments_by(self, field: str) -> dict[str, list[Assessment]]:
        """Assessments grouped by a field, once: a page per source or actor asks for its own."""
        if field not in self._assessment_index:
            index: dict[str, list[Assessment]] = defaultdict(list)
            for assessment in self.assessments.values():
                index[getattr(assessment, field)].append(assessment)
            self._assessment_index[field] = index
        return self._assessment_index[field]

    @cached_property
    def _assessment_index(self) -> dict[str, dict[str, list[Assessment]]]:
        return {}

    def analysis(self, event_id: str) -> Analysis:
        """The event's comparable points, voices and labels, derived once for every view."""
        found = self._analyses.get(event_id)
        if found is None:
            found = self._analyses[event_id] = analyse(self.events[event_id], self.actors, self.origins, self.places)
        return found

    def seed_analyses(self, analyses: dict[str, Analysis]) -> None:
        """Take the analyses the loader's checks already derived, so no event is analysed twice."""
        self._analyses.update(analyses)

    def status(self, event_id: str) -> str:
        """Single report, corroborated or disputed: derived, never taken on trust from the data."""
        return self.analysis(event_id).status

    def location(self, place_id: str) -> Location:
        found = self._locations.get(place_id)
        if found is None:
            found = self._locations[place_id] = locate(self.places[place_id], self.places)
        return found

    @cached_property
    def _analyses(self) -> dict[str, Analysis]:
        return {}

    @cached_property
    def _locations(self) -> dict[str, Location]:
        return {}

    def figures(self, event_id: str, field: str = "fatalities") -> Figures | None:
        """The event's derived figures, computed once: every chart and page asks for the same ones."""
        key = (event_id, field)
        if key not in self._figures:
            self._figures[key] = derive(self.analysis(event_id), field, self.sources, self.actors)
        return self._figures[key]

    def worded(self, event_id: str, field: str = "fatalities") -> list[str]:
        """The source's words ("several") for the parts of the event's total no number is given for."""
        return worded(self.analysis(event_id), field, self.actors)

    def unnamed_added(self, event_id: str, field: str = "fatalities") -> list[Unnamed]:
        """The dead of parties a source left unnamed that the top of the event's total adds to a
        named party's, though they may be the same people."""
        return unnamed_added(self.analysis(event_id), field, self.sources, self.actors)

    @cached_property
    def _figures(self) -> dict[tuple[str, str], Figures | None]:
        return {}

    def memo(self, kind: type[Memo]) -> Memo:
        """What a layer above makes of this dataset's records and is asked for again: one `kind()`,
        made on first ask and kept until `forget_memos`. The views keep there each event's view and
        tolls (macros/views/eventview.py `EventViews`) and the list items and chips that pages
        linking a record alike share (macros/views/chips.py `SharedChips`), while the pages are made
        (macros/views/pages.py). The kind is the caller's, so this layer imports none above it."""
        found = self._memos.get(kind)
        if isinstance(found, kind):
            return found
        made = self._memos[kind] = kind()
        return made

    def forget_memos(self) -> None:
        """Let go of every `memo`: what they hold served one build's pages, and a dataset outlives a
        template edited under `make serve`."""
        self._memos.clear()

    @cached_property
    def _memos(self) -> dict[type, object]:
        return {}

    @cached_property
    def _events_by_source(self) -> dict[str, list[Event]]:
        return _grouped((source_id, e) for e in self.events.values() for source_id in e.source_ids)


# Every record the dataset holds besides its events.
RECORDS = (
    "countries",
    "origins",
    "sources",
    "places",
    "actors",
    "assessments",
    "seeds",
    "originals",
    "editions",
    "snapshots",
)


def same_records(before: Dataset, after: Dataset) -> bool:
    """Whether every record but the events' contents is as it was: the other records by value,
    the events' ids and order."""
    others = all(same(getattr(before, name), getattr(after, name)) for name in RECORDS)
    return others and list(before.events) == list(after.events)


def differs_in_prose_alone(before: Dataset, after: Dataset) -> bool:
    """Whether `after` holds the same facts as `before`: every record equal but for events' own
    prose (EVENT_PROSE), so whatever is worked out from the facts alone (the whole dataset's
    charts) stands."""
    if not same_records(before, after):
        return False
    blank = dict.fromkeys(EVENT_PROSE)
    return all(
        same(old, new) or old.model_copy(update=blank) == new.model_copy(update=blank)
        for old, new in zip(before.events.values(), after.events.values(), strict=True)
    )


def same(old: object, new: object) -> bool:
    """Equal by value; the very same object (a record taken back from an unchanged file) at once."""
    return old is new or old == new


def _grouped(pairs: Iterable[tuple[str, Event]]) -> dict[str, list[Event]]:
    """Events by a key, in the order given: an index made in one pass over the events."""
    index: dict[str, list[Event]] = defaultdict(list)
    for key, event in pairs:
        index[key].append(event)
    return index
