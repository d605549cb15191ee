"""Which paragraphs of the hand-written briefing may have gone stale.

The briefing (`docs/includes/briefing.md`) carries the day it was last reviewed in its first line,
`{#- reviewed: YYYY-MM-DD ... -#}`. A paragraph that cites an event (through `event_link("ID")`,
`figures("ID")`, `claimed("ID", ...)` and the like) may no longer say what the data says once that
event gains claims after the review: `make validate` names each such paragraph as a warning, so
the analyst knows to re-read it. A warning never fails the build.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from ..derive.dataset import Dataset

BRIEFING = Path(__file__).resolve().parents[2] / "docs" / "includes" / "briefing.md"
_REVIEWED = re.compile(r"reviewed:\s*(\d{4}-\d{2}-\d{2})")
_CITED = re.compile(r"""\w+\(\s*["']([A-Z]{3}[0-9]{4,7})["']""")


@dataclass(frozen=True)
class StaleParagraph:
    file: str
    line: int
    opening: str  # the paragraph's first words, to find it by
    event: str
    changed: dt.date
    reviewed: dt.date

    def __str__(self) -> str:
        return (
            f'warning: {self.file}:{self.line}: "{self.opening}" cites {self.event}, whose claims changed on '
            f"{self.changed}, after the prose was reviewed on {self.reviewed}: re-read it, then update reviewed:"
        )


def stale_paragraphs(dataset: Dataset, path: Path = BRIEFING, shown: str | None = None) -> list[StaleParagraph]:
    """Every paragraph citing an event that gained claims after the prose's review date."""
    if not path.is_file():
        return []
    text = path.read_text(encoding="utf-8")
    found = _REVIEWED.search(text.split("\n", 1)[0])
    if found is None:
        return []
    reviewed = dt.date.fromisoformat(found[1])
    stale = []
    for line, paragraph in _paragraphs(text):
        for event_id in dict.fromkeys(_CITED.findall(paragraph)):
            event = dataset.events.get(event_id)
            changed = max((c.added or event.added for c in event.claims), default=None) if event else None
            if changed and changed > reviewed:
                words = re.sub(r"[*#]", "", re.sub(r"\{\{.*?\}\}", "…", paragraph, flags=re.S)).split()
                opening = " ".join(words[:8])
                stale.append(StaleParagraph(shown or path.name, line, opening, event_id, changed, reviewed))
    return stale


def _paragraphs(text: str) -> list[tuple[int, str]]:
    """(first line, text) of each paragraph; a list item starts a paragraph of its own."""
    paragraphs: list[tuple[int, list[str]]] = []
    for number, line in enumerate(text.splitlines(), 1):
        starts_item = re.match(r"^(\d+\.|[-*]) ", line)
        if not line.strip():
            paragraphs.append((number + 1, []))
        elif starts_item or not paragraphs:
            paragraphs.append((number, [line]))
        else:
            paragraphs[-1][1].append(line)
    return [(number, "\n".join(lines)) for number, lines in paragraphs if lines]
