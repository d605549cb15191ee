"""What `make validate` tells the analyst without refusing the data: a figure one origin gives
twice, once for a party and once for a party within it (the Interior Ministry's three dead, relayed
as "security forces" by one document and as members of an army brigade by another). Both claims
stay, each in its document's words; the total counts the wider party's figure once
(`derive.figures.counted`), and the note says so at the claim's line.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..core.models import Claim
from ..derive.dataset import Dataset
from ..derive.figures import counted, within
from .review import records_of


def nested_figures(data_dir: Path, dataset: Dataset) -> list[str]:
    """A note for each claim whose figure is left out of its event's total because its party sits
    within a party the same origin gives a figure for."""
    notes = []
    for _, record, document, base in records_of(data_dir, ("events",)):
        event = dataset.events.get(str(record.get("id")))
        if event is None:
            continue
        for index, claim, wider in _counted_once(dataset, event.id):
            line = document.line_of((*base, "claims", index, "party"))
            notes.append(
                f"note: {document.file}:{line}: {event.id}.claims[{index}].party: {claim.party} is within "
                f"{wider.party}, for which {claim.origin_key} gives a {claim.field} figure too "
                f"(claims[{_index(event.claims, wider)}]): counted once, as {wider.party}'s"
            )
    return notes


def _counted_once(dataset: Dataset, event_id: str) -> Iterator[tuple[int, Claim, Claim]]:
    """(claim index, claim, the same origin's claim for the wider party) for each figure left out."""
    event, analysis = dataset.events[event_id], dataset.analysis(event_id)
    for field in dict.fromkeys(point.field for point in analysis.points):
        kept = counted(analysis, field, dataset.actors)
        wider = [claim for point in kept for claim in point.claims]
        for point in analysis.points:
            if point.field != field or point.scope or point in kept:
                continue
            for claim in point.claims:
                same = [w for w in wider if w.origin_key == claim.origin_key and _within(claim, w, dataset)]
                if same:
                    yield _index(event.claims, claim), claim, same[0]


def _within(claim: Claim, wider: Claim, dataset: Dataset) -> bool:
    return claim.party is not None and wider.party is not None and within(claim.party, wider.party, dataset.actors)


def _index(claims: list[Claim], claim: Claim) -> int:
    return next(number for number, candidate in enumerate(claims) if candidate is claim)
