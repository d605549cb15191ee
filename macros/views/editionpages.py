"""The editions as readers see them: the front page's edition line and "what changed", and a
page per edition (their feed entries are made with the rest of the feed, in `whatsnew.py`).
Derivations live in `editions.py`; this only shows them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..core.dates import Cutoff, month_start, show_event_date
from ..derive.coverage import show_years, year_runs
from ..derive.dataset import Dataset
from ..derive.editions import Changes, EditionView
from . import limits
from .links import Links
from .render import Rendered, render, render_page
from .siteplan import Only, SitePlan


@dataclass(frozen=True)
class ChangeRow:
    """One change in words, with the event (by date and place) or source it links to, if any."""

    text: str
    href: str | None
    label: str | None


@dataclass(frozen=True)
class ChangeSection:
    """A section of "what changed" (events, figures, ...): its first changes, and how many more it has."""

    name: str
    rows: list[ChangeRow]
    more: int


@dataclass(frozen=True)
class EditionSummary:
    """An edition as the editions' pages and the front page show it: issue, cut-off, counts, what it changed."""

    number: int
    date: dt.date
    note: str
    cutoff: Cutoff | None
    counts: dict[str, int]
    first: bool
    sections: list[ChangeSection]
    total: int
    href: str


@dataclass(frozen=True)
class CoverageLine:
    """The front page's and the PDF cover's coverage line: years with events, years without, years published."""

    years: str
    gaps: str
    first: int | None
    last: int | None
    published: tuple[int, int] | None


@dataclass(frozen=True)
class JudgmentsDated:
    """How long after the cut-off an edition was issued, past its judgments' horizon: read them as history."""

    gap: str
    horizon: str
    months: int


def change_items(changes: Changes, dataset: Dataset, links: Links, limit: int) -> list[ChangeSection]:
    """Each section's changes (the first `limit`) with what they link to, labelled by date and
    place, never an id."""
    sections = []
    for name, items in changes.grouped():
        rows = []
        for change in items[:limit]:
            href = label = None
            if change.event in dataset.events:
                event = dataset.events[change.event]
                href = links.event(event.id)
                label = f"{show_event_date(event)}, {dataset.places[event.place].name}"
            elif change.source in dataset.sources:
                href = links.to("sources", change.source)
                label = dataset.sources[change.source].label
            rows.append(ChangeRow(change.text, href, label))
        sections.append(ChangeSection(name, rows, more=len(items) - len(rows)))
    return sections


def edition_context(
    view: EditionView, dataset: Dataset, links: Links, limit: int = limits.FRONT_CHANGES
) -> EditionSummary:
    return EditionSummary(
        number=view.edition.number,
        date=view.edition.date,
        note=view.edition.note,
        cutoff=view.cutoff,
        counts=view.counts,
        first=view.first,
        sections=change_items(view.changes, dataset, links, limit),
        total=len(view.changes.items),
        href=links.to("editions", str(view.edition.number)),
    )


def coverage_context(dataset: Dataset) -> CoverageLine:
    found = dataset.coverage
    return CoverageLine(
        years=show_years(year_runs(found.years)),
        gaps=show_years(found.gaps),
        first=found.first,
        last=found.last,
        published=found.published,
    )


def render_edition_line(dataset: Dataset, links: Links) -> str:
    """The front page's first lines: edition and issue date, cut-off, coverage, and whether the
    judgments' horizon had passed when the edition was issued."""
    return render(
        "edition_line.html",
        edition=dataset.edition,
        cutoff=dataset.cutoff,
        coverage=coverage_context(dataset),
        editions_href=links.to("editions"),
        dated=judgments_dated(dataset),
    )


def judgments_dated(dataset: Dataset, months: int = limits.HORIZON_MONTHS) -> JudgmentsDated | None:
    """How long after the cut-off the edition was issued, where that is past the judgments'
    horizon: a reader must see at once that the judgments are history, not forecast."""
    edition, cutoff = dataset.edition, dataset.cutoff
    if edition is None or cutoff is None:
        return None
    end = month_start(cutoff.last_day, months)
    if edition.date < end:
        return None
    gap = (edition.date.year - cutoff.last_day.year) * 12 + edition.date.month - cutoff.last_day.month
    years, rest = divmod(gap, 12)
    words = [f"{n} {unit}{'s' if n != 1 else ''}" for n, unit in ((years, "year"), (rest, "month")) if n]
    return JudgmentsDated(gap=" and ".join(words), horizon=f"{end:%B %Y}", months=months)


def render_changes(dataset: Dataset, links: Links) -> str:
    """What the newest edition changed, and what has changed since it was issued."""
    history = dataset.edition_history
    return render(
        "edition_changes.html",
        edition=edition_context(history[0], dataset, links) if history else None,
        unissued=change_items(dataset.unissued, dataset, links, limits.FRONT_CHANGES),
        editions_href=links.to("editions"),
    )


def build_edition_pages(dataset: Dataset, plan: SitePlan, only: Only = None) -> dict[str, Rendered]:
    """The list of editions, and a page per edition with what it changed (those in `only`, when given)."""
    rendered = {}
    views = {str(view.edition.number): view for view in dataset.edition_history}
    for page in plan.pages_in("editions", only):
        if page.key is None:
            links = Links(page.path, plan)
            rendered[page.path] = render_page(
                "editions.md",
                title=page.title,
                description=page.description,
                editions=[edition_context(view, dataset, links) for view in dataset.edition_history],
                unissued=bool(dataset.unissued),
            )
            continue
        view = views[page.key]
        links = Links(page.path, plan)
        rendered[page.path] = render_page(
            "edition.md",
            title=page.title,
            description=page.description,
            edition=edition_context(view, dataset, links, limits.EDITION_CHANGES),
            index_href=links.to("editions"),
        )
    return rendered
