"""An event with everything a page shows about it resolved: the shape every template receives."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..core.dates import date_qualifier, show_date, show_event_date
from ..core.models import Actor, Claim, Country, Event, Place, Source
from ..core.terms import EARLY_TOLLS, FIELD_LABELS, FIELD_NOUNS, NOT_REPORTED, WHERE_FIELDS, WORDED_MARK
from ..derive.comparison import Analysis, Point
from ..derive.dataset import Dataset
from ..derive.figures import Figures, Unnamed, added_up, early_counts, nested, point_figures
from ..derive.locations import Location

APART_MARK = "*"  # beside a range in a table whose note, below it, says what its top counts apart


@dataclass(frozen=True)
class Apart:
    """Dead a source gave to a party it left unnamed, which the top of a range counts apart from a
    named party's dead on the same point (`figures.Unnamed`), in the words every view shows."""

    figure: str  # the unnamed party's dead at their highest: "3"
    party: str  # the source's words for the party: "security forces"
    by: str  # who gave the figure: "the Ministry of Interior"
    named: str  # whose dead they may be: "the Libyan National Army's"
    beside: str  # that party's dead at their highest: "4"
    who: str = "dead"  # the people counted: the dead, or the injured, abducted... ("people")

    def __str__(self) -> str:
        return (
            f"the top adds the {self.figure} “{self.party}” {self.by} gave, naming no force, to "
            f"{self.named} {self.beside}: they may be the same {self.who}"
        )


def apart_note(label: str, apart: Iterable[Apart]) -> str:
    """What a top counts apart, as a note under a table or chart names it: "Jabal Asida: the top counts ..."."""
    return f"{label}: " + "; ".join(map(str, apart)) + "."


@dataclass(frozen=True)
class Toll:
    """A toll as every view shows it (cards, tables, the map and its table, the PDF, the feed):
    "not reported" where no source gives one, never a 0; a range with its conservative figure, and
    what its top counts that may be counted twice (`Apart`). Over several events (a map position's),
    the reported tolls added up and how many had none."""

    figures: Figures | None
    events: int = 1
    unreported: int = 0  # of `events`, how many no source gives a toll for
    words: tuple[str, ...] = ()  # the source's words for dead no number is given for ("several")
    apart: tuple[Apart, ...] = ()  # unnamed parties' dead the top adds to a named party's

    @classmethod
    def of(cls, tolls: Iterable[Toll]) -> Toll:
        """The tolls of several events together: the reported ones added up, the others counted."""
        tolls = list(tolls)
        given = [t.figures for t in tolls if t.figures is not None]
        apart = tuple(a for t in tolls for a in t.apart)
        return cls(added_up(given) if given else None, len(tolls), len(tolls) - len(given), apart=apart)

    @property
    def reported(self) -> bool:
        return self.figures is not None or bool(self.words)

    @property
    def worded(self) -> str:
        """The source's words, marked as theirs: "several (source's word)"."""
        return " and ".join(self.words) + (f" ({WORDED_MARK})" if len(self.words) == 1 else " (sources' words)")

    @property
    def span(self) -> str:
        """The figure or range as stated: "3", "4+", "22–30"; the source's words where it gives
        no number ("several (source's word)"); "not reported" where none is given."""
        f = self.figures
        if f is None:
            return self.worded if self.words else NOT_REPORTED
        return (str(f.low) if f.low == f.high else f"{f.low}–{f.high}") + ("+" if f.open_ended else "")

    @property
    def note(self) -> str | None:
        """What a reader needs beside the span: that it rests on early counts alone, the
        conservative figure of a range, what its top counts that may be the same dead, and the
        events added up that have no toll ("early count"; "conservative 22; the top adds the 3
        “security forces” ...; not reported for 1 of 3 events")."""
        return self._note(brief=False)

    @property
    def brief_note(self) -> str | None:
        """The note where space is short (a table's cell): what the top counts apart is left to the
        table's note (`footnote`), which the mark after the span points to."""
        return self._note(brief=True)

    @property
    def short_note(self) -> str | None:
        """The note in a summary sentence (the key takeaways): that the top may count the same dead
        twice, said in a clause; who gave which figure is left to the card and the judgments."""
        note = self._note(brief=True)
        if not self.apart:
            return note
        twice = f"the top may count the same {self.apart[0].who} twice"
        return f"{note}; {twice}" if note else twice

    @property
    def mark(self) -> str:
        """After the span in a table's cell, when its top counts dead that may be counted twice."""
        return APART_MARK if self.apart else ""

    @property
    def brief(self) -> str:
        """The toll as a table's cell shows it: "22–30* (conservative 22)"."""
        return self.span + self.mark + (f" ({self.brief_note})" if self.brief_note else "")

    def footnote(self, label: str) -> str | None:
        """A table's note on a cell's mark, naming the row: "* Jabal Asida: the top counts ..."."""
        return f"{APART_MARK} {apart_note(label, self.apart)}" if self.apart else None

    def _note(self, brief: bool) -> str | None:
        notes = [EARLY_TOLLS[self.figures.early]] if self.figures is not None and self.figures.early else []
        if self.figures is not None and self.figures.low != self.figures.high:
            notes.append(f"conservative {self.figures.conservative}")
        if self.figures is not None and not brief:
            notes += map(str, self.apart)
        if self.figures is not None and self.unreported:
            notes.append(f"{NOT_REPORTED} for {self.unreported} of {self.events} events")
        if self.figures is not None and self.words:
            notes.append(f"and {self.worded}, not added")
        return "; ".join(notes) or None

    def __str__(self) -> str:
        return self.span + (f" ({self.note})" if self.note else "")


NO_TOLL = Toll(None)  # an event that gives no count of a field


@dataclass(frozen=True)
class PointWords:
    """A corroborated point as the status line names it: what the voices agree on, and what on it
    only one of them gives (a date confirmed to the month whose day one voice alone states)."""

    about: (
        str  # "the date", "fatalities (Islamic State)", or for a date confirmed only in part "the month (January 2017)"
    )
    voices: int
    alone: str | None = None  # "the day (18 Jan 2017)"


@dataclass(frozen=True)
class StatusWords:
    """An event's status in words that need no tooltip, point by point where they differ."""

    status: str
    voices: int
    documents: int
    corroborated: list[PointWords]
    disputed: list[str]  # the points the voices differ on
    one_voice: list[str]  # the compared points one voice alone gives

    @property
    def alone(self) -> list[str]:
        """What rests on one voice: the finer part of a corroborated date, then the compared points one voice gives."""
        return [p.alone for p in self.corroborated if p.alone] + self.one_voice


@dataclass(frozen=True)
class EventView:
    event: Event
    date: str
    place: Place
    country: Country
    actor1: Actor
    actor2: Actor | None
    assoc1: list[Actor]
    assoc2: list[Actor]
    sources: list[Source]
    toll: Toll  # the dead
    analysis: Analysis
    location: Location
    sources_by_id: dict[str, Source]
    identifications: list[tuple[str, str, str]]  # (spelling, the entity it is taken to name, why)
    other_tolls: list[tuple[str, Toll]]  # injured, abducted, missing and arrested people, where reported
    standing: StatusWords
    within: list[tuple[Point, Figures, str]]  # a party's dead within another's figured dead, and that party
    inferred: str | None = None  # "inferred from 'On Wednesday'": a date no claim names, shown beside it

    @property
    def status(self) -> str:
        return self.analysis.status

    @property
    def early_counts(self) -> list[Claim]:
        """The dead in early counts a settled count leaves out of the range: shown beside it."""
        return [claim for point in self.analysis.points if point.field == "fatalities" for claim in early_counts(point)]

    @property
    def points(self) -> tuple[Point, ...]:
        """Every compared point of the event, one row each in its side-by-side table."""
        return self.analysis.points

    @property
    def differing(self) -> list[Point]:
        """The points on which the sources disagree, shown side by side."""
        return self.analysis.disputed

    @property
    def part_figures(self) -> list[tuple[Point, Figures]]:
        """Figures for part of the event ("the first clash"): shown as such, never in the total."""
        return [
            (point, figures)
            for point in self.analysis.points
            if point.scope and (figures := point_figures(point, self.sources_by_id))
        ]

    def credibility(self, claim: Claim) -> int:
        return self.analysis.credibility(claim)

    def identified(self, claim: Claim) -> list[tuple[str, str, str]]:
        """The identifications a claim's quote relies on ("al-Araneb" taken to be Umm al-Aranib)."""
        quote = claim.quote.casefold()
        return [item for item in self.identifications if item[0].casefold() in quote]

    @property
    def independent_origins(self) -> int:
        return len(self.analysis.voices)

    @property
    def actor_ids(self) -> list[str]:
        actors = [self.actor1, *self.assoc1, *([self.actor2] if self.actor2 else []), *self.assoc2]
        return [actor.id for actor in actors]


@dataclass(frozen=True)
class EventViews:
    """Each event's view and tolls, made once while the pages are made and let go after
    (`Dataset.memo`, macros/views/pages.py): an event's card, its source's, actors' and place's
    pages and the disputes ask for its view, each map it is on for its toll again."""

    views: dict[str, EventView] = field(default_factory=dict)  # by event id
    tolls: dict[tuple[str, str], Toll] = field(default_factory=dict)  # by event id and field


def event_view(event: Event, dataset: Dataset) -> EventView:
    """What every page shows of an event, made once per dataset (`EventViews`)."""
    views = dataset.memo(EventViews).views
    view = views.get(event.id)
    if view is None or view.event is not event:
        view = views[event.id] = _event_view(event, dataset)
    return view


def _event_view(event: Event, dataset: Dataset) -> EventView:
    actors = dataset.actors
    place = dataset.places[event.place]
    involved = {event.actor1, event.actor2, *event.assoc_actors_1, *event.assoc_actors_2}
    involved |= {c.party for c in event.claims} | {dataset.origins[c.origin].speaker for c in event.claims if c.origin}
    entities = [place, *(actors[a] for a in sorted(involved - {None}))]
    return EventView(
        event=event,
        date=show_event_date(event),
        inferred=date_qualifier(event),
        place=dataset.places[event.place],
        country=dataset.country_of(event),
        actor1=actors[event.actor1],
        actor2=actors[event.actor2] if event.actor2 else None,
        assoc1=[actors[a] for a in event.assoc_actors_1],
        assoc2=[actors[a] for a in event.assoc_actors_2],
        sources=[dataset.sources[s] for s in event.source_ids],
        toll=event_toll(event.id, dataset),
        analysis=dataset.analysis(event.id),
        location=dataset.location(event.place),
        sources_by_id=dataset.sources,
        identifications=[(i.name, e.name, i.reasoning) for e in entities for i in e.identifications],
        other_tolls=[
            (FIELD_LABELS[field], toll)
            for field in ("injuries", "abducted", "missing", "arrests")
            if (toll := event_toll(event.id, dataset, field)).reported
        ],
        standing=status_words(event, dataset),
        within=[
            (point, figures, party)
            for point, _, party in nested(dataset.analysis(event.id), "fatalities", actors)
            if (figures := point_figures(point, dataset.sources))
        ],
    )


def status_words(event: Event, dataset: Dataset) -> StatusWords:
    """What the status rests on, in words: the points two voices agree on (to the month, where only
    the month is confirmed), the points they differ on, and the compared points one voice alone gives."""
    analysis = dataset.analysis(event.id)
    return StatusWords(
        status=analysis.status,
        voices=len(analysis.voices),
        documents=len(event.source_ids),
        corroborated=[_agreed(point, dataset) for point in analysis.corroborated],
        disputed=[point_about(point, dataset) for point in analysis.disputed],
        one_voice=[point_about(point, dataset) for point in analysis.one_voice],
    )


def _agreed(point: Point, dataset: Dataset) -> PointWords:
    """A corroborated point; a date whose finer claims no second voice confirms is named by what is
    confirmed ("the month (January 2017)") and what rests on one voice ("the day (18 Jan 2017)")."""
    voices = len(point.independent_voices)  # none disagrees on a corroborated point
    if point.field in WHERE_FIELDS and point.unconfirmed:  # a place within the one confirmed
        noun = FIELD_NOUNS[point.field]
        return PointWords(
            about=f"{noun} ({point.confirmed[0].value})",
            voices=voices,
            alone=" and ".join(f"the finer {noun.removeprefix('the ')} ({c.value})" for c in point.unconfirmed),
        )
    finer = [c for c in point.unconfirmed if c.resolved]
    if point.field != "date" or not finer:
        return PointWords(point_about(point, dataset), voices)
    confirmed = min((c.resolved for c in point.confirmed if c.resolved), key=len)
    return PointWords(
        about=f"the {_precision(confirmed)} ({show_date(confirmed, weekday=False)})",
        voices=voices,
        alone=" and ".join(f"the {_precision(c.resolved)} ({show_date(c.resolved, weekday=False)})" for c in finer),
    )


def _precision(resolved: str) -> str:
    """How far a resolved date goes: "2017" a year, "2017-01" a month, "2017-01-18" a day."""
    return ("year", "month", "day")[resolved.count("-")]


def point_about(point: Point, dataset: Dataset) -> str:
    """A point as a sentence names it: "the location", "the number of dead (Islamic State or
    Security forces)", "the date of the statement"."""
    about = FIELD_NOUNS[point.field]
    if point.parties:
        about += " (" + " or ".join(dataset.actors[p].name for p in point.parties) + ")"
    if point.moment and point.moment != "incident":
        about += f" of the {point.moment}"
    if point.scope:
        about += f" in {point.scope}"
    return about


def event_toll(event_id: str, dataset: Dataset, field: str = "fatalities") -> Toll:
    """An event's toll (or other count of people), as every view shows it: its card, the briefing's
    prose, each map it is on, the feed; made once per build (`EventViews`)."""
    tolls = dataset.memo(EventViews).tolls
    toll = tolls.get((event_id, field))
    if toll is None and not any(point.field == field for point in dataset.analysis(event_id).points):
        toll = tolls[event_id, field] = NO_TOLL  # most events give no count of most fields: nothing to derive
    if toll is None:
        toll = tolls[event_id, field] = Toll(
            dataset.figures(event_id, field),
            words=tuple(dataset.worded(event_id, field)),
            apart=tuple(apart_of(found, dataset, field) for found in dataset.unnamed_added(event_id, field)),
        )
    return toll


def apart_of(found: Unnamed, dataset: Dataset, field: str = "fatalities") -> Apart:
    """The unnamed party's dead a top counts apart, with the source's words for the party, who gave
    the figure and whose figure it may be part of."""
    claims = found.point.claims
    unnamed = [c for c in claims if c.party in found.point.unnamed]
    named = dict.fromkeys(c.party for c in claims if c.party not in found.point.unnamed and c.party)
    party = dataset.actors[unnamed[0].party].name
    return Apart(
        figure=_top(found.unnamed),
        party=re.sub(r"\s*\(.*\)$", "", party[:1].lower() + party[1:]),  # "Security forces (force not named)"
        by=" and ".join(dict.fromkeys(_giver(c, dataset) for c in unnamed)),
        named=" or ".join(f"{the_name(dataset.actors[p])}'s" for p in named),
        beside=_top(found.named),
        who="dead" if field == "fatalities" else "people",
    )


def _top(figures: Figures) -> str:
    return f"{figures.high}" + ("+" if figures.open_ended else "")


def _giver(claim: Claim, dataset: Dataset) -> str:
    """Who gives a figure, in a few words: the speaker of its origin ("the Ministry of Interior"),
    the origin where no speaker is named, or the document's outlet for its own reporting."""
    if claim.origin is None:
        return dataset.sources[claim.source].outlet.name or "a report by an unknown outlet"
    origin = dataset.origins[claim.origin]
    return the_name(dataset.actors[origin.speaker]) if origin.speaker else origin.name


def the_name(actor: Actor) -> str:
    """An actor as a sentence names it: "the Libyan National Army", "Khaled al-Mahjoub"."""
    return actor.name if actor.kind == "person" else f"the {actor.name}"


def event_heading(event: Event, dataset: Dataset) -> str:
    """One line naming an event, as the feed and the search results show it: its date and place
    (ACLED's codes are for the text after, not the title a reader scans)."""
    return f"{show_event_date(event)}, {dataset.places[event.place].name}"
