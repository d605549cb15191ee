"""How to cite a page or an event: a citation line (title, edition, date, address) at the end of
every page and on every event card, and the same citation as BibTeX and CSL-JSON files under
`cite/`, written at build time (no script makes them: the site runs under a strict policy): one
pair per page, holding the page's citation and those of the events whose cards it shows.

A citation names the state of the data it cites (`Issue`): the newest edition as issued, or,
once the data has changed since (or before any edition), a working draft with its information
cut-off; never an edition the data is not in. The PDF's cover names it in the same words.

"Last updated" is the newest day the records a page draws on changed in the data
(derive/corrections.last_changed), or the newest edition's date where the page shows the edition
(`PageDates`, made once per build):
never the build's day, so two builds stay byte-identical.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from jinja2 import Template
from markupsafe import Markup

from ..core.dates import Cutoff, show_event_date
from ..core.models import Edition, Event, Source
from ..derive.corrections import last_changed
from ..derive.dataset import Dataset
from .eventparts import EventParts, each_event
from .eventview import EventView
from .links import Links
from .render import macro, text_template
from .siteplan import SECTIONS, SitePlan, is_public

CITE_DIR = "cite"
# a page of these sections draws on its record alone (and that record's events)
RECORD_SECTIONS = ("sources", "actors", "places")
_BIBTEX_SPECIAL = str.maketrans({c: "\\" + c for c in "{}%&#$_"} | {"\\": r"\textbackslash{}", "~": r"\~{}"})


@dataclass(frozen=True)
class Issue:
    """Which state of the data is cited: the newest edition as issued, or a working draft when
    the data has changed since it was issued (`Dataset.unissued`) or no edition is issued yet."""

    edition: Edition | None  # the newest edition
    draft: bool
    cutoff: Cutoff | None  # the information cut-off, which dates a draft's data

    @classmethod
    def of(cls, dataset: Dataset) -> Issue:
        return cls(dataset.edition, dataset.edition is None or bool(dataset.unissued), dataset.cutoff)

    @property
    def issued(self) -> Edition | None:
        """The edition the data is in, as issued; None for a working draft."""
        return None if self.draft else self.edition

    @property
    def name(self) -> str:
        """ "edition 2"; "working draft after edition 1"; "working draft, not yet in an edition"."""
        if self.issued is not None:
            return f"edition {self.issued.number}"
        return (
            f"working draft after edition {self.edition.number}"
            if self.edition
            else "working draft, not yet in an edition"
        )

    def __str__(self) -> str:
        """The name dated: an edition by its issue ("edition 2 (29 November 2026)"), a draft by its
        data ("working draft after edition 1, data as of Sat 29 Jan 2022")."""
        if self.issued is not None:
            return f"{self.name} ({self.issued.date:%-d %B %Y})"
        return f"{self.name}, " + (f"data as of {self.cutoff}" if self.cutoff else "information cut-off unknown")

    @property
    def sentence(self) -> str:
        """The words opening a sentence or a note: "Working draft after edition 1, …"."""
        words = str(self)
        return words[0].upper() + words[1:]


@dataclass(frozen=True)
class Citation:
    """What a reader cites: a page or an event of one edition, at its address."""

    key: str  # the BibTeX key and CSL id, e.g. libya-watch-LBY0005
    stem: str  # its files under cite/: <stem>.bib and <stem>.json
    title: str
    publisher: str
    issue: Issue  # the edition it is in, or the working draft it is of
    updated: dt.date | None
    address: str  # the full address; a local build's, the path from the site's root ("/timeline/")
    public: bool = True  # the site has a public address (siteplan.is_public): else the path is all there is to cite
    shared: bool = False  # its files are its page's, holding the page's other citations too (an event's)

    @property
    def files(self) -> tuple[str, str]:
        return f"{CITE_DIR}/{self.stem}.bib", f"{CITE_DIR}/{self.stem}.json"


def page_citation(dataset: Dataset, plan: SitePlan, path: str, dates: PageDates | None = None) -> Citation:
    """The citation of the page at `path` (a planned page, or a hand-written one in the menu);
    `dates`, made once for a build's many pages (else made here)."""
    planned = plan.pages.get(path)
    title = planned.title if planned else next(s.title for s in SECTIONS if s.first == path)
    stem = path.removesuffix(".md")
    updated = (PageDates.of(dataset, plan) if dates is None else dates).updated(path)
    return _citation(dataset, plan, stem.replace("/", "-"), stem, title, updated)


def event_citation(view: EventView, dataset: Dataset, plan: SitePlan) -> Citation:
    """An event's citation, from its view: its id, date and place, and the address of its card."""
    return _event_citation(view.event, view.date, view.place.name, view.sources, dataset, plan)


def _event_citation(
    event: Event, date: str, place: str, sources: list[Source], dataset: Dataset, plan: SitePlan
) -> Citation:
    title = f"{event.id}: {date}, {place}"
    updated = last_changed([event], sources)
    stem = plan.event_pages[event.id].removesuffix(".md")  # in the files of the page its card is on
    citation = _citation(dataset, plan, event.id, stem, title, updated, plan.event_address(event.id))
    return replace(citation, shared=True)


def _citation(
    dataset: Dataset, plan: SitePlan, key: str, stem: str, title: str, updated: dt.date | None, url: str | None = None
) -> Citation:
    public = is_public(plan.site_url)  # a loopback address would send a reader to their own machine
    root = plan.site_url.rstrip("/") if public else ""
    address = root + "/" + (url if url is not None else plan.url(f"{stem}.md"))
    return Citation(
        key=f"libya-watch-{key}",
        stem=stem,
        title=title,
        publisher=plan.site_name,
        issue=Issue.of(dataset),
        updated=updated,
        address=address,
        public=public,
    )


@dataclass(frozen=True)
class PageDates:
    """When what each page shows last changed, worked out in one pass over the events (a record's
    page, its record and the events it lists; a timeline page, its events; an edition's page, the
    edition; every other page, the whole dataset and the newest edition)."""

    pages: dict[str, dt.date | None]  # the pages of one record, year or edition
    whole: dt.date | None

    @classmethod
    def of(cls, dataset: Dataset, plan: SitePlan, parts: EventParts | None = None) -> PageDates:
        """With `parts` (`make serve`), each event's day and pages are kept for the next build,
        and the build before's taken back for an unchanged event (eventparts.py)."""

        def dated(event: Event) -> tuple[dt.date, tuple[str, ...]]:
            day = last_changed([event], [dataset.sources[s] for s in event.source_ids])
            return day, (plan.event_pages[event.id], *record_pages(event, dataset, plan))

        pages: dict[str, dt.date | None] = {}  # page -> the newest day among the events it lists
        newest = last_changed([], dataset.sources.values())  # and then every event's
        for day, paths in each_event(dataset, "dates", dated, parts):
            newest = max(newest or day, day)
            for path in paths:
                pages[path] = max(pages.get(path) or day, day)
        edition = dataset.edition.date if dataset.edition else None
        for source in dataset.sources.values():
            path = plan.path("sources", source.id)
            pages[path] = max(day for day in (pages.get(path), last_changed([], [source])) if day)
        for number, issued in dataset.editions.items():
            pages[plan.path("editions", str(number))] = issued.date
        for page in plan.pages.values():  # a record no dated record names: the edition that issued it
            if page.section in RECORD_SECTIONS and page.key is not None and pages.get(page.path) is None:
                pages[page.path] = edition
        return cls(pages, max((day for day in (newest, edition) if day), default=None))

    def updated(self, path: str) -> dt.date | None:
        return self.pages[path] if path in self.pages and path != SitePlan.path("timeline") else self.whole


def record_pages(event: Event, dataset: Dataset, plan: SitePlan) -> set[str]:
    """The source, actor and place pages that list `event`: its sources', actors' and place's, the
    actors speaking for an origin its claims quote (an actor's "quoted on"), and the towns its
    place is described from (a place's events "near" it). What a page's last change is dated by,
    and what a `make serve` edit of the event makes again (regeneration.py)."""
    actors = {event.actor1, event.actor2, *event.assoc_actors_1, *event.assoc_actors_2}
    actors |= {c.party for c in event.claims if c.party}
    actors |= {speaker for c in event.claims if c.origin and (speaker := dataset.origins[c.origin].speaker)}
    keys = {("sources", source) for source in event.source_ids} | {("places", event.place)}
    keys |= {("sources", claim.source) for claim in event.claims}
    keys |= {("places", town) for town in dataset.places[event.place].towns}
    keys |= {("actors", actor) for actor in actors if actor}
    return {path for key in keys if (path := plan.path(*key)) in plan.pages}


def render_citation(citation: Citation, links: Links, line: Callable[..., Markup] | None = None) -> str:
    """The citation line with its two files, and the last-updated line (templates/citation.html);
    `line`: its macro (`citation_line`), looked up once where a page prints many (the cards')."""
    bib, csl = citation.files
    return str((line or citation_line())(citation, links.asset(bib), links.asset(csl)))


def citation_line() -> Callable[..., Markup]:
    return macro("citation.html", "citation")


def bibtex(entries: list[Citation]) -> str:
    """The citations as BibTeX @misc entries, one after another (BibLaTeX's `date` beside BibTeX's `year`)."""
    template = text_template("citation.bib")  # once for a page's many entries
    return "\n".join(_bibtex_entry(citation, template) for citation in entries)


def _bibtex_entry(citation: Citation, template: Template) -> str:
    return template.render(c=citation, escape=_escape_bibtex)


def _escape_bibtex(text: object) -> str:
    """Text as BibTeX reads it literally: its braces and LaTeX's special characters escaped."""
    return str(text).translate(_BIBTEX_SPECIAL)


def csl_json(entries: list[Citation]) -> str:
    """The citations as CSL-JSON: a list of items, as reference managers import it."""
    return _csl_list([_csl_entry(citation) for citation in entries])


def _csl_entry(citation: Citation) -> str:
    """One item as it stands in the list (`_csl_list`): a file's text is its items joined."""
    return json.dumps([_csl_item(citation)], ensure_ascii=False, indent=1)[2:-2]


def _csl_list(items: list[str]) -> str:
    """Items as `json.dumps` writes a list of them with indent 1 (never empty: a page cites itself)."""
    return "[\n" + ",\n".join(items) + "\n]\n"


def _csl_item(citation: Citation) -> dict[str, object]:
    item: dict[str, object] = {
        "id": citation.key,
        "type": "webpage",
        "title": citation.title,
        "container-title": citation.publisher,
        "publisher": citation.publisher,
        "author": [{"literal": citation.publisher}],
        "URL": citation.address,
    }
    issued = citation.issue.issued
    if issued is not None:
        item["edition"] = str(issued.number)
        item["issued"] = _csl_date(issued.date)
    notes = [] if issued else [citation.issue.sentence]  # a draft says so: it has no edition
    if citation.updated is not None:
        notes.append(f"{'last' if notes else 'Last'} updated {citation.updated.isoformat()}")
    if notes:
        item["note"] = "; ".join(notes)
    return item


def _csl_date(day: dt.date | None) -> dict[str, list[list[int]]]:
    return {"date-parts": [[day.year, day.month, day.day]]} if day else {}


def citations(dataset: Dataset, plan: SitePlan, dates: PageDates | None = None) -> Iterator[list[Citation]]:
    """Every page's citations, one list per page (the generated pages and the hand-written ones in
    the menu): the page's own, then each event's whose card is on it. A file per page, not per
    event: at 100,000 events, 200,000 small files took longer to write than the rest of the build."""
    cards: dict[str, list[Citation]] = defaultdict(list)
    for event in dataset.events.values():
        cards[plan.event_pages[event.id]].append(_card_citation(event, dataset, plan))
    for path, citation in _page_citations(dataset, plan, dates):
        yield [citation, *cards.get(path, [])]


def _page_citations(dataset: Dataset, plan: SitePlan, dates: PageDates | None) -> Iterator[tuple[str, Citation]]:
    """Each page with files of citations, and its own citation: the hand-written pages in the
    menu, then every planned page."""
    dates = PageDates.of(dataset, plan) if dates is None else dates
    for section in SECTIONS:
        if not section.generated and section.nav:
            yield section.first, page_citation(dataset, plan, section.first, dates)
    for path in plan.pages:
        yield path, page_citation(dataset, plan, path, dates)


def _card_citation(event: Event, dataset: Dataset, plan: SitePlan) -> Citation:
    place, sources = dataset.places[event.place].name, [dataset.sources[s] for s in event.source_ids]
    return _event_citation(event, show_event_date(event), place, sources, dataset, plan)


def write_citations(
    dataset: Dataset, plan: SitePlan, site: Path, dates: PageDates | None = None, parts: EventParts | None = None
) -> None:
    """Each page's BibTeX and CSL-JSON files, into `site`'s cite/ folder, one at a time, as
    `citations` lists them; with `parts` (`make serve`), each card's entries are kept for the next
    build, and the build before's taken back for an unchanged event (eventparts.py)."""
    template = text_template("citation.bib")

    def entries(citation: Citation) -> tuple[str, str]:
        return _bibtex_entry(citation, template), _csl_entry(citation)

    def card(event: Event) -> tuple[str, str]:
        return entries(_card_citation(event, dataset, plan))

    cards: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for event_id, made in zip(dataset.events, each_event(dataset, "citations", card, parts), strict=True):
        cards[plan.event_pages[event_id]].append(made)
    folders: set[Path] = set()
    for path, citation in _page_citations(dataset, plan, dates):
        texts = [entries(citation), *cards.get(path, [])]
        bib, csl = citation.files
        if (site / bib).parent not in folders:
            (site / bib).parent.mkdir(parents=True, exist_ok=True)
            folders.add((site / bib).parent)
        (site / bib).write_text("\n".join(entry for entry, _ in texts), encoding="utf-8")
        (site / csl).write_text(_csl_list([item for _, item in texts]), encoding="utf-8")
