"""Editions: each published issue of the briefing, and what changed since the one before.

An edition is cut with `make edition` (tools/edition.py): it appends an entry to
`data/editions.yaml` and keeps a snapshot of the derived data in `data/editions/<number>.json`
(read, checked and written by `macros/load/editions.py`; here only derived and compared).
The snapshot holds what a reader compares across issues (events, each claim's value, derived
figures, status, judgments, sources), so "what changed" is a comparison of two snapshots, never
a reading of dates typed in the data. The current data compared with the newest snapshot is
what changed since that edition was issued: shown as not yet issued, never as part of it.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Protocol

from ..core.dates import Cutoff, show_date, show_undated
from ..core.models import Assessment, Edition, Event, Source
from ..core.terms import FIELD_LABELS, NUMERIC_FIELDS
from .corrections import corrections
from .figures import Figures

SNAPSHOT_FORMAT = 1


class Snapshotted(Protocol):
    """What a snapshot reads of the dataset (derive.dataset.Dataset, which holds the editions'
    history and so cannot be imported here)."""

    @property
    def events(self) -> dict[str, Event]: ...

    @property
    def sources(self) -> dict[str, Source]: ...

    @property
    def assessments(self) -> dict[str, Assessment]: ...

    @property
    def cutoff(self) -> Cutoff | None: ...

    def figures(self, event_id: str, field: str = ...) -> Figures | None: ...

    def status(self, event_id: str) -> str: ...


def snapshot(dataset: Snapshotted) -> dict[str, Any]:
    """What a later edition is compared with: plain JSON, stable for unchanged data."""
    cutoff = dataset.cutoff
    events = {}
    for event in dataset.events.values():
        figures = {}
        for name in NUMERIC_FIELDS:
            found = dataset.figures(event.id, name)
            if found is not None:
                figures[name] = [found.low, found.conservative, found.high]
        events[event.id] = {
            "date": event.date,
            # an undated event's date is its report's: kept apart so "what changed" says so (only
            # when undated, so an unchanged event compares equal with an older snapshot's)
            **({"undated": True, "date_precision": event.date_precision} if event.undated else {}),
            "place": event.place,
            "summary": event.summary,
            "status": dataset.status(event.id),
            "figures": figures,
            "claims": claim_values(event.claims),
        }
    return {
        "format": SNAPSHOT_FORMAT,
        "cutoff": [cutoff.date, cutoff.precision] if cutoff else None,
        "sources": {source.id: source.label for source in dataset.sources.values()},
        # each document's checksum: a later edition refuses a changed document without its revision
        "documents": {source.id: source.sha256 for source in dataset.sources.values()},
        "events": events,
        "judgments": {item.id: item.judgment for item in dataset.assessments.values()},
        "corrections": [item.key for item in corrections(dataset)],
    }


def claim_values(claims: list) -> dict[str, str]:
    """Each claim under a key naming what it is about and who says it, so that a claim whose
    value was corrected is "changed", not one removed and one added."""
    values: dict[str, str] = {}
    seen: Counter[str] = Counter()
    for claim in claims:
        parts = (claim.source, claim.field, claim.party, claim.scope, claim.moment, claim.origin, claim.polarity)
        key = "/".join(part or "-" for part in parts)
        seen[key] += 1
        values[key if seen[key] == 1 else f"{key}#{seen[key]}"] = str(claim.value)
    return values


@dataclass(frozen=True)
class Change:
    """One line of "what changed": `section` groups it (events, figures, disputes, judgments,
    sources); `event` or `source` is what it links to."""

    section: str
    text: str
    event: str | None = None
    source: str | None = None


CHANGE_SECTIONS = ("Corrections", "Events", "Figures", "Disputes", "Claims", "Assessments", "Sources")


@dataclass(frozen=True)
class Changes:
    items: list[Change] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.items)

    def grouped(self) -> list[tuple[str, list[Change]]]:
        return [(name, found) for name in CHANGE_SECTIONS if (found := [c for c in self.items if c.section == name])]

    def count(self, section: str) -> int:
        return sum(change.section == section for change in self.items)


def changes_between(before: dict[str, Any], after: dict[str, Any]) -> Changes:
    """What a reader of `before` needs to know to read `after`."""
    items: list[Change] = []
    old_events, new_events = before["events"], after["events"]
    for event_id, event in new_events.items():
        old = old_events.get(event_id)
        if old is None:
            items.append(Change("Events", f"new: {event['summary']}", event=event_id))
            if event["status"] == "disputed":
                items.append(Change("Disputes", "new event, disputed between sources", event=event_id))
            continue
        items.extend(_event_changes(event_id, old, event))
    for event_id in old_events.keys() - new_events.keys():
        items.append(Change("Events", f"{event_id} withdrawn: {old_events[event_id]['summary']}"))
    for source_id, label in after["sources"].items():
        if source_id not in before["sources"]:
            items.append(Change("Sources", f"new source: {label}", source=source_id))
    old_judgments, new_judgments = before["judgments"], after["judgments"]
    for item_id, text in new_judgments.items():
        if item_id not in old_judgments:
            items.append(Change("Assessments", f"new: {text}"))
        elif old_judgments[item_id] != text:
            items.append(Change("Assessments", f"restated: {text} (was: {old_judgments[item_id]})"))
    for item_id in old_judgments.keys() - new_judgments.keys():
        items.append(Change("Assessments", f"withdrawn: {old_judgments[item_id]}"))
    items.extend(_corrections(before.get("corrections", []), after.get("corrections", [])))
    return Changes(items)


def _corrections(before: list[list[str]], after: list[list[str]]) -> list[Change]:
    """The corrections `after` holds and `before` did not, each linked to what it corrects."""
    known = {tuple(item) for item in before}
    changes = []
    for kind, record, day, what in after:
        if (kind, record, day, what) not in known:
            text = f"{dt.date.fromisoformat(day):%-d %B %Y}: {what}"
            event, source = (record, None) if kind == "event" else (None, record)
            changes.append(Change("Corrections", text, event=event, source=source))
    return changes


def _event_changes(event_id: str, old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    items = []
    if _when(old) != _when(new):
        items.append(Change("Events", f"date: {_when(old)} → {_when(new)}", event=event_id))
    if old["place"] != new["place"]:
        items.append(Change("Events", f"place corrected: {old['place']} → {new['place']}", event=event_id))
    for name in dict.fromkeys([*old["figures"], *new["figures"]]):
        was, now = old["figures"].get(name), new["figures"].get(name)
        if was != now:
            label = FIELD_LABELS.get(name, name).lower()
            items.append(Change("Figures", f"{label}: {_span(was)} → {_span(now)}", event=event_id))
    if old["status"] != new["status"]:
        if new["status"] == "disputed":
            items.append(Change("Disputes", "now disputed between sources", event=event_id))
        elif old["status"] == "disputed":
            items.append(Change("Disputes", f"no longer disputed (now {new['status']})", event=event_id))
        else:
            items.append(Change("Disputes", f"{old['status']} → {new['status']}", event=event_id))
    added = [key for key in new["claims"] if key not in old["claims"]]
    changed = [key for key in new["claims"] if key in old["claims"] and old["claims"][key] != new["claims"][key]]
    removed = [key for key in old["claims"] if key not in new["claims"]]
    for verb, keys in (("added", added), ("corrected", changed), ("withdrawn", removed)):
        if keys:
            fields = ", ".join(dict.fromkeys(FIELD_LABELS.get(k.split("/")[1], k.split("/")[1]).lower() for k in keys))
            sources = len({key.split("/")[0] for key in keys})
            whose = "one source" if sources == 1 else f"{sources} sources"
            noun = "claim" if len(keys) == 1 else "claims"
            items.append(Change("Claims", f"{len(keys)} {noun} {verb} ({fields}; {whose})", event=event_id))
    return items


def _when(event: dict[str, Any]) -> str:
    """A snapshot's date as a reader reads it: "January 2022", or "undated; reported c. 27 Jan 2022"
    for a state of affairs dated only by its report."""
    precision = event.get("date_precision") or ("year", "month", "day")[event["date"].count("-")]
    shown = show_date(event["date"], precision, weekday=False)
    return show_undated(shown) if event.get("undated") else shown


def _span(figures: list[int] | None) -> str:
    if figures is None:
        return "none"
    low, _, high = figures
    return str(low) if low == high else f"{low}–{high}"


@dataclass(frozen=True)
class EditionView:
    """An edition with what it changed from the one before (`first` when there was none)."""

    edition: Edition
    changes: Changes
    cutoff: Cutoff | None  # as the edition's snapshot recorded it
    counts: dict[str, int]
    first: bool


def history(editions: dict[int, Edition], snapshots: dict[int, dict[str, Any]]) -> list[EditionView]:
    """Every edition, newest first, each compared with its predecessor's snapshot."""
    views = []
    for number, edition in sorted(editions.items()):
        now = snapshots[number]
        before = snapshots.get(number - 1)
        views.append(
            EditionView(
                edition=edition,
                changes=changes_between(before, now) if before else Changes(),
                cutoff=Cutoff(*now["cutoff"]) if now.get("cutoff") else None,
                counts={
                    "events": len(now["events"]),
                    "sources": len(now["sources"]),
                    "judgments": len(now["judgments"]),
                },
                first=before is None,
            )
        )
    return views[::-1]


def unchanged(before: dict[str, Any], now: dict[str, Any]) -> bool:
    """Whether nothing an edition records has changed (what an older snapshot did not record yet
    is left out of the comparison)."""
    return all(before.get(key) == value for key, value in now.items() if key in before)


def recorded_documents(snapshots: dict[int, dict[str, Any]]) -> tuple[int, dict[str, str]]:
    """The newest edition that recorded its documents' checksums, and those checksums."""
    for number in sorted(snapshots, reverse=True):
        if "documents" in snapshots[number]:
            return number, snapshots[number]["documents"]
    return 0, {}
