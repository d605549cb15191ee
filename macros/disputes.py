"""Every point where the sources disagree, side by side, with what would settle it."""

from __future__ import annotations

from types import SimpleNamespace

from . import limits
from .charts import fatalities_over_time, render_chart
from .dataset import Dataset
from .eventview import event_view
from .links import Layout, Links
from .models import Event
from .parts import Parts
from .render import Rendered, render_page

PATH = "disputes.md"


def disputes_path(number: int) -> str:
    return PATH if number == 1 else f"disputes/{number}.md"


def disputed_events(dataset: Dataset) -> list[Event]:
    """The disputed events, newest first: the order of the disputes pages."""
    disputed = (e for e in dataset.events.values() if dataset.status(e.id) == "disputed")
    return sorted(disputed, key=lambda e: (e.start, e.id), reverse=True)


def dispute_page(number: int) -> str:
    """The disputes page that holds the `number`-th disputed event (from 0)."""
    return disputes_path(1 + number // limits.DISPUTES_PAGE)


def build_disputes_page(dataset: Dataset, layout: Layout) -> dict[str, Rendered]:
    """The disputed events, newest first, limits.DISPUTES_PAGE to a page."""
    disputed = disputed_events(dataset)
    chunks = [disputed[i : i + limits.DISPUTES_PAGE] for i in range(0, len(disputed), limits.DISPUTES_PAGE)] or [[]]
    pages = {}
    for number, chunk in enumerate(chunks, 1):
        path = disputes_path(number)
        links = Links(path, layout)
        items = []
        for event in chunk:
            view = event_view(event, dataset)
            items.append(SimpleNamespace(view=view, groups=view.groups))
        pages[path] = render_page(
            "disputes.md",
            title="Disputes" if number == 1 else f"Disputes, page {number}",
            description="Every point on which the sources disagree, side by side.",
            links=links,
            parts=Parts(links, dataset),
            items=items,
            total=len(disputed),
            chart=render_chart(fatalities_over_time(dataset), PATH) if number == 1 else None,
            pager=[SimpleNamespace(number=n, href=links.url(disputes_path(n)), current=n == number)
                   for n in range(1, len(chunks) + 1)] if len(chunks) > 1 else [],
        )  # fmt: skip
    return pages
