"""Each event's part of the files drawn from every event (a row of each download, a card's
citation entries, the day and pages that date it), kept from one `make serve` build to the next:
after an edit inside events, only the edited events' parts are made again, and every file is
its events' parts joined, byte for byte what making them all writes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..core.models import Event
from ..derive.dataset import Dataset, same

if TYPE_CHECKING:
    from .siteplan import SitePlan


@dataclass
class EventParts:
    """What a build made of each event for the files drawn from every event (the downloads' rows,
    the citation files' entries, the pages' dates), each kind by event: under `make serve`, the
    next build takes an event's part back while everything but the events' contents is as it
    was (regeneration.py `parts_for`, as for the pages) and the event is the same, and makes the
    others again. The plugin's build hands it from build to build (macros/publish/site.py), each
    build starting its own (`following`)."""

    dataset: Dataset | None = None  # what this build's parts are made from
    plan: SitePlan | None = None
    made: dict[str, dict[str, tuple[Event, Any]]] = field(default_factory=dict)  # kind -> id -> (event, part)
    made_again: int = 0  # the parts this build made (the others taken back)
    _kept: dict[str, dict[str, tuple[Event, Any]]] = field(default_factory=dict)  # the build before's, if trusted

    def following(self, dataset: Dataset, plan: SitePlan, holds: bool) -> EventParts:
        """The parts of a build of `dataset`: this build's taken back where they `holds`
        (regeneration.py `parts_for` says whether they do)."""
        return EventParts(dataset, plan, _kept=self.made if holds else {})

    @property
    def trusted(self) -> bool:
        """Whether parts of the build before are there to be taken back."""
        return bool(self._kept)

    def each(self, dataset: Dataset, kind: str, make: Callable[[Event], Any]) -> list[Any]:
        """Every event's part of `kind`, in the dataset's order: the build before's for the same
        event, else made now."""
        if dataset is not self.dataset:
            raise ValueError("parts are made for their build's dataset (`following`), not another")
        kept, made = self._kept.get(kind, {}), {}
        parts = []
        for event_id, event in dataset.events.items():
            found = kept.get(event_id)
            if found is not None and same(found[0], event):
                part = found[1]
            else:
                part = make(event)
                self.made_again += 1
            made[event_id] = (event, part)
            parts.append(part)
        self.made[kind] = made
        return parts

    def handed(self) -> dict[str, dict[str, Any]]:
        """Every part this build has, by kind and event: what a forked child hands back (`take`)."""
        return {kind: {event_id: part for event_id, (_, part) in made.items()} for kind, made in self.made.items()}

    def take(self, handed: dict[str, dict[str, Any]]) -> None:
        """Parts a forked child made from this build's dataset (`handed`), for the next build."""
        if self.dataset is not None:
            events = self.dataset.events
            for kind, parts in handed.items():
                self.made[kind] = {event_id: (events[event_id], part) for event_id, part in parts.items()}


def each_event(dataset: Dataset, kind: str, make: Callable[[Event], Any], parts: EventParts | None) -> list[Any]:
    """Every event's part of `kind`, in the dataset's order: made, or with `parts` (`make serve`)
    taken back from the build before where it holds."""
    return [make(event) for event in dataset.events.values()] if parts is None else parts.each(dataset, kind, make)
