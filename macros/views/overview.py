"""The front page's figures: what the dataset holds and its information cut-off."""

from __future__ import annotations

from ..derive.dataset import Dataset
from .exports import DOWNLOADS
from .render import render


def render_overview(dataset: Dataset) -> str:
    years = sorted({event.start.year for event in dataset.events.values()})
    return render(
        "overview.html",
        cutoff=dataset.cutoff,
        first_year=years[0] if years else None,
        last_year=years[-1] if years else None,
        downloads=sorted(DOWNLOADS),
        **dataset.counts(),
    )
