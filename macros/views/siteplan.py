"""The site plan: every page the site has, where it lives, what it is called, where it sits in the
menu, which part of the PDF holds it, and which generated page carries each event and dispute.

Made once per build from the dataset (`SitePlan.of`). The hook takes the menu and which pages stay
out of it from here, `pages.py` builds each planned page, search finds each by its planned title
and description (search.py adds the data's own entries), the PDF sends a link to a page to the
part that holds it, and every view asks the plan (through `Links`) for an address: no other
Python module spells a page's path. Hand-written pages (docs/*.md) link to a page by its Markdown
path ("timeline/index.md"), which MkDocs resolves in either URL style and the strict build
checks. A new kind of page is a `Section` here, its builder (a line in
`pages.BUILDERS`) and its template.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TypeVar
from urllib.parse import urlsplit

from ..core.models import Event
from ..derive.dataset import Dataset
from . import limits

T = TypeVar("T")
# The pages a builder makes: those of its section this names, or every one (None). A `make serve`
# rebuild makes only the pages an edit can reach (views/regeneration.py).
Only = Collection[str] | None


@dataclass(frozen=True)
class Section:
    """A kind of page: its first page (in the menu under `title`) and the pattern of its others
    (one per record, year or page number, never in the menu)."""

    key: str
    title: str
    first: str
    more: str | None = None
    generated: bool = True  # made from the data; else hand-written in docs/
    nav: bool = True
    print_id: str | None = None  # the PDF's section holding it: a link to it in the PDF goes there

    def path(self, key: str | None = None) -> str:
        """The page's source path under docs/: the first page, or the one for `key`."""
        if key is None:
            return self.first
        if self.more is None:
            raise KeyError(f"{self.key} has one page only")
        return self.more.format(key)


SECTIONS = (
    Section("briefing", "Briefing", "index.md", generated=False),
    Section("timeline", "Timeline", "timeline/index.md", "timeline/{}.md", print_id="timeline"),
    Section("disputes", "Disputes", "disputes.md", "disputes/{}.md", print_id="disputes"),
    Section("whats-new", "What's new", "whats-new.md"),
    Section("editions", "Editions", "editions/index.md", "editions/{}.md"),
    Section("sources", "Sources", "sources/index.md", "sources/{}.md", print_id="sources"),
    Section("actors", "Actors", "actors/index.md", "actors/{}.md"),
    Section("places", "Places", "places/index.md", "places/{}.md"),
    Section("downloads", "Downloads", "downloads.md"),
    Section("corrections", "Corrections", "corrections.md"),
    Section("methodology", "Methodology", "methodology.md", generated=False, print_id="method"),
    Section("print", "Print", "print.md", generated=False, nav=False),  # the PDF's shell (printview.py)
)
SECTION = {section.key: section for section in SECTIONS}
# Each event's lasting address: a small page, written beside the site's (addresses.py), that sends
# the reader on to the event's card wherever the timeline holds it, however the data grows.
EVENT_ADDRESS = "events/{}.md"
PDF = "briefing.pdf"  # the briefing as `make pdf` writes it after the build (tools/pdf.py), at the site's root


def nav() -> list[dict[str, str]]:
    """The site's menu, as mkdocs.yml's `nav` would give it: each section's first page, in order."""
    return [{section.title: section.first} for section in SECTIONS if section.nav]


def in_nav(path: str) -> bool:
    """Whether the page at `path` is in the menu: only a section's first page is, and not every one."""
    return any(section.nav and section.first == path for section in SECTIONS)


def paginate(items: Sequence[T], size: int) -> list[Sequence[T]]:
    """`items` in pages of `size`: always one page, empty when there is nothing to show."""
    return [items[start : start + size] for start in range(0, len(items), size)] or [items[:0]]


def page_url(path: str, directory_urls: bool = True) -> str:
    """The URL MkDocs gives a page: sources/x.md -> sources/x/ (or sources/x.html)."""
    stem = path.removesuffix(".md")
    if not directory_urls:
        return stem + ".html"
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


@dataclass(frozen=True)
class PlannedPage:
    """A generated page: where it is, its title and description (the page's and its search
    entry's), and the record, year or page number it is for (None: the first page)."""

    path: str
    section: str
    title: str
    description: str
    key: str | None = None


def is_public(site_url: str | None) -> bool:
    """Whether the site's address is one its readers can open: not a loopback address (a local
    build or `make serve`), whose links would point at the reader's own machine. The feed is
    written, the PDF links its data and a citation names its full address only for a public one."""
    host = urlsplit(site_url or "").hostname or ""
    return bool(host) and host != "localhost" and not host.startswith("127.") and host != "::1"


@dataclass(frozen=True)
class ReportTo:
    """Where a reader reports an error: the publisher's `extra.report_errors` in mkdocs.yml, a web
    address or an email address, as a link (`href`) and as the reader reads it (`shown`)."""

    href: str
    shown: str

    @classmethod
    def of(cls, setting: str) -> ReportTo | None:
        """The setting as a link; None when it is empty (no address is configured for this copy)."""
        value = setting.strip().removeprefix("mailto:")
        if not value:
            return None
        if re.fullmatch(r"[^@\s/:]+@[^@\s/:]+\.[^@\s/:]+", value):
            return cls(f"mailto:{value}", value)
        if urlsplit(value).scheme in ("http", "https") and urlsplit(value).hostname and not re.search(r"\s", value):
            return cls(value, value)
        raise ValueError(f"expected a web address (https://...) or an email address, got {setting!r}")


@dataclass(frozen=True)
class SitePlan:
    """One build's generated pages, and the page of each event's card and each dispute's table."""

    event_pages: dict[str, str]
    directory_urls: bool = True
    dispute_pages: dict[str, str] = field(default_factory=dict)
    pages: dict[str, PlannedPage] = field(default_factory=dict)
    disputes: tuple[Event, ...] = ()  # the disputed events, newest first: the disputes pages' order
    feed: bool = False  # the site publishes the Atom feed (is_public): What's new links it
    site_url: str = ""  # the site's public address, which a citation gives (citation.py)
    site_name: str = "Libya Watch"
    report_to: ReportTo | None = None  # where a reader reports an error (the Corrections page); None: not set

    @classmethod
    def of(
        cls,
        dataset: Dataset,
        page_size: int = limits.TIMELINE_PAGE,
        directory_urls: bool = True,
        feed: bool = False,
        site: tuple[str, str] = ("", "Libya Watch"),  # the site's address and name, for citations
        report_to: ReportTo | None = None,
    ) -> SitePlan:
        disputes = tuple(disputed_events(dataset))
        dispute_pages = {}
        for number, chunk in enumerate(paginate(disputes, limits.DISPUTES_PAGE), 1):
            dispute_pages.update(dict.fromkeys((e.id for e in chunk), _numbered("disputes", number)))
        event_pages = _timeline_pages(dataset, page_size)
        plan = cls(event_pages, directory_urls, dispute_pages, {}, disputes, feed, *site, report_to)
        plan.pages.update((page.path, page) for page in _planned(dataset, plan))
        return plan

    @staticmethod
    def path(section: str, key: str | None = None) -> str:
        """A page's source path, e.g. path("sources", "x") -> sources/x.md."""
        return SECTION[section].path(key)

    def url(self, path: str) -> str:
        """The address of the page at `path`, from the site's root, in this build's URL style."""
        return page_url(path, self.directory_urls)

    def event_address(self, event_id: str) -> str:
        """The event's lasting address, from the site's root: events/LBY0001/ (events/LBY0001.html offline)."""
        return self.url(EVENT_ADDRESS.format(event_id))

    def event_file(self, event_id: str) -> str:
        """The file in the site at the event's lasting address."""
        address = self.event_address(event_id)
        return address + "index.html" if address.endswith("/") else address

    def card(self, event_id: str) -> str:
        """Where the event's card is in this build, from the site's root: it moves as the timeline splits."""
        return f"{self.url(self.event_pages[event_id])}#{event_id}"

    def pages_in(self, section: str, only: Only = None) -> list[PlannedPage]:
        """The section's planned pages, its first page first (those `only` names, when given)."""
        return [page for page in self.pages.values() if page.section == section and (only is None or page.path in only)]


def disputed_events(dataset: Dataset) -> list[Event]:
    """The disputed events, newest first: the order of the disputes pages."""
    disputed = (e for e in dataset.events.values() if dataset.status(e.id) == "disputed")
    return sorted(disputed, key=lambda e: (e.start, e.id), reverse=True)


def _numbered(section: str, number: int) -> str:
    """The `number`-th page of a paged section (the first is the section's first page)."""
    return SitePlan.path(section, None if number == 1 else str(number))


def _timeline_pages(dataset: Dataset, page_size: int) -> dict[str, str]:
    """Which timeline page carries each event's card (and its permanent anchor): up to `page_size`
    events one page; beyond, a page per year, a busy year in parts of `page_size`, so no page grows
    past about a megabyte whatever the dataset's size."""
    if len(dataset.events) <= page_size:
        return dict.fromkeys(dataset.events, SitePlan.path("timeline"))
    by_year: dict[int, list[str]] = defaultdict(list)
    for event in dataset.events.values():
        by_year[event.start.year].append(event.id)
    pages: dict[str, str] = {}
    for year, ids in by_year.items():
        for part, chunk in enumerate(paginate(ids, page_size), 1):
            pages.update(dict.fromkeys(chunk, SitePlan.path("timeline", str(year) if part == 1 else f"{year}-{part}")))
    return pages


def timeline_scope(key: str | None) -> str:
    """What a timeline page covers, in words: "all years", "2016", "2022, part 2"."""
    return "all years" if key is None else key.replace("-", ", part ")


def _planned(dataset: Dataset, plan: SitePlan) -> Iterator[PlannedPage]:
    """Every generated page, section by section in the menu's order."""
    yield _page("timeline", "Timeline", _timeline_description(None))
    for key in dict.fromkeys(p.removeprefix("timeline/").removesuffix(".md") for p in plan.event_pages.values()):
        if key != "index":
            yield _page("timeline", f"Timeline {timeline_scope(key)}", _timeline_description(key), key)
    about = "Every point on which the sources disagree, side by side."
    for number in range(1, len(paginate(plan.disputes, limits.DISPUTES_PAGE)) + 1):
        title = "Disputes" if number == 1 else f"Disputes, page {number}"
        yield PlannedPage(_numbered("disputes", number), "disputes", title, about, None if number == 1 else str(number))
    yield _page("whats-new", "What's new", "The sources and events each update of the briefing added, newest first.")
    yield from _edition_pages(dataset)
    yield from _record_pages(dataset)
    yield _page("downloads", "Downloads", "Every file the site publishes, what it holds, each column, and the licence.")
    yield _page("corrections", "Corrections", "How to report an error, and every correction made, with its date.")


def _page(section: str, title: str, description: str, key: str | None = None) -> PlannedPage:
    return PlannedPage(SitePlan.path(section, key), section, title, description, key)


def _timeline_description(key: str | None) -> str:
    return f"Events in {timeline_scope(key)}, in date order, with each source's figures side by side."


def _edition_pages(dataset: Dataset) -> Iterator[PlannedPage]:
    yield _page(
        "editions", "Editions", "Each issue of the briefing, with its date, information cut-off and what it changed."
    )
    for view in dataset.edition_history:
        number = view.edition.number
        yield _page(
            "editions", f"Edition {number}", f"Edition {number} of the briefing and what it changed.", str(number)
        )


def _record_pages(dataset: Dataset) -> Iterator[PlannedPage]:
    """The sources, actors and places: an index each, and a page for every record."""
    yield _page("sources", "Sources", "Every source document, its outlet, date and Admiralty reliability grade.")
    for source in dataset.sources.values():
        about = f"{source.label}, graded {source.reliability}: what it reports and its original text."
        yield _page("sources", source.title, about, source.id)
    yield _page("actors", "Actors", f"{len(dataset.actors)} actors, with every spelling the sources use.")
    for actor in dataset.actors.values():
        yield _page(
            "actors", actor.name, f"{actor.name}: every spelling in the sources, its events and assessments.", actor.id
        )
    places = f"{len(dataset.places)} places, with every spelling the sources use; coordinates from GeoNames."
    yield _page("places", "Places", places)
    for place in dataset.places.values():
        yield _page(
            "places", place.name, f"{place.name}: every spelling in the sources and the events there.", place.id
        )
