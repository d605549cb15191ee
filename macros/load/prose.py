"""Which paragraphs of the hand-written briefing may have gone stale.

The briefing (`docs/includes/briefing.md`) carries the day it was last reviewed in its first line,
`{#- reviewed: YYYY-MM-DD ... -#}`. A paragraph that cites an event (through `event_link("ID")`,
`figures("ID")`, `claimed("ID", ...)` and the like) may no longer say what the data says once that
event gains claims after the review; one that speaks of "the cut-off" in words ("shortly before
the cut-off") without showing it (`cutoff()`) may be wrong once a newer source moves the cut-off
from the one the review line records (`reviewed: 2026-11-29, cut-off 2022-01-29`). `make
validate` names each such paragraph as a warning, so the analyst knows to re-read it. A warning
never fails the build.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from pathlib import Path

from ..core.project import PROJECT_DIR
from ..core.terms import EVENT_PROSE
from ..derive.dataset import Dataset
from .review import records_of

BRIEFING = PROJECT_DIR / "docs" / "includes" / "briefing.md"
_REVIEWED = re.compile(r"reviewed:\s*(\d{4}-\d{2}-\d{2})(?:,\s*cut-off\s*(\d{4}(?:-\d{2}){0,2}))?")
_CUTOFF_IN_WORDS = re.compile(r"\bcut-?off\b", re.IGNORECASE)
_CITED = re.compile(r"""\w+\(\s*["']([A-Z]{3}[0-9]{4,7})["']""")


@dataclass(frozen=True)
class StaleParagraph:
    file: str
    line: int
    opening: str  # the paragraph's first words, to find it by
    event: str | None  # the event it cites, or None: it speaks of the cut-off
    changed: dt.date
    reviewed: dt.date
    why: str = ""  # what changed, in words

    def __str__(self) -> str:
        return (
            f'warning: {self.file}:{self.line}: "{self.opening}" {self.why} on {self.changed}, after the prose '
            f"was reviewed on {self.reviewed}: re-read it, then update reviewed:"
        )


def briefing_file() -> Path:
    """The briefing the build includes: from LIBYA_WATCH_INCLUDES when set, as mkdocs.yml reads it
    (the tests point it at their fixture's prose), else docs/includes/."""
    return PROJECT_DIR / os.environ.get("LIBYA_WATCH_INCLUDES", "docs/includes") / "briefing.md"


def stale_paragraphs(dataset: Dataset, path: Path = BRIEFING, shown: str | None = None) -> list[StaleParagraph]:
    """Every paragraph citing an event that gained claims after the prose's review date."""
    if not path.is_file():
        return []
    text = path.read_text(encoding="utf-8")
    found = _REVIEWED.search(text.split("\n", 1)[0])
    if found is None:
        return []
    reviewed = dt.date.fromisoformat(found[1])
    moved = _cutoff_moved(dataset, found[2], reviewed)
    stale = []
    for line, paragraph in _paragraphs(text):
        words = re.sub(r"[*#]", "", re.sub(r"\{\{.*?\}\}", "…", paragraph, flags=re.S)).split()
        opening = " ".join(words[:8])
        for event_id in dict.fromkeys(_CITED.findall(paragraph)):
            event = dataset.events.get(event_id)
            changed = max((c.added or event.added for c in event.claims), default=None) if event else None
            if changed and changed > reviewed:
                why = f"cites {event_id}, whose claims changed"
                stale.append(StaleParagraph(shown or path.name, line, opening, event_id, changed, reviewed, why))
        in_words = _CUTOFF_IN_WORDS.search(paragraph) and "cutoff()" not in paragraph and line > 1
        if moved and in_words:
            why = f"speaks of the cut-off, which moved to {dataset.cutoff} with {moved[1]}, added"
            stale.append(StaleParagraph(shown or path.name, line, opening, None, moved[0], reviewed, why))
    return stale


def _cutoff_moved(dataset: Dataset, recorded: str | None, reviewed: dt.date) -> tuple[dt.date, str] | None:
    """(when it was added, which) of the source that moved the cut-off since the review, or None.
    It moved when it is not the cut-off the review line records or, where it records none, when
    the source setting it was added after the review."""
    cutoff = dataset.cutoff
    setting = [s for s in dataset.sources.values() if cutoff and s.published.date == cutoff.date]
    newest = max(setting, key=lambda s: s.added, default=None)
    if newest is None or (cutoff.date == recorded if recorded else newest.added <= reviewed):
        return None
    return newest.added, newest.id


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


def stale_prose(data_dir: Path, dataset: Dataset) -> list[str]:
    """What make validate warns about and make edition refuses: briefing paragraphs and events'
    prose the data has left behind."""
    briefing = briefing_file()
    shown = briefing.relative_to(PROJECT_DIR).as_posix() if briefing.is_relative_to(PROJECT_DIR) else str(briefing)
    return [*map(str, stale_paragraphs(dataset, briefing, shown=shown)), *stale_notes(data_dir, dataset)]


def stale_notes(data_dir: Path, dataset: Dataset) -> list[str]:
    """Each event whose prose (summary, date note, dispute note) was written or last re-read
    (`reviewed`) before claims were added to it: the words may no longer say what the claims do."""
    stale = []
    for _, record, document, base in records_of(data_dir, ("events",)):
        event = dataset.events.get(str(record.get("id")))
        if event is None:
            continue
        read = event.reviewed or event.added
        changed = max((claim.added for claim in event.claims if claim.added), default=read)
        written = [name for name in EVENT_PROSE if getattr(event, name)]
        if changed > read:
            stale.append(
                f"warning: {document.file}:{document.line_of((*base, 'summary'))}: {event.id}: its "
                f"{_and_list(written)} {'was' if len(written) == 1 else 'were'} last read on {read}, before claims "
                f"added on {changed}: re-read "
                f"them, then set reviewed: {changed}"
            )
    return stale


def _and_list(names: list[str]) -> str:
    """ "summary", "summary and dispute_note", "summary, date_note and dispute_note"."""
    return " and ".join(names) if len(names) < 3 else ", ".join(names[:-1]) + " and " + names[-1]
