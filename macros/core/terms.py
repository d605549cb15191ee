"""The analytic vocabularies, one table each: the models' types, the labels readers see and the
methodology's tables are all built from these, so a term means one thing everywhere.
"""

from __future__ import annotations

from typing import NamedTuple

# Admiralty source reliability: how far the *document* can be trusted.
GRADES = {
    "A": "completely reliable",
    "B": "usually reliable",
    "C": "fairly reliable",
    "D": "not usually reliable",
    "E": "unreliable",
    "F": "reliability cannot be judged",
}
# Grades whose figures count towards the conservative figure. F means reliability *cannot be
# judged* (an unknown outlet), which is no evidence against a figure; D and E are judged unreliable.
CREDIBLE_GRADES = frozenset("ABCF")

# Admiralty information credibility: how far one *claim* can be believed, whoever carries it.
CREDIBILITY = {
    1: ("confirmed", "another independent voice says the same, at least as precisely, and none contradicts it"),
    2: ("probably true", "set by an analyst, with a written reason"),
    3: ("possibly true", "one independent voice confirms it and another contradicts it"),
    4: ("doubtful", "another independent voice contradicts it and none confirms it"),
    5: ("improbable", "set by an analyst, with a written reason"),
    6: (
        "truth cannot be judged",
        "no other independent voice confirms or contradicts it: one voice only, a coarser date, or a party "
        "that may not be the same",
    ),
}

# Who originally said a thing. A document is not an origin: many documents relay one origin.
ORIGIN_KINDS = {
    "statement": "an official statement by a government, army, ministry or organisation",
    "post": "a named person's or body's post on social media",
    "interview": "what a named person told a journalist",
    "testimony": "evidence given to a parliament, court or inquiry",
    "news report": "another outlet's own reporting, which the document relays",
    "unnamed sources": "officials or sources the document does not name",
    "analysis": "a named analyst's or researcher's view",
    "own reporting": "the document's own reporting, naming no one (every claim without an origin)",
}

# Which moment a date claim dates: a claim of responsibility or a statement is not the incident.
MOMENTS = {
    "incident": "when the event itself happened",
    "claim of responsibility": "when a group claimed it",
    "statement": "when an official statement about it was made",
    "report": "when it was reported",
}

POLARITIES = {
    "affirms": "says it is so",
    "denies": "says it is not so (a denial against an affirmation is a dispute)",
}


class DatePrecision(NamedTuple):
    written: str  # how a date at this precision is written
    meaning: str
    acled: int | None  # ACLED's time_precision; None: it depends on how the date is written


# How precisely a date is known. A date is written to exactly its precision (no invented day or
# month); an approximate one is written at any, and is ACLED's 2 when written to the day, else 3.
DATE_PRECISIONS = {
    "day": DatePrecision("YYYY-MM-DD", "the day is known", 1),
    "week": DatePrecision("YYYY-MM-DD", "a day within a known week", 2),
    "month": DatePrecision("YYYY-MM", "only the month is known", 3),
    "year": DatePrecision("YYYY", "only the year is known", 3),
    "approximate": DatePrecision("any", "the date is an estimate from the text (shown with c.)", None),
}

# Compass points a location is stated relative to a place with, and their bearings in degrees.
BEARINGS = {
    "north": 0.0,
    "north-east": 45.0,
    "east": 90.0,
    "south-east": 135.0,
    "south": 180.0,
    "south-west": 225.0,
    "west": 270.0,
    "north-west": 315.0,
}
DISTANCE_UNITS = {"km": 1.0, "miles": 1.609344}


# Where coordinates for a place the offline gazetteer lacks may come from: each kind of named
# external reference, the form of its id, and what it is. Such a point is drawn with its own
# mark ("placed from a reference, not checked offline"): the validator cannot look it up.
class PlaceReference(NamedTuple):
    pattern: str  # the id's form, a regular expression
    example: str
    meaning: str


PLACE_REFERENCES = {
    "geonames": PlaceReference(r"^[0-9]{1,10}$", "2214846", "a GeoNames entry beyond the offline gazetteer: its id"),
    "osm": PlaceReference(
        r"^(node|way|relation)/[0-9]{1,12}$",
        "node/1234567",
        "an OpenStreetMap element: node/, way/ or relation/ and its id",
    ),
    "map": PlaceReference(
        r"^\S.{4,}$", "ONC H-4, 1st edition", "a named map: its series, sheet and edition, as printed on it"
    ),
}
# Spellings recorded so search finds a name as readers write it, with why, never as a document's words.
SPELLING_BASES = {
    "gazetteer": "a name of the place's gazetteer (GeoNames) entry",
    "analyst": "an analyst's reason: a common romanisation no stored document uses",
}

# ACLED's geo precision of a place: how closely its coordinates locate its events.
GEO_PRECISIONS = {1: "the town", 2: "near or part of it", 3: "a region"}

# Claim fields, in the order a card lists them. Counts of people or strikes first: NUMERIC_FIELDS.
FIELD_LABELS = {
    "fatalities": "Fatalities",
    "injuries": "Injuries",
    "abducted": "Abducted or kidnapped",
    "missing": "Missing",
    "arrests": "Arrests",
    "strikes": "Strikes",
    "date": "Date",
    "place": "Place",
    "location": "Location",
    "perpetrator": "Perpetrator",
    "responsibility": "Claimed by",
    "participants": "Who took part",
    "target": "Target",
    "detail": "Detail",
}
# How a sentence names a point of each field ("two voices agree on the location").
FIELD_NOUNS = {
    "fatalities": "the number of dead",
    "injuries": "the number injured",
    "abducted": "the number abducted or kidnapped",
    "missing": "the number missing",
    "arrests": "the number of arrests",
    "strikes": "the number of strikes",
    "date": "the date",
    "place": "the place",
    "location": "the location",
    "perpetrator": "the perpetrator",
    "responsibility": "who claimed it",
    "participants": "who took part",
    "target": "the target",
    "detail": "a detail",
}
NUMERIC_FIELDS = ("fatalities", "injuries", "abducted", "missing", "arrests", "strikes")
# Quantities a source gives only in words ("several were killed"): kept as the source's word, shown
# as such, never turned into a number, never moving a range and never set against a number.
WORD_QUANTITIES = ("a few", "several", "some", "many", "dozens", "scores", "hundreds")
# How a claim's value is marked wherever it is worded (cards, the briefing's claimed(), disputes, the
# print tables, claims.csv's value_words): a figure the source gives only in words, an early count.
WORDED_MARK = "source's word"
EARLY_COUNT_MARK = "early count"
# How far a toll rests on early counts with no settled count beside them (`figures.Figures.early`):
# every figure added up, or some; the words are what a toll's note says beside it.
EARLY_TOLLS = {"all": EARLY_COUNT_MARK, "part": f"in part an {EARLY_COUNT_MARK}"}
# An event's own prose, in our words (not the documents'): re-read when claims are added (`reviewed`),
# and shown on its pages alone, never charted or counted.
EVENT_PROSE = ("summary", "date_note", "dispute_note")
# Claim fields that say where the event was: compared by what they place when they name a place (`at`).
WHERE_FIELDS = ("place", "location")
# What a toll (or any count) reads where no source gives one: unknown is never 0.
NOT_REPORTED = "not reported"
# A field with one true value per event, party, scope and moment: different values mean the
# sources disagree. Lists (who took part, targets, details) can differ without contradiction;
# among them only a denial against an affirmation of the same thing is a dispute.
SINGLE_VALUED = (*NUMERIC_FIELDS, "date", "place", "location", "perpetrator", "responsibility")

# What the site may show of a document: the repository keeps every document as evidence either way.
RIGHTS = {
    "quotes only": "the quoted passages with a sentence of context, and the link: the default for news articles",
    "full text": "the whole text, only when its publisher allows it (a licence, public domain, an official release)",
}

# ACLED's interaction code for each kind of actor (None: ACLED codes no such actor).
INTER_CODES: dict[str, int | None] = {
    "state force": 1,
    "government": 1,
    "rebel group": 2,
    "jihadist group": 2,
    "political militia": 3,
    "identity militia": 4,
    "rioters": 5,
    "protesters": 6,
    "civilians": 7,
    "foreign military": 8,
    "international organisation": 8,
    "foreign government": 8,
    "ngo": 8,
    "unidentified armed group": 3,  # ACLED codes an unidentified armed group as a political militia
    "media": None,
    "person": None,
    "unnamed party": None,
}

# ACLED's event types, each with its sub-event types.
EVENT_TYPES: dict[str, tuple[str, ...]] = {
    "Battles": ("Armed clash", "Government regains territory", "Non-state actor overtakes territory"),
    "Explosions/Remote violence": (
        "Chemical weapon",
        "Air/drone strike",
        "Suicide bomb",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Grenade",
    ),
    "Violence against civilians": ("Sexual violence", "Attack", "Abduction/forced disappearance"),
    "Protests": ("Peaceful protest", "Protest with intervention", "Excessive force against protesters"),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": (
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    ),
}

# What kind of document a source is, and ACLED's source scale: how widely its outlet reports.
SOURCE_KINDS = ("news report", "analysis", "opinion", "official statement", "blog", "other")
SOURCE_SCALES = ("local", "national", "regional", "international", "new media", "other")

# How a date or a place was taken from a document.
BASES = {
    "stated": "stated in the text",
    "inferred": "inferred from it",
    "unknown": "unknown",
}

# An event's status, derived from its claims (macros/derive/comparison.py), never typed; the
# words are what the card's chip explains it with.
STATUSES = {
    "single report": "no compared point is confirmed by a second independent voice, however many documents relay it",
    "corroborated": "two independent voices agree on a compared point, and none disagrees",
    "disputed": "independent voices disagree on a compared point, or one denies what another says",
}

# How a map position was obtained, in the words a map legend and a data table use.
LOCATION_PRECISIONS = {
    "gazetteer": "gazetteer point (approximate)",
    "reference": "placed from a reference, not checked offline (approximate)",
    "computed": "computed from a stated bearing and distance (approximate)",
    "direction": "only a direction from a town is stated: drawn at the town, pointing that way",
    "near": "only 'near' a town is stated: drawn at the town as a ring",
    "stated": "coordinates a document gives (approximate)",
}

# ACLED's disorder type of each event type (the events download's `disorder_type`).
DISORDER_TYPES = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Protests": "Demonstrations",
    "Riots": "Demonstrations",
    "Strategic developments": "Strategic developments",
}

# The actors index's headings and the actor kinds under each (any other kind: "Others").
ACTOR_GROUPS = {
    "Armed groups and forces": frozenset({
        "jihadist group", "rebel group", "political militia", "identity militia", "state force", "foreign military",
        "unidentified armed group", "unnamed party",
    }),
    "Governments and institutions": frozenset({
        "government", "foreign government", "international organisation", "ngo",
    }),
    "People": frozenset({"person"}),
    "Civilians, protesters and rioters": frozenset({"civilians", "protesters", "rioters"}),
    "Media": frozenset({"media"}),
}  # fmt: skip

# The side a party's dead are counted on in the deaths chart, never summed across sides.
SIDES = {
    "Islamic State": "the Islamic State and the groups under it",
    "Security forces and their allies": "a state force or government and those under it",
    "Others": "anyone else",
}
# The actor kinds whose dead count on the side of the security forces (with those under them).
STATE_KINDS = frozenset({"state force", "government", "foreign military", "foreign government"})
