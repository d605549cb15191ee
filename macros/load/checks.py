"""Rules that span records: ids, references, seeds and quotes, dates, disputes.

Each rule appends `Problem`s pointing at the offending field's line and carries on, so an analyst
sees every mistake in one run.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import hashlib
from dataclasses import dataclass
from pathlib import Path

from ..core.models import Event, Source, date_bounds
from ..core.quotes import closest_passage, fold
from ..core.record import Record
from ..core.terms import WHERE_FIELDS
from ..core.yamlfile import ANY, MAX_BYTES, Problem
from ..derive.comparison import Analysis, analyse, conflicts, describe, organisation_of
from ..derive.dataset import Dataset
from ..derive.editions import recorded_documents
from .editions import check_editions


@dataclass
class CheckedEvents:
    """Each event's problems and analysis as the last load's checks found them, by its record
    (the very object, taken back with its lines from a file saved unchanged: macros/load/loader.py
    `LoadedFiles`), and what an event's checks read beyond it (`frame`: the day, every other
    record an event may name, every event's id, the seeds' text). `make serve` keeps it between
    loads: an event whose record and frame are as they were has the problems it had, reported
    again without checking it again; any other event is checked."""

    frame: tuple = ()
    found: dict[str, tuple[Record, list[Problem], Analysis | None]] = dataclasses.field(default_factory=dict)
    checked: int = 0  # the events the last load checked (the others' findings taken back)

    def start(self, frame: tuple) -> dict[str, tuple[Record, list[Problem], Analysis | None]]:
        """The findings this load may take back: none once anything in the frame differs."""
        kept = self.found if frame == self.frame else {}
        self.frame, self.found, self.checked = frame, {}, 0
        return kept


def check_dataset(
    records: dict[str, list[Record]],
    root: Path,
    today: dt.date,
    problems: list[Problem],
    checked: CheckedEvents | None = None,
) -> Dataset:
    """Index records by id and run every cross-record rule, appending to `problems`; with
    `checked` (`make serve`), an event checked by the last load, unchanged, is not checked again."""
    by_id = {kind: _index(items, problems) for kind, items in records.items() if kind != "editions"}
    editions, snapshots = check_editions(records["editions"], root, today, problems)
    refs = _References(by_id, problems)
    originals = _check_sources(by_id["sources"].values(), root, today, problems)
    _check_documents_since(by_id["sources"].values(), recorded_documents(snapshots), problems)
    seeds = {key: fold(text) if text is not None else None for key, text in originals.items()}
    _check_entities(by_id, refs, seeds, problems)
    models = {kind: {key: rec.model for key, rec in items.items()} for kind, items in by_id.items()}
    analyses = _check_events(by_id, refs, seeds, models, today, problems, checked or CheckedEvents())
    for item in by_id["assessments"].values():
        _check_assessment(item, refs, seeds, today, problems)
    ordered = dict(sorted(models["events"].items(), key=lambda pair: (pair[1].start, pair[0])))
    dataset = Dataset(
        countries=models["countries"],
        origins=models["origins"],
        sources=models["sources"],
        places=models["places"],
        actors=models["actors"],
        events=ordered,
        assessments=models["assessments"],
        seeds={key: text for key, text in seeds.items() if text is not None},
        originals={key: text for key, text in originals.items() if text is not None},
        editions=editions,
        snapshots=snapshots,
    )
    dataset.seed_analyses(analyses)  # derived once, for the checks and every view
    return dataset


def _check_events(
    by_id: dict[str, dict[str, Record]],
    refs: _References,
    seeds: dict[str, str | None],
    models: dict[str, dict],
    today: dt.date,
    problems: list[Problem],
    checked: CheckedEvents,
) -> dict[str, Analysis]:
    """Every event's rules, appending to `problems`; its analysis, by id, where its references
    resolve. An event `checked` found checked by the last load, unchanged, is not checked again."""
    kept = checked.start(_event_frame(models, by_id["events"], seeds, today))
    analyses: dict[str, Analysis] = {}
    for event in by_id["events"].values():
        found = kept.get(event.model.id)
        if found is None or found[0] is not event:
            found = (event, *_checked_event(event, refs, seeds, by_id["sources"], models, today))
            checked.checked += 1
        checked.found[event.model.id] = found
        problems.extend(found[1])
        if found[2] is not None:
            analyses[event.model.id] = found[2]
    return analyses


def _event_frame(models: dict[str, dict], events: dict[str, Record], seeds: dict, today: dt.date) -> tuple:
    """What an event's checks read beyond its own record (`_checked_event`): while it is the same,
    an unchanged event's problems are the same. The records in their order: a reference's
    suggested near miss is the first of the closest ids."""
    others = tuple(list(models[kind].items()) for kind in ("sources", "places", "actors", "origins"))
    return (today, *others, list(events), seeds)


def _checked_event(
    event: Record,
    refs: _References,
    seeds: dict[str, str | None],
    sources: dict[str, Record],
    models: dict[str, dict],
    today: dt.date,
) -> tuple[list[Problem], Analysis | None]:
    """One event's problems, and its analysis where every reference resolved (the derivation
    needs them)."""
    problems: list[Problem] = []
    _check_event(event, _References(refs.by_id, problems), seeds, sources, today, problems)
    if problems:
        return problems, None
    analysis = analyse(event.model, models["actors"], models["origins"], models["places"])
    _check_status(event, analysis, problems)
    _check_context(event, models["actors"], problems)
    return problems, analysis


def _check_entities(
    by_id: dict[str, dict[str, Record]], refs: _References, seeds: dict, problems: list[Problem]
) -> None:
    """The references origins, sources, places and actors make to one another."""
    for origin in by_id["origins"].values():
        refs.check(origin, ("speaker",), "actors", origin.model.speaker)
    for source in by_id["sources"].values():
        for i, origin_id in enumerate(source.model.cites):
            refs.check(source, ("cites", i), "origins", origin_id)
    for place in by_id["places"].values():
        _check_place(place, refs, seeds, problems)
    for actor in by_id["actors"].values():
        refs.check(actor, ("affiliation",), "actors", actor.model.affiliation)
        for i, other in enumerate(actor.model.may_be):
            refs.check(actor, ("may_be", i), "actors", other)


def _index(items: list[Record], problems: list[Problem]) -> dict[str, Record]:
    index: dict[str, Record] = {}
    for record in items:
        first = index.get(record.model.id)
        if first is not None:
            where = f"{first.doc.file}:{first.doc.line_of((*first.base, 'id'))}"
            problems.append(record.problem(("id",), f"duplicate id (first used at {where})"))
        else:
            index[record.model.id] = record
    return index


class _References:
    """Checks that an id names an existing record of the right kind, suggesting near misses."""

    def __init__(self, by_id: dict[str, dict[str, Record]], problems: list[Problem]) -> None:
        self.by_id, self.problems = by_id, problems

    def check(self, record: Record, path: tuple, kind: str, target: str | None) -> bool:
        if target is None or target in self.by_id[kind]:
            return target is not None
        near = difflib.get_close_matches(target, list(self.by_id[kind]), n=1)
        hint = f" (did you mean {near[0]!r}?)" if near else ""
        self.problems.append(record.problem(path, f"unknown {kind[:-1]} {target!r}{hint}", target=(kind, target)))
        return False


def _check_sources(sources: list[Record], root: Path, today: dt.date, problems: list[Problem]) -> dict[str, str | None]:
    seeds: dict[str, str | None] = {}
    recorded: dict[str, str] = {}  # seed -> the source recording it
    for record in sources:
        source = record.model
        seeds[source.id] = None
        if source.seed in recorded:
            problems.append(record.problem(("seed",), f"{source.seed} is {recorded[source.seed]}'s document already: "
                                           "one document, one source"))  # fmt: skip
        recorded.setdefault(source.seed, source.id)
        path = root / source.seed
        if not path.is_file():
            problems.append(record.problem(("seed",), f"no such file {source.seed}"))
            continue
        if path.stat().st_size > MAX_BYTES:
            problems.append(record.problem(("seed",), f"{source.seed} is over {MAX_BYTES} bytes: not one document"))
            continue
        raw = path.read_bytes()
        digest = hashlib.sha256(raw).hexdigest()
        if digest != source.sha256:
            problems.append(record.problem(("sha256",), _changed_seed(source.seed, source.id)))
            continue
        seeds[source.id] = raw.decode("utf-8", errors="replace")
        if source.added > today:
            problems.append(record.problem(("added",), f"{source.added} is in the future"))
        if source.published.date and date_bounds(source.published.date)[0] > today:
            problems.append(record.problem(("published", "date"), f"{source.published.date} is in the future"))
    folder = root / "seeds"
    for path in sorted(folder.iterdir()) if folder.is_dir() else []:
        if path.is_file() and f"seeds/{path.name}" not in recorded:
            problems.append(Problem(f"seeds/{path.name}", 1, "", "no source records this document: bring it in with "
                                    "make new-source FILE=..., or remove it", target=("sources", ANY)))  # fmt: skip
    return seeds


def _check_documents_since(
    sources: list[Record], recorded: tuple[int, dict[str, str]], problems: list[Problem]
) -> None:
    """A document that differs from the one the last edition recorded carries the revision that
    starts from it, whoever typed the new checksum: evidence keeps its history."""
    number, documents = recorded
    for record in sources:
        source: Source = record.model
        then = documents.get(source.id)
        if then is None or then == source.sha256 or any(r.old_sha256 == then for r in source.revisions):
            continue
        message = (
            f"{source.seed} is not the document edition {number} recorded (sha256 {then[:12]}...), and no "
            f'revision starts from it: record the change with make accept-seed ID={source.id} WHY="..."'
        )
        problems.append(record.problem(("sha256",), message))


def _changed_seed(seed: str, source_id: str) -> str:
    """Never the new checksum: pasting it in would make changed evidence pass silently."""
    return (
        f"{seed} has changed since it was recorded; a seed is evidence and is never edited. "
        f"Restore it: git restore {seed} (or copy the original back). If the document itself "
        f'has a new version, accept it on purpose: make accept-seed ID={source_id} WHY="..."'
    )


def _check_place(record: Record, refs: _References, seeds: dict[str, str | None], problems: list[Problem]) -> None:
    """References, quotes of stated positions, and every point inside the place's country."""
    place = record.model
    refs.check(record, ("near",), "places", place.near)
    for i, relative in enumerate(place.relative_to):
        if refs.check(record, ("relative_to", i, "source"), "sources", relative.source):
            _check_quote(record, ("relative_to", i, "stated"), relative.stated, relative.source, seeds, problems)
        if refs.check(record, ("relative_to", i, "place"), "places", relative.place):
            origin = refs.by_id["places"][relative.place].model
            if not origin.has_point:
                problems.append(
                    record.problem(
                        ("relative_to", i, "place"),
                        f"{origin.id} has no gazetteer coordinates, nor a reference's, to measure from",
                    )
                )
    points = [(("latitude",), place.latitude, place.longitude)] if place.has_point else []
    for i, point in enumerate(place.stated_coordinates):
        if refs.check(record, ("stated_coordinates", i, "source"), "sources", point.source):
            _check_quote(record, ("stated_coordinates", i, "stated"), point.stated, point.source, seeds, problems)
        points.append((("stated_coordinates", i, "latitude"), point.latitude, point.longitude))
    if not points or not refs.check(record, ("country",), "countries", place.country):
        return
    west, south, east, north = refs.by_id["countries"][place.country].model.bbox
    for path, latitude, longitude in points:
        if not (west <= longitude <= east and south <= latitude <= north):
            problems.append(
                record.problem(
                    path,
                    f"{latitude}, {longitude} lies outside {place.country} "
                    f"(lat {south}..{north}, lon {west}..{east}): swapped or mistyped?",
                )
            )


def _check_event(
    record: Record,
    refs: _References,
    seeds: dict[str, str | None],
    sources: dict[str, Record],
    today: dt.date,
    problems: list[Problem],
) -> None:
    event: Event = record.model
    if refs.check(record, ("place",), "places", event.place):
        country = refs.by_id["places"][event.place].model.country
        if not event.id.startswith(country):
            problems.append(record.problem(("id",), f"an event in {country} has an id starting {country}"))
    for name in ("actor1", "actor2"):
        refs.check(record, (name,), "actors", getattr(event, name))
    for name in ("assoc_actors_1", "assoc_actors_2"):
        for i, actor in enumerate(getattr(event, name)):
            refs.check(record, (name, i), "actors", actor)
    _check_event_dates(record, today, problems)
    _check_undated(record, sources, problems)
    for i, other in enumerate(event.distinct_from):
        if other.event == event.id:
            problems.append(record.problem(("distinct_from", i, "event"), "an event is not distinct from itself"))
        refs.check(record, ("distinct_from", i, "event"), "events", other.event)
    for i, claim in enumerate(event.claims):
        path = ("claims", i)
        if claim.added is not None and not event.added <= claim.added <= today:
            when = "before its event was added" if claim.added < event.added else "in the future"
            problems.append(record.problem((*path, "added"), f"{claim.added} is {when}"))
        refs.check(record, (*path, "party"), "actors", claim.party)
        refs.check(record, (*path, "at"), "places", claim.at)
        if refs.check(record, (*path, "origin"), "origins", claim.origin) and claim.source in sources:
            cites = sources[claim.source].model.cites
            if claim.origin not in cites:
                problems.append(
                    record.problem((*path, "origin"), f"{claim.origin} is not in {claim.source}'s cites: add it")
                )
        if refs.check(record, (*path, "source"), "sources", claim.source):
            _check_quote(record, (*path, "quote"), claim.quote, claim.source, seeds, problems)
            _check_before_publication(record, i, sources[claim.source].model, today, problems)


def _check_before_publication(record: Record, i: int, source: Source, today: dt.date, problems: list[Problem]) -> None:
    """Neither the event nor the date a claim gives it can come after the document reporting it
    (the event's date named once per document; a date in the future is told as that)."""
    event: Event = record.model
    claim, published = event.claims[i], source.published.date
    if not published:
        return
    last = date_bounds(published)[1]
    first_of_source = next(c for c in event.claims if c.source == claim.source) is claim
    if event.start > last and first_of_source:
        problems.append(record.problem(("date",), f"{event.date} is after {source.id} was published ({published})"))
    if claim.resolved and last < date_bounds(claim.resolved)[0] <= today:
        problems.append(
            record.problem(
                ("claims", i, "resolved"), f"{claim.resolved} is after {source.id} was published ({published})"
            )
        )


def _check_event_dates(record: Record, today: dt.date, problems: list[Problem]) -> None:
    """No date in the future, and the event's date says what its own date claims say: it meets
    every date a source gives and is no more precise than the most precise of them."""
    event: Event = record.model
    if event.added > today:
        problems.append(record.problem(("added",), f"{event.added} is in the future"))
    for field, value in (("date", event.date), ("end_date", event.end_date)):
        if value and date_bounds(value)[0] > today:
            problems.append(record.problem((field,), f"{value} is in the future"))
    dated = [(i, c) for i, c in enumerate(event.claims) if c.field == "date" and c.resolved]
    first, last = event.start, date_bounds(event.end_date or event.date)[1]
    for i, claim in dated:
        start, end = date_bounds(claim.resolved)
        if start > today:
            problems.append(record.problem(("claims", i, "resolved"), f"{claim.resolved} is in the future"))
        span = f"{event.date} to {event.end_date}" if event.end_date else event.date
        if claim.dated_moment == "incident" and (end < first or start > last):
            problems.append(
                record.problem(
                    ("date",), f"{span} disagrees with claims[{i}], where {claim.source} gives {claim.resolved}"
                )
            )
        elif claim.dated_moment != "incident" and end < first:  # a statement on it cannot come before it
            problems.append(
                record.problem(
                    ("date",), f"{span} is after claims[{i}], the {claim.moment} of {claim.resolved} about it"
                )
            )
    incident = [(i, c) for i, c in dated if c.dated_moment == "incident"] or dated
    finest = max((len(c.resolved.split("-")) for _, c in incident), default=3)
    if event.date_precision == "approximate":
        finest = 3  # an estimate may name a day its sources do not; it is shown "c."
    for field, value in (("date", event.date), ("end_date", event.end_date)):
        if value and len(value.split("-")) > finest:
            known = " or ".join(sorted({c.resolved for _, c in dated}))
            problems.append(
                record.problem(
                    (field,), f"{value} is more precise than its date claims ({known}): write the date they give"
                )
            )


def _check_undated(record: Record, sources: dict[str, Record], problems: list[Problem]) -> None:
    """An undated event is shown "undated; reported" on its date, so that date must be its first
    report's publication date, written as the source writes it."""
    event: Event = record.model
    if not event.undated:
        return
    published = [sources[s].model.published for s in event.source_ids if s in sources]
    dated = sorted((date_bounds(p.date)[0], p.date, p.precision) for p in published if p.date)
    if not dated:
        problems.append(record.problem(("undated",), "no document reporting it is dated: it has no date to show"))
        return
    _, first, precision = dated[0]
    if (event.date, event.date_precision) != (first, precision):
        problems.append(
            record.problem(
                ("date",),
                f"an undated event is shown on its first report's date: write date: {first} and "
                f"date_precision: {precision}, as that source is dated",
            )
        )


def _check_status(record: Record, analysis: Analysis, problems: list[Problem]) -> None:
    """A status written in the data must be the derived one; the message says why it is not."""
    event: Event = record.model
    derived = analysis.status
    if derived == "disputed" and not event.dispute_note:
        points = "; ".join(conflicts(analysis))
        problems.append(
            record.problem(
                ("status",),
                f"sources disagree ({points}): add a dispute_note on what would settle it" + _by_words(analysis),
            )
        )
    if event.status is None or event.status == derived:
        return
    if derived == "disputed":
        why = f"sources disagree ({'; '.join(conflicts(analysis))}): mark it disputed" + _by_words(analysis)
    elif derived == "corroborated":
        point = analysis.corroborated[0]
        voices = ", ".join(_voices(point.independent_voices))
        why = f"{describe(point)} is reported alike by independent origins ({voices}): mark it corroborated"
    elif len(analysis.voices) == 1:
        origins = sorted({c.origin_key for c in event.claims})
        sources = sorted({c.source for c in event.claims})
        one = (
            f"one origin: {origins[0]}"
            if len(origins) == 1
            else f"one voice, {_voices(analysis.voices)[0]}: {', '.join(origins)}"
        )
        why = f"its claims come from {one} (in {' and '.join(sources)}): it is a single report"
    else:
        why = "no point is reported alike by two independent origins (details are not compared): it is a single report"
    if event.status == "disputed" and derived != "disputed":
        why = "no two comparable claims disagree: " + why
    problems.append(record.problem(("status",), why))


def _by_words(analysis: Analysis) -> str:
    """The other way out when a disputed place or location is told only in words, which are
    compared as words ("a camp" and "an encampment" at one spot differ)."""
    worded = [p for p in analysis.disputed if p.field in WHERE_FIELDS and any(c.at is None for c in p.claims)]
    return ", or, if the words name one place, give each claim at: that place" if worded else ""


IS = "islamic-state"


def _check_context(record: Record, actors: dict, problems: list[Problem]) -> None:
    """An event marked context is background to the Islamic State's story, never its own activity."""
    event: Event = record.model
    sides = {"actor1": [event.actor1], "actor2": [event.actor2],
             "assoc_actors_1": event.assoc_actors_1, "assoc_actors_2": event.assoc_actors_2}  # fmt: skip
    found = [(name, a) for name, ids in sides.items() for a in ids if a and organisation_of(a, actors) == IS]
    if event.context and found:
        name, actor = found[0]
        why = "is the Islamic State or under it: an event it takes part in is its activity, not context"
        problems.append(record.problem(("context",), f"{actor} {why} ({name}); drop context"))


def _voices(voices: list[str]) -> list[str]:
    """Voices as a reader names them: an origin id, an organisation id or 'own reporting of X'."""
    return [v.split(":", 1)[1] if not v.startswith("source:") else f"own reporting of {v[7:]}" for v in voices]


def _check_assessment(
    record: Record, refs: _References, seeds: dict[str, str | None], today: dt.date, problems: list[Problem]
) -> None:
    item = record.model
    refs.check(record, ("by",), "actors", item.by)
    for i, event_id in enumerate(item.events):
        refs.check(record, ("events", i), "events", event_id)
    if refs.check(record, ("source",), "sources", item.source):
        _check_quote(record, ("quote",), item.quote, item.source, seeds, problems)
    if item.date and date_bounds(item.date)[0] > today:
        problems.append(record.problem(("date",), f"{item.date} is in the future"))


def _check_quote(
    record: Record, path: tuple, quote: str, source_id: str, seeds: dict[str, str | None], problems: list[Problem]
) -> None:
    seed = seeds.get(source_id)
    if seed is None or fold(quote) in seed:
        return
    message = f"not found verbatim in {source_id}'s seed"
    nearest = closest_passage(quote, seed)
    if nearest:
        message += f'; the closest passage is "{nearest[0]}", yours differs [yours→document]: "{nearest[1]}"'
    problems.append(record.problem(path, message))
