"""An event with everything a page shows about it resolved: the shape every template receives."""

from __future__ import annotations

from dataclasses import dataclass

from ..core.dates import date_qualifier, show_event_date
from ..core.models import Actor, Claim, Country, Event, Place, Source
from ..core.terms import FIELD_LABELS
from ..derive.comparison import Analysis, Point
from ..derive.dataset import Dataset
from ..derive.figures import Figures, nested, point_figures
from ..derive.locations import Location


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
    analysis: Analysis
    location: Location
    sources_by_id: dict[str, Source]
    identifications: list[tuple[str, str, str]]  # (spelling, the entity it is taken to name, why)
    other_tolls: list[tuple[str, Figures]]  # abducted, missing and arrested people, where counted
    within: list[tuple[Point, Figures, str]]  # a party's dead within another's figured dead, and that party
    inferred: str | None = None  # "inferred from 'On Wednesday'": a date no claim names, shown beside it

    @property
    def status(self) -> str:
        return self.analysis.status

    @property
    def groups(self) -> tuple[Point, ...]:
        return self.analysis.points

    @property
    def differing(self) -> list[Point]:
        """The points on which the sources disagree, shown side by side."""
        return self.analysis.disputed

    @property
    def parts(self) -> list[tuple[Point, Figures]]:
        """Figures for part of the event ("the first clash"): shown as such, never in the total."""
        return [
            (point, point_figures(point, self.sources_by_id))
            for point in self.analysis.points
            if point.scope and point.claims[0].bounds is not None
        ]

    def credibility(self, claim: Claim) -> int:
        return self.analysis.credibility(claim)

    def identified(self, claim: Claim) -> list[tuple[str, str, str]]:
        """The identifications a claim's quote relies on ("al-Araneb" taken to be Umm al-Aranib)."""
        quote = claim.quote.casefold()
        return [item for item in self.identifications if item[0].casefold() in quote]

    @property
    def independent_origins(self) -> int:
        return len(self.analysis.voices)

    @property
    def actor_ids(self) -> list[str]:
        actors = [self.actor1, *self.assoc1, *([self.actor2] if self.actor2 else []), *self.assoc2]
        return [actor.id for actor in actors]


def event_view(event: Event, dataset: Dataset) -> EventView:
    actors = dataset.actors
    place = dataset.places[event.place]
    involved = {event.actor1, event.actor2, *event.assoc_actors_1, *event.assoc_actors_2}
    involved |= {c.party for c in event.claims} | {dataset.origins[c.origin].speaker for c in event.claims if c.origin}
    entities = [place, *(actors[a] for a in sorted(involved - {None}))]
    return EventView(
        event=event,
        date=show_event_date(event),
        inferred=date_qualifier(event),
        place=dataset.places[event.place],
        country=dataset.country_of(event),
        actor1=actors[event.actor1],
        actor2=actors[event.actor2] if event.actor2 else None,
        assoc1=[actors[a] for a in event.assoc_actors_1],
        assoc2=[actors[a] for a in event.assoc_actors_2],
        sources=[dataset.sources[s] for s in event.source_ids],
        fatalities=dataset.figures(event.id, "fatalities"),
        injuries=dataset.figures(event.id, "injuries"),
        analysis=dataset.analysis(event.id),
        location=dataset.location(event.place),
        sources_by_id=dataset.sources,
        identifications=[(i.name, e.name, i.reasoning) for e in entities for i in e.identifications],
        other_tolls=[
            (FIELD_LABELS[field], figures)
            for field in ("abducted", "missing", "arrests")
            if (figures := dataset.figures(event.id, field))
        ],
        within=[
            (point, point_figures(point, dataset.sources), party)
            for point, _, party in nested(dataset.analysis(event.id), "fatalities", actors)
        ],
    )


def event_heading(event: Event, dataset: Dataset) -> str:
    """One line naming an event, as the feed and the search results show it: its date and place
    (ACLED's codes are for the text after, not the title a reader scans)."""
    return f"{show_event_date(event)}, {dataset.places[event.place].name}"
