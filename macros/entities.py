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
        near = dataset.places[event.place].near
        if near:
            near_place[near].append(view)
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
            views=_newest(involving[actor.id]),
            total=len(involving[actor.id]),
            near_views=[],
            quoted_views=_newest(quoted[actor.id]),
            chart=None,
            assessments=dataset.assessments_by(actor.id),
            naming=_naming(actor, dataset),
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
            views=_newest(at_place[place.id]),
            total=len(at_place[place.id]),
            near_views=_newest(near_place[place.id]),
            quoted_views=[],
            naming=[],
            seen=None,
            nearby=[p for p in dataset.places.values() if p.near == place.id],
            near=dataset.places[place.near] if place.near else None,
            chart=render_map_of(
                [view.event for view in at_place[place.id] + near_place[place.id]],
                dataset,
                path,
                "Map of its events",
                Links(path, layout),
            ),
            assessments=[],
        )
    pages[page_path("actors")] = _index(dataset, layout, "actors", involving)
    counted = {key: at_place[key] + near_place[key] for key in dataset.places}
    pages[page_path("places")] = _index(dataset, layout, "places", counted)
    return pages


def _index(dataset: Dataset, layout: Layout, kind: str, events: dict[str, list]) -> Rendered:
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
                rows=[SimpleNamespace(entity=item, events=len(events[item.id])) for item in sorted(
                    items, key=lambda item: item.name.casefold())],
            )
            for label, items in groups
            if items
        ],
    )  # fmt: skip


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
