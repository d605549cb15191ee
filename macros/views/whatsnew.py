"""What's new: the sources and events each update added, as a page and as an Atom feed.

Every source and event records the day it entered the dataset (`added`), and so does a claim
added to an event already published; each distinct day is an update, so "since the previous
briefing" is what the newest day added, revisions included.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from feedgen.feed import FeedGenerator

from ..core.models import Claim, Event, Source
from ..core.terms import FIELD_NOUNS
from ..derive.coverage import show_years
from ..derive.dataset import Dataset
from . import limits
from .chips import Chips
from .eventview import EventView, event_heading, event_toll, event_view
from .links import Links
from .render import Rendered, and_list, render_page
from .siteplan import Only, SitePlan

FEED = "feed.xml"


@dataclass(frozen=True)
class Revision:
    """Claims added on one day to an event already published, in words: "Sky News Arabia adds a claim, on the date"."""

    event: Event
    text: str
    sources: list[str]


@dataclass(frozen=True)
class Update:
    """One day's additions: sources, events and revisions of published events (What's new and the feed)."""

    day: dt.date
    sources: list[Source]
    events: list[Event]
    revisions: list[Revision]


@dataclass(frozen=True)
class UpdateEntry:
    """A day on What's new: the first of its sources, events and revisions, how many more, its counts for the lede."""

    day: dt.date
    sources: list[Source]
    views: list[EventView]
    revisions: list[tuple[EventView, Revision]]  # each listed under its event's date and place, linked
    more: int
    counts: tuple[int, int, int]

    @property
    def added(self) -> list[str]:
        """What the day added, leaving out what it did not: ["5 sources", "17 events"]."""
        sources, events, revisions = self.counts
        words = [f"{sources} source{'s' if sources != 1 else ''}", f"{events} event{'s' if events != 1 else ''}"]
        words.append(f"{revisions} revision{'s' if revisions != 1 else ''} of events already published")
        return [text for count, text in zip(self.counts, words, strict=True) if count]


def updates(dataset: Dataset) -> list[Update]:
    """One entry per day something was added, newest first: sources, events, and revisions
    (claims added to an event already published, by the day they were added)."""
    sources: dict[dt.date, list[Source]] = defaultdict(list)
    events: dict[dt.date, list[Event]] = defaultdict(list)
    revisions: dict[dt.date, list[Revision]] = defaultdict(list)
    for source in dataset.sources.values():
        sources[source.added].append(source)
    for event in dataset.events.values():
        events[event.added].append(event)
        later: dict[dt.date, list[Claim]] = defaultdict(list)
        for claim in event.claims:
            if claim.added is not None and claim.added > event.added:
                later[claim.added].append(claim)
        for day, claims in later.items():
            revisions[day].append(revision(event, claims, dataset))
    days = sorted(sources.keys() | events.keys() | revisions.keys(), reverse=True)
    return [Update(day, sources[day], events[day], revisions[day]) for day in days]


def revision(event: Event, claims: list[Claim], dataset: Dataset) -> Revision:
    """Claims added to a published event, said the way a reader needs it:
    "LBY0009: Sky News Arabia adds 2 claims, on the number of dead and the date"."""
    sources = list(dict.fromkeys(claim.source for claim in claims))
    fields = and_list([FIELD_NOUNS[field] for field in dict.fromkeys(claim.field for claim in claims)])
    names = " and ".join(dataset.sources[s].label for s in sources)
    verb = "adds" if len(sources) == 1 else "add"
    return Revision(
        event=event,
        sources=sources,
        text=f"{names} {verb} {'a claim' if len(claims) == 1 else f'{len(claims)} claims'}, on {fields}",
    )


def build_whatsnew_page(dataset: Dataset, plan: SitePlan, only: Only = None) -> dict[str, Rendered]:
    """What's new (unless `only` leaves it out)."""
    pages = plan.pages_in("whats-new", only)
    history = updates(dataset) if pages else []
    return {
        page.path: render_page(
            "whats_new.md",
            title=page.title,
            description=page.description,
            chips=Chips(Links(page.path, plan), dataset),
            history=[_entry(update, dataset) for update in history],
            previous=history[1].day if len(history) > 1 else None,
            feed=FEED if plan.feed else None,
        )
        for page in pages
    }


def _entry(update: Update, dataset: Dataset) -> UpdateEntry:
    """What the page shows of a day: the first limits.WHATS_NEW_ITEMS of each kind, and how many more."""
    shown = limits.WHATS_NEW_ITEMS
    return UpdateEntry(
        day=update.day,
        sources=update.sources[:shown],
        views=[event_view(e, dataset) for e in update.events[:shown]],
        revisions=[(event_view(r.event, dataset), r) for r in update.revisions[:shown]],
        more=max(0, len(update.sources) - shown) + max(0, len(update.events) - shown),
        counts=(len(update.sources), len(update.events), len(update.revisions)),
    )


def render_feed(dataset: Dataset, site_url: str, title: str, plan: SitePlan | None = None) -> str:
    """An Atom feed of additions, newest first; ids and dates come from the data, so it is stable.
    Links follow the site `plan`: an event's card may be on a year page, and URLs may end in .html."""
    plan = plan or SitePlan.of(dataset)
    base = site_url.rstrip("/") + "/"
    feed = FeedGenerator()
    feed.id(base)
    feed.title(f"{title}: what's new")
    feed.subtitle(feed_subtitle(dataset))
    feed.link(href=base + FEED, rel="self")
    feed.link(href=base + plan.url(plan.path("whats-new")), rel="alternate")
    feed.language("en")
    entries = _feed_entries(dataset, base, plan)
    entries.sort(key=lambda entry: entry[0], reverse=True)  # stable: a day's additions keep their order
    newest = entries[: limits.FEED_ENTRIES]
    feed.updated(_stamp(newest[0][0]) if newest else _stamp(dt.date(1970, 1, 1)))
    for day, key, heading, summary, link in reversed(newest):  # feedgen prepends: add oldest first
        entry = feed.add_entry()
        entry.id(f"{base}#{key}")
        entry.title(heading)
        entry.summary(summary)
        entry.link(href=link)
        entry.updated(_stamp(day))
        entry.published(_stamp(day))
    return feed.atom_str(pretty=True).decode("utf-8")


def _feed_entries(dataset: Dataset, base: str, plan: SitePlan) -> list[tuple[dt.date, str, str, str, str]]:
    """(day, key, heading, summary, link) of every addition and edition, in the updates' order."""
    entries = []
    for update in updates(dataset):
        for source in update.sources:
            entries.append((update.day, f"source/{source.id}", f"Source: {source.title}", source.summary,
                            base + plan.url(plan.path("sources", source.id))))  # fmt: skip
        for event in update.events:
            card = base + plan.event_address(event.id)  # lasting: a feed reader keeps it
            summary = f"{event.summary} Dead: {event_toll(event.id, dataset)}."
            entries.append((update.day, f"event/{event.id}", event_heading(event, dataset), summary, card))
        for item in update.revisions:
            event = item.event
            card = base + plan.event_address(event.id)
            key = f"revision/{event.id}/{update.day.isoformat()}"
            entries.append((update.day, key, f"{event_heading(event, dataset)}: {item.text}", event.summary, card))
    for view in dataset.edition_history:
        edition = view.edition
        link = base + plan.url(plan.path("editions", str(edition.number)))
        heading = f"Edition {edition.number}, issued {edition.date:%-d %B %Y}"
        cutoff = f" Information cut-off: {view.cutoff}." if view.cutoff else ""
        entries.append((edition.date, f"edition/{edition.number}", heading, edition.note + cutoff, link))
    return entries


def feed_subtitle(dataset: Dataset) -> str:
    """What a subscriber checks first: the edition, the cut-off and the years with no event on record."""
    edition = dataset.edition
    issued = f"Edition {edition.number}, issued {edition.date:%-d %B %Y}" if edition else "Not yet issued as an edition"
    gaps = show_years(dataset.coverage.gaps)
    return f"{issued}; information cut-off {dataset.cutoff or 'unknown'}" + (
        f"; no event on record for {gaps}" if gaps else ""
    )


def _stamp(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)
