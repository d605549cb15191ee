"""A page per actor and per place: every spelling the sources use, and the events and
judgments that involve it. Listing the aliases on the page is what lets search find any of them.

Actors and places are built apart, each page from its own typed context (`ActorPage` in
actor.md, `PlacePage` in place.md); what both show, the spellings, the count and the newest
events, is `EntityPage`, laid out once in entity.md, which the two templates extend.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup

from ..core.models import Actor, Assessment, Country, Entity, Event, Place
from ..core.terms import ACTOR_GROUPS
from ..derive.dataset import Dataset
from ..derive.locations import Location
from . import limits
from .charts import actor_involvement, render_chart
from .chips import Chips
from .eventview import EventView, event_view
from .links import Links
from .maps import render_map_of
from .render import Rendered, fields_of, render_page
from .siteplan import Only, PlannedPage, SitePlan

Events = dict[str, list[Event]]  # an actor's or place's id -> its events, in the dataset's order


@dataclass(frozen=True)
class EventCount:
    """The event count of an actor's or place's page and index row: as a party and quoted on, or at and near it."""

    at: int
    other: int
    kind: str


@dataclass(frozen=True)
class Spelling:
    """Another spelling of a name under "Also written", with up to three documents whose quotes use it."""

    name: str
    sources: list[str]


@dataclass(frozen=True)
class Seen:
    """The first and last events an actor takes part in or is quoted on, linked on its page."""

    first: EventView
    last: EventView


@dataclass(frozen=True)
class EntityPage:
    """What actor and place pages both show (entity.md): the name, its spellings, the count, the newest events."""

    title: str
    description: str
    chips: Chips
    kind: str
    entity: Entity
    views: list[EventView]
    total: int
    count: EventCount
    spelled: list[Spelling]


@dataclass(frozen=True)
class ActorPage:
    """What only an actor's page shows (actor.md): its parent and members, when seen, events quoted on, judgments."""

    parent: Actor | None
    members: list[Actor]
    seen: Seen | None
    quoted_views: list[EventView]
    assessments: list[Assessment]
    naming: list[Assessment]


@dataclass(frozen=True)
class PlacePage:
    """What only a place's page shows (place.md): its country and coordinates, places and events near it, a map."""

    location: Location
    country: Country
    near: list[Place]
    nearby: list[Place]
    near_views: list[EventView]
    chart: Markup | None


@dataclass(frozen=True)
class IndexRow:
    """An actor or place in its index: its name and spellings, linked, and its count."""

    entity: Entity
    count: EventCount


@dataclass(frozen=True)
class IndexGroup:
    """A heading of an index (a kind of actor, a country) and its rows, by name."""

    label: str
    key: str
    rows: list[IndexRow]


def build_actor_pages(dataset: Dataset, plan: SitePlan, only: Only = None) -> dict[str, Rendered]:
    """The actors' index and a page per actor, as the plan lists them (those in `only`, when given)."""
    involving, quoted = _actors_events(dataset)
    rendered = {}
    for page in plan.pages_in("actors", only):
        if page.key is None:
            chart = render_chart(actor_involvement(dataset), page.path)
            rendered[page.path] = _index(dataset, plan, page, _actor_groups(dataset), (involving, quoted), chart)
        else:
            rendered[page.path] = _actor_page(dataset, plan, page, involving[page.key], quoted[page.key])
    return rendered


def build_place_pages(dataset: Dataset, plan: SitePlan, only: Only = None) -> dict[str, Rendered]:
    """The places' index and a page per place, as the plan lists them (those in `only`, when given)."""
    at, near = _places_events(dataset)
    rendered = {}
    for page in plan.pages_in("places", only):
        if page.key is None:
            rendered[page.path] = _index(dataset, plan, page, _place_groups(dataset), (at, near), None)
        else:
            rendered[page.path] = _place_page(dataset, plan, page, at[page.key], near[page.key])
    return rendered


def _actors_events(dataset: Dataset) -> tuple[Events, Events]:
    """Each actor's events as a party, and those it is quoted on (an origin it speaks for), in one
    pass over the events."""
    involving: Events = defaultdict(list)
    quoted: Events = defaultdict(list)
    for event in dataset.events.values():
        speakers = {dataset.origins[c.origin].speaker for c in event.claims if c.origin}
        for speaker in speakers - {None}:
            quoted[speaker].append(event)
        parties = {c.party for c in event.claims}
        for actor_id in {event.actor1, event.actor2, *event.assoc_actors_1, *event.assoc_actors_2, *parties} - {None}:
            involving[actor_id].append(event)
    return involving, quoted


def _places_events(dataset: Dataset) -> tuple[Events, Events]:
    """Each place's events at it, and those described from it ("near Qatrun"), in one pass."""
    at: Events = defaultdict(list)
    near: Events = defaultdict(list)
    for event in dataset.events.values():
        at[event.place].append(event)
        for town in dataset.places[event.place].towns:
            near[town].append(event)
    return at, near


def _actor_page(
    dataset: Dataset, plan: SitePlan, page: PlannedPage, involving: list[Event], quoted: list[Event]
) -> Rendered:
    """An actor's page: its events as a party and those it is quoted on, and what only an actor has."""
    actor = dataset.actors[page.key]
    assessments, naming = dataset.assessments_by(actor.id), _naming(actor, dataset)
    own = ActorPage(
        parent=dataset.actors.get(actor.affiliation) if actor.affiliation else None,
        members=[a for a in dataset.actors.values() if a.affiliation == actor.id],
        seen=_seen(involving + quoted, dataset),
        quoted_views=_views(_newest(quoted), dataset),
        assessments=assessments,
        naming=naming,
    )
    shared = _entity_page(dataset, plan, page, actor, (involving, quoted), assessments + naming)
    return render_page("actor.md", **fields_of(shared), **fields_of(own))


def _place_page(dataset: Dataset, plan: SitePlan, page: PlannedPage, at: list[Event], near: list[Event]) -> Rendered:
    """A place's page: its events at it and near it, and what only a place has."""
    place = dataset.places[page.key]
    own = PlacePage(
        location=dataset.location(place.id),
        country=dataset.countries[place.country],
        near=[dataset.places[town] for town in place.towns],
        nearby=[p for p in dataset.places.values() if place.id in p.towns],
        near_views=_views(_newest(near), dataset),
        chart=render_map_of(at + near, dataset, page.path, "Map of its events", Links(page.path, plan)),
    )
    shared = _entity_page(dataset, plan, page, place, (at, near), [])
    return render_page("place.md", **fields_of(shared), **fields_of(own))


def _entity_page(
    dataset: Dataset,
    plan: SitePlan,
    page: PlannedPage,
    entity: Entity,
    events: tuple[list[Event], list[Event]],
    judgments: list[Assessment],
) -> EntityPage:
    """What both kinds of page show. `events` is (its own events, the others it counts): an
    actor's as a party and those it is quoted on, a place's at it and near it."""
    own, other = events
    newest = _newest(own)
    return EntityPage(
        title=page.title,
        description=page.description,
        chips=Chips(Links(page.path, plan), dataset),
        kind=page.section,
        entity=entity,
        views=_views(newest, dataset),
        total=len(own),
        count=EventCount(len(own), len(other), page.section),
        spelled=_spelled(entity, newest + _newest(other), judgments),
    )


def _index(
    dataset: Dataset,
    plan: SitePlan,
    page: PlannedPage,
    groups: Sequence[tuple[str, Sequence[Entity]]],
    events: tuple[Events, Events],
    chart: Markup | None,
) -> Rendered:
    """An index of actors or places under `groups`' headings; `events` gives each its events
    (a page and its row count alike: the same macro prints both)."""
    return render_page(
        "entity_index.md",
        title=page.title,
        description=page.description,
        links=Links(page.path, plan),
        kind=page.section,
        intro=page.description,
        chart=chart,
        groups=[
            IndexGroup(label, label.lower().replace(" ", "-"), _rows(items, events, page.section))
            for label, items in groups
            if items
        ],
    )


def _rows(items: Sequence[Entity], events: tuple[Events, Events], kind: str) -> list[IndexRow]:
    """An index's rows, by name, each with its count."""
    own, other = events
    return [IndexRow(e, EventCount(len(own[e.id]), len(other[e.id]), kind)) for e in sorted(items, key=_by_name)]


def _actor_groups(dataset: Dataset) -> list[tuple[str, list[Actor]]]:
    """The actors under ACTOR_GROUPS' headings, any other kind under "Others": no actor left out."""
    grouped = {kind for kinds in ACTOR_GROUPS.values() for kind in kinds}
    groups = [(label, [a for a in dataset.actors.values() if a.kind in kinds]) for label, kinds in ACTOR_GROUPS.items()]
    groups.append(("Others", [a for a in dataset.actors.values() if a.kind not in grouped]))
    return groups


def _place_groups(dataset: Dataset) -> list[tuple[str, list[Place]]]:
    """The places by country, Libya first."""
    by_country: dict[str, list[Place]] = defaultdict(list)
    for place in dataset.places.values():
        by_country[place.country].append(place)
    return [(dataset.countries[c].name, items) for c, items in sorted(by_country.items(), key=_libya_first)]


def _spelled(entity: Entity, events: list[Event], judgments: list[Assessment]) -> list[Spelling]:
    """Each other spelling, with the documents whose quoted words on the page's events and
    judgments use it: why it is taken to name this entity (an identification gives its reasoning)."""
    quotes = [(c.source, c.quote) for event in events for c in event.claims]
    quotes += [(item.source, item.quote) for item in judgments]
    spelled = []
    for alias in entity.aliases:  # as written: "Isis" and "ISIS" are two spellings
        spelled.append(Spelling(alias, sources=list(dict.fromkeys(s for s, q in quotes if alias in q))[:3]))
    return spelled


def _naming(actor: Actor, dataset: Dataset) -> list[Assessment]:
    """Judgments by others whose words name the actor by any spelling: what is said about it."""
    names = [re.compile(rf"\b{re.escape(name)}\b", re.IGNORECASE) for name in (actor.name, *actor.aliases)]
    return [
        item
        for item in dataset.assessments.values()
        if item.by != actor.id and any(n.search(item.judgment) or n.search(item.quote) for n in names)
    ][: limits.EVENT_LIST]


def _seen(events: list[Event], dataset: Dataset) -> Seen | None:
    """The first and last events it takes part in or is quoted on."""
    if not events:
        return None
    ordered = sorted(events, key=_date_order)
    return Seen(event_view(ordered[0], dataset), event_view(ordered[-1], dataset))


def _newest(events: list[Event]) -> list[Event]:
    """The newest events, newest first, at most limits.EVENT_LIST of them."""
    return sorted(events, key=_date_order, reverse=True)[: limits.EVENT_LIST]


def _views(events: list[Event], dataset: Dataset) -> list[EventView]:
    """What a list on the page shows of each event: views are made only for the events shown."""
    return [event_view(event, dataset) for event in events]


def _date_order(event: Event) -> tuple:
    return (event.start, event.id)


def _by_name(entity: Entity) -> str:
    return entity.name.casefold()


def _libya_first(pair: tuple[str, list]) -> tuple[bool, str]:
    return (pair[0] != "LBY", pair[0])
