"""`make accept-seed ID=source-id WHY="..."`: accept, on purpose, a new version of a source's document.

A seed is evidence and is never edited; when the document itself changes (a fuller copy, a
corrected transcription), this records the old and new checksum, the day and the reason in the
source's `revisions`, which its page shows. Nothing else may change a recorded checksum.

    python -m tools.accept_seed SOURCE_ID --why "the outlet published a corrected version"
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import sys
from pathlib import Path

from macros.core.dates import today as today_setting
from macros.core.models import Source
from macros.core.project import PROJECT_DIR
from macros.core.yamlfile import DataError, Document, FieldPath, read_yaml
from tools import run

ROOT = PROJECT_DIR


class AcceptError(Exception):
    """Why the seed cannot be accepted, in words for the analyst."""


def accept_seed(source_id: str, why: str, root: Path = ROOT, today: dt.date | None = None) -> Path:
    """Record the seed's new checksum and the revision in the source's file; returns that file."""
    if not why.strip():
        raise AcceptError('say why the document changed: WHY="..."')
    path, document, base = _find_source(source_id, root)
    record = document.value if base == () else document.value[base[0]]
    seed = root / record["seed"]
    if not seed.is_file():
        raise AcceptError(f"{record['seed']} does not exist: nothing to accept")
    new = hashlib.sha256(seed.read_bytes()).hexdigest()
    old = record["sha256"]
    if new == old:
        raise AcceptError(f"{record['seed']} has not changed: nothing to accept")
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    sha_line = document.line_of((*base, "sha256")) - 1
    lines[sha_line] = lines[sha_line].replace(old, new)
    indent = lines[sha_line][: len(lines[sha_line]) - len(lines[sha_line].lstrip())]
    entry = [
        f"- date: {(today or today_setting()).isoformat()}\n",
        f"  old_sha256: {old}\n",
        f"  new_sha256: {new}\n",
        f"  why: {json.dumps(why.strip(), ensure_ascii=False)}\n",
    ]
    if "revisions" in record:
        at, item_indent = _end_of_list(lines, document.line_of((*base, "revisions")) - 1)
        lines[at:at] = [item_indent + line for line in entry]
    else:
        lines[sha_line + 1 : sha_line + 1] = [f"{indent}revisions:\n", *(f"{indent}  {line}" for line in entry)]
    _write_checked(path, "".join(lines), text, source_id, base, root)
    return path


def _find_source(source_id: str, root: Path) -> tuple[Path, Document, FieldPath]:
    data = root / "data"
    files = [data / "sources.yaml", *sorted((data / "sources").rglob("*.yaml"))]
    for path in (p for p in files if p.is_file()):
        document = read_yaml(path, path.relative_to(root).as_posix())
        value = document.value
        if isinstance(value, dict) and value.get("id") == source_id:
            return path, document, ()
        for index, item in enumerate(value if isinstance(value, list) else []):
            if isinstance(item, dict) and item.get("id") == source_id:
                return path, document, (index,)
    raise AcceptError(f"no source with id {source_id!r} in data/sources.yaml or data/sources/")


def _end_of_list(lines: list[str], key_line: int) -> tuple[int, str]:
    """Where the list under `key_line` ends, and the indentation of its items."""
    key_indent = len(lines[key_line]) - len(lines[key_line].lstrip())
    item_indent = None
    at = key_line + 1
    while at < len(lines):
        stripped = lines[at].lstrip()
        indent = len(lines[at]) - len(stripped)
        if stripped.strip() and not stripped.startswith("#"):
            if indent < key_indent or (indent == key_indent and not stripped.startswith("- ")):
                break
            if item_indent is None and stripped.startswith("- "):
                item_indent = lines[at][:indent]
        at += 1
    return at, item_indent if item_indent is not None else " " * (key_indent + 2)


def _write_checked(path: Path, new_text: str, old_text: str, source_id: str, base: FieldPath, root: Path) -> None:
    """Write the edit only if the source still reads as a valid record."""
    path.write_text(new_text, encoding="utf-8")
    try:
        document = read_yaml(path, path.relative_to(root).as_posix())
        Source.model_validate(document.value if base == () else document.value[base[0]])
    except (DataError, ValueError) as err:
        path.write_text(old_text, encoding="utf-8")
        raise AcceptError(f"could not record the revision in {path.name} ({err}); the file is unchanged") from None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.accept_seed", description=__doc__.splitlines()[0])
    parser.add_argument("id", help="the source's id")
    parser.add_argument("--why", required=True, help="why the document changed")
    parser.add_argument("--root", type=Path, default=ROOT, help="the folder holding data/ and seeds/")
    args = parser.parse_args(argv)

    def work() -> str:
        path = accept_seed(args.id, args.why, args.root)
        return f"recorded the new version of {args.id}'s document in {path.relative_to(args.root)}: run make validate"

    return run("accept-seed", work, AcceptError, DataError)


if __name__ == "__main__":
    sys.exit(main())
