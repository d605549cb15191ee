"""The editions' files: each edition's snapshot read and checked for the loader (its problems as
`make validate` reports them), and written by `make edition` (tools/edition.py). What a snapshot
holds and how two are compared is derived in `macros/derive/editions.py`."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from ..core.models import Edition
from ..core.yamlfile import Problem
from ..derive.editions import SNAPSHOT_FORMAT


def snapshot_path(editions_file: Path, number: int) -> Path:
    """Where an edition's snapshot lives: beside the file that lists the editions."""
    return editions_file.parent / "editions" / f"{number}.json"


def check_editions(records: list, root: Path, today: dt.date, problems: list[Problem]) -> tuple[dict, dict]:
    """Editions numbered 1, 2, 3... in order, dated in order and not in the future, each with
    its snapshot. Returns the editions and their snapshots by number."""
    editions: dict[int, Edition] = {}
    snapshots: dict[int, dict[str, Any]] = {}
    previous: Edition | None = None
    for record in records:
        edition: Edition = record.model
        expected = previous.number + 1 if previous else 1
        if edition.number != expected:
            message = f"expected edition {expected}: editions are numbered 1, 2, 3... in order"
            problems.append(record.problem(("number",), message))
        elif previous and edition.date < previous.date:
            problems.append(record.problem(("date",), f"before edition {previous.number}'s date ({previous.date})"))
        elif edition.date > today:
            problems.append(record.problem(("date",), f"in the future (today is {today})"))
        path = snapshot_path(root / record.doc.file, edition.number)
        try:
            snapshots[edition.number] = _read_snapshot(path)
        except (OSError, ValueError, KeyError) as err:
            shown = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
            cause = "is missing" if isinstance(err, FileNotFoundError) else f"cannot be read ({err})"
            message = f"its snapshot {shown} {cause}: cut editions with make edition, which writes it"
            problems.append(record.problem(("number",), message))
        editions[edition.number] = edition
        previous = edition
    return editions, snapshots


def _read_snapshot(path: Path) -> dict[str, Any]:
    value = json.loads(path.read_text(encoding="utf-8"))
    if value.get("format") != SNAPSHOT_FORMAT:
        raise ValueError(f"format {value.get('format')!r}, expected {SNAPSHOT_FORMAT}")
    for key in ("events", "sources", "judgments"):
        value[key]
    return value


def write_snapshot(path: Path, value: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(value, indent=1, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
