"""The typed models every view is built from.

Why the fields are what they are:

- A **Source** is one document in `seeds/`. Its checksum pins the exact evidence; its outlet and
  publication date say whether they were stated or inferred (and how), because several documents
  state neither; its Admiralty grade and rationale let a reader weigh it; `cites` names whom it
  relies on, since most reports relay an official or another outlet.
- A **Place** carries every spelling the sources use (`aliases`) so search and review find it, and
  coordinates copied from a gazetteer entry (`gazetteer`), always marked approximate, because
  coordinates are the only facts that may come from outside the documents. A place the gazetteer
  lacks is placed only as a document does: from a gazetteer town (`relative_to`), or at the
  coordinates it quotes (`stated_coordinates`).
- An **Actor** maps to ACLED's interaction codes through its `kind`; people are actors too, so that
  differently transliterated names (Ghasri, Ghossri) resolve to one entry.
- An **Event** follows ACLED's columns (type, sub-type, actors, precision) so the export is usable
  beside ACLED data. Its date keeps its real precision: "2022-01" is a month, never the 1st.
- A **Claim** is what ONE source says about ONE event field, with a verbatim quote the loader finds
  in the seed. Figures live only here: the event's low, conservative and high fatalities are derived
  (see `figures.py`), so a disagreement between sources is never flattened into one number.
- An **Assessment** is a named person's or body's judgment, kept apart from events because it is
  analysis, not fact.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache, lru_cache
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from .coordinates import stated_pairs, states
from .terms import (
    BASES,
    BEARINGS,
    CREDIBILITY,
    DATE_PRECISIONS,
    DISTANCE_UNITS,
    EARLY_COUNT_MARK,
    EVENT_TYPES,
    FIELD_LABELS,
    GEO_PRECISIONS,
    GRADES,
    INTER_CODES,
    MOMENTS,
    NUMERIC_FIELDS,
    ORIGIN_KINDS,
    PLACE_REFERENCES,
    POLARITIES,
    RIGHTS,
    SOURCE_KINDS,
    SOURCE_SCALES,
    SPELLING_BASES,
    STATUSES,
    WHERE_FIELDS,
    WORD_QUANTITIES,
    WORDED_MARK,
)

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
EVENT_ID_PATTERN = r"^[A-Z]{3}[0-9]{4,7}$"
Id = Annotated[str, Field(pattern=ID_PATTERN, min_length=2, max_length=60)]
EventId = Annotated[str, Field(pattern=EVENT_ID_PATTERN, description="ISO3 country + 4 to 7 digits")]
# what a mistyped id is told, in words (the loader's messages), by its pattern
PATTERN_HINTS = {
    ID_PATTERN: "is not an id: ids are lower-case words joined by hyphens (islamic-state); "
    "give the record's id from its data file, not its name",
    EVENT_ID_PATTERN: "is not an event id: a country's ISO3 code and 4 to 7 digits (LBY0012)",
}
Text = Annotated[str, Field(min_length=1)]
Precision = Literal[tuple(DATE_PRECISIONS)]  # type: ignore[valid-type]
Basis = Literal[tuple(BASES)]  # type: ignore[valid-type]
Grade = Literal[tuple(GRADES)]  # type: ignore[valid-type]
OriginKind = Literal[tuple(kind for kind in ORIGIN_KINDS if kind != "own reporting")]  # type: ignore[valid-type]
Moment = Literal[tuple(MOMENTS)]  # type: ignore[valid-type]
Polarity = Literal[tuple(POLARITIES)]  # type: ignore[valid-type]
Credibility = Literal[tuple(CREDIBILITY)]  # type: ignore[valid-type]
Bearing = Literal[tuple(BEARINGS)]  # type: ignore[valid-type]
DistanceUnit = Literal[tuple(DISTANCE_UNITS)]  # type: ignore[valid-type]
Rights = Literal[tuple(RIGHTS)]  # type: ignore[valid-type]
SourceKind = Literal[SOURCE_KINDS]  # type: ignore[valid-type]
SourceScale = Literal[SOURCE_SCALES]  # type: ignore[valid-type]
ReferenceKind = Literal[tuple(PLACE_REFERENCES)]  # type: ignore[valid-type]
SpellingBasis = Literal[tuple(SPELLING_BASES)]  # type: ignore[valid-type]
GeoPrecision = Literal[tuple(GEO_PRECISIONS)]  # type: ignore[valid-type]

_PARTIAL_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")


class FieldError(ValueError):
    """A rule that spans fields, blamed on the one to fix (the loader reports its line)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def _as_text(value: object) -> object:
    """YAML reads 2022-01-27 as a date and 2017 as an int; keep both as written."""
    if isinstance(value, dt.date | int) and not isinstance(value, bool):
        return value.isoformat() if isinstance(value, dt.date) else str(value)
    return value


def _check_partial_date(value: object) -> object:
    if not isinstance(value, str):
        return value  # the str check reports the wrong type
    if not _PARTIAL_DATE.match(value):
        raise ValueError("write a date as YYYY, YYYY-MM or YYYY-MM-DD")
    date_bounds(value)  # raises on 2022-02-30
    return value


PartialDate = Annotated[
    str,
    BeforeValidator(_check_partial_date),
    BeforeValidator(_as_text, json_schema_input_type=str | int),
    Field(description="YYYY, YYYY-MM or YYYY-MM-DD: only as much as is known"),
]


def _as_day(value: object) -> object:
    """A quoted '2026-11-22' is the same day as an unquoted one."""
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"{value!r} is not a date: write YYYY-MM-DD") from None
    return value


Day = Annotated[dt.date, BeforeValidator(_as_day, json_schema_input_type=str)]
Figure = Annotated[str, BeforeValidator(_as_text, json_schema_input_type=str | int), Field(min_length=1)]


@lru_cache(maxsize=1 << 14)  # every sort of events by date asks again: 470,000 times at 10,000 events
def date_bounds(value: str) -> tuple[dt.date, dt.date]:
    """First and last day a partial date can mean ("2022-01" spans the whole month)."""
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        day = dt.date(*parts)
        return day, day
    if len(parts) == 2:
        first = dt.date(parts[0], parts[1], 1)
        following = dt.date(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1)
        return first, following - dt.timedelta(days=1)
    return dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31)


_FORM_FOR_PRECISION = {name: len(p.written.split("-")) for name, p in DATE_PRECISIONS.items() if p.written != "any"}


def check_precision(value: str, precision: str, field: str = "date") -> None:
    """A date is written to exactly the precision it claims (no invented day or month)."""
    parts = len(value.split("-"))
    wanted = _FORM_FOR_PRECISION.get(precision)
    if wanted is not None and parts != wanted:
        form = {3: "YYYY-MM-DD", 2: "YYYY-MM", 1: "YYYY"}[wanted]
        raise FieldError(field, f"{precision} precision is written {form}, not {value!r}")


class Model(BaseModel):
    """Unknown fields are errors, types are not coerced: a typo must not pass silently."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


# --- Sources -------------------------------------------------------------------------------------


def _basis_explained(record: Outlet | Published, field: str, inferred: str, give: str) -> None:
    """What a source's outlet and date share: an inferred value needs its reasoning, and a value
    is given exactly when its basis is not unknown."""
    if record.basis == "inferred" and not record.reasoning:
        raise FieldError("reasoning", f"{inferred} needs its reasoning")
    if (getattr(record, field) is None) != (record.basis == "unknown"):
        raise FieldError(field, f"{give} unless its basis is unknown")


class Outlet(Model):
    name: str | None = Field(None, description="The publishing outlet; empty when unknown")
    basis: Basis = Field(description="stated in the text, inferred from it, or unknown")
    reasoning: str | None = Field(None, description="How an inferred outlet was worked out")

    @model_validator(mode="after")
    def _explained(self) -> Outlet:
        _basis_explained(self, "name", "an inferred outlet", "name the outlet")
        return self


class Published(Model):
    date: PartialDate | None = Field(
        None, description="When it was published, as far as the text (or its address) tells; empty when unknown"
    )
    precision: Precision | None = Field(
        None, description="How precisely the date is known, needed with a date: it is written to exactly this"
    )
    basis: Basis = Field(description="stated in the text, inferred from it, or unknown")
    reasoning: str | None = Field(None, description="How an inferred date was worked out")

    @model_validator(mode="after")
    def _explained(self) -> Published:
        _basis_explained(self, "date", "an inferred date", "give the date")
        if self.date is not None:
            if self.precision is None:
                raise FieldError("precision", "a date needs its precision")
            check_precision(self.date, self.precision)
        return self


class Origin(Model):
    """Who first said a thing. Many documents relay one origin; two relays of it are one voice."""

    id: Id = Field(description="A short slug, e.g. ghasri-statement-2017")
    kind: OriginKind = Field(description="What it was: a statement, a post, an interview, another outlet's report...")
    name: Text = Field(description="Reads as a reference: 'the Libyan National Army's statement on Qatrun'")
    speaker: Id | None = Field(None, description="The actor (person or body) who said it; empty when unnamed")
    date: PartialDate | None = Field(None, description="When it was said, as far as the documents tell")
    note: str | None = Field(None, description="Anything a reader should know about it")


Sha256 = Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]
Url = Annotated[str, Field(pattern=r"^https?://\S+$")]


class Revision(Model):
    """A change to the document, accepted with `make accept-seed`: evidence keeps its history."""

    date: Day = Field(description="When the changed document was accepted")
    old_sha256: Sha256 = Field(description="The document's checksum before the change")
    new_sha256: Sha256 = Field(description="The changed document's checksum, the source's sha256 from then on")
    why: Text = Field(description="Why the document changed (a corrected transcription, a fuller copy)")


class Correction(Model):
    """A mistake in what the briefing published, put right: listed with its date on the Corrections
    page and in the "what changed" of the edition that first carries it."""

    date: Day = Field(description="When the correction was made (not before the record was added)")
    what: Text = Field(
        description="What was wrong and what the record says now, in a sentence a reader understands, e.g. "
        "'The place was given as Sirte; the source says near Sirte'"
    )


def check_corrections(corrections: list[Correction], added: dt.date) -> None:
    """A correction is made to a record already published: not dated before it was added."""
    for correction in corrections:
        if correction.date < added:
            raise FieldError("corrections", f"a correction dated {correction.date} is before added ({added})")


class Source(Model):
    id: Id = Field(description="A short slug naming the document, e.g. qatrun-second-attack")
    title: Text = Field(description="The headline, or the opening words if it has none")
    outlet: Outlet = Field(description="Who published it, and whether the text says so")
    author: str | None = Field(None, description="The byline as written")
    published: Published = Field(description="When it was published, at the precision known, and how it is known")
    seed: Annotated[str, Field(pattern=r"^seeds/[^/]+$", description="The document, in seeds/")]
    sha256: Sha256 = Field(description="The document's checksum: proof the evidence has not changed")
    revisions: list[Revision] = Field([], description="Accepted changes to the document, oldest first")
    url: Url | None = Field(None, description="Where the document was read")
    archive_url: Url | None = Field(None, description="An archived copy (e.g. web.archive.org)")
    rights: Rights = Field(
        "quotes only", description="What the public site may show: the quoted passages (default) or the full text"
    )
    rights_note: str | None = Field(None, description="Why the full text may be republished (the licence)")
    language: Annotated[str, Field(pattern=r"^[a-z]{2}$", description="ISO 639-1")]
    kind: SourceKind = Field(description="What kind of document it is")
    scale: SourceScale = Field(description="ACLED's source scale: how widely the outlet reports")
    reliability: Grade = Field(description="Admiralty source reliability, A (reliable) to F")
    reliability_rationale: Text = Field(description="One line on why the grade")
    cites: list[Id] = Field([], description="The origins it relays (data/origins.yaml), every one its claims name")
    summary: Text = Field(description="What it reports, in neutral words of our own")
    added: Day = Field(description="When the source entered the dataset (for What's new and the feed)")
    corrections: list[Correction] = Field(
        [], description="Mistakes in this source's record put right (its title, date, outlet...), each dated"
    )

    @model_validator(mode="after")
    def _full_text_explained(self) -> Source:
        if self.rights == "full text" and not self.rights_note:
            raise FieldError("rights_note", "say why the full text may be republished (its licence or release)")
        return self

    @model_validator(mode="after")
    def _corrections_dated(self) -> Source:
        check_corrections(self.corrections, self.added)
        return self

    @model_validator(mode="after")
    def _revisions_chain(self) -> Source:
        """Each accepted change starts from the checksum the one before it ended on."""
        current = self.revisions[-1].new_sha256 if self.revisions else self.sha256
        if current != self.sha256:
            raise FieldError("sha256", "differs from the last revision's new_sha256: make accept-seed records both")
        for before, after in zip(self.revisions, self.revisions[1:], strict=False):
            if after.old_sha256 != before.new_sha256:
                raise FieldError("revisions", "each revision's old_sha256 is the new_sha256 of the one before")
        return self

    @property
    def label(self) -> str:
        """A short name for badges: the outlet, else the author, else the title's first words."""
        if self.outlet.name:
            return self.outlet.name
        if self.author:
            return self.author
        words = self.title.split()
        return " ".join(words[:4]) + ("…" if len(words) > 4 else "")


# --- Places, countries, actors -------------------------------------------------------------------


class Country(Model):
    id: Annotated[str, Field(pattern=r"^[A-Z]{3}$", description="ISO 3166-1 alpha-3")]
    name: Text = Field(description="The country's name as the site shows it")
    iso_numeric: int = Field(description="ISO 3166-1 numeric code, ACLED's iso column")
    region: Text = Field(description="ACLED's region, for the export")
    bbox: list[float] = Field(min_length=4, max_length=4, description="min lon, min lat, max lon, max lat")


class Identification(Model):
    """A spelling taken to name a known entity when the text does not say so ("al-Araneb" is
    taken to be Umm al-Aranib): the reasoning is shown to readers beside the claims that use it."""

    name: Text = Field(description="The spelling as a source writes it; also listed in aliases")
    reasoning: Text = Field(description="Why the spelling is taken to name it, shown to readers beside its claims")


class Relative(Model):
    """A position stated from a gazetteer place ("150 miles south-east of Sirte"): the point is
    computed from the bearing and distance, and always drawn as approximate, never at the town."""

    place: Id = Field(description="The place the position is measured from (one with coordinates)")
    bearing: Bearing | None = Field(None, description="The compass point the source gives")
    distance: float | None = Field(None, gt=0, description="The distance the source gives")
    unit: DistanceUnit | None = Field(None, description="The distance's unit, as the source gives it")
    stated: Text = Field(description="The position as the source words it")
    source: Id = Field(description="The document that states it")

    @model_validator(mode="after")
    def _unit_with_distance(self) -> Relative:
        if (self.distance is None) != (self.unit is None):
            raise FieldError("unit", "give a distance together with its unit (km or miles)")
        if self.distance is not None and self.bearing is None:
            raise FieldError("bearing", "a distance needs the bearing it is measured along")
        return self


class StatedPoint(Model):
    """Coordinates a document itself gives ("a camp at 25°30'N 16°15'E"): drawn where it says, and
    marked as stated and approximate. The latitude and longitude must be the pair the quote states,
    so a coordinate can never be added that no document gives."""

    latitude: float = Field(ge=-90, le=90, description="Decimal degrees, as the quote states them")
    longitude: float = Field(ge=-180, le=180, description="Decimal degrees, as the quote states them")
    stated: Text = Field(description="The words that give the coordinates, verbatim from the document")
    source: Id = Field(description="The document that states it")

    @model_validator(mode="after")
    def _as_quoted(self) -> StatedPoint:
        pairs = stated_pairs(self.stated)
        if not pairs:
            raise FieldError(
                "stated",
                "no coordinate pair in these words: quote the document where it gives them "
                "(e.g. 25°30'N 16°15'E, or 25.5, 16.25)",
            )
        if not states(self.stated, self.latitude, self.longitude):
            read = " or ".join(f"{lat}, {lon}" for lat, lon in pairs)
            given = f"{self.latitude}, {self.longitude}"
            raise FieldError("latitude", f"{given} is not what the quote states: it reads {read}")
        return self


class Reference(Model):
    """A named external reference a place's coordinates are copied from when the offline
    gazetteer lacks it (a GeoNames or OpenStreetMap id, or a named map): recorded so anyone can
    check it, and drawn as placed from a reference, not checked offline."""

    kind: ReferenceKind = Field(description="What kind of reference: geonames, osm or map")
    id: Text = Field(description="Its id in that reference (geonames: 2214846; osm: node/1234567; map: its name)")
    note: str | None = Field(None, description="Where in it the place is (a map's grid square), or how it was found")

    @model_validator(mode="after")
    def _id_of_its_kind(self) -> Reference:
        kind = PLACE_REFERENCES[self.kind]
        if not re.match(kind.pattern, self.id):
            raise FieldError("id", f"{self.id!r} is not {kind.meaning} (e.g. {kind.example})")
        return self

    @property
    def label(self) -> str:
        return f"{self.kind}:{self.id}" if self.kind != "map" else f"map: {self.id}"


class Variant(Model):
    """A spelling readers use that no stored document does ("Tazerbo"): search finds the entity
    under it; it is shown with its basis, never as a document's words."""

    name: Text = Field(description="The spelling")
    basis: SpellingBasis = Field(description="gazetteer (a name of its GeoNames entry) or analyst (give the reason)")
    reason: str | None = Field(None, description="For an analyst's spelling: why readers use it")

    @model_validator(mode="after")
    def _reasoned(self) -> Variant:
        if self.basis == "analyst" and not self.reason:
            raise FieldError("reason", "an analyst's spelling says why readers use it")
        return self


class Entity(Model):
    """What places and actors share: a name, every spelling the sources use, and the spellings
    taken to name it without a document saying so."""

    id: Id = Field(description="A short slug, e.g. qatrun or islamic-state")
    name: Text = Field(description="The name the site shows")
    aliases: list[Text] = Field([], description="Every other spelling the sources use, so search finds any of them")
    identifications: list[Identification] = Field(
        [], description="Spellings taken to name it without a document saying so"
    )
    variants: list[Variant] = Field(
        [], description="Spellings readers use that no document does: found by search, shown with their basis"
    )

    @model_validator(mode="after")
    def _identified_aliases(self) -> Entity:
        for item in self.identifications:
            if item.name not in self.aliases:
                raise FieldError("identifications", f"{item.name!r} is identified but not listed in aliases")
        for item in self.variants:
            if item.name == self.name or item.name in self.aliases:
                message = f"{item.name!r} is already its name or an alias: a variant is another spelling"
                raise FieldError("variants", message)
        return self


class Place(Entity):
    latitude: float | None = Field(None, ge=-90, le=90, description="Copied from the gazetteer entry or reference")
    longitude: float | None = Field(None, ge=-180, le=180, description="Copied from the gazetteer entry or reference")
    approximate: Literal[True] = Field(True, description="Gazetteer coordinates are always approximate")
    gazetteer: Annotated[str, Field(pattern=r"^geonames:[0-9]+$")] | None = Field(
        None, description="The GeoNames entry the coordinates are copied from"
    )
    reference: Reference | None = Field(
        None,
        description="For a place the offline gazetteer lacks: the named reference the coordinates are copied "
        "from (drawn as placed from a reference, not checked offline)",
    )
    geo_precision: GeoPrecision = Field(
        description="ACLED's " + ", ".join(f"{code} ({words})" for code, words in GEO_PRECISIONS.items())
    )
    geo_note: str | None = Field(None, description="Why the coordinates are those of another place, or absent")
    admin1: str | None = Field(None, description="First-level district")
    country: str = Field(description="ISO 3166-1 alpha-3 code of a country in data/countries.yaml")
    near: Id | None = Field(
        None,
        description="The town (a place id) the documents put it near or around ('a camp outside the town'): "
        "its events are listed on the town's page, counted with it and found under it in the place filter, "
        "and make validate looks among the town's events for duplicates. It draws nothing on the map: "
        "that takes coordinates, relative_to or stated_coordinates",
    )
    relative_to: list[Relative] = Field(
        [], description="Where the sources put it relative to a gazetteer place; two or more: a disputed location"
    )
    stated_coordinates: list[StatedPoint] = Field(
        [], description="Coordinates a document gives for a place the gazetteer lacks, quoted"
    )

    @model_validator(mode="after")
    def _coordinates_from_gazetteer(self) -> Place:
        if self.gazetteer is not None and self.reference is not None:
            raise FieldError("reference", "coordinates come from the gazetteer or from a reference, not both")
        source = self.gazetteer if self.reference is None else self.reference
        given = [v is not None for v in (self.latitude, self.longitude, source)]
        if any(given) and not all(given):
            where = "reference" if self.reference is not None else "gazetteer"
            raise FieldError(where, f"give latitude, longitude and their {where} entry together, or none")
        if any(given) and self.relative_to:
            raise FieldError("relative_to", "a place has gazetteer coordinates or a relative position, not both")
        if any(given) and self.stated_coordinates:
            raise FieldError(
                "stated_coordinates", "a place has gazetteer coordinates or coordinates a document states, not both"
            )
        if not any(given) and not self.relative_to and not self.stated_coordinates and not self.geo_note:
            raise FieldError("geo_note", "a place without coordinates says why in geo_note")
        return self

    @property
    def gazetteer_point(self) -> bool:
        """Its coordinates are a gazetteer entry's, checked offline."""
        return self.latitude is not None and self.gazetteer is not None

    @property
    def has_point(self) -> bool:
        """It has coordinates of its own (a gazetteer entry's or a reference's): a relative
        position can be measured from it."""
        return self.latitude is not None

    @property
    def towns(self) -> list[str]:
        """The places it is described from (`near`, and each `relative_to` town): an event here
        is an event near each of them, on their pages, in their counts and in the place filter."""
        return list(dict.fromkeys(filter(None, [self.near, *(r.place for r in self.relative_to)])))


ActorKind = Literal[tuple(INTER_CODES)]  # type: ignore[valid-type]


class Actor(Entity):
    kind: ActorKind = Field(description="What kind of actor: sets ACLED's interaction code")
    affiliation: Id | None = Field(None, description="The actor this one belongs to")
    role: str | None = Field(None, description="For a person: the post the sources give")
    may_be: list[Id] = Field(
        [], description="For an unnamed party ('security forces'): the named actors it may be, none of them assigned"
    )

    @model_validator(mode="after")
    def _unnamed_party(self) -> Actor:
        if self.may_be and self.kind != "unnamed party":
            raise FieldError("may_be", "only an unnamed party lists the named actors it may be")
        return self

    @property
    def inter(self) -> int | None:
        return INTER_CODES[self.kind]


# --- Events and claims ---------------------------------------------------------------------------

EventType = Literal[tuple(EVENT_TYPES)]  # type: ignore[valid-type]
SubEventType = Literal[tuple(s for subs in EVENT_TYPES.values() for s in subs)]  # type: ignore[valid-type]

CLAIM_FIELDS = tuple(FIELD_LABELS)
ClaimField = Literal[CLAIM_FIELDS]  # type: ignore[valid-type]

_FIGURE_FORMS = (
    (re.compile(r"^(\d+)$"), lambda m: (int(m[1]), int(m[1]))),
    (re.compile(r"^about (\d+)$"), lambda m: (int(m[1]), int(m[1]))),
    (re.compile(r"^at least (\d+)$"), lambda m: (int(m[1]), None)),
    (re.compile(r"^(?:up to|at most) (\d+)$"), lambda m: (0, int(m[1]))),
    (re.compile(r"^(\d+)\s*-\s*(\d+)$"), lambda m: (int(m[1]), int(m[2]))),
)


@cache  # a pure function of the text, asked for each claim's bounds by every comparison
def parse_figure(value: str) -> tuple[int, int | None]:
    """A figure as stated -> (low, high); high is None when open-ended ("at least 5")."""
    for pattern, bounds in _FIGURE_FORMS:
        match = pattern.match(value.strip())
        if match:
            low, high = bounds(match)
            if high is not None and high < low:
                raise ValueError(f"the range {value!r} runs backwards")
            return low, high
    words = ", ".join(WORD_QUANTITIES)
    raise ValueError(
        f"{value!r} is not a figure: write 19, 'about 19', 'at least 19', 'up to 19' or '19-23', or the "
        f"source's word when it gives no number ({words})"
    )


@cache  # a figure's text (its claims' only): asked by every claim's bounds, stated value and toll
def is_word_quantity(value: str) -> bool:
    """A quantity the source gives only in words ("several"), kept as its word, never a number."""
    return " ".join(value.casefold().split()) in WORD_QUANTITIES


class CredibilityRating(Model):
    """An analyst's information-credibility rating where the derived one does not fit."""

    rating: Credibility = Field(description="Admiralty 1 (confirmed) to 6 (truth cannot be judged)")
    reason: Text = Field(description="Why the derived rating is overridden")


class Claim(Model):
    source: Id = Field(description="The document that says it; the quote must be found in its seed")
    field: ClaimField = Field(
        description="The point it speaks to: a figure (fatalities, injuries...), the date, the place, who acted..."
    )
    party: Id | None = Field(
        None, description="Whose figure, or who took part (an actor id; an unnamed party when the source is vague)"
    )
    value: Figure = Field(
        description="As stated: 19, 'at least 19', '19-23', or text. A figure the source gives only in words is "
        "its word (several, dozens...): shown as the source's word, never a number, never moving a range"
    )
    preliminary: bool = Field(
        False,
        description="true for an early count the source gives before the toll was settled ('seven bodies had been "
        "recovered by Thursday morning'): shown beside the total, never lowering or replacing it, never a dispute. "
        "Figures only",
    )
    at: Id | None = Field(
        None,
        description="For a place or location claim: the place it puts the event at (data/places.yaml), as its "
        "document places it. Two claims that name places are compared by what they place, not by their words",
    )
    resolved: PartialDate | None = Field(
        None, description="For a date claim: the date it names, YYYY[-MM[-DD]], worked out from its own document"
    )
    moment: Moment | None = Field(
        None, description="For a date claim: which moment it dates (the incident unless said)"
    )
    scope: str | None = Field(
        None,
        description="The part of the event it covers ('the first clash'); empty: the whole event. A claim is "
        "compared only with claims of the same scope, and a figure with a scope is never added to the event's "
        "total. Word one part the same for every source: case and spaces do not count ('The first  clash' is "
        "'the first clash'), any other difference does ('first clash' is another part)",
    )
    polarity: Polarity = Field("affirms", description="affirms, or denies ('no Interior Ministry force took part')")
    origin: Id | None = Field(
        None, description="Who first said it (data/origins.yaml); empty: the document's own reporting"
    )
    origin_reasoning: str | None = Field(
        None, description="Why the origin is taken to be this one when the document does not say so"
    )
    via: list[Text] = Field([], description="The outlets it passed through, from the document towards the origin")
    credibility: CredibilityRating | None = Field(None, description="Overrides the derived credibility, with a reason")
    added: Day | None = Field(
        None, description="When the claim was added, if after its event: a revision, listed on What's new"
    )
    quote: Text = Field(description="Verbatim from the source's seed: one clause")
    note: str | None = Field(
        None,
        description="A remark in our own words shown beside the claim on the event's card, such as how the value "
        "was read from the quote (whose dead, how a date was resolved); never compared or counted",
    )

    @field_validator("value")
    @classmethod
    def _figure_readable(cls, value: str, info: ValidationInfo) -> str:
        if info.data.get("field") in NUMERIC_FIELDS and not is_word_quantity(value):
            parse_figure(value)
        return value

    @model_validator(mode="after")
    def _figure_has_party(self) -> Claim:
        if self.field in NUMERIC_FIELDS and self.field != "strikes" and self.party is None:
            raise FieldError("party", f"a figure for {self.field} names its party (an actor id, or an unnamed party)")
        if (self.field == "date") != (self.resolved is not None):
            raise FieldError("resolved", "a date claim, and only a date claim, gives the date it resolves to")
        if self.field == "responsibility" and self.party is None:
            raise FieldError("party", "a claim of responsibility names who claimed it (an actor id)")
        if self.polarity == "denies" and self.field in NUMERIC_FIELDS:
            raise FieldError("polarity", "a figure is not denied: write the figure the source gives (0 for none)")
        if self.moment is not None and self.field != "date":
            raise FieldError("moment", "only a date claim says which moment it dates")
        if (self.via or self.origin_reasoning) and self.origin is None:
            raise FieldError("via", "name the origin the outlets relay (data/origins.yaml)")
        if self.preliminary and self.field not in NUMERIC_FIELDS:
            raise FieldError("preliminary", "only a figure is an early count: drop preliminary")
        if self.at is not None and self.field not in WHERE_FIELDS:
            raise FieldError("at", f"only a {' or '.join(WHERE_FIELDS)} claim names the place it puts the event at")
        if self.scope is not None and not self.scope.strip():
            raise FieldError("scope", "name the part of the event, or leave scope out for the whole event")
        return self

    @property
    def bounds(self) -> tuple[int, int | None] | None:
        """A figure's (low, high); None for text, and for a figure the source gives only in words."""
        return parse_figure(self.value) if self.field in NUMERIC_FIELDS and not self.worded else None

    @property
    def worded(self) -> bool:
        """A figure the source gives only in words ("several"): shown as its word, never counted."""
        return self.field in NUMERIC_FIELDS and is_word_quantity(self.value)

    @property
    def stated(self) -> str:
        """The value as every page and export words it, marked where it is no settled number:
        "4 (early count)", "several (source's word)"."""
        marks = [mark for mark, marked in ((WORDED_MARK, self.worded), (EARLY_COUNT_MARK, self.preliminary)) if marked]
        return str(self.value) + "".join(f" ({mark})" for mark in marks)

    @property
    def dated_moment(self) -> str:
        return self.moment or "incident"

    @property
    def origin_key(self) -> str:
        """The origin, or the document itself for its own reporting."""
        return self.origin or f"own reporting of {self.source}"


Status = Literal[tuple(STATUSES)]  # type: ignore[valid-type]


class Distinction(Model):
    """Another event this one may look like (make validate's likely-duplicate note), and why the
    analyst holds them apart."""

    event: EventId = Field(description="The event on record it may look like")
    reason: Text = Field(description="What tells the two apart, from the documents")


class Event(Model):
    id: EventId = Field(description="Its place's country (ISO3) and the next free number: make new-source prints it")
    date: PartialDate = Field(description="When it happened (its first day), written to its date_precision")
    end_date: PartialDate | None = Field(
        None,
        description="For an event over several days, the last, when the sources give it: written like date, "
        "not before it, and no more precise than the date claims. Empty: one day, or no end given. Shown as "
        "a span on the card and exported as end_date",
    )
    date_precision: Precision = Field(description="How precisely the date is known")
    date_note: str | None = Field(None, description="How the date was worked out from the text")
    undated: bool = Field(
        False,
        description="true when no document gives it a date of its own (a state of affairs told as background: "
        "'managed to control the main road'): its date is then the publication date of its first report, written "
        "as that is, and it is shown 'undated; reported c. Thu 27 Jan 2022', never as a dated development",
    )
    place: Id = Field(description="Where it happened (data/places.yaml)")
    event_type: EventType = Field(description="ACLED's event type")
    sub_event_type: SubEventType = Field(description="ACLED's sub-event type, one of its type's")
    actor1: Id = Field(description="ACLED's first actor: who acted")
    assoc_actors_1: list[Id] = Field(
        [],
        description="Others on the first actor's side (ACLED's assoc_actor_1): allies or units that took part "
        "with actor1. Shown after it on the card ('with ...') and exported",
    )
    actor2: Id | None = Field(None, description="ACLED's second actor: acted upon, or the other side")
    assoc_actors_2: list[Id] = Field(
        [],
        description="Others on the second actor's side (ACLED's assoc_actor_2): the force a unit named as actor2 "
        "belongs to, units beside it. Shown only with an actor2",
    )
    summary: Text = Field(description="What happened, in one or two neutral sentences")
    status: Status | None = Field(
        None, description="Derived from the claims; when written here it must agree with the derivation"
    )
    dispute_note: str | None = Field(None, description="What would settle a dispute (required when disputed)")
    tags: list[Text] = Field([], description="Free labels for grouping (background, IS attack...)")
    context: bool = Field(
        False,
        description="true for background the documents give for context (an uprising, an intervention, a "
        "ceasefire), not the Islamic State's activity: the charts show it apart and count it apart. Refused "
        "when the Islamic State, or a group under it, is among its actors",
    )
    added: Day = Field(description="When the event entered the dataset (for What's new and the feed)")
    reviewed: Day | None = Field(
        None,
        description="The day its prose (summary, date_note, dispute_note) was last re-read against its claims. "
        "make validate warns, and make edition refuses, while claims added later than this (or than added, "
        "when empty) have not been read: re-read the prose, then set it to the newest claim's added",
    )
    distinct_from: list[Distinction] = Field(
        [],
        description="Events on record it may look like but is not (make validate's note names them), each with "
        "what tells them apart; the note is then no longer given for that pair",
    )
    claims: list[Claim] = Field(
        min_length=1, description="What each source says about it, quoted: every figure lives here"
    )
    corrections: list[Correction] = Field(
        [],
        description="Mistakes in what was published about it put right (a date, a place, a summary), each "
        "dated: listed on the Corrections page and in the next edition's changes",
    )

    @model_validator(mode="after")
    def _consistent(self) -> Event:
        check_precision(self.date, self.date_precision)
        if self.sub_event_type not in EVENT_TYPES[self.event_type]:
            raise FieldError("sub_event_type", f"{self.sub_event_type!r} is not a sub-type of {self.event_type!r}")
        if self.end_date is not None and date_bounds(self.end_date)[1] < date_bounds(self.date)[0]:
            raise FieldError("end_date", f"end_date {self.end_date} is before date {self.date}")
        if self.status == "disputed" and not self.dispute_note:
            raise FieldError("status", "a disputed event needs a dispute_note saying what would settle it")
        check_corrections(self.corrections, self.added)
        if self.undated and any(c.field == "date" and c.dated_moment == "incident" for c in self.claims):
            raise FieldError(
                "undated", "a date claim dates it: drop undated, or the claim's moment is not the incident"
            )
        return self

    @property
    def start(self) -> dt.date:
        return date_bounds(self.date)[0]

    @property
    def source_ids(self) -> list[str]:
        return list(dict.fromkeys(claim.source for claim in self.claims))

    @property
    def time_precision(self) -> int:
        """ACLED's 1 (day), 2 (week or a few days), 3 (month or coarser). An approximate date is
        2 only when written to the day (a day give or take a few); a month or year, however
        approximate, is 3, and so is an undated one (its date is only its report's)."""
        if self.undated:
            return 3
        if self.date_precision == "approximate":
            return 2 if len(self.date.split("-")) == 3 else 3
        return DATE_PRECISIONS[self.date_precision].acled


class Assessment(Model):
    id: Id = Field(description="A short slug")
    by: Id | None = Field(None, description="The actor (person or body) judging; empty: the source itself")
    role: str | None = Field(None, description="Their post or standing, as the source gives it")
    judgment: Text = Field(description="What they judged, in our words")
    quote: Text = Field(description="Verbatim from the source's seed")
    source: Id = Field(description="The document it is in")
    date: PartialDate | None = Field(
        None,
        description="When the judgment was voiced, no more precisely than the document tells (one it reports as "
        "new: the document's own date); empty when it does not say. Shown beside the judgment",
    )
    via: str | None = Field(None, description="The outlet the source heard it from")
    events: list[EventId] = Field(
        [],
        description="The events it judges, when it is about particular ones (each an event on record); "
        "empty for a judgment on the wider situation",
    )

    @property
    def unnamed(self) -> bool:
        """Whether a source the document quotes without naming judges (its role, "Unnamed experts",
        or the reports it heard it from): neither a named voice nor the document's own."""
        return self.by is None and bool(self.role or self.via)


class Edition(Model):
    """A published issue of the briefing. `make edition` appends one and keeps a snapshot of the
    derived data beside this file (`editions/<number>.json`), which the next edition is compared with."""

    number: int = Field(ge=1, description="1 for the first edition, then one more each time")
    date: dt.date = Field(description="The issue date: the day the edition was cut")
    note: Text = Field(max_length=320, description="The editor's note, two lines at most: what this edition brings")
    stale: Text | None = Field(
        None, description="Why it was issued while make validate named prose as stale (make edition STALE=...)"
    )

    @property
    def id(self) -> str:
        return str(self.number)


KINDS: dict[str, type[Model]] = {
    "countries": Country,
    "origins": Origin,
    "sources": Source,
    "places": Place,
    "actors": Actor,
    "events": Event,
    "assessments": Assessment,
    "editions": Edition,
}
