"""The Corrections page: how to report an error (to the publisher's address, mkdocs.yml
`extra.report_errors`; where none is set, plain words for readers and the setting's name only in an
HTML comment for the publisher), and every correction the data records
(derive/corrections.py), newest first, each with its date, what it corrects (linked) and the
edition that first carried it, or "not yet in an edition"."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..core.dates import show_event_date
from ..derive.corrections import Corrected, corrections
from ..derive.dataset import Dataset
from .links import Links
from .render import Rendered, render_page
from .siteplan import Only, SitePlan

PAGE = SitePlan.path("corrections")


@dataclass(frozen=True)
class CorrectionRow:
    """A correction as the page lists it."""

    date: dt.date
    label: str  # what it corrects, as a reader knows it: an event's date and place, a source's name
    href: str | None
    what: str
    edition: int | None  # the edition that first carried it; None: not yet in an edition
    edition_href: str | None


def correction_rows(dataset: Dataset, links: Links) -> list[CorrectionRow]:
    """Every correction, newest first, linked to what it corrects and to its edition."""
    rows = []
    for item in corrections(dataset):
        label, href = _record(item, dataset, links)
        edition = first_edition(item, dataset)
        edition_href = links.to("editions", str(edition)) if edition else None
        rows.append(CorrectionRow(item.date, label, href, item.what, edition, edition_href))
    return rows


def first_edition(item: Corrected, dataset: Dataset) -> int | None:
    """The first edition whose snapshot holds the correction (a snapshot is what an edition issued)."""
    for number in sorted(dataset.snapshots):
        if item.key in dataset.snapshots[number].get("corrections", []):
            return number
    return None


def _record(item: Corrected, dataset: Dataset, links: Links) -> tuple[str, str | None]:
    if item.kind == "event":
        event = dataset.events[item.record]
        return f"{show_event_date(event)}, {dataset.places[event.place].name}", links.event(event.id)
    return dataset.sources[item.record].title, links.to("sources", item.record)


def build_corrections_page(dataset: Dataset, plan: SitePlan, only: Only = None) -> dict[str, Rendered]:
    """The Corrections page (unless `only` leaves it out)."""
    if only is not None and PAGE not in only:
        return {}
    page = plan.pages[PAGE]
    links = Links(PAGE, plan)
    rows = correction_rows(dataset, links)
    return {
        PAGE: render_page(
            "corrections.md", title=page.title, description=page.description, rows=rows, report_to=plan.report_to
        )
    }
