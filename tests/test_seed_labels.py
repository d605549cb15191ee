"""The labels the site derives from the five original documents, as a reviewed golden file.

Any change to a status, a comparable point, a relation or a credibility shows in review as a diff
of tests/golden/seed-labels.txt. It reads the briefing fixture (the five documents as edition 1
encoded them), so adding data never changes it; correcting an encoded claim of the five means
correcting it in tests/fixtures/briefing/ too: review the diff, then
`pytest tests/test_seed_labels.py --update-golden`.
"""

from __future__ import annotations

from macros.derive.comparison import describe
from macros.derive.dataset import Dataset
from macros.load.loader import load_dataset
from tests.conftest import BRIEFING, PROJECT

GOLDEN = PROJECT / "tests" / "golden" / "seed-labels.txt"


def labels(data: Dataset) -> str:
    lines = []
    for event_id in data.events:
        analysis = data.analysis(event_id)
        lines.append(f"{event_id}: {analysis.status}, {len(analysis.voices)} independent voice(s)")
        for point in analysis.points:
            state = "disputed" if point.disputed else "corroborated" if point.corroborated else "not compared"
            if point.compared and state == "not compared":
                state = "single voice" if len(point.independent_voices) == 1 else "not confirmed"
            lines.append(f"  {describe(point)}: {state}")
            for claim in point.claims:
                relations = sorted({r for other in point.claims if other is not claim
                                    if (r := point.relation(claim, other))})  # fmt: skip
                lines.append(
                    f"    {claim.source} {claim.value!r} <- {claim.origin_key}"
                    f" | credibility {analysis.credibility(claim)}"
                    + (f" | {', '.join(relations)}" if relations else "")
                )
    return "\n".join(lines) + "\n"


def test_seed_labels_match_the_reviewed_golden(update_golden):
    text = labels(load_dataset(BRIEFING / "data"))
    if update_golden:
        GOLDEN.write_text(text, encoding="utf-8")
    assert text == GOLDEN.read_text(encoding="utf-8"), "review the change, then run pytest --update-golden"
