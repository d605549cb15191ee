"""The timeline: every event in date order, grouped by year, with browser-side filters.

Up to `page_size` events it is one page; beyond that each year gets its own page (a busy year
several parts) and the index counts them, so no page grows without bound.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ..core.models import Actor, Event, Place
from ..derive.dataset import Dataset
from .charts import events_by_type, fatalities_over_time, render_chart
from .chips import Chips
from .eventview import EventView, event_view
from .links import Links
from .render import Rendered, render_page
from .siteplan import Only, PlannedPage, SitePlan, timeline_scope


@dataclass(frozen=True)
class YearRow:
    """A row of the timeline's index: a page's year (and part), its first and last dates, events and disputed ones."""

    year: str
    path: str
    count: int
    disputed: int
    first: Event
    last: Event


@dataclass(frozen=True)
class TimelineYear:
    """A year's heading on a timeline page, and the cards of its events under it."""

    year: int
    views: list[EventView]


@dataclass(frozen=True)
class PlaceOption:
    """A place in the timeline's place filter, "(events near it)" where the page's events are only near it."""

    place: Place
    near: bool


@dataclass(frozen=True)
class TimelineFilters:
    """The choices of the timeline's filters: the page's event types, actors and places."""

    types: list[str]
    actors: list[Actor]
    places: list[PlaceOption]


def build_timeline_pages(dataset: Dataset, plan: SitePlan, only: Only = None) -> dict[str, Rendered]:
    """The planned timeline pages (those in `only`, when given), each with the events the plan
    puts on it; when there are several, the first page is an index of the others."""
    by_page: dict[str, list[str]] = defaultdict(list)
    for event_id, path in plan.event_pages.items():
        by_page[path].append(event_id)
    pages = {}
    for page in plan.pages_in("timeline", only):
        split = page.key is None and page.path not in by_page
        years = _years_index(dataset, plan) if split else []
        pages[page.path] = _render(dataset, plan, page, by_page.get(page.path, []), years)
    return pages


def _years_index(dataset: Dataset, plan: SitePlan) -> list[YearRow]:
    """One row per timeline page: its year (and part), dates, and how many events it holds."""
    by_page: dict[str, list[Event]] = defaultdict(list)
    for event in dataset.events.values():
        by_page[plan.event_pages[event.id]].append(event)
    return [
        YearRow(
            year=timeline_scope(plan.pages[path].key),
            path=path,
            count=len(events),
            disputed=sum(dataset.status(event.id) == "disputed" for event in events),
            first=events[0],
            last=events[-1],
        )
        for path, events in by_page.items()
    ]


def _render(
    dataset: Dataset, plan: SitePlan, page: PlannedPage, event_ids: list[str], years: list[YearRow]
) -> Rendered:
    events = [dataset.events[i] for i in event_ids] if event_ids else list(dataset.events.values())
    views = [event_view(dataset.events[i], dataset) for i in event_ids]
    groups: dict[int, list[EventView]] = defaultdict(list)
    for view in views:
        groups[view.event.start.year].append(view)
    path = page.path
    return render_page(
        "timeline.md",
        title=page.title,
        description=page.description,
        chips=Chips(Links(path, plan), dataset),
        total=len(events),
        disputed=sum(dataset.status(e.id) == "disputed" for e in events),
        first_year=events[0].start.year if events else "",
        last_year=events[-1].start.year if events else "",
        cutoff=str(dataset.cutoff or "unknown"),
        years_index=years,
        groups=[TimelineYear(year, items) for year, items in groups.items()],
        prefix="year-",
        filters=_filters(views, dataset),
        charts=[render_chart(events_by_type(dataset), path), render_chart(fatalities_over_time(dataset), path)]
        if page.key is None
        else [],
    )


def _filters(views: list[EventView], dataset: Dataset) -> TimelineFilters:
    at = {view.place.id for view in views}
    actor_ids = {actor for view in views for actor in view.actor_ids}
    return TimelineFilters(
        types=sorted({view.event.event_type for view in views}),
        actors=sorted((dataset.actors[a] for a in actor_ids), key=lambda actor: actor.name.casefold()),
        places=sorted(
            (PlaceOption(place, near=place.id not in at) for place in _filter_places(views, dataset)),
            key=lambda item: item.place.name.casefold(),
        ),
    )


def _filter_places(views: list[EventView], dataset: Dataset) -> list[Place]:
    """The places events are at, and the towns they are described from ("near Qatrun"): the
    filter for a town shows the events near it too."""
    ids = dict.fromkeys(i for view in views for i in (view.place.id, *view.place.towns))
    return [dataset.places[i] for i in ids]
