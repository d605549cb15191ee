"""Loads every file under `data/` once into a validated `Dataset`, or fails listing all problems.

Each kind lives in `data/<kind>.yaml` (a list) and/or `data/<kind>/**/*.yaml` (a list or one
record per file, for large datasets). Records are validated one at a time so one bad record does
not hide the others; cross-record rules (references, quotes, checksums) run in `checks.py`.
"""

from __future__ import annotations

import datetime as dt
import difflib
import hashlib
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..core.dates import today as today_setting
from ..core.models import KINDS, PATTERN_HINTS, FieldError, Model
from ..core.project import PROJECT_DIR
from ..core.record import Record
from ..core.yamlfile import ANY, MAX_BYTES, DataError, Document, FieldPath, Problem, Stage, read_yaml
from ..derive.dataset import Dataset
from .checks import CheckedEvents, check_dataset

DATA_DIR = PROJECT_DIR / "data"


def load_dataset(data_dir: Path = DATA_DIR, today: dt.date | None = None, files: LoadedFiles | None = None) -> Dataset:
    """Read, validate and cross-check everything under `data_dir`; raise DataError if anything is
    wrong. With `files` (`make serve`), a file whose bytes the last load read without a problem
    is neither parsed nor validated again: its records are taken back, and an event taken back
    is not checked again while nothing it is checked against changed (`CheckedEvents`; the other
    checks across records all run again)."""
    root = data_dir.parent
    problems: list[Problem] = []
    records: dict[str, list[Record]] = {kind: [] for kind in KINDS}
    unloaded = _Unloaded()
    for kind, path in data_files(data_dir, problems):
        shown = path.relative_to(root).as_posix()
        one_per_file = path.parent != data_dir
        key = files.key(kind, path, one_per_file) if files is not None else None
        if key is not None and (kept := files.take(key)) is not None:
            records[kind].extend(kept)
            continue
        try:
            document = read_yaml(path, shown)
        except DataError as err:
            problems.extend(replace(p, stage=Stage.PARSE) for p in err.problems)
            unloaded.files.setdefault(kind, shown)
            continue
        schema: list[Problem] = list(document.problems)
        not_loaded = len(unloaded.files) + len(unloaded.records)
        loaded = _validate_records(kind, document, one_per_file, schema, unloaded)
        records[kind].extend(loaded)
        problems.extend(replace(p, stage=Stage.SCHEMA) for p in schema)
        document.value = None  # the models hold it now; the document stays only to name lines
        if key is not None and not schema and len(unloaded.files) + len(unloaded.records) == not_loaded:
            files.keep(key, loaded)
    if files is not None:
        files.finish()
    checked = files.checked if files is not None else None
    dataset = check_dataset(records, root, today or today_setting(), problems, checked)
    if problems:
        raise DataError([unloaded.mark(p) for p in problems])
    return dataset


@dataclass
class LoadedFiles:
    """Each data file's records as the last load validated them, by the file's kind, place and
    bytes (their SHA-256): what `make serve` keeps between builds, so a save of one file of many
    parses and validates that file alone. Only a file read without a problem is kept (its
    records are frozen models and where each was written), and only the last load's files."""

    kept: dict[tuple, list[Record]] = field(default_factory=dict)
    reused: int = 0  # files the last load took back
    checked: CheckedEvents = field(default_factory=CheckedEvents)  # the last load's findings on each event
    _next: dict[tuple, list[Record]] = field(default_factory=dict)
    _taken: int = 0

    def key(self, kind: str, path: Path, one_per_file: bool) -> tuple | None:
        """The file's key; None for a file too large to read (read_yaml refuses it)."""
        if path.stat().st_size > MAX_BYTES:
            return None
        return (kind, str(path), one_per_file, hashlib.sha256(path.read_bytes()).hexdigest())

    def take(self, key: tuple | None) -> list[Record] | None:
        """The records the last load read from the same bytes, kept for the next load too."""
        found = self.kept.get(key) if key is not None else None
        if found is not None:
            self._taken += 1
            self.keep(key, found)
        return found

    def keep(self, key: tuple | None, records: list[Record]) -> None:
        if key is not None:
            self._next[key] = records

    def finish(self) -> None:
        """Every file is read: this load's are the ones the next may take back."""
        self.kept, self._next = self._next, {}
        self.reused, self._taken = self._taken, 0


@dataclass
class _Unloaded:
    """What did not load (a whole file, or one record), so the references to it that fail only
    because of that are folded under their cause instead of burying it."""

    files: dict[str, str] = field(default_factory=dict)  # kind -> the first unreadable file of it
    records: dict[tuple[str, str], str] = field(default_factory=dict)  # (kind, id) -> "data/x.yaml:12"

    def mark(self, problem: Problem) -> Problem:
        if problem.target is None:
            return problem
        kind, target_id = problem.target
        if kind in self.files:
            return replace(problem, follows=f"{self.files[kind]} not loading")
        if target_id == ANY and (first := next((at for (k, _), at in self.records.items() if k == kind), None)):
            return replace(problem, follows=f"{first} not loading")
        if problem.target in self.records:
            return replace(problem, follows=f"{kind[:-1]} {target_id!r} ({self.records[problem.target]}) not loading")
        return problem


def data_files(data_dir: Path, problems: list[Problem]) -> list[tuple[str, Path]]:
    if not data_dir.is_dir():
        raise DataError([Problem(str(data_dir), 1, "", "no data folder here")])
    found: list[tuple[str, Path]] = []
    for path in sorted(data_dir.rglob("*")):
        if path.suffix not in (".yaml", ".yml") or not path.is_file():
            continue
        relative = path.relative_to(data_dir)
        kind = relative.parts[0].removesuffix(path.suffix) if len(relative.parts) == 1 else relative.parts[0]
        if kind not in KINDS:
            known = ", ".join(f"{k}.yaml" for k in KINDS)
            shown = path.relative_to(data_dir.parent).as_posix()
            problems.append(Problem(shown, 1, "", f"not a known kind of data file (expected {known})"))
            continue
        found.append((kind, path))
    return found


def _validate_records(
    kind: str, document: Document, one_per_file: bool, problems: list[Problem], unloaded: _Unloaded
) -> list[Record]:
    value = document.value
    if one_per_file and isinstance(value, dict):
        entries: list[tuple[FieldPath, Any]] = [((), value)]
    elif isinstance(value, list):
        entries = [((i,), item) for i, item in enumerate(value)]
    elif value is None:  # empty, or only comments: a truncated or wiped file, never meant
        message = f"the file is empty: write [] for no {kind}, or one '- id: ...' entry each"
        problems.append(document.problem((), message))
        unloaded.files.setdefault(kind, document.file)
        return []
    else:
        problems.append(document.problem((), f"expected a list of {kind}, one '- id: ...' entry each"))
        unloaded.files.setdefault(kind, document.file)
        return []
    model_class: type[Model] = KINDS[kind]
    records = []
    # A placeholder is written as TODO, or spelt with a backslash escape in quotes: a file with
    # neither has none, and its every value need not be walked (a tenth of loading 10,000 events).
    text = document.text
    stubbed = not text or "TODO" in text or "\\" in text
    for base, item in entries:
        if not isinstance(item, dict):
            problems.append(document.problem(base, f"expected one {kind[:-1]} as 'field: value' lines"))
            continue
        label = item.get("id") if isinstance(item.get("id"), str) else f"{kind}{list(base)}"
        todo = list(_placeholders(item, ())) if stubbed else []
        if todo:
            problems.extend(document.problem((*base, *path), "still TODO: fill this in", shown=(label, *path))
                            for path in todo)  # fmt: skip
        else:
            try:
                records.append(Record(kind, model_class.model_validate(item), document, base))
                continue
            except ValidationError as err:
                problems.extend(_explain(err, document, base, label))
        unloaded.records[(kind, label)] = f"{document.file}:{document.line_of(base)}"
    return records


def _placeholders(value: Any, path: FieldPath):
    """Where a stub's TODO placeholders are still unfilled."""
    if isinstance(value, str) and value.startswith("TODO"):
        yield path
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _placeholders(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _placeholders(item, (*path, index))


def _explain(err: ValidationError, document: Document, base: FieldPath, label: str) -> list[Problem]:
    found = []
    for error in err.errors(include_url=False):
        loc = tuple(part for part in error["loc"] if not isinstance(part, str) or "[" not in part)
        cause = error.get("ctx", {}).get("error")
        if isinstance(cause, FieldError):
            loc = (*loc, cause.field)
        found.append(document.problem((*base, *loc), _message(error), shown=(label, *loc)))
    return found


def _message(error: dict[str, Any]) -> str:
    kind, text = error["type"], error["msg"]
    if kind == "extra_forbidden":
        return "unknown field (a typo? see the schema in data/schema/)"
    if kind == "missing":
        return "required field is missing"
    if kind.endswith("_type"):
        return f"{text}, got {type(error['input']).__name__} {error['input']!r}"
    if kind == "literal_error":
        return _not_allowed(error["input"], re.findall(r"'([^']*)'", error["ctx"]["expected"]))
    hint = PATTERN_HINTS.get(error.get("ctx", {}).get("pattern")) if kind == "string_pattern_mismatch" else None
    if hint:
        return f"{error['input']!r} {hint}"
    return text.removeprefix("Value error, ")


def _not_allowed(value: object, allowed: list[str]) -> str:
    """A value outside its vocabulary: the nearest allowed one, and the whole list only when short
    (a sub-type is one of 25: CONTRIBUTING's allowed values lists them by type)."""
    near = difflib.get_close_matches(str(value), allowed, n=1, cutoff=0.5)
    hint = f" (did you mean {near[0]!r}?)" if near else ""
    listed = ", ".join(repr(a) for a in allowed) if len(allowed) <= 8 else "see CONTRIBUTING.md, Allowed values"
    return f"{value!r} is not an allowed value{hint}; {listed}"


def data_fingerprint(data_dir: Path = DATA_DIR) -> tuple:
    """Every file the dataset is read from (each data file, edition snapshot and seed, by its
    bytes' SHA-256) and the day it is checked on: while it is the same, so is the dataset (a build
    reuses the one before it, see macros/publish/site.py Build). By content, not modification
    time: a file saved unchanged reuses it too."""
    data_dir = data_dir.resolve()
    watched = [path for folder in (data_dir, data_dir.parent / "seeds") for path in folder.rglob("*") if path.is_file()]
    files = ((str(p), hashlib.sha256(p.read_bytes()).hexdigest()) for p in watched)
    return (today_setting().isoformat(), *sorted(files))
