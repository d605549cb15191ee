"""An event with everything a page shows about it resolved: the shape every template receives."""

from __future__ import annotations

from dataclasses import dataclass

from .dataset import Dataset
from .dates import show_event_date
from .figures import ClaimGroup, Figures, claim_groups
from .models import Actor, Country, Event, Place, Source


@dataclass(frozen=True)
class EventView:
    event: Event
    date: str
    place: Place
    country: Country
    actor1: Actor
    actor2: Actor | None
    assoc1: list[Actor]
    assoc2: list[Actor]
    sources: list[Source]
    fatalities: Figures | None
    injuries: Figures | None
    groups: list[ClaimGroup]

    @property
    def differing(self) -> list[ClaimGroup]:
        """The points on which the sources disagree, shown side by side."""
        return [group for group in self.groups if group.disputed]

    @property
    def actor_ids(self) -> list[str]:
        actors = [self.actor1, *self.assoc1, *([self.actor2] if self.actor2 else []), *self.assoc2]
        return [actor.id for actor in actors]


def event_view(event: Event, dataset: Dataset) -> EventView:
    actors = dataset.actors
    return EventView(
        event=event,
        date=show_event_date(event),
        place=dataset.places[event.place],
        country=dataset.country_of(event),
        actor1=actors[event.actor1],
        actor2=actors[event.actor2] if event.actor2 else None,
        assoc1=[actors[a] for a in event.assoc_actors_1],
        assoc2=[actors[a] for a in event.assoc_actors_2],
        sources=[dataset.sources[s] for s in event.source_ids],
        fatalities=dataset.figures(event.id, "fatalities"),
        injuries=dataset.figures(event.id, "injuries"),
        groups=claim_groups(event),
    )


def event_heading(event: Event, dataset: Dataset) -> str:
    """One line naming an event, as the feed and the search results show it: date: type, place."""
    return f"{show_event_date(event)}: {event.sub_event_type}, {dataset.places[event.place].name}"
