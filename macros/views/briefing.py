"""Figures and evidence for the hand-written pages: every number and every list of who says what
in the prose comes from here, never typed, so "independent" and "named" are computed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..core.dates import month_start
from ..core.models import Claim, date_bounds
from ..core.terms import FIELD_LABELS
from ..derive.comparison import Point
from ..derive.dataset import Dataset
from . import limits
from .chips import Chips
from .eventview import EventView, event_view, the_name
from .links import Links
from .render import render


@dataclass(frozen=True)
class ClaimedValue:
    """What one origin says on a point, as the prose quotes it: the value, whose figure, the origin, its documents."""

    value: str
    claims: list[Claim]
    origin: str
    credibility: int
    party: str | None  # whose figure it is, where the point has more than one party: "for the Libyan National Army"


@dataclass(frozen=True)
class Voice:
    """An independent voice behind an event, as the prose names it: its origins and the documents that carry it."""

    origins: list[str]
    sources: list[str]


@dataclass(frozen=True)
class DisputeInWords:
    """A disputed point in the front page's words: what is at issue, how many voices in how many
    documents speak to it (two of them may be in one document), then each position with who holds it."""

    about: str
    voices: int
    documents: int
    values: list[str]


@dataclass(frozen=True)
class DisputedEvent:
    """A disputed event on the front page: its date and place, linked to its card, and its disputed points."""

    view: EventView
    points: list[DisputeInWords]


def render_latest(dataset: Dataset, links: Links, count: int, months: int) -> str:
    """The newest events within `months` before the cut-off, newest first, each linked to its
    card: an event years older is background, not a development, however few the sources. A state
    of affairs reported then with no date of its own is listed apart, as undated, not as news."""
    cutoff = dataset.cutoff
    window = latest_window(cutoff.last_day, months) if cutoff else None
    recent = [
        e for e in dataset.events.values() if window and date_bounds(e.date)[1] >= window[0] and e.start <= window[1]
    ]
    newest = sorted((e for e in recent if not e.undated), key=lambda e: (e.start, e.id), reverse=True)
    undated = sorted((e for e in recent if e.undated), key=lambda e: (e.start, e.id), reverse=True)
    return render(
        "latest.html",
        views=[event_view(e, dataset) for e in newest[:count]],
        undated=[event_view(e, dataset) for e in undated[:count]],
        more=max(0, len(newest) - count) + max(0, len(undated) - count),
        window=window,
        months=months,
        chips=Chips(links, dataset),
    )


def render_horizon(dataset: Dataset, months: int) -> str:
    """A judgment's horizon counted from the cut-off, not from the build: "the 12 months after
    the information cut-off (to January 2023)"."""
    cutoff = dataset.cutoff
    if cutoff is None:
        return f"the {months} months after the newest source"
    end = month_start(cutoff.last_day, months)
    return f"the {months} months after the information cut-off (to {end:%B %Y})"


def latest_window(last_day: dt.date, months: int) -> tuple[dt.date, dt.date]:
    """The `months` calendar months up to the cut-off's last day: for January 2022 and 12,
    1 February 2021 to 31 January 2022."""
    return month_start(last_day, 1 - months), last_day


def render_claimed(dataset: Dataset, links: Links, event_id: str, field: str, party: str | None) -> str:
    """What each origin says on one point, once per origin with the documents that relay it:
    "19 (the army's statement; ISIS seeks comeback… F6) and 23 (al-Mahjoub's post; Sky News Arabia C4)"."""
    analysis = dataset.analysis(event_id)
    points = [p for p in analysis.points if p.field == field and not p.scope and (party in p.parties or not party)]
    if not points:
        raise KeyError(f"no {field} claim for {party} on {event_id}")
    groups: dict[tuple[str, str], list[Claim]] = {}
    for claim in points[0].claims:
        groups.setdefault((claim.stated, claim.origin_key), []).append(claim)
    items = [
        ClaimedValue(
            value=value,
            claims=claims,
            origin=describe_origin(claims[0], dataset),
            credibility=analysis.credibility(claims[0]),
            party=whose(claims[0].party, dataset) if len(points[0].parties) > 1 and claims[0].party else None,
        )
        for (value, _), claims in groups.items()
    ]
    return render("claimed.html", items=items, chips=Chips(links, dataset))


def describe_origin(claim: Claim, dataset: Dataset) -> str:
    """An origin as the prose names it, saying whether anyone is named: "a statement in the name of
    the Libyan National Army" (no one named), "a post by Khaled al-Mahjoub", "Sky News Arabia's own
    reporting, naming no source"."""
    if claim.origin is None:
        source = dataset.sources[claim.source]
        if source.outlet.name is None:  # a title cut short is no name: give it whole
            return f"the report “{source.title}”, by an unknown outlet and naming no source"
        return f"{source.outlet.name}'s own reporting, naming no source"
    origin = dataset.origins[claim.origin]
    if origin.speaker is None:
        return origin.name
    speaker = dataset.actors[origin.speaker]
    article = "an" if origin.kind[0] in "aeiou" else "a"
    if speaker.kind == "person":
        return f"{article} {origin.kind} by {speaker.name}"
    return f"{article} {origin.kind} in the name of the {speaker.name}"


def whose(party: str, dataset: Dataset) -> str:
    """Whose figure a value is, after the number: "for the Libyan National Army"; a party the source
    leaves unnamed by the forces it may be: "for the Libyan National Army or the Ministry of
    Interior, not saying which"."""
    actor = dataset.actors[party]
    if actor.kind != "unnamed party":
        return f"for {the_name(actor)}"
    if not actor.may_be:
        return "for a party the source does not name"
    forces = " or ".join(the_name(dataset.actors[a]) for a in actor.may_be)
    return f"for {forces}, not saying which"


def render_voices(dataset: Dataset, links: Links, event_id: str, field: str | None = None) -> str:
    """The independent voices behind an event (or one field of it), each with how it is sourced."""
    analysis = dataset.analysis(event_id)
    voices: dict[str, list[Claim]] = {}
    for point in (p for p in analysis.points if field in (None, p.field) and not p.scope):
        for claim, voice in zip(point.claims, point.voices, strict=True):
            voices.setdefault(voice, []).append(claim)
    if not voices:  # prose citing a point no claim speaks to says nothing true: stop the build
        raise KeyError(f"no {field or 'claim'} voice on {event_id}")
    items = []
    for claims in voices.values():
        origins = list(dict.fromkeys(describe_origin(c, dataset) for c in claims))
        sources = list(dict.fromkeys(c.source for c in claims))
        items.append(Voice(origins, sources))
    return render("voices.html", items=items, chips=Chips(links, dataset))


def render_positions(dataset: Dataset, links: Links, place_id: str) -> str:
    """Where the sources put a place, each position with the document that states it."""
    location = dataset.location(place_id)
    if not location.mapped:
        raise KeyError(f"{place_id} has no stated position")
    return render("positions.html", positions=location.positions, chips=Chips(links, dataset))


def _dispute_in_words(point: Point, dataset: Dataset) -> DisputeInWords:
    """One disputed point as a reader says it: what is at issue, then each position in our words
    with who holds it ("a force from the Ministry of Interior took part, said by a post by Abdel
    Hamid al-Dabaiba and denied by a statement by Khaled al-Mahjoub"), never a bare "not:"."""
    about = FIELD_LABELS[point.field].lower()
    if point.parties:
        about += " (" + " or ".join(dataset.actors[p].name for p in point.parties) + ")"
    stances: dict[str, dict[str, list[str]]] = {}  # value -> polarity -> who holds it
    for claim in point.claims:
        holders = stances.setdefault(claim.stated, {}).setdefault(claim.polarity, [])
        holder = describe_origin(claim, dataset)
        if holder not in holders:
            holders.append(holder)
    # the value in our words, never in quotation marks: only a claim's quote is the source's own
    values = [
        f"{value}, "
        + " and ".join(f"{'denied' if pol == 'denies' else 'said'} by {' and '.join(h)}" for pol, h in held.items())
        for value, held in stances.items()
    ]
    voices, documents = len(point.independent_voices), len(point.sources)
    return DisputeInWords(about=about[0].upper() + about[1:], voices=voices, documents=documents, values=values)


def render_disputed(dataset: Dataset, links: Links) -> str:
    """Every disputed event with the points in dispute in words, newest first: the front page's
    answer to "what is disputed", each event linked to its card and the list to the Disputes page
    (every point side by side)."""
    disputed = links.plan.disputes  # the disputes pages' order (siteplan.disputed_events)
    items = []
    for event in disputed[: limits.FRONT_DISPUTES]:
        points = []
        for point in dataset.analysis(event.id).disputed:
            points.append(_dispute_in_words(point, dataset))
        items.append(DisputedEvent(event_view(event, dataset), points))
    return render(
        "disputed.html", items=items, count=len(disputed), chips=Chips(links, dataset), total=len(dataset.events)
    )
