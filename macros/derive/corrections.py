"""Corrections: every mistake in what the briefing published that the data records as put right
(an event's or a source's `corrections`), and every accepted change to a source's document (its
`revisions`), newest first. The Corrections page lists them; an edition's "what changed" lists
those its snapshot is the first to hold (editions.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Corrected:
    """One correction: when, to what (an event or a source, by id), and what was put right."""

    date: dt.date
    kind: str  # "event", "source" (its record) or "document" (its copy in seeds/, a revision)
    record: str
    what: str

    @property
    def key(self) -> list[str]:
        """How a snapshot records it: plain JSON, the same for the same correction."""
        return [self.kind, self.record, self.date.isoformat(), self.what]


def corrections(dataset: Any) -> list[Corrected]:
    """Every correction in the data, newest first (then by record)."""
    found = [Corrected(c.date, "event", e.id, c.what) for e in dataset.events.values() for c in e.corrections]
    for source in dataset.sources.values():
        found += [Corrected(c.date, "source", source.id, c.what) for c in source.corrections]
        found += [Corrected(r.date, "document", source.id, f"its document changed: {r.why}") for r in source.revisions]
    return sorted(found, key=lambda c: (c.date, c.kind, c.record, c.what), reverse=True)


def last_changed(events: Iterable[Any], sources: Iterable[Any]) -> dt.date | None:
    """The newest day any of these records changed in the data: added, a claim added to it, a
    correction, a revision of its document. Never the build's day: builds stay byte-identical."""
    days: list[dt.date] = []
    for event in events:
        days += [event.added, *(c.added for c in event.claims if c.added), *(c.date for c in event.corrections)]
    for source in sources:
        days += [source.added, *(c.date for c in source.corrections), *(r.date for r in source.revisions)]
    return max(days, default=None)
