"""Figures and evidence for the hand-written pages: every number and every list of who says what
in the prose comes from here, never typed, so "independent" and "named" are computed."""

from __future__ import annotations

from types import SimpleNamespace

from .dataset import Dataset
from .eventview import event_view
from .links import Links
from .models import Claim
from .parts import Parts
from .render import render


def render_latest(dataset: Dataset, links: Links, count: int) -> str:
    """The newest events, newest first, each linked to its card on the timeline."""
    newest = sorted(dataset.events.values(), key=lambda e: (e.start, e.id), reverse=True)[:count]
    return render("latest.html", views=[event_view(e, dataset) for e in newest], parts=Parts(links, dataset))


def render_claimed(dataset: Dataset, links: Links, event_id: str, field: str, party: str | None) -> str:
    """What each origin says on one point, once per origin with the documents that relay it:
    "19 (the army's statement; ISIS seeks comeback… F6) and 23 (al-Mahjoub's post; Sky News Arabia C4)"."""
    analysis = dataset.analysis(event_id)
    points = [p for p in analysis.points if p.field == field and not p.scope and (party in p.parties or not party)]
    if not points:
        raise KeyError(f"no {field} claim for {party} on {event_id}")
    groups: dict[tuple[str, str], list[Claim]] = {}
    for claim in points[0].claims:
        groups.setdefault((claim.value, claim.origin_key), []).append(claim)
    items = [
        SimpleNamespace(
            value=value,
            claims=claims,
            origin=describe_origin(claims[0], dataset),
            credibility=analysis.credibility(claims[0]),
            party=dataset.actors[claims[0].party].name if len(points[0].parties) > 1 and claims[0].party else None,
        )
        for (value, _), claims in groups.items()
    ]
    return render("claimed.html", items=items, parts=Parts(links, dataset))


def describe_origin(claim: Claim, dataset: Dataset) -> str:
    """An origin as the prose names it, saying whether anyone is named: "a statement of the Libyan
    National Army (no one named)", "a post by Khaled al-Mahjoub", "the report's own figure"."""
    if claim.origin is None:
        return f"{dataset.sources[claim.source].label}'s own reporting, naming no source"
    origin = dataset.origins[claim.origin]
    if origin.speaker is None:
        return f"{origin.kind} ({origin.name})" if origin.kind == "unnamed sources" else origin.name
    speaker = dataset.actors[origin.speaker]
    article = "an" if origin.kind[0] in "aeiou" else "a"
    if speaker.kind == "person":
        return f"{article} {origin.kind} by {speaker.name}"
    return f"{article} {origin.kind} of the {speaker.name} (no one named)"


def render_voices(dataset: Dataset, links: Links, event_id: str, field: str | None = None) -> str:
    """The independent voices behind an event (or one field of it), each with how it is sourced."""
    analysis = dataset.analysis(event_id)
    voices: dict[str, list[Claim]] = {}
    for point in (p for p in analysis.points if field in (None, p.field) and not p.scope):
        for claim, voice in zip(point.claims, point.voices, strict=True):
            voices.setdefault(voice, []).append(claim)
    items = []
    for claims in voices.values():
        origins = list(dict.fromkeys(describe_origin(c, dataset) for c in claims))
        sources = list(dict.fromkeys(c.source for c in claims))
        items.append(SimpleNamespace(origins=origins, sources=sources))
    return render("voices.html", items=items, parts=Parts(links, dataset))


def render_positions(dataset: Dataset, links: Links, place_id: str) -> str:
    """Where the sources put a place, each position with the document that states it."""
    location = dataset.location(place_id)
    if not location.mapped:
        raise KeyError(f"{place_id} has no stated position")
    return render("positions.html", positions=location.positions, parts=Parts(links, dataset))


def render_sources_line(dataset: Dataset, links: Links, event_id: str) -> str:
    return render(
        "sources_line.html", sources=event_view(dataset.events[event_id], dataset).sources, parts=Parts(links, dataset)
    )
