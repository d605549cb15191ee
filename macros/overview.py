"""The front page's figures: what the dataset holds and its information cut-off."""

from __future__ import annotations

from .dataset import Dataset
from .exports import DOWNLOADS
from .render import render


def render_overview(dataset: Dataset) -> str:
    events = list(dataset.events.values())
    years = sorted({event.start.year for event in events})
    return render(
        "overview.html",
        cutoff=dataset.cutoff,
        sources=len(dataset.sources),
        events=len(events),
        first_year=years[0] if years else None,
        last_year=years[-1] if years else None,
        claims=sum(len(event.claims) for event in events),
        disputed=sum(event.status == "disputed" for event in events),
        places=len(dataset.places),
        actors=len(dataset.actors),
        assessments=len(dataset.assessments),
        downloads=sorted(DOWNLOADS),
    )
