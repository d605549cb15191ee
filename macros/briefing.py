"""Figures for the hand-written pages: every number in the prose comes from here, never typed."""

from __future__ import annotations

from .dataset import Dataset
from .eventview import event_view
from .links import Links
from .parts import Parts
from .render import render


def render_latest(dataset: Dataset, links: Links, count: int) -> str:
    """The newest events, newest first, each linked to its card on the timeline."""
    newest = sorted(dataset.events.values(), key=lambda e: (e.start, e.id), reverse=True)[:count]
    return render("latest.html", views=[event_view(e, dataset) for e in newest], parts=Parts(links, dataset))


def render_claimed(dataset: Dataset, links: Links, event_id: str, field: str, party: str | None) -> str:
    """What each source says on one point, e.g. "19 (… F) and 23 (Sky News Arabia, C)"."""
    claims = [c for c in dataset.events[event_id].claims if c.field == field and c.party == party]
    if not claims:
        raise KeyError(f"no {field} claim for {party} on {event_id}")
    return render("claimed.html", claims=claims, parts=Parts(links, dataset))


def render_sources_line(dataset: Dataset, links: Links, event_id: str) -> str:
    return render(
        "sources_line.html", sources=event_view(dataset.events[event_id], dataset).sources, parts=Parts(links, dataset)
    )
