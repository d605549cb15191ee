"""`make edition NOTE="..."`: issue the data as it stands as the next edition of the briefing.

Appends the edition (number, today's date, the editor's note) to `data/editions.yaml` and keeps
the snapshot of the derived data the next edition is compared with (`data/editions/<n>.json`).
The data must be valid, and must have changed since the last edition. Commit both files.

    python -m tools.edition --note "Adds two reports on the Qatrun attack."
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

from macros.core.dates import today as today_setting
from macros.core.yamlfile import DataError
from macros.derive.editions import snapshot, unchanged
from macros.load.editions import snapshot_path, write_snapshot
from macros.load.loader import DATA_DIR, load_dataset
from macros.load.prose import stale_prose
from tools import run

HEADER = """\
# yaml-language-server: $schema=schema/editions.schema.json
# The published editions, oldest first. Never edit by hand: `make edition NOTE="..."` appends one
# and keeps its snapshot in editions/<number>.json, which the next edition is compared with.
"""


class EditionError(Exception):
    """Why no edition can be cut, in words for the editor."""


def cut_edition(note: str, data_dir: Path = DATA_DIR, today: dt.date | None = None, stale: str = "") -> int:
    """Append the next edition and write its snapshot; returns its number. Prose the data has
    left behind stops it, unless `stale` says why the edition goes out all the same."""
    note, stale = " ".join(note.split()), " ".join(stale.split())
    if not note:
        raise EditionError('say what this edition brings: NOTE="..." (two lines at most)')
    today = today or today_setting()
    dataset = load_dataset(data_dir, today=today)
    number = max(dataset.editions, default=0) + 1
    now = snapshot(dataset)
    if dataset.editions and unchanged(dataset.snapshots[number - 1], now):
        raise EditionError(f"nothing has changed since edition {number - 1}: no new edition to issue")
    if (warnings := stale_prose(data_dir, dataset)) and not stale:
        raise EditionError(
            "prose has gone stale since it was last read:\n  " + "\n  ".join(warnings) + "\nre-read it and mark it "
            'reviewed, or issue the edition all the same with STALE="why" (recorded in the edition)'
        )
    path = data_dir / "editions.yaml"
    text = path.read_text(encoding="utf-8") if path.exists() else HEADER
    entry = f"- number: {number}\n  date: {today.isoformat()}\n  note: {json.dumps(note, ensure_ascii=False)}\n"
    entry += f"  stale: {json.dumps(stale, ensure_ascii=False)}\n" if stale else ""
    write_snapshot(snapshot_path(path, number), now)
    path.write_text(text.rstrip("\n") + "\n" + entry, encoding="utf-8")
    try:
        load_dataset(data_dir, today=today)
    except DataError:  # the note too long, say: take the edition back whole
        if text == HEADER:
            path.unlink()
        else:
            path.write_text(text, encoding="utf-8")
        snapshot_path(path, number).unlink()
        raise
    return number


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.edition", description=__doc__)
    parser.add_argument("--note", required=True, help="what this edition brings, in two lines at most")
    parser.add_argument("--data-dir", type=Path, default=DATA_DIR)
    parser.add_argument("--stale", default="", help="why the edition goes out while prose is stale")
    args = parser.parse_args(argv)

    def work() -> str:
        number = cut_edition(args.note, args.data_dir, stale=args.stale)
        return f"edition {number} cut: commit data/editions.yaml and data/editions/{number}.json"

    try:
        return run("make edition", work, EditionError)
    except DataError as err:
        print(err.report(), file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
