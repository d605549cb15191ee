"""The timeline: every event in date order, grouped by year, with browser-side filters.

Up to `page_size` events it is one page; beyond that each year gets its own page (a busy year
several parts) and the index counts them, so no page grows without bound.
"""

from __future__ import annotations

from collections import defaultdict
from types import SimpleNamespace

from .charts import events_by_type, fatalities_over_time, render_chart
from .dataset import Dataset
from .eventview import event_view
from .links import Layout, Links, page_path
from .parts import Parts
from .render import Rendered, render_page

INDEX = page_path("timeline")


def timeline_layout(dataset: Dataset, page_size: int, directory_urls: bool = True) -> Layout:
    """Which page carries each event's card (and its permanent anchor).

    Up to `page_size` events, one page; beyond, a page per year, and a busy year in parts of
    `page_size` events, so no page grows past about a megabyte whatever the dataset's size.
    """
    if len(dataset.events) <= page_size:
        return Layout(dict.fromkeys(dataset.events, INDEX), directory_urls)
    by_year: dict[int, list[str]] = defaultdict(list)
    for event in dataset.events.values():
        by_year[event.start.year].append(event.id)
    pages: dict[str, str] = {}
    for year, ids in by_year.items():
        for part, start in enumerate(range(0, len(ids), page_size), 1):
            key = str(year) if part == 1 else f"{year}-{part}"
            pages.update(dict.fromkeys(ids[start : start + page_size], page_path("timeline", key)))
    return Layout(pages, directory_urls)


def build_timeline_pages(dataset: Dataset, layout: Layout) -> dict[str, Rendered]:
    by_page: dict[str, list[str]] = defaultdict(list)
    for event_id, path in layout.event_pages.items():
        by_page[path].append(event_id)
    pages = {}
    split = INDEX not in by_page
    if split:
        pages[INDEX] = _render(dataset, layout, INDEX, [], _years_index(dataset, layout))
    for path, event_ids in by_page.items():
        pages[path] = _render(dataset, layout, path, event_ids, [])
    return pages


def _years_index(dataset: Dataset, layout: Layout) -> list[SimpleNamespace]:
    """One row per timeline page: its year (and part), dates, and how many events it holds."""
    rows: dict[str, SimpleNamespace] = {}
    for event in dataset.events.values():
        path = layout.event_pages[event.id]
        row = rows.get(path)
        if row is None:
            label = path.removeprefix("timeline/").removesuffix(".md").replace("-", ", part ")
            row = rows[path] = SimpleNamespace(year=label, path=path, count=0, disputed=0, first=event, last=event)
        row.count += 1
        row.disputed += dataset.status(event.id) == "disputed"
        row.last = event
    return list(rows.values())


def _render(dataset: Dataset, layout: Layout, path: str, event_ids: list[str], years: list) -> Rendered:
    events = [dataset.events[i] for i in event_ids] if event_ids else list(dataset.events.values())
    views = [event_view(dataset.events[i], dataset) for i in event_ids]
    groups: dict[int, list] = defaultdict(list)
    for view in views:
        groups[view.event.start.year].append(view)
    scope = path.removeprefix("timeline/").removesuffix(".md").replace("-", ", part ") if path != INDEX else "all years"
    return render_page(
        "timeline.md",
        title="Timeline" if path == INDEX else f"Timeline {scope}",
        description=f"Events in {scope}, in date order, with each source's figures side by side.",
        parts=Parts(Links(path, layout), dataset),
        total=len(events),
        disputed=sum(dataset.status(e.id) == "disputed" for e in events),
        first_year=events[0].start.year if events else "",
        last_year=events[-1].start.year if events else "",
        cutoff=str(dataset.cutoff or "unknown"),
        years_index=years,
        groups=[SimpleNamespace(year=year, views=items) for year, items in groups.items()],
        prefix="year-",
        filters=_filters(views, dataset),
        charts=[render_chart(events_by_type(dataset), path), render_chart(fatalities_over_time(dataset), path)]
        if path == INDEX
        else [],
    )


def _filters(views: list, dataset: Dataset) -> SimpleNamespace:
    at = {view.place.id for view in views}
    actor_ids = {actor for view in views for actor in view.actor_ids}
    return SimpleNamespace(
        types=sorted({view.event.event_type for view in views}),
        actors=sorted((dataset.actors[a] for a in actor_ids), key=lambda actor: actor.name.casefold()),
        places=sorted(
            (SimpleNamespace(place=place, near=place.id not in at) for place in _filter_places(views, dataset)),
            key=lambda item: item.place.name.casefold(),
        ),
    )


def _filter_places(views: list, dataset: Dataset) -> list:
    """The places events are at, and the towns they are described from ("near Qatrun"): the
    filter for a town shows the events near it too."""
    ids = dict.fromkeys(i for view in views for i in (view.place.id, *view.place.towns))
    return [dataset.places[i] for i in ids]
