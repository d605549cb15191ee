"""Figures derived from claims, and where claims disagree.

An event never carries a typed fatality count: each source's claim is kept, and the event's
figures are derived per party, then summed. `low` is the lowest any source allows, `high` the
highest any source states, and `conservative` follows ACLED (the lowest *credible* figure): the
lowest figure among sources not judged unreliable, or `low` when every source is.

"Not judged unreliable" is Admiralty A-C and F: F means reliability *cannot be judged* (an
unknown outlet), which is no evidence against a figure; dropping such sources would raise the
conservative figure on no evidence. D and E sources are judged unreliable and set only `low`.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from .models import NUMERIC_FIELDS, Claim, Event, Source, date_bounds

CREDIBLE_GRADES = frozenset("ABCF")
# A field with one true value per event (and party): different values mean the sources disagree.
# Lists such as participants or targets can differ without contradiction.
SINGLE_VALUED = (*NUMERIC_FIELDS, "date", "place", "location", "perpetrator")


@dataclass(frozen=True)
class Figures:
    low: int
    conservative: int
    high: int
    open_ended: bool  # some source gave only a floor ("at least N") at the high end


def derive(event: Event, field: str, sources: dict[str, Source]) -> Figures | None:
    by_party: dict[str | None, list[Claim]] = defaultdict(list)
    for claim in event.claims:
        if claim.field == field:
            by_party[claim.party].append(claim)
    if not by_party:
        return None
    parts = [_party_figures(claims, sources) for claims in by_party.values()]
    return Figures(
        low=sum(p.low for p in parts),
        conservative=sum(p.conservative for p in parts),
        high=sum(p.high for p in parts),
        open_ended=any(p.open_ended for p in parts),
    )


def _party_figures(claims: list[Claim], sources: dict[str, Source]) -> Figures:
    bounds = [(claim.bounds, sources[claim.source].reliability) for claim in claims]
    lows = [b[0] for b, _ in bounds]
    credible = [b[0] for b, grade in bounds if grade in CREDIBLE_GRADES]
    tops = [(b[1] if b[1] is not None else b[0], b[1] is None) for b, _ in bounds]
    high, open_ended = max(tops)
    return Figures(min(lows), min(credible or lows), high, open_ended)


@dataclass(frozen=True)
class ClaimGroup:
    """All claims about one field (and party) of one event, in the order they were written."""

    field: str
    party: str | None
    claims: tuple[Claim, ...]

    @property
    def disputed(self) -> bool:
        return self.field in SINGLE_VALUED and _disagree(list(self.claims))

    @property
    def sources(self) -> list[str]:
        return list(dict.fromkeys(claim.source for claim in self.claims))

    def agrees(self, first: Claim, second: Claim) -> bool:
        return self.field not in SINGLE_VALUED or not _disagree([first, second])


def claim_groups(event: Event) -> list[ClaimGroup]:
    groups: dict[tuple[str, str | None], list[Claim]] = defaultdict(list)
    for claim in event.claims:
        groups[(claim.field, claim.party)].append(claim)
    return [ClaimGroup(field, party, tuple(claims)) for (field, party), claims in groups.items()]


def conflicts(event: Event) -> list[str]:
    """Each point where sources give different values for a single-valued field.

    Dates disagree only when the days they can mean do not overlap ("January 2017" and
    "January 18" [2017] agree); figures and text disagree whenever they differ.
    """
    found = []
    for group in claim_groups(event):
        if group.disputed:
            about = f"{group.field} of {group.party}" if group.party else group.field
            shown = " vs ".join(sorted({claim.value for claim in group.claims}))
            found.append(f"{about}: {shown}")
    return found


def _disagree(claims: list[Claim]) -> bool:
    if claims[0].field == "date":
        spans = [date_bounds(claim.resolved) for claim in claims if claim.resolved]
        return max(start for start, _ in spans) > min(end for _, end in spans)
    keys = {claim.bounds if claim.bounds is not None else " ".join(claim.value.casefold().split()) for claim in claims}
    return len(keys) > 1
