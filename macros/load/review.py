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
from ..derive.districts import contains, districts
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
    homes = district_of_admin1(dataset) if any(p.relative_to for p in dataset.places.values()) else {}
    problems = []
    for kind, record, document, base in records:
        entry = entries.get(record.get("gazetteer", ""))
        names = {fold(n, loose=True) for n in (entry["name"], *entry.get("alternatenames", []))} if entry else set()
        for index, alias in enumerate(record.get("aliases") or []):
            if fold(alias) not in corpus and fold(alias, loose=True) not in names:
                problems.append(_problem(document, base, record["id"], ("aliases", index), _unused(alias, kind)))
        problems.extend(_check_variants(record, kind, names, document, base))
        if kind == "places" and record.get("gazetteer"):
            problems.extend(_check_coordinates(record, entry, document, base))
        if kind == "places":
            problems.extend(_check_reference(record, entries, document, base))
            problems.extend(_check_relative(dataset, homes, record, document, base))
    return problems


def _check_variants(record: dict, kind: str, names: set[str], document: Document, base: FieldPath) -> list[Problem]:
    """A variant on a gazetteer's word is one of its entry's names; only a place has an entry."""
    problems = []
    for index, variant in enumerate(record.get("variants") or []):
        if not isinstance(variant, dict) or variant.get("basis") != "gazetteer":
            continue
        if kind != "places" or fold(str(variant.get("name", "")), loose=True) not in names:
            message = (
                f"{variant.get('name')!r} is no name of {record.get('gazetteer') or 'a gazetteer entry'}: "
                "give basis analyst and the reason readers write it so"
            )
            problems.append(_problem(document, base, record["id"], ("variants", index, "basis"), message))
    return problems


def _check_reference(record: dict, entries: dict[str, dict], document: Document, base: FieldPath) -> list[Problem]:
    """A GeoNames reference the offline gazetteer holds belongs in `gazetteer`, where it is checked."""
    reference = record.get("reference")
    if not isinstance(reference, dict) or reference.get("kind") != "geonames":
        return []
    if f"geonames:{reference.get('id')}" not in entries:
        return []
    message = f"geonames:{reference.get('id')} is in the offline gazetteer: give it as gazetteer, where it is checked"
    return [_problem(document, base, record["id"], ("reference",), message)]


# a distance a source rounds from a far town places nothing: kept as a detail claim, never computed
ROUND_DISTANCE = (
    "the distance a round figure from a far town ('some 700 km south of Tripoli'): a detail claim, not a position"
)


def _check_relative(
    dataset: Dataset, homes: dict[str, set[str]], record: dict, document: Document, base: FieldPath
) -> list[Problem]:
    """A computed point ("700 km south of Tripoli") inside the place's country and its district:
    outside them, the distance, bearing or town is mistyped, the place is filed wrongly, or the
    distance is a round figure that places nothing (a detail claim, not a `relative_to`)."""
    place = dataset.places.get(record.get("id", ""))
    if place is None or not place.relative_to:
        return []
    west, south, east, north = dataset.countries[place.country].bbox
    home = homes.get(place.admin1 or "", set())
    problems = []
    for index, position in enumerate(dataset.location(place.id).positions[: len(place.relative_to)]):
        if position.precision != "computed":
            continue
        at = f"{position.stated!r} computes to {position.latitude}, {position.longitude}"
        if not (west <= position.longitude <= east and south <= position.latitude <= north):
            message = f"{at}, outside {place.country}: is the distance, bearing or town mistyped"
        elif home and not home & set(district_names_at(position.longitude, position.latitude)):
            message = f"{at}, outside its admin1 {place.admin1}: is the distance, bearing or district mistyped"
        else:
            continue
        message += f", or {ROUND_DISTANCE}?"
        problems.append(_problem(document, base, record["id"], ("relative_to", index, "distance"), message))
    return problems


def district_names_at(longitude: float, latitude: float) -> list[str]:
    """The districts (Natural Earth's names) a point lies in."""
    return [d.name for d in districts() if contains(d, longitude, latitude)]


def district_of_admin1(dataset: Dataset) -> dict[str, set[str]]:
    """Each admin1 name the data's gazetteer places give -> the outlines' districts those places
    lie in (the two name the districts differently: "Misrata", "Misratah")."""
    named: dict[str, set[str]] = {}
    for place in dataset.places.values():
        if place.admin1 and place.gazetteer_point and place.country == "LBY":
            named.setdefault(place.admin1, set()).update(district_names_at(place.longitude, place.latitude))
    return named


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
    return (
        f"{alias!r} appears in no source document{also}: an alias is a spelling the sources use; "
        "a spelling readers use goes in variants, with its basis"
    )


def _problem(document: Document, base: FieldPath, record_id: str, path: FieldPath, message: str) -> Problem:
    return document.problem((*base, *path), message, shown=(record_id, *path))
