"""The validated dataset every view receives: models by id, references already resolved."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .models import Actor, Assessment, Country, Event, Place, Source, date_bounds


@dataclass(frozen=True)
class Dataset:
    countries: dict[str, Country]
    sources: dict[str, Source]
    places: dict[str, Place]
    actors: dict[str, Actor]
    events: dict[str, Event]  # in date order
    assessments: dict[str, Assessment]
    seeds: dict[str, str]  # source id -> the seed's text, whitespace folded (what quotes match)
    originals: dict[str, str]  # source id -> the seed's text as written

    @property
    def cutoff(self) -> dt.date | None:
        """The information cut-off: the latest day the newest dated source can have appeared."""
        days = [date_bounds(s.published.date)[1] for s in self.sources.values() if s.published.date]
        return max(days, default=None)

    def country_of(self, event: Event) -> Country:
        return self.countries[self.places[event.place].country]

    def events_from(self, source_id: str) -> list[Event]:
        return [e for e in self.events.values() if source_id in e.source_ids]
