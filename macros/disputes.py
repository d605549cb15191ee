"""Every point where the sources disagree, side by side, with what would settle it."""

from __future__ import annotations

from types import SimpleNamespace

from .charts import fatalities_over_time, render_chart
from .dataset import Dataset
from .eventview import event_view
from .links import Layout, Links
from .render import render

PATH = "disputes.md"


def build_disputes_page(dataset: Dataset, layout: Layout) -> dict[str, str]:
    items = []
    for event in dataset.events.values():
        if event.status == "disputed":
            view = event_view(event, dataset)
            items.append(SimpleNamespace(view=view, groups=view.groups))
    return {
        PATH: render(
            "disputes.md",
            title="Disputes",
            description="Every point on which the sources disagree, side by side.",
            links=Links(PATH, layout),
            dataset=dataset,
            items=items,
            chart=render_chart(fatalities_over_time(dataset), PATH),
        )
    }
