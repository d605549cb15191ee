"""Which claims can be compared, which agree, who independently says so, and what follows.

A document is not an origin: the claims of two documents that relay one statement are one voice.
Claims are compared only with like claims: the same field, the same party (an unnamed party such
as "security forces" is compared with the named actors it may be, and assigned to none of them),
the same scope (the whole event, or one named part of it) and, for dates, the same moment (the
incident, a claim of responsibility, a statement). From those comparable points come the labels a
reader sees: agreement, difference, denial, corroboration, each claim's information credibility,
and the event's status.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property

from ..core.models import Actor, Claim, Event, Origin, Place, date_bounds
from ..core.terms import NUMERIC_FIELDS, SINGLE_VALUED
from .locations import placement


def voice_of(claim: Claim, origins: dict[str, Origin], actors: dict[str, Actor]) -> str:
    """Who speaks through a claim: its document (own reporting), or its origin's speaker's
    organisation (an army's statement and its spokesman's post are one voice), or the origin."""
    if claim.origin is None:
        return f"source:{claim.source}"
    origin = origins[claim.origin]
    if origin.speaker is None:
        return f"origin:{origin.id}"
    return f"actor:{organisation_of(origin.speaker, actors)}"


def organisation_of(actor_id: str, actors: dict[str, Actor]) -> str:
    """The top of an actor's affiliations (a spokesman -> his army; a ministry -> its government)."""
    seen = {actor_id}
    while (parent := actors[actor_id].affiliation) is not None and parent not in seen:
        seen.add(parent)
        actor_id = parent
    return actor_id


@dataclass(frozen=True)
class Point:
    """The comparable claims on one point of one event."""

    field: str
    parties: tuple[str, ...]  # the named actors and unnamed parties the claims are about
    scope: str | None
    moment: str | None
    claims: tuple[Claim, ...]
    voices: tuple[str, ...]  # each claim's voice, in the claims' order
    unnamed: frozenset[str] = frozenset()  # the parties among them that a source left unnamed
    places: dict[str, Place] = dataclasses.field(default_factory=dict, compare=False, repr=False)  # what `at` names

    @property
    def compared(self) -> bool:
        """Whether the claims are set against each other at all (details never are)."""
        return self.field in SINGLE_VALUED or self.mixed_polarity

    @property
    def mixed_polarity(self) -> bool:
        return len({claim.polarity for claim in self.claims}) > 1

    @property
    def independent_voices(self) -> list[str]:
        return list(dict.fromkeys(self.voices))

    @cached_property  # derived once: every page, chart and count asks again
    def disputed(self) -> bool:
        """Two independent voices that cannot both be right: different values of one party, or a
        denial against an affirmation. A voice that revises its own figure is not a dispute."""
        return any(self.relation(a, b) in CONTRADICTING for a in self.claims for b in self.claims if a is not b)

    @cached_property
    def corroborated(self) -> bool:
        """Some claim is confirmed by another, independent voice, and none is contradicted."""
        relations = {self.relation(a, b) for a in self.claims for b in self.claims if a is not b}
        return "agrees" in relations and not relations & CONTRADICTING

    @property
    def sources(self) -> list[str]:
        return list(dict.fromkeys(claim.source for claim in self.claims))

    @property
    def confirmed(self) -> list[Claim]:
        """The claims another independent voice confirms (credibility 1, or 3 when also contradicted)."""
        return [c for c in self.claims if any(self.relation(c, o) == "agrees" for o in self.claims if o is not c)]

    @property
    def unconfirmed(self) -> list[Claim]:
        """On a corroborated point, the claims no other voice confirms: a day within a confirmed month."""
        confirmed = self.confirmed
        return [claim for claim in self.claims if self.corroborated and not any(claim is c for c in confirmed)]

    def relation(self, first: Claim, second: Claim) -> str | None:
        """How `second` stands to `first`: agrees (confirms it), consistent (a coarser date that
        neither confirms nor contradicts), differs, contradicts (a denial), differs or agrees
        within the same voice or origin, may differ or may agree (an unnamed party that may not
        be the same); None when the point is not compared (details, lists)."""
        if not self.compared:
            return None
        if first.party != second.party and {first.party, second.party} & self.unnamed:
            same = not _values_disagree([first, second])
            return "may agree" if same else "may differ"
        if first.polarity != second.polarity:
            return "contradicts" if self.voice(first) != self.voice(second) else "contradicts (same voice)"
        placed = self.placed(first, second)
        disagree = placed == "differs" if placed else _values_disagree([first, second])
        if disagree and _set_apart(first, second):
            return "consistent"
        if self.field in SINGLE_VALUED and disagree:
            return "differs" if self.voice(first) != self.voice(second) else "differs (same voice)"
        if first.origin_key == second.origin_key:
            return "same origin"
        if self.voice(first) == self.voice(second):
            return "same voice"
        precise = placed in ("same", "finer") if placed else _as_precise(second, first)
        return "agrees" if precise else "consistent"

    def placed(self, first: Claim, second: Claim) -> str | None:
        """Where two claims that each name a place (`at`) put the event, one against the other
        (`locations.placement`: same, finer, coarser, compatible, differs); None when either
        gives only words, which are compared as words."""
        if first.at is None or second.at is None or first.at not in self.places or second.at not in self.places:
            return None
        return placement((self.places[first.at], first.source), (self.places[second.at], second.source), self.places)

    def voice(self, claim: Claim) -> str:
        for candidate, voice in zip(self.claims, self.voices, strict=True):
            if candidate is claim:
                return voice
        raise KeyError(claim)

    def credibility(self, claim: Claim) -> int:
        """Admiralty information credibility, derived from the other independent voices."""
        for candidate, credibility in zip(self.claims, self._credibilities, strict=True):
            if candidate is claim:
                return credibility
        raise KeyError(claim)

    @cached_property  # derived once: every card, export and chart asks again
    def _credibilities(self) -> tuple[int, ...]:
        return tuple(self._credibility(claim) for claim in self.claims)

    def _credibility(self, claim: Claim) -> int:
        relations = {self.relation(claim, other) for other in self.claims if other is not claim}
        confirmed, contradicted = "agrees" in relations, bool(relations & CONTRADICTING)
        if confirmed:
            return 3 if contradicted else 1
        return 4 if contradicted else 6


CONTRADICTING = frozenset({"differs", "contradicts"})


def _set_apart(first: Claim, second: Claim) -> bool:
    """Figures shown side by side but never set against each other: a quantity the source gives
    only in words ("several") against a number or another word, or an early count against
    another figure."""
    return first.field in NUMERIC_FIELDS and any(c.worded or c.preliminary for c in (first, second))


def _as_precise(claim: Claim, other: Claim) -> bool:
    """Whether `claim` says at least as much as `other`: a day confirms its month, not the reverse."""
    if claim.field != "date" or not (claim.resolved and other.resolved):
        return True
    inner, outer = date_bounds(claim.resolved), date_bounds(other.resolved)
    return outer[0] <= inner[0] and inner[1] <= outer[1]


def points_of(
    event: Event, actors: dict[str, Actor], origins: dict[str, Origin], places: dict[str, Place] | None = None
) -> list[Point]:
    """The event's claims gathered into comparable points, in the order the claims were written;
    with `places`, claims that name a place are compared by what they place."""
    parties = _party_groups(event, actors)
    groups: dict[tuple, list[Claim]] = defaultdict(list)
    for claim in event.claims:
        party = parties.get((claim.field, _scope_key(claim.scope), claim.party), claim.party)
        moment = claim.dated_moment if claim.field == "date" else None
        groups[(claim.field, party, _scope_key(claim.scope), moment)].append(claim)
    points = []
    for (field, _, _, moment), claims in groups.items():
        members = tuple(dict.fromkeys(c.party for c in claims if c.party is not None))
        voices = tuple(voice_of(c, origins, actors) for c in claims)
        unnamed = frozenset(p for p in members if actors[p].kind == "unnamed party")
        points.append(Point(field, members, claims[0].scope, moment, tuple(claims), voices, unnamed, places or {}))
    return points


def _scope_key(scope: str | None) -> str | None:
    """'The first clash' and 'the first  clash' are one part of the event."""
    return " ".join(scope.casefold().split()) if scope else None


def _party_groups(event: Event, actors: dict[str, Actor]) -> dict[tuple, str]:
    """(field, scope, party) -> the key its figures are compared under: an unnamed party shares
    one key with the named actors it may be that the same field and scope name. An unnamed party
    that may be anyone ("five people were killed": no `may_be`) shares the key of the one other
    party the field and scope name, when there is exactly one: its dead may be that party's."""
    named: dict[tuple, set[str]] = defaultdict(set)
    for claim in event.claims:
        if claim.party is not None:
            named[(claim.field, _scope_key(claim.scope))].add(claim.party)
    keys: dict[tuple, str] = {}
    for (field, scope), present in named.items():
        parent = {party: party for party in present}

        def find(party: str, parent: dict[str, str] = parent) -> str:
            while parent[party] != party:
                party = parent[party]
            return party

        for party in sorted(present):
            for other in _may_be(party, present, actors):
                parent[find(party)] = find(other)
        for party in present:
            keys[(field, scope, party)] = min(p for p in present if find(p) == find(party))
    return keys


def _may_be(party: str, present: set[str], actors: dict[str, Actor]) -> list[str]:
    """The parties present that an unnamed party's figure may be for."""
    actor = actors[party]
    if actor.kind != "unnamed party":
        return []
    if actor.may_be:
        return [other for other in actor.may_be if other in present]
    others = sorted(present - {party})
    return others if len(others) == 1 else []


def _values_disagree(claims: list[Claim]) -> bool:
    if claims[0].field == "date":
        spans = [date_bounds(claim.resolved) for claim in claims if claim.resolved]
        return max(start for start, _ in spans) > min(end for _, end in spans)
    keys = {claim.bounds if claim.bounds is not None else " ".join(claim.value.casefold().split()) for claim in claims}
    return len(keys) > 1


@dataclass(frozen=True)
class Analysis:
    """Everything derived from one event's claims that a view shows."""

    points: tuple[Point, ...]

    @cached_property  # derived once per event: each view and count asks for the status again
    def disputed(self) -> list[Point]:
        return [point for point in self.points if point.disputed]

    @cached_property
    def corroborated(self) -> list[Point]:
        return [point for point in self.points if point.corroborated]

    @cached_property
    def status(self) -> str:
        if self.disputed:
            return "disputed"
        return "corroborated" if self.corroborated else "single report"

    @property
    def voices(self) -> list[str]:
        return list(dict.fromkeys(voice for point in self.points for voice in point.voices))

    @property
    def one_voice(self) -> list[Point]:
        """The compared points only one voice speaks to, or that no second voice confirms or contradicts."""
        return [p for p in self.points if p.compared and not p.disputed and not p.corroborated]

    def point_of(self, claim: Claim) -> Point:
        for point in self.points:
            if any(c is claim for c in point.claims):
                return point
        raise KeyError(claim)

    def credibility(self, claim: Claim) -> int:
        if claim.credibility is not None:
            return claim.credibility.rating
        return self.point_of(claim).credibility(claim)


def analyse(
    event: Event, actors: dict[str, Actor], origins: dict[str, Origin], places: dict[str, Place] | None = None
) -> Analysis:
    return Analysis(tuple(points_of(event, actors, origins, places)))


def describe(point: Point) -> str:
    """A point in words for messages and exports: "fatalities of islamic-state (first clash)"."""
    about = point.field
    if point.parties:
        about += " of " + " or ".join(point.parties)
    if point.moment and point.moment != "incident":
        about += f" ({point.moment})"
    if point.scope:
        about += f" [{point.scope}]"
    return about


def conflicts(analysis: Analysis) -> list[str]:
    """Each disputed point with the values set against each other."""
    found = []
    for point in analysis.disputed:
        values = sorted({("not: " if c.polarity == "denies" else "") + c.value for c in point.claims})
        found.append(f"{describe(point)}: {' vs '.join(values)}")
    return found
