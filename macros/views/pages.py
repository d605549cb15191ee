"""The generated pages, built as the site plan (siteplan.py) lists them: each section's builder.

Pages are built from the dataset alone and added to the build by the plugin as generated files
(never written into docs/). Each carries `render_macros: false`: data text is never Jinja.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..derive.dataset import Dataset
from . import limits
from .citation import PageDates, page_citation, render_citation
from .corrections import build_corrections_page
from .disputes import build_disputes_page
from .downloads import build_downloads_page
from .editionpages import build_edition_pages
from .entities import build_actor_pages, build_place_pages
from .forked import Forked
from .links import Links
from .regeneration import MadePages
from .render import Rendered, restore
from .siteplan import Only, SitePlan
from .sources import build_source_pages
from .timeline import build_timeline_pages
from .whatsnew import build_whatsnew_page

DEFAULT_PAGE_SIZE = limits.TIMELINE_PAGE

Builder = Callable[[Dataset, SitePlan, Only], dict[str, Rendered]]
# Each generated section's builder: the section's pages, or those of them `only` names.
BUILDERS: dict[tuple[str, ...], Builder] = {
    ("timeline",): build_timeline_pages,
    ("disputes",): build_disputes_page,
    ("editions",): build_edition_pages,
    ("sources",): build_source_pages,
    ("actors",): build_actor_pages,
    ("places",): build_place_pages,
    ("whats-new",): build_whatsnew_page,
    ("downloads",): build_downloads_page,
    ("corrections",): build_corrections_page,
}
# The sections a forked child makes while this process makes the others (forked.py), from this
# many events: the timeline's cards and the disputes' tables were about half of the pages' making
# at 10,000 events, and share each event's view; the other sections share each event's list
# item. Below it a fork costs more than it saves.
FORKED_SECTIONS = frozenset({("timeline",), ("disputes",)})
FORK_FROM_EVENTS = 1000


@dataclass(frozen=True)
class Page:
    path: str
    source: str  # the Markdown MkDocs converts, large HTML blocks set aside as placeholders
    blocks: list[bytes]  # the blocks set aside (compressed), put back by the plugin as the page is written

    @property
    def markdown(self) -> str:
        """The page with its blocks in place: what a reader gets, and what the tests compare."""
        return restore(self.source, self.blocks)


def build_pages(
    dataset: Dataset,
    page_size: int = DEFAULT_PAGE_SIZE,
    directory_urls: bool = True,
    plan: SitePlan | None = None,
    feed: bool = True,
    dates: PageDates | None = None,
    fork: bool | None = None,
    child: Forked[dict[str, Rendered]] | None = None,
) -> list[Page]:
    """Every planned page, in the plan's order (from `plan`, when the caller has one, else one made
    with these settings; `feed`: whether the site publishes the Atom feed), made as `make_pages`
    makes them, each ending with its citation."""
    plan = plan or SitePlan.of(dataset, page_size, directory_urls, feed)
    return cited(make_pages(dataset, plan, fork, child), dates)


def make_pages(
    dataset: Dataset,
    plan: SitePlan,
    fork: bool | None = None,
    child: Forked[dict[str, Rendered]] | None = None,
    only: frozenset[str] | None = None,
    last: MadePages | None = None,
) -> MadePages:
    """Every planned page as its builder makes it. With `fork` (by default from FORK_FROM_EVENTS
    events), the FORKED_SECTIONS are made in a forked child meanwhile: the same pages, on the
    machine's second core (`child`: one the caller started already, `forked_sections`). With
    `only` (a `make serve` rebuild, regeneration.pages_to_remake), only those pages are made,
    here, and every other is taken from `last`, the build before."""
    fork = only is None and (len(dataset.events) >= FORK_FROM_EVENTS if fork is None else fork)
    rendered: dict[str, Rendered] = {}
    dataset.forget_memos()  # nothing a hand-written page's macros made after the last pages (a template edited since)
    try:
        if child is None and fork:
            child = forked_sections(dataset, plan)
        if child is None:
            rendered.update(_sections(dataset, plan, lambda section: True, only))
        else:
            with child:
                rendered.update(_sections(dataset, plan, lambda section: section not in FORKED_SECTIONS))
                rendered.update(child.result())
    finally:
        # the events' views and list items served every page: MkDocs need not hold them, and a
        # `make serve` rebuild after a failed one (a template fixed since) must not reuse its items
        dataset.forget_memos()
    if only is not None:
        if last is None:
            raise ValueError("only some pages made: the others need the build before (`last`)")
        rendered = {path: rendered[path] if path in only else last.rendered[path] for path in plan.pages}
    return MadePages(dataset, plan, rendered, only)


def cited(made: MadePages, dates: PageDates | None = None) -> list[Page]:
    """The pages in the plan's order, each ending with its citation, from this build's `dates`."""
    dataset, plan = made.dataset, made.plan
    dates = PageDates.of(dataset, plan) if dates is None else dates
    return [_with_citation(Page(path, *made.rendered[path]), dataset, plan, dates) for path in plan.pages]


def forked_sections(
    dataset: Dataset, plan: SitePlan, first: Callable[[], None] | None = None
) -> Forked[dict[str, Rendered]]:
    """The FORKED_SECTIONS' pages, made in a forked child, for `build_pages`; after `first`,
    other work the child does before them (the build's downloads, while this process writes the
    events' addresses)."""

    def work() -> dict[str, Rendered]:
        if first is not None:
            first()
        dataset.forget_memos()  # as in make_pages
        return _sections(dataset, plan, FORKED_SECTIONS.__contains__)

    return Forked(work)


def _sections(
    dataset: Dataset,
    plan: SitePlan,
    chosen: Callable[[tuple[str, ...]], bool],
    only: Only = None,
) -> dict[str, Rendered]:
    """The pages of the sections `chosen` picks (those in `only`, when given), by path."""
    rendered: dict[str, Rendered] = {}
    for section, builder in BUILDERS.items():
        if chosen(section):
            rendered.update(builder(dataset, plan, only))
    return rendered


def _with_citation(page: Page, dataset: Dataset, plan: SitePlan, dates: PageDates) -> Page:
    """The page ending with how to cite it and when what it shows last changed (citation.py)."""
    end = render_citation(page_citation(dataset, plan, page.path, dates), Links(page.path, plan))
    return Page(page.path, f"{page.source.rstrip()}\n\n{end}", page.blocks)
