"""Each event's lasting address (siteplan.EVENT_ADDRESS): a small page that sends the reader on to
the event's card, wherever the timeline holds it in this build.

The timeline moves a card as the data grows (one page up to `timeline_page_size` events, then a
page per year, a busy year in parts), so every link to an event, and any link a reader has kept,
goes to its address instead. The page redirects with a `<meta http-equiv="refresh">` (no script:
the policy allows none inline) and, for a browser that does not follow it, names the event and
links its card. The pages are written straight into the site, outside MkDocs: at 10,000 events a
themed page each would cost more than the rest of the build (README, "Lasting addresses").
"""

from __future__ import annotations

from collections.abc import Iterator

from ..core.models import Event
from ..derive.dataset import Dataset
from .eventparts import EventParts, each_event
from .eventview import event_heading
from .links import Links
from .render import stencil
from .siteplan import EVENT_ADDRESS, SitePlan, timeline_scope


def event_addresses(
    dataset: Dataset, plan: SitePlan, site_name: str, csp: str = "", parts: EventParts | None = None
) -> Iterator[tuple[str, str]]:
    """(file in the site, its HTML) for every event's lasting address; with `parts` (`make
    serve`), the build before's taken back for an unchanged event (eventparts.py)."""
    # Every address sits in the same folder: one address's links serve them all, each card's page
    # made relative once rather than once per event; and the page is rendered once, filled per event.
    links = Links(EVENT_ADDRESS.format("any"), plan)
    page = stencil(
        "event_address.html", ("event_id", "summary", "heading", "card", "scope"), site_name=site_name, csp=csp
    )

    def address(event: Event) -> tuple[str, str]:
        html = page(
            event_id=event.id,
            summary=event.summary,
            heading=event_heading(event, dataset),
            card=links.card(event.id),
            scope=timeline_scope(plan.pages[plan.event_pages[event.id]].key),
        )
        return plan.event_file(event.id), html

    yield from each_event(dataset, "addresses", address, parts)
