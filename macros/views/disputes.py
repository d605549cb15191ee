"""Every point where the sources disagree, side by side, with what would settle it."""

from __future__ import annotations

from dataclasses import dataclass

from ..derive.dataset import Dataset
from . import limits
from .charts import fatalities_over_time, render_chart
from .chips import Chips
from .eventview import event_view
from .links import Links
from .render import Rendered, render_page
from .siteplan import Only, PlannedPage, SitePlan, paginate


@dataclass(frozen=True)
class PagerLink:
    """A page of the disputes in the pager: its number, linked unless it is the page shown."""

    number: int
    href: str
    current: bool


def build_disputes_page(dataset: Dataset, plan: SitePlan, only: Only = None) -> dict[str, Rendered]:
    """The disputed events, newest first, limits.DISPUTES_PAGE to a page, as the plan pages them
    (the pages in `only`, when given)."""
    chunks = paginate(plan.disputes, limits.DISPUTES_PAGE)
    planned = plan.pages_in("disputes")
    pages = {}
    for page, chunk in zip(planned, chunks, strict=True):
        if only is not None and page.path not in only:
            continue
        links = Links(page.path, plan)
        pages[page.path] = render_page(
            "disputes.md",
            title=page.title,
            description=page.description,
            links=links,
            chips=Chips(links, dataset),
            items=[event_view(event, dataset) for event in chunk],
            total=len(plan.disputes),
            chart=render_chart(fatalities_over_time(dataset), page.path) if page.key is None else None,
            pager=_pager(planned, page, links),
        )
    return pages


def _pager(planned: list[PlannedPage], page: PlannedPage, links: Links) -> list[PagerLink]:
    """Links to every page of the disputes, where there is more than one."""
    if len(planned) < 2:
        return []
    return [PagerLink(n, links.url(other.path), other is page) for n, other in enumerate(planned, 1)]
