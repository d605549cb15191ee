"""Rules `make validate` adds to the loader's: spellings and coordinates, checked against the
documents and the GeoNames gazetteer.

They need the gazetteer, a tooling dependency the site build does without, so they run in
`make validate` (and CI's validate step) rather than on every build. Each problem names the file,
line and field, like the loader's.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..core.quotes import fold
from ..core.yamlfile import Document, FieldPath, Problem, read_yaml
from ..derive.dataset import Dataset
from .gazetteer import gazetteer_entries
from .loader import data_files

REVIEWED = ("places", "actors")


def review_dataset(data_dir: Path, dataset: Dataset) -> list[Problem]:
    """Every alias is a spelling some document uses (for a place, or a name of its gazetteer
    entry); every place's coordinates are its gazetteer entry's."""
    records = list(records_of(data_dir, REVIEWED))
    countries = {dataset.places[r["id"]].country for kind, r, _, _ in records if kind == "places"}
    entries = {f"geonames:{e['geonameid']}": e for e in gazetteer_entries(*countries)} if countries else {}
    corpus = " ".join(dataset.seeds.values())
    problems = []
    for kind, record, document, base in records:
        entry = entries.get(record.get("gazetteer", ""))
        names = {fold(n, loose=True) for n in (entry["name"], *entry.get("alternatenames", []))} if entry else set()
        for index, alias in enumerate(record.get("aliases") or []):
            if fold(alias) not in corpus and fold(alias, loose=True) not in names:
                problems.append(_problem(document, base, record["id"], ("aliases", index), _unused(alias, kind)))
        if kind == "places" and record.get("gazetteer"):
            problems.extend(_check_coordinates(record, entry, document, base))
    return problems


def records_of(data_dir: Path, kinds: tuple[str, ...]) -> Iterator[tuple[str, dict, Document, FieldPath]]:
    """Each record of the given kinds as written, with its document (for its lines) and its place there."""
    for kind, path in data_files(data_dir, []):
        if kind not in kinds:
            continue
        document = read_yaml(path, path.relative_to(data_dir.parent).as_posix())
        items = [((), document.value)] if isinstance(document.value, dict) else enumerate(document.value or [])
        for base, item in items:
            yield kind, item, document, base if isinstance(base, tuple) else (base,)


def _check_coordinates(record: dict, entry: dict | None, document: Document, base: FieldPath) -> list[Problem]:
    where = record["gazetteer"]
    if entry is None:
        message = f"{where} is no gazetteer entry in {record.get('country')}: python -m macros.load.gazetteer find NAME"
        return [_problem(document, base, record["id"], ("gazetteer",), message)]
    if (record.get("latitude"), record.get("longitude")) == (entry["latitude"], entry["longitude"]):
        return []
    message = f"{where} is at {entry['latitude']}, {entry['longitude']}: copy its coordinates exactly"
    return [_problem(document, base, record["id"], ("latitude",), message)]


def _unused(alias: str, kind: str) -> str:
    also = " or a name of its gazetteer entry" if kind == "places" else ""
    return f"{alias!r} appears in no source document{also}: an alias is a spelling the sources use"


def _problem(document: Document, base: FieldPath, record_id: str, path: FieldPath, message: str) -> Problem:
    return document.problem((*base, *path), message, shown=(record_id, *path))
