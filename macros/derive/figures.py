"""Figures derived from claims: never typed, so a disagreement is never flattened into one number.

Per comparable point (a party, the whole event), `low` is the lowest figure any source allows,
`high` the highest any source states, and `conservative` follows ACLED (the lowest *credible*
figure): the lowest figure among sources not judged unreliable (`terms.CREDIBLE_GRADES`),
or `low` when every source is. Event totals add the points up. A figure for part of an event
(a `scope`) is its own point: it never lowers or replaces the event's total. A party a source
left unnamed counts once with the forces it may be at the low end, and on top of them at the high.
A figure for a party within another that has its own figure (a brigade within its army, a force
an unnamed party may be) is part of that figure: shown, never added to the total again. A
figure the source gives only in words ("several") and an early count beside a settled one are
shown as such, and never move a range.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..core.models import Actor, Claim, Source
from ..core.terms import CREDIBLE_GRADES
from .comparison import Analysis, Point


@dataclass(frozen=True)
class Figures:
    low: int
    conservative: int
    high: int
    open_ended: bool  # some source gave only a floor ("at least N") at the high end
    early: str | None = None  # resting on early counts alone: a key of terms.EARLY_TOLLS, "all" or "part"


def derive(analysis: Analysis, field: str, sources: dict[str, Source], actors: dict[str, Actor]) -> Figures | None:
    """The event's total for a field, over the whole-event points that count (`counted`)."""
    added = [found for point in counted(analysis, field, actors) if (found := point_figures(point, sources))]
    return added_up(added) if added else None


def added_up(added: list[Figures]) -> Figures:
    """Several figures as one: an event's parties', or a map position's events' (`Toll.of`)."""
    return Figures(
        low=sum(f.low for f in added),
        conservative=sum(f.conservative for f in added),
        high=sum(f.high for f in added),
        open_ended=any(f.open_ended for f in added),
        early=early_of(added),
    )


def early_of(added: list[Figures]) -> str | None:
    """How far figures added up rest on early counts with no settled count beside them: "all" when
    every one does, "part" when some do, else None."""
    marks = [figures.early for figures in added]
    if marks and all(mark == "all" for mark in marks):
        return "all"
    return "part" if any(marks) else None


@dataclass(frozen=True)
class Unnamed:
    """Dead a source gave to a party it left unnamed ("security forces"), on a point where a named
    party's dead are given too: the top of the range adds them to the named party's, as other dead,
    where the low end takes them as the same people. Every view says so beside the range."""

    point: Point
    unnamed: Figures  # the unnamed party's figures
    named: Figures  # the named party's (or parties') figures on the same point


def point_figures(point: Point, sources: dict[str, Source]) -> Figures | None:
    """One party's (or one part's) figures from its comparable claims; None when no claim gives
    a number ("several" only). Where a source left the party unnamed ("security forces"), its dead
    may be the named party's or others: `low` takes them as the same people, `high` as different
    ones, added (`unnamed_added` names them)."""
    named, unnamed = _named_and_unnamed(point, sources)
    if named is None or unnamed is None:
        return named or unnamed
    return Figures(
        low=min(named.low, unnamed.low),
        conservative=min(named.conservative, unnamed.conservative),
        high=named.high + unnamed.high,
        open_ended=named.open_ended or unnamed.open_ended,
        early=early_of([named, unnamed]),
    )


def unnamed_added(
    analysis: Analysis, field: str, sources: dict[str, Source], actors: dict[str, Actor]
) -> list[Unnamed]:
    """The dead of unnamed parties that the top of the event's total adds to a named party's on the
    same point, though they may be the same people."""
    found = []
    for point in counted(analysis, field, actors):
        named, unnamed = _named_and_unnamed(point, sources)
        if named is not None and unnamed is not None:
            found.append(Unnamed(point, unnamed, named))
    return found


def _named_and_unnamed(point: Point, sources: dict[str, Source]) -> tuple[Figures | None, Figures | None]:
    """A point's figures for the parties the sources name, and for those they leave unnamed."""
    named = _span([c for c in point.claims if c.party not in point.unnamed], sources)
    return named, _span([c for c in point.claims if c.party in point.unnamed], sources)


def settled(claims: list[Claim]) -> list[Claim]:
    """The claims that give the range: those with a number, less the early counts (`preliminary`)
    when a settled count is given; the early counts alone when nothing else is."""
    numbers = [claim for claim in claims if claim.bounds is not None]
    return [claim for claim in numbers if not claim.preliminary] or numbers


def early_counts(point: Point) -> list[Claim]:
    """A point's early counts that a settled count leaves out of the range: shown beside it."""
    kept = settled(list(point.claims))
    return [claim for claim in point.claims if claim.bounds is not None and not any(claim is k for k in kept)]


def worded(analysis: Analysis, field: str, actors: dict[str, Actor]) -> list[str]:
    """The source's words ("several") for the parts of the total no number is given for: shown
    beside the total as the source's words, never added to it."""
    return list(
        dict.fromkeys(
            claim.value
            for point in counted(analysis, field, actors)
            if not settled(list(point.claims))
            for claim in point.claims
            if claim.worded
        )
    )


def _span(claims: list, sources: dict[str, Source]) -> Figures | None:
    claims = settled(claims)
    if not claims:
        return None
    bounds = [(claim.bounds, sources[claim.source].reliability) for claim in claims]
    lows = [b[0] for b, _ in bounds]
    credible = [b[0] for b, grade in bounds if grade in CREDIBLE_GRADES]
    tops = [(b[1] if b[1] is not None else b[0], b[1] is None) for b, _ in bounds]
    high, open_ended = max(tops)
    early = "all" if all(claim.preliminary for claim in claims) else None  # no settled count given
    return Figures(min(lows), min(credible or lows), high, open_ended, early)


def counted(analysis: Analysis, field: str, actors: dict[str, Actor]) -> list[Point]:
    """The whole-event points of `field` that add up to the event's total: not a point whose
    every party sits within a party another point gives a figure for (the Interior Ministry's
    three dead relayed once as "security forces" and once as a brigade of the army are counted
    once, under the wider party)."""
    points = _whole_event(analysis, field)
    return [point for point in points if not any(_inside(point, other, actors) for other in points)]


def nested(analysis: Analysis, field: str, actors: dict[str, Actor]) -> list[tuple[Point, Point, str]]:
    """Each whole-event point of `field` left out of the total, with the counted point that holds
    it and the party of that point it sits within: a named one it surely is within, before an
    unnamed one it only may be."""
    kept = counted(analysis, field, actors)
    found = []
    for point in _whole_event(analysis, field):
        if point in kept:
            continue
        wider = next(other for other in kept if _inside(point, other, actors))
        named_first = sorted(wider.parties, key=lambda p: p in wider.unnamed)  # a force it is surely within
        party = next(p for p in named_first if any(within(q, p, actors) for q in point.parties))
        found.append((point, wider, party))
    return found


def _whole_event(analysis: Analysis, field: str) -> list[Point]:
    return [point for point in analysis.points if point.field == field and not point.scope]


def within(party: str, container: str, actors: dict[str, Actor]) -> bool:
    """Whether `party` is part of `container`: one of its affiliations (a brigade's army), or an
    unnamed party ("security forces") that may be it or one of its affiliations."""
    chain = [party]
    while (parent := actors[chain[-1]].affiliation) is not None and parent not in chain:
        chain.append(parent)
    holder = actors[container]
    return container in chain[1:] or (holder.kind == "unnamed party" and bool(set(holder.may_be) & set(chain)))


def within_words(container: str, actors: dict[str, Actor]) -> str:
    """How a party stands to the wider one its figure is counted under: "within" its force, but
    only "may be within" an unnamed party ("security forces"), which may be another force."""
    return "may be within" if actors[container].kind == "unnamed party" else "within"


def _inside(point: Point, other: Point, actors: dict[str, Actor]) -> bool:
    """Every party of `point` is within a party of `other`, and not the other way round."""

    def all_within(inner: Point, outer: Point) -> bool:
        return all(any(within(p, o, actors) for o in outer.parties) for p in inner.parties)

    return point is not other and bool(point.parties) and all_within(point, other) and not all_within(other, point)
