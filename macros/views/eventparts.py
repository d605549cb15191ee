"""Each event's part of the files drawn from every event (a row of each download, a card's
citation entries, the day and pages that date it), kept from one `make serve` build to the next:
after an edit inside events, only the edited events' parts are made again, and every file is
its events' parts joined, byte for byte what making them all writes."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from ..core.models import Event
from ..derive.dataset import Dataset, same

if TYPE_CHECKING:
    from .siteplan import SitePlan


@dataclass(frozen=True)
class EventParts:
    """What a build made of each event for the files drawn from every event (the downloads' rows,
    the citation files' entries, the pages' dates, the lasting addresses, the search entries),
    each kind by event: under `make serve`, the next build takes an event's part back while
    everything but the events' contents is as it was (regeneration.py `parts_for`, as for the
    pages) and the event is the same, and makes the others again. The plugin's build hands it
    from build to build (macros/publish/site.py), each build starting its own (`following`)."""

    dataset: Dataset | None = None  # what this build's parts are made from
    plan: SitePlan | None = None
    made: dict[str, dict[str, Any]] = field(default_factory=dict)  # kind -> event id -> its part
    _made_now: list[tuple[str, str]] = field(default_factory=list)  # (kind, event id) of the parts made, not taken back
    _kept: dict[str, dict[str, Any]] = field(default_factory=dict)  # the build before's, if they hold
    _before: Dataset | None = None  # what those were made from

    def following(self, dataset: Dataset, plan: SitePlan, holds: bool) -> EventParts:
        """The parts of a build of `dataset`: this build's taken back where they `holds`
        (regeneration.py `parts_for` says whether they do)."""
        return EventParts(dataset, plan, _kept=self.made, _before=self.dataset) if holds else EventParts(dataset, plan)

    @property
    def made_again(self) -> int:
        """How many parts this build made rather than took back."""
        return len(self._made_now)

    @property
    def trusted(self) -> bool:
        """Whether parts of the build before are there to be taken back."""
        return bool(self._kept)

    @cached_property
    def _unchanged(self) -> frozenset[str]:
        """The events that are as they were in the build before (compared once for every kind)."""
        before = self._before.events if self._before is not None and self._kept else {}
        events = self.dataset.events if self.dataset is not None else {}
        return frozenset(i for i, event in events.items() if i in before and same(before[i], event))

    def each(self, dataset: Dataset, kind: str, make: Callable[[Event], Any]) -> list[Any]:
        """Every event's part of `kind`, in the dataset's order: the build before's for the same
        event, else made now."""
        if dataset is not self.dataset:
            raise ValueError("parts are made for their build's dataset (`following`), not another")
        kept, unchanged = self._kept.get(kind, {}), self._unchanged
        made: dict[str, Any] = {}
        for event_id, event in dataset.events.items():
            if event_id in unchanged and event_id in kept:
                made[event_id] = kept[event_id]
            else:
                made[event_id] = make(event)
                self._made_now.append((kind, event_id))
        self.made[kind] = made
        return list(made.values())

    def handed(self) -> dict[str, dict[str, Any]]:
        """Every part this build has, by kind and event: what a forked child hands back (`take`)."""
        return self.made

    def take(self, handed: dict[str, dict[str, Any]]) -> None:
        """Parts a forked child made from this build's dataset (`handed`), for the next build."""
        self.made.update(handed)


def each_event(dataset: Dataset, kind: str, make: Callable[[Event], Any], parts: EventParts | None) -> Iterable[Any]:
    """Every event's part of `kind`, in the dataset's order: made one at a time as asked (a fresh
    build holds none of them), or with `parts` (`make serve`) taken back from the build before
    where it holds and kept for the next."""
    return map(make, dataset.events.values()) if parts is None else parts.each(dataset, kind, make)
