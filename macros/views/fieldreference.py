"""Every field an analyst writes, for CONTRIBUTING.md: one table per record, from the models.

Each row says a field's name, whether it is required, its type in plain words (with its allowed
values, or a pointer to the Allowed values tables), an example and the model's own description.
The rows come from the models' fields, so a field a model gains is in the next table; what the
models cannot say is kept here, keyed by field: what kind of record an id names (the loader's
references) and a short example, taken from the data or showing only a value's shape.
`python -m macros.views.vocabulary` writes the tables; its `--check` fails when they are stale.
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from dataclasses import dataclass

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from ..core.models import EVENT_ID_PATTERN, ID_PATTERN, KINDS, Figure, PartialDate

# The records an analyst writes, in the order CONTRIBUTING adds them, and those a command writes.
NOT_WRITTEN = {"countries": "python -m macros.load.gazetteer write", "editions": "make edition"}
WRITTEN = {
    "sources": "a source",
    "origins": "an origin",
    "places": "a place",
    "actors": "an actor",
    "events": "an event",
    "assessments": "an assessment",
}
ALLOWED_VALUES = "[Allowed values](#allowed-values)"
INLINE_VALUES = 5  # a longer list of values is pointed at, not repeated
ABBREVIATED = "…"  # an example that ends so is the start of a longer value in the data

# What an id names: the records the loader looks it up in (macros/load/checks.py).
REFERS_TO = {
    "origins.speaker": "actor",
    "sources.cites": "origin",
    "places.country": "country",
    "places.near": "place",
    "places.relative_to.place": "place",
    "places.relative_to.source": "source",
    "places.stated_coordinates.source": "source",
    "actors.affiliation": "actor",
    "actors.may_be": "actor",
    "events.place": "place",
    "events.actor1": "actor",
    "events.actor2": "actor",
    "events.assoc_actors_1": "actor",
    "events.assoc_actors_2": "actor",
    "events.distinct_from.event": "event",
    "events.claims.source": "source",
    "events.claims.party": "actor",
    "events.claims.origin": "origin",
    "events.claims.at": "place",
    "assessments.by": "actor",
    "assessments.source": "source",
    "assessments.events": "event",
}

# Plain words for each constrained kind of text, by the pattern the models give it.
PATTERN_WORDS = {
    ID_PATTERN: ("an id: lower-case words joined by hyphens", "ids"),
    EVENT_ID_PATTERN: ("an event id: a country's ISO3 code and 4 to 7 digits", "event ids"),
    r"^[0-9a-f]{64}$": ("a SHA-256 checksum: 64 hexadecimal digits", "checksums"),
    r"^https?://\S+$": ("a web address, http:// or https://", "web addresses"),
    r"^seeds/[^/]+$": ("a file in seeds/", "files in seeds/"),
    r"^[a-z]{2}$": ("a two-letter language code (ISO 639-1)", "language codes"),
    r"^geonames:[0-9]+$": ("a GeoNames entry: geonames: and its number", "GeoNames entries"),
}
BASE_WORDS = {
    str: ("text", "texts"),
    int: ("a whole number", "whole numbers"),
    float: ("a number", "numbers"),
    dt.date: ("a day: YYYY-MM-DD", "days"),
    bool: ("true or false", "true or false values"),
}


@dataclass(frozen=True)
class FieldRow:
    name: str  # its path within the table's record: `outlet.basis`
    required: str
    type: str
    example: str  # as typed in YAML; empty for a mapping or a list of items
    description: str


@dataclass(frozen=True)
class FieldTable:
    key: str  # the file kind and the path of a list of items: `events.claims`
    title: str
    rows: tuple[FieldRow, ...]

    @property
    def heading(self) -> str:
        """A record's title names its file; a list's items are in their record's."""
        return self.title if "." in self.key else f"{self.title} (`data/{self.key}.yaml`)"


def field_tables() -> list[FieldTable]:
    """One table per record an analyst writes, then one per kind of item in its lists."""
    tables = []
    for kind, noun in WRITTEN.items():
        tables += _tables(KINDS[kind], kind, noun[0].upper() + noun[1:], noun)
    return tables


def _tables(model: type[BaseModel], key: str, title: str, noun: str) -> list[FieldTable]:
    rows, items = [], []
    for path, field, hint in _fields(model, ""):
        item, heading = _item_model(hint), f"Each item of {noun}'s `{path}`"
        if item is not None:
            items += _tables(item, f"{key}.{path}", heading, noun)
        rows.append(_row(f"{key}.{path}", path, field, hint, heading if item else None))
    return [FieldTable(key, title, tuple(rows)), *items]


def _fields(model: type[BaseModel], prefix: str):
    """(path, field, type) of each field of `model`, a nested mapping's fields after its own."""
    hints = typing.get_type_hints(model, include_extras=True)
    for name, field in model.model_fields.items():
        yield f"{prefix}{name}", field, hints[name]
        mapping = _model(_bare(hints[name]))
        if mapping is not None:
            yield from _fields(mapping, f"{prefix}{name}.")


def _bare(hint: object) -> object:
    """The type inside Optional and Annotated."""
    while True:
        origin = typing.get_origin(hint)
        if origin is typing.Annotated:
            hint = typing.get_args(hint)[0]
        elif origin in (typing.Union, types.UnionType):
            hint = next(arg for arg in typing.get_args(hint) if arg is not type(None))
        else:
            return hint


def _model(hint: object) -> type[BaseModel] | None:
    return hint if isinstance(hint, type) and issubclass(hint, BaseModel) else None


def _item_model(hint: object) -> type[BaseModel] | None:
    """The model of each item, for a list of mappings."""
    bare = _bare(hint)
    return _model(_bare(typing.get_args(bare)[0])) if typing.get_origin(bare) is list else None


def _row(where: str, path: str, field: FieldInfo, hint: object, items: str | None) -> FieldRow:
    """`where` is the field's key in REFERS_TO and EXAMPLES; `items`, the title of its items' table."""
    if not field.description:
        raise ValueError(f"{where} has no description: give it one in macros/core/models.py")
    if items is not None:
        kind, example = f"a list of mappings: [their fields](#{anchor(items)})", ""
    elif _model(_bare(hint)) is not None:
        kind, example = f"a mapping of the `{path}.` fields below", ""
    else:
        kind, example = _type(where, field, hint), as_yaml(_example(where))
    return FieldRow(path, _required(field, hint), _cell(kind), _cell(example), _cell(field.description))


def _example(where: str) -> object:
    if where not in EXAMPLES:
        raise ValueError(f"{where} has no example: add one to EXAMPLES in macros/views/fieldreference.py")
    return EXAMPLES[where]


def _required(field: FieldInfo, hint: object) -> str:
    if field.is_required():
        listed = typing.get_origin(_bare(hint)) is list
        return "yes, at least one" if listed and _limit(field, "min_length") else "yes"
    if field.default is None or field.default == []:
        return "no"
    if _values(hint) == (field.default,):
        return f"no (always `{as_yaml(field.default)}`)"
    return f"no (default `{as_yaml(field.default)}`)"


def _type(where: str, field: FieldInfo, hint: object) -> str:
    values = _values(hint)
    if values is None:
        return _words(where, hint)[0] + _bounds(field)
    shown = ", ".join(f"`{as_yaml(value)}`" for value in values)
    if len(values) == 1:
        return f"{shown} only"
    if len(values) <= INLINE_VALUES:
        return f"one of {shown}"
    return f"one of {len(values)} values: see {ALLOWED_VALUES}"


def _values(hint: object) -> tuple | None:
    bare = _bare(hint)
    return typing.get_args(bare) if typing.get_origin(bare) is typing.Literal else None


def _words(where: str, hint: object) -> tuple[str, str]:
    """The type in plain words, as one value and as several ("a place id", "place ids")."""
    if hint is PartialDate:
        return "a partial date: YYYY, YYYY-MM or YYYY-MM-DD", "partial dates"
    if hint is Figure:
        return "a figure as stated (19, about 19, at least 19, up to 19, 19-23, or a word: several), or text", "figures"
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is typing.Annotated:
        pattern = _pattern(args[1:])
        return _pattern_words(where, pattern) if pattern else _words(where, args[0])
    if origin in (typing.Union, types.UnionType):
        return _words(where, next(arg for arg in args if arg is not type(None)))
    if origin is list:
        many = _words(where, args[0])[1]
        return f"a list of {many}", f"lists of {many}"
    if hint in BASE_WORDS:
        return _reference(where) or BASE_WORDS[hint]
    raise ValueError(f"{where}: no plain words for its type {hint!r} (BASE_WORDS in macros/views/fieldreference.py)")


def _pattern(metadata: typing.Iterable) -> str | None:
    for item in metadata:
        for inner in item.metadata if isinstance(item, FieldInfo) else [item]:
            if getattr(inner, "pattern", None):
                return inner.pattern
    return None


def _reference(where: str) -> tuple[str, str] | None:
    kind = REFERS_TO.get(where)
    return (f"{'an' if kind[0] in 'aeiou' else 'a'} {kind} id", f"{kind} ids") if kind else None


def _pattern_words(where: str, pattern: str) -> tuple[str, str]:
    if where in REFERS_TO:
        return _reference(where)
    own_id = where.count(".") == 1 and where.endswith(".id")
    if pattern in (ID_PATTERN, EVENT_ID_PATTERN) and not own_id:
        raise ValueError(f"{where} names another record: say which kind in REFERS_TO (macros/views/fieldreference.py)")
    if pattern not in PATTERN_WORDS:
        raise ValueError(f"{where}: no plain words for the pattern {pattern} (PATTERN_WORDS)")
    return PATTERN_WORDS[pattern]


def _bounds(field: FieldInfo) -> str:
    """A number's limits, as the model sets them."""
    low, high, above = _limit(field, "ge"), _limit(field, "le"), _limit(field, "gt")
    if low is not None and high is not None:
        return f" from {low} to {high}"
    return f" over {above}" if above is not None else ""


def _limit(field: FieldInfo, name: str) -> object:
    """A constraint the model sets on the field (ge=-90, min_length=1), or None."""
    return next((getattr(item, name) for item in field.metadata if hasattr(item, name)), None)


def as_yaml(value: object) -> str:
    """A value as an analyst types it in YAML (flow style for a list)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(as_yaml(item) for item in value) + "]"
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def _cell(text: str) -> str:
    """Text inside a Markdown table cell: a pipe would end the cell."""
    return text.replace("|", "\\|")


def anchor(title: str) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation dropped, spaces as hyphens."""
    kept = "".join(char for char in title.lower() if char.isalnum() or char in " -_")
    return kept.replace(" ", "-")


# A short example of each field, as typed: a value from the data (one ending in ABBREVIATED is the
# start of a longer one), or a value's shape (an example address, a date) that states no fact.
EXAMPLES: dict[str, object] = {
    "sources.id": "qatrun-second-attack",
    "sources.title": "ISIS seeks comeback from southern Libya",
    "sources.outlet.name": "Alwaght",
    "sources.outlet.basis": "stated",
    "sources.outlet.reasoning": 'The text opens with the dateline "Alwaght-".',
    "sources.author": "Catherine Doolan",
    "sources.published.date": "2022-01-29",
    "sources.published.precision": "day",
    "sources.published.basis": "inferred",
    "sources.published.reasoning": "from the page address",
    "sources.seed": "seeds/003_fea7140efc87d72a.txt",
    "sources.sha256": "919880eb6dd31660" + ABBREVIATED,
    "sources.revisions.date": "2026-12-02",
    "sources.revisions.old_sha256": "2700962798deb5c0" + ABBREVIATED,
    "sources.revisions.new_sha256": "919880eb6dd31660" + ABBREVIATED,
    "sources.revisions.why": "the outlet published a corrected version",
    "sources.corrections.date": "2026-12-03",
    "sources.corrections.what": "The title was mistyped; it now reads as the document has it",
    "events.corrections.date": "2026-12-03",
    "events.corrections.what": "The place was given as Sirte; the source says near Sirte",
    "sources.url": "https://www.example-news.com/2022/01/29/...",
    "sources.archive_url": "https://web.archive.org/web/...",
    "sources.rights": "quotes only",
    "sources.rights_note": "released under CC BY 4.0",
    "sources.language": "en",
    "sources.kind": "news report",
    "sources.scale": "national",
    "sources.reliability": "F",
    "sources.reliability_rationale": "Outlet and author unknown, so reliability cannot be judged" + ABBREVIATED,
    "sources.cites": ["interior-ministry-statement-qatrun", "mahjoub-denial"],
    "sources.summary": "Reports clashes between the Libyan National Army and IS near Qatrun" + ABBREVIATED,
    "sources.added": "2026-11-22",
    "origins.id": "interior-ministry-statement-qatrun",
    "origins.kind": "statement",
    "origins.name": "The Libyan Interior Ministry's statement of Thursday 27 January 2022" + ABBREVIATED,
    "origins.speaker": "ministry-of-interior",
    "origins.date": "2022-01-27",
    "origins.note": "known only through the documents that relay it",
    "places.id": "jabal-asida",
    "places.name": "Jabal Asida",
    "places.aliases": ["Mount Asida", "Asida Mountain"],
    "places.identifications.name": "al-Araneb",
    "places.identifications.reasoning": "An inference, not stated" + ABBREVIATED,
    "places.variants.name": "Tazerbo",
    "places.variants.basis": "analyst",
    "places.variants.reason": "A common romanisation",
    "places.reference.kind": "map",
    "places.reference.id": "FIXTURE map, sheet 1 (not a real map)",
    "places.reference.note": "grid square C4",
    "places.latitude": 24.95139,
    "places.longitude": 14.64861,
    "places.approximate": True,
    "places.gazetteer": "geonames:2219739",
    "places.geo_precision": 2,
    "places.geo_note": "No gazetteer entry for the mountain" + ABBREVIATED,
    "places.admin1": "Murzuq",
    "places.country": "LBY",
    "places.near": "qatrun",
    "places.relative_to.place": "sirte",
    "places.relative_to.bearing": "south-east",
    "places.relative_to.distance": 150,
    "places.relative_to.unit": "miles",
    "places.relative_to.stated": "an encampment 150 miles southeast of Sirte",
    "places.relative_to.source": "doolan-regroup-2018",
    "places.stated_coordinates.latitude": 25.5,
    "places.stated_coordinates.longitude": 16.25,
    "places.stated_coordinates.stated": "a camp at 25°30'N 16°15'E",
    "places.stated_coordinates.source": "a-later-report",
    "actors.id": "umm-al-aranib-brigade",
    "actors.name": "Islamic State",
    "actors.aliases": ["ISIS", "ISIL", "Daesh"],
    "actors.identifications.name": "Mohammed al-Ghossri",
    "actors.identifications.reasoning": "No document says they are one man" + ABBREVIATED,
    "actors.variants.name": "Dbeibah",
    "actors.variants.basis": "analyst",
    "actors.variants.reason": "The romanisation English outlets use",
    "actors.kind": "jihadist group",
    "actors.affiliation": "lna",
    "actors.role": "Spokesperson for the Libyan National Army",
    "actors.may_be": ["lna", "ministry-of-interior"],
    "events.id": "LBY0008",
    "events.date": "2022-01-18",
    "events.end_date": "2022-01-29",
    "events.date_precision": "approximate",
    "events.date_note": 'The text says only that the intervention "followed the 2011 uprising".',
    "events.undated": True,
    "events.place": "umm-al-aranib",
    "events.event_type": "Battles",
    "events.sub_event_type": "Armed clash",
    "events.actor1": "islamic-state",
    "events.assoc_actors_1": ["us-military"],
    "events.actor2": "umm-al-aranib-brigade",
    "events.assoc_actors_2": ["lna"],
    "events.summary": "The 2011 uprising toppled Muammar Gaddafi, who was killed.",
    "events.status": "disputed",
    "events.dispute_note": "The army's full casualty list would settle the soldiers' toll.",
    "events.tags": ["claimed by IS"],
    "events.context": True,
    "events.added": "2026-11-22",
    "events.reviewed": "2026-12-07",
    "events.distinct_from.event": "LBY0008",
    "events.distinct_from.reason": "LBY0008 is the bombing at Umm al-Aranib; this is another attack, with another toll",
    "events.claims.source": "qatrun-second-attack",
    "events.claims.field": "injuries",
    "events.claims.party": "lna",
    "events.claims.value": 2,
    "events.claims.preliminary": True,
    "events.claims.at": "encampment-southeast-of-sirte",
    "events.claims.resolved": "2022-01-18",
    "events.claims.moment": "claim of responsibility",
    "events.claims.scope": "the first clash",
    "events.claims.polarity": "denies",
    "events.claims.origin": "interior-ministry-statement-qatrun",
    "events.claims.origin_reasoning": 'The sentence follows "According to NBC News"' + ABBREVIATED,
    "events.claims.via": ["The Telegraph"],
    "events.claims.credibility.rating": 2,
    "events.claims.credibility.reason": "a later document confirms the figure from another origin",
    "events.claims.added": "2026-12-02",
    "events.claims.quote": "the wounding of two",
    "events.claims.note": "Resolved from the document's own year (2017).",
    "assessments.id": "experts-reorganising",
    "assessments.by": "ahmed-almesmari",
    "assessments.role": "Spokesperson for the Libyan National Army",
    "assessments.judgment": "IS needs new members to make up for its losses.",
    "assessments.quote": "ISIS needs new elements so that it can fill the shortage in its ranks",
    "assessments.source": "comeback-from-southern-libya",
    "assessments.date": "2018",
    "assessments.via": "Sky News Arabia",
    "assessments.events": ["LBY0009", "SYR0001"],
}
