"""The combined print page that Chromium turns into the briefing PDF (`make pdf`).

`docs/print.md` is its hand-written shell; these renderers fill it in the reader's order: a cover
with the contents, the briefing's prose (shared with the front page), what changed, the method
and its keys (before the parts that use them), the charts and map with their tables, the disputes,
the timeline as one compact table, the sources with the assessments they report and an annex of
every claim with its quote.

Each part is a named page in `docs/stylesheets/print.css`, so the running header names it; its
ids carry a prefix so they never clash with the site's; links to events and sources stay within
the page, and what the page does not contain is named without a link. The edition, its issue
date and what it changed come from data/editions.yaml (`dataset.edition`, `editionpages`). At scale the parts hold
the newest or busiest items and say how many they leave out; `make pdf FULL=1` prints them all.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from urllib.parse import urljoin

from markupsafe import Markup

from ..core.models import Assessment, Event, Source
from ..derive.dataset import Dataset
from . import limits, printcharts
from .chips import Chips
from .citation import Issue
from .editionpages import coverage_context, judgments_dated
from .eventview import event_view
from .links import Links
from .methodology import render_credibility, render_grades
from .render import render
from .siteplan import SECTION, SitePlan, disputed_events, is_public

PAGE = SECTION["print"].first
PREFIX = "print-"


@dataclass(frozen=True)
class Part:
    """A part of the PDF: its named page (running header) and the sections the contents list."""

    key: str
    name: str
    sections: tuple[tuple[str, str], ...]


PARTS = (
    Part("briefing", "Briefing", (  # the front page's prose (docs/includes/briefing.md), in its order
        ("takeaways", "Key takeaways"),
        ("bluf", "Bottom line"),
        ("changes", "What changed in this edition"),
        ("key-judgments", "Key judgments"),
        ("disputed", "What is disputed"),
        ("latest", "Latest developments"),
        ("outlook", "Outlook and indicators to watch"),
        ("gaps", "What we do not know"),
        ("method", "Method and keys"),  # print_sections.html: its keys come before the parts that use them
    )),
    Part("charts", "Charts and map", (("charts", "Charts and map"),)),
    Part("disputes", "Disputes", (("disputes", "Disputes"),)),
    Part("timeline", "Timeline", (("timeline", "Timeline"),)),
    Part("sources", "Sources", (("sources", "Sources and the assessments they report"),)),
    Part("annex", "Annex", (("annex", "Annex: every claim with its quote"),)),
)  # fmt: skip


@dataclass(frozen=True)
class Selection:
    """What the PDF prints at this size: everything for the seed data or with FULL, else the
    newest events and disputes, the busiest sources, and the claims of the printed disputes."""

    events: list[Event]
    disputes: list[Event]
    sources: list
    annex: list[Event]
    full: bool

    @property
    def event_ids(self) -> set[str]:
        return {e.id for e in self.events}


def select(dataset: Dataset, full: bool = False) -> Selection:
    events = list(dataset.events.values())
    disputed = disputed_events(dataset)[::-1]  # in date order, as the PDF prints them
    if full:
        return Selection(events, disputed, list(dataset.sources.values()), events, True)
    shown = events[-limits.PRINT_EVENTS :]
    disputes = disputed[-limits.PRINT_DISPUTES :]
    annex = events if len(events) <= limits.PRINT_ANNEX_EVENTS else disputes
    return Selection(shown, disputes, _busiest_sources(dataset, shown), annex, False)


@dataclass(frozen=True)
class LeftOut:
    """How many events, disputes, sources and annexed events the PDF leaves out, each part saying where they are."""

    events: int
    disputes: int
    sources: int
    annex: int


@dataclass(frozen=True)
class SourceEntry:
    """A source in the PDF's Sources part: its facts, the printed events it reports, how many more, its assessments."""

    source: Source
    events: list[Event]
    events_left_out: int
    judgments: list[Assessment]


def _busiest_sources(dataset: Dataset, shown: list[Event]) -> list:
    """The sources of the printed events, those reporting most first kept, in the dataset's order."""
    counts: dict[str, int] = defaultdict(int)
    for event in shown:
        for source_id in event.source_ids:
            counts[source_id] += 1
    keep = set(sorted(counts, key=lambda s: -counts[s])[: limits.PRINT_SOURCES])
    return [s for s in dataset.sources.values() if s.id in keep]


def print_links(dataset: Dataset, plan: SitePlan, full: bool = False) -> Links:
    """Links from the print page: an event it prints is an anchor in it, any other is named only."""
    printed = select(dataset, full).event_ids
    pages = {e: PAGE if e in printed else plan.event_pages[e] for e in dataset.events}
    return Links(PAGE, replace(plan, event_pages=pages), anchor_prefix=PREFIX, in_page=("sources",), standalone=True)


@dataclass(frozen=True)
class DataLink:
    """Where the cover sends a reader for the data: the site's downloads, at the public address a
    PDF reader can type (a local build: the address relative to the print page)."""

    href: str | None  # none for a local build: the address it was printed from opens nowhere else
    text: str


def data_link(plan: SitePlan, site_url: str | None) -> DataLink:
    relative = Links(PAGE, plan).url(plan.path("downloads")) or ""
    if not is_public(site_url):  # a local build: this machine's address would mislead on paper
        return DataLink(None, "the Downloads page of the site this was printed from (downloads/ in its folder)")
    absolute = urljoin(str(site_url).rstrip("/") + "/" + plan.url(PAGE), relative)
    return DataLink(absolute, absolute)


def render_cover(dataset: Dataset, config: dict, title: str, plan: SitePlan | None = None) -> str:
    """The cover: title, edition and issue date, cut-off, coverage, what it is based on (each count
    from the field that makes it true), where the data is, handling and publisher."""
    return render(
        "print_cover.html",
        data=data_link(plan or SitePlan.of(dataset), config.get("site_url")),
        title=title,
        handling=config["handling"],
        publisher=config.get("publisher", title),
        cutoff=dataset.cutoff,
        issue=Issue.of(dataset),
        coverage=coverage_context(dataset),
        counts=dataset.counts(),
        voices=assessment_voices(dataset.counts()),
        dated=judgments_dated(dataset),
    )


def assessment_voices(counts: dict[str, int]) -> list[str]:
    """Whose the documents' assessments are, each counted: the people and bodies they name, the
    sources they quote without naming, the documents' own voice ("all" when only one gives them)."""
    named, unnamed = counts["named_assessments"], counts["unnamed_assessments"]
    voices = [(named, "by people and bodies they name"), (unnamed, "by sources they quote without naming"),
              (counts["assessments"] - named - unnamed, "in the documents' own voice")]  # fmt: skip
    given = [(n, words) for n, words in voices if n]
    return [f"all {given[0][1]}"] if len(given) == 1 else [f"{n} {words}" for n, words in given]


def render_contents(dataset: Dataset, config: dict, title: str) -> str:
    """The contents (on the cover page) and the running header and footer of every part."""
    issue = Issue.of(dataset)
    footer = [title]
    if issue.issued is not None:
        footer.append(f"Edition {issue.issued.number}, issued {issue.issued.date:%-d %B %Y}")
    elif issue.edition is not None:  # what changed since is in no edition: never cited as the last one
        footer.append(issue.name[0].upper() + issue.name[1:])
    footer.append(f"Information cut-off {dataset.cutoff or 'unknown'}")
    return render(
        "print_contents.html",
        parts=PARTS,
        prefix=PREFIX,
        handling=_css_string(config["handling"]),
        footer=_css_string(" · ".join(footer)),
    )


def _css_string(text: str) -> Markup:
    """Text for a CSS string in the page's own <style> (margin boxes): quotes and backslashes escaped."""
    return Markup('"' + "".join(c if c.isalnum() or c in " .,;:·–-()" else f"\\{ord(c):x} " for c in text) + '"')


def render_sections(dataset: Dataset, links: Links, full: bool = False) -> str:
    """What follows the briefing's prose, in the reader's order: the method ending the briefing, then each part."""
    chosen = select(dataset, full)
    chips = Chips(links, dataset)
    figures = printcharts.print_figures(dataset)
    views = {e.id: event_view(e, dataset) for e in [*chosen.events, *chosen.disputes, *chosen.annex]}
    sources = [_source_entry(dataset, s, chosen) for s in chosen.sources]
    return render(
        "print_sections.html",
        chips=chips,
        figures=figures,
        timeline=[views[e.id] for e in chosen.events],
        disputes=[views[e.id] for e in chosen.disputes],
        sources=sources,
        annex=[views[e.id] for e in chosen.annex],
        counts=dataset.counts(),
        left_out=LeftOut(
            events=len(dataset.events) - len(chosen.events),
            disputes=dataset.counts()["disputed"] - len(chosen.disputes),
            sources=len(dataset.sources) - len(chosen.sources),
            annex=len(dataset.events) - len(chosen.annex),
        ),
        full=chosen.full,
        disputed_ids={e.id.lower() for e in chosen.disputes},
        credibility_range=_credibility_by_source,
        grades=Markup(render_grades()),
        credibility=Markup(render_credibility()),
    )


def _source_entry(dataset: Dataset, source: Source, chosen: Selection) -> SourceEntry:
    events = dataset.events_from(source.id)
    listed = events if chosen.full else [e for e in events if e.id in chosen.event_ids][-limits.PRINT_SOURCE_EVENTS :]
    return SourceEntry(
        source=source,
        events=listed,
        events_left_out=len(events) - len(listed),
        judgments=dataset.assessments_from(source.id),
    )


def _credibility_by_source(view) -> list[tuple[str, str]]:
    """Each source of an event with the credibility of its claims on it: "3" or a range "3–6"."""
    ratings: dict[str, set[int]] = defaultdict(set)
    for claim in view.event.claims:
        ratings[claim.source].add(view.credibility(claim))
    return [
        (s, f"{min(ratings[s])}" if len(ratings[s]) == 1 else f"{min(ratings[s])}–{max(ratings[s])}")
        for s in view.event.source_ids
        if s in ratings
    ]
