"""A page per actor and per place: every spelling the sources use, and the events and
judgments that involve it. Listing the aliases on the page is what lets search find any of them."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from types import SimpleNamespace

from ..core.models import Entity
from ..derive.dataset import Dataset
from . import limits
from .charts import actor_involvement, render_chart
from .eventview import event_view
from .links import Links
from .maps import render_map_of
from .parts import Parts
from .render import Rendered, render_page
from .siteplan import PlannedPage, SitePlan

ACTOR_GROUPS = (
    ("Armed groups and forces", {"jihadist group", "rebel group", "political militia", "identity militia",
                                 "state force", "foreign military", "unidentified armed group", "unnamed party"}),
    ("Governments and institutions", {"government", "foreign government", "international organisation", "ngo"}),
    ("People", {"person"}),
    ("Media", {"media", "civilians", "rioters", "protesters"}),
)  # fmt: skip


def build_entity_pages(dataset: Dataset, plan: SitePlan) -> dict[str, Rendered]:
    """The actors' and places' indexes and pages, as the plan lists them."""
    found = _gather(dataset)
    actors, *actor_pages = plan.pages_in("actors")
    places, *place_pages = plan.pages_in("places")
    pages = {page.path: _entity_page(dataset, plan, page, *_actor(dataset, page, found)) for page in actor_pages}
    pages.update(
        (page.path, _entity_page(dataset, plan, page, *_place(dataset, plan, page, found))) for page in place_pages
    )
    counts = {a: (found.involving[a], found.quoted[a]) for a in dataset.actors}
    pages[actors.path] = _index(dataset, plan, actors, counts)
    counts = {p: (found.at_place[p], found.near_place[p]) for p in dataset.places}
    pages[places.path] = _index(dataset, plan, places, counts)
    return pages


@dataclass
class _Found:
    """Each actor's and place's events (as event views), gathered in one pass over the events."""

    involving: dict[str, list] = field(default_factory=lambda: defaultdict(list))
    at_place: dict[str, list] = field(default_factory=lambda: defaultdict(list))
    near_place: dict[str, list] = field(default_factory=lambda: defaultdict(list))
    quoted: dict[str, list] = field(default_factory=lambda: defaultdict(list))  # events it is an origin's speaker on


def _gather(dataset: Dataset) -> _Found:
    found = _Found()
    for event in dataset.events.values():
        view = event_view(event, dataset)
        speakers = (dataset.origins[c.origin].speaker for c in event.claims if c.origin)
        for speaker in dict.fromkeys(filter(None, speakers)):
            found.quoted[speaker].append(view)
        for actor_id in dict.fromkeys(view.actor_ids + [c.party for c in event.claims if c.party]):
            found.involving[actor_id].append(view)
        found.at_place[event.place].append(view)
        for town in dataset.places[event.place].towns:
            found.near_place[town].append(view)
    return found


def _entity_page(
    dataset: Dataset, plan: SitePlan, page: PlannedPage, entity: Entity, events: tuple[list, str, list], context: dict
) -> Rendered:
    """One actor's or place's page: what both kinds of page show, then `context`. `events` is
    (its events, the name of its other list, the other events: those it is quoted on, or near)."""
    views, other_name, other = events
    newest, newest_other = _newest(views), _newest(other)
    return render_page(
        "entity.md",
        title=page.title,
        description=page.description,
        parts=Parts(Links(page.path, plan), dataset),
        kind=page.section,
        entity=entity,
        views=newest,
        total=len(views),
        count=_count(views, other, page.section),
        spelled=_spelled(entity, newest + newest_other, context.get("assessments", []) + context.get("naming", [])),
        **{other_name: newest_other},
        **context,
    )


def _actor(dataset: Dataset, page: PlannedPage, found: _Found) -> tuple[Entity, tuple[list, str, list], dict]:
    """An actor, its events (and those it is quoted on), and what only an actor's page shows."""
    actor = dataset.actors[page.key]
    involving, quoted = found.involving[actor.id], found.quoted[actor.id]
    return (
        actor,
        (involving, "quoted_views", quoted),
        dict(
            parent=dataset.actors.get(actor.affiliation) if actor.affiliation else None,
            members=[a for a in dataset.actors.values() if a.affiliation == actor.id],
            near_views=[],
            chart=None,
            assessments=dataset.assessments_by(actor.id),
            naming=_naming(actor, dataset),
            seen=_seen(involving + quoted),
        ),
    )


def _place(
    dataset: Dataset, plan: SitePlan, page: PlannedPage, found: _Found
) -> tuple[Entity, tuple[list, str, list], dict]:
    """A place, its events (and those near it), and what only a place's page shows."""
    place = dataset.places[page.key]
    at, near = found.at_place[place.id], found.near_place[place.id]
    links = Links(page.path, plan)
    chart = render_map_of([view.event for view in at + near], dataset, page.path, "Map of its events", links)
    return (
        place,
        (at, "near_views", near),
        dict(
            location=dataset.location(place.id),
            country=dataset.countries[place.country],
            quoted_views=[],
            naming=[],
            seen=None,
            nearby=[p for p in dataset.places.values() if place.id in p.towns],
            near=[dataset.places[town] for town in place.towns],
            chart=chart,
            assessments=[],
        ),
    )


def _index(dataset: Dataset, plan: SitePlan, page: PlannedPage, events: dict[str, tuple[list, list]]) -> Rendered:
    """An index of actors or places; `events` gives each its events at it and near it (a page
    and its row count alike: the same macro prints both)."""
    kind = page.section
    if kind == "actors":
        grouped = {kind for _, kinds in ACTOR_GROUPS for kind in kinds}
        groups = [(label, [a for a in dataset.actors.values() if a.kind in kinds]) for label, kinds in ACTOR_GROUPS]
        groups.append(("Others", [a for a in dataset.actors.values() if a.kind not in grouped]))  # no actor left out
    else:
        by_country: dict[str, list] = defaultdict(list)
        for place in dataset.places.values():
            by_country[place.country].append(place)
        groups = [(dataset.countries[c].name, items) for c, items in sorted(by_country.items(), key=_libya_first)]
    return render_page(
        "entity_index.md",
        title=page.title,
        description=page.description,
        links=Links(page.path, plan),
        kind=kind,
        intro=page.description,
        chart=render_chart(actor_involvement(dataset), page.path) if kind == "actors" else None,
        groups=[
            SimpleNamespace(
                label=label,
                key=label.lower().replace(" ", "-"),
                rows=[SimpleNamespace(entity=item, count=_count(*events[item.id], kind)) for item in sorted(
                    items, key=lambda item: item.name.casefold())],
            )
            for label, items in groups
            if items
        ],
    )  # fmt: skip


def _count(at: list, other: list, kind: str) -> SimpleNamespace:
    """Events at a place and near it, or an actor takes part in and is quoted on."""
    return SimpleNamespace(at=len(at), other=len(other), kind=kind)


def _spelled(entity, views: list, judgments: list) -> list[SimpleNamespace]:
    """Each other spelling, with the documents whose quoted words on the page's events and
    judgments use it: why it is taken to name this entity (an identification gives its reasoning)."""
    quotes = [(c.source, c.quote) for view in views for c in view.event.claims]
    quotes += [(item.source, item.quote) for item in judgments]
    spelled = []
    for alias in entity.aliases:  # as written: "Isis" and "ISIS" are two spellings
        spelled.append(SimpleNamespace(name=alias, sources=list(dict.fromkeys(s for s, q in quotes if alias in q))[:3]))
    return spelled


def _naming(actor, dataset: Dataset) -> list:
    """Judgments by others whose words name the actor by any spelling: what is said about it."""
    names = [re.compile(rf"\b{re.escape(name)}\b", re.IGNORECASE) for name in (actor.name, *actor.aliases)]
    return [
        item
        for item in dataset.assessments.values()
        if item.by != actor.id and any(n.search(item.judgment) or n.search(item.quote) for n in names)
    ][: limits.EVENT_LIST]


def _seen(views: list) -> SimpleNamespace | None:
    """The first and last events it takes part in or is quoted on."""
    if not views:
        return None
    ordered = sorted(views, key=lambda view: (view.event.start, view.event.id))
    return SimpleNamespace(first=ordered[0], last=ordered[-1])


def _newest(views: list) -> list:
    """The newest events, newest first, at most limits.EVENT_LIST of them."""
    return sorted(views, key=lambda view: (view.event.start, view.event.id), reverse=True)[: limits.EVENT_LIST]


def _libya_first(pair: tuple[str, list]) -> tuple[bool, str]:
    return (pair[0] != "LBY", pair[0])
