"""Every point where the sources disagree, side by side, with what would settle it."""

from __future__ import annotations

from types import SimpleNamespace

from ..derive.dataset import Dataset
from . import limits
from .charts import fatalities_over_time, render_chart
from .eventview import event_view
from .links import Links
from .parts import Parts
from .render import Rendered, render_page
from .siteplan import SitePlan, paginate


def build_disputes_page(dataset: Dataset, plan: SitePlan) -> dict[str, Rendered]:
    """The disputed events, newest first, limits.DISPUTES_PAGE to a page, as the plan pages them."""
    chunks = paginate(plan.disputes, limits.DISPUTES_PAGE)
    planned = plan.pages_in("disputes")
    pages = {}
    for page, chunk in zip(planned, chunks, strict=True):
        links = Links(page.path, plan)
        items = []
        for event in chunk:
            view = event_view(event, dataset)
            items.append(SimpleNamespace(view=view, groups=view.groups))
        pages[page.path] = render_page(
            "disputes.md",
            title=page.title,
            description=page.description,
            links=links,
            parts=Parts(links, dataset),
            items=items,
            total=len(plan.disputes),
            chart=render_chart(fatalities_over_time(dataset), page.path) if page.key is None else None,
            pager=[SimpleNamespace(number=n, href=links.url(other.path), current=other is page)
                   for n, other in enumerate(planned, 1)] if len(planned) > 1 else [],
        )  # fmt: skip
    return pages
