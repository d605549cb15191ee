"""A page per actor and per place: every spelling the sources use, and the events and
judgments that involve it. Listing the aliases on the page is what lets search find any of them."""

from __future__ import annotations

import re
from collections import defaultdict
from types import SimpleNamespace

from . import limits
from .charts import actor_involvement, render_chart
from .dataset import Dataset
from .eventview import event_view
from .links import Layout, Links, page_path
from .maps import render_map_of
from .parts import Parts
from .render import Rendered, render_page

ACTOR_GROUPS = (
    ("Armed groups and forces", {"jihadist group", "rebel group", "political militia", "identity militia",
                                 "state force", "foreign military", "unidentified armed group", "unnamed party"}),
    ("Governments and institutions", {"government", "foreign government", "international organisation", "ngo"}),
    ("People", {"person"}),
    ("Media", {"media", "civilians", "rioters", "protesters"}),
)  # fmt: skip


def build_entity_pages(dataset: Dataset, layout: Layout) -> dict[str, Rendered]:
    involving: dict[str, list] = defaultdict(list)
    at_place: dict[str, list] = defaultdict(list)
    near_place: dict[str, list] = defaultdict(list)
    quoted: dict[str, list] = defaultdict(list)  # actor -> events on which it is an origin's speaker
    for event in dataset.events.values():
        view = event_view(event, dataset)
        speakers = (dataset.origins[c.origin].speaker for c in event.claims if c.origin)
        for speaker in dict.fromkeys(filter(None, speakers)):
            quoted[speaker].append(view)
        for actor_id in dict.fromkeys(view.actor_ids + [c.party for c in event.claims if c.party]):
            involving[actor_id].append(view)
        at_place[event.place].append(view)
        for town in dataset.places[event.place].towns:
            near_place[town].append(view)
    pages = {}
    for actor in dataset.actors.values():
        path = page_path("actors", actor.id)
        pages[path] = render_page(
            "entity.md",
            title=actor.name,
            description=f"{actor.name}: every spelling in the sources, its events and judgments.",
            parts=Parts(Links(path, layout), dataset),
            kind="actors",
            entity=actor,
            parent=dataset.actors.get(actor.affiliation) if actor.affiliation else None,
            members=[a for a in dataset.actors.values() if a.affiliation == actor.id],
            views=(views := _newest(involving[actor.id])),
            total=len(involving[actor.id]),
            count=_count(involving[actor.id], quoted[actor.id], "actors"),
            near_views=[],
            quoted_views=(quoted_views := _newest(quoted[actor.id])),
            chart=None,
            assessments=(judged := dataset.assessments_by(actor.id)),
            naming=(naming := _naming(actor, dataset)),
            spelled=_spelled(actor, views + quoted_views, judged + naming),
            seen=_seen(involving[actor.id] + quoted[actor.id]),
        )
    for place in dataset.places.values():
        path = page_path("places", place.id)
        pages[path] = render_page(
            "entity.md",
            title=place.name,
            description=f"{place.name}: every spelling in the sources and the events there.",
            parts=Parts(Links(path, layout), dataset),
            kind="places",
            entity=place,
            location=dataset.location(place.id),
            country=dataset.countries[place.country],
            views=(views := _newest(at_place[place.id])),
            total=len(at_place[place.id]),
            count=_count(at_place[place.id], near_place[place.id], "places"),
            near_views=(near_views := _newest(near_place[place.id])),
            spelled=_spelled(place, views + near_views, []),
            quoted_views=[],
            naming=[],
            seen=None,
            nearby=[p for p in dataset.places.values() if place.id in p.towns],
            near=[dataset.places[town] for town in place.towns],
            chart=render_map_of(
                [view.event for view in at_place[place.id] + near_place[place.id]],
                dataset,
                path,
                "Map of its events",
                Links(path, layout),
            ),
            assessments=[],
        )
    actors = {a: (involving[a], quoted[a]) for a in dataset.actors}
    pages[page_path("actors")] = _index(dataset, layout, "actors", actors)
    places = {p: (at_place[p], near_place[p]) for p in dataset.places}
    pages[page_path("places")] = _index(dataset, layout, "places", places)
    return pages


def _index(dataset: Dataset, layout: Layout, kind: str, events: dict[str, tuple[list, list]]) -> Rendered:
    """An index of actors or places; `events` gives each its events at it and near it (a page
    and its row count alike: the same macro prints both)."""
    if kind == "actors":
        grouped = {kind for _, kinds in ACTOR_GROUPS for kind in kinds}
        groups = [(label, [a for a in dataset.actors.values() if a.kind in kinds]) for label, kinds in ACTOR_GROUPS]
        groups.append(("Others", [a for a in dataset.actors.values() if a.kind not in grouped]))  # no actor left out
        intro = f"{len(dataset.actors)} actors, with every spelling the sources use."
    else:
        by_country: dict[str, list] = defaultdict(list)
        for place in dataset.places.values():
            by_country[place.country].append(place)
        groups = [(dataset.countries[c].name, items) for c, items in sorted(by_country.items(), key=_libya_first)]
        intro = f"{len(dataset.places)} places, with every spelling the sources use; coordinates from GeoNames."
    return render_page(
        "entity_index.md",
        title=kind.capitalize(),
        description=intro,
        links=Links(page_path(kind), layout),
        kind=kind,
        intro=intro,
        chart=render_chart(actor_involvement(dataset), page_path("actors")) if kind == "actors" else None,
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
