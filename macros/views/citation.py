"""How to cite a page or an event: a citation line (title, edition, date, address) at the end of
every page and on every event card, and the same citation as BibTeX and CSL-JSON files under
`cite/`, written at build time (no script makes them: the site runs under a strict policy).

"Last updated" is the newest day the records a page draws on changed in the data
(derive/corrections.last_changed), or the newest edition's date where the page shows the edition:
never the build's day, so two builds stay byte-identical.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..core.models import Event
from ..derive.corrections import last_changed
from ..derive.dataset import Dataset
from .eventview import EventView, event_view
from .links import Links
from .render import render, render_text
from .siteplan import SECTIONS, SitePlan

CITE_DIR = "cite"
# a page of these sections draws on its record alone (and that record's events)
RECORD_SECTIONS = ("sources", "actors", "places")
_BIBTEX_SPECIAL = str.maketrans({c: "\\" + c for c in "{}%&#$_"} | {"\\": r"\textbackslash{}", "~": r"\~{}"})


@dataclass(frozen=True)
class Citation:
    """What a reader cites: a page or an event of one edition, at its address."""

    key: str  # the BibTeX key and CSL id, e.g. libya-watch-LBY0005
    stem: str  # its files under cite/: <stem>.bib and <stem>.json
    title: str
    publisher: str
    edition: int | None  # the newest edition; None before the first is issued
    edition_date: dt.date | None
    updated: dt.date | None
    address: str

    @property
    def files(self) -> tuple[str, str]:
        return f"{CITE_DIR}/{self.stem}.bib", f"{CITE_DIR}/{self.stem}.json"


def page_citation(dataset: Dataset, plan: SitePlan, path: str) -> Citation:
    """The citation of the page at `path` (a planned page, or a hand-written one in the menu)."""
    planned = plan.pages.get(path)
    title = planned.title if planned else next(s.title for s in SECTIONS if s.first == path)
    stem = path.removesuffix(".md")
    return _citation(dataset, plan, stem.replace("/", "-"), stem, title, _page_updated(dataset, plan, path))


def event_citation(view: EventView, dataset: Dataset, plan: SitePlan) -> Citation:
    """An event's citation, from its view: its id, date and place, and the address of its card."""
    event = view.event
    title = f"{event.id}: {view.date}, {view.place.name}"
    updated = last_changed([event], view.sources)
    return _citation(dataset, plan, event.id, f"events/{event.id}", title, updated, event_address(plan, event.id))


def event_address(plan: SitePlan, event_id: str) -> str:
    """Where an event's card is, from the site's root (the site plan says which page holds it)."""
    return f"{plan.url(plan.event_pages[event_id])}#{event_id}"


def _citation(
    dataset: Dataset, plan: SitePlan, key: str, stem: str, title: str, updated: dt.date | None, url: str | None = None
) -> Citation:
    edition = dataset.edition
    address = plan.site_url.rstrip("/") + "/" + (url if url is not None else plan.url(f"{stem}.md"))
    return Citation(
        key=f"libya-watch-{key}",
        stem=stem,
        title=title,
        publisher=plan.site_name,
        edition=edition.number if edition else None,
        edition_date=edition.date if edition else None,
        updated=updated,
        address=address,
    )


def _page_updated(dataset: Dataset, plan: SitePlan, path: str) -> dt.date | None:
    """The newest day the records the page draws on changed: a record's page, its record and the
    events it lists; a timeline page, its events; an edition's page, the edition; every other page
    draws on the whole dataset and the newest edition."""
    planned = plan.pages.get(path)
    section, key = (planned.section, planned.key) if planned else ("", None)
    if section == "editions" and key is not None:
        return dataset.editions[int(key)].date
    edition = dataset.edition.date if dataset.edition else None
    if section in RECORD_SECTIONS and key is not None:
        events = [e for e in dataset.events.values() if key in _record_ids(e)]
        sources = [dataset.sources[key]] if section == "sources" else []
        # an actor named only by its assessments has no dated record: the edition that issued it
        return last_changed(events, sources + [dataset.sources[s] for e in events for s in e.source_ids]) or edition
    if section == "timeline" and key is not None:
        events = [dataset.events[e] for e, page in plan.event_pages.items() if page == path]
        return last_changed(events, [dataset.sources[s] for e in events for s in e.source_ids])
    newest = last_changed(dataset.events.values(), dataset.sources.values())
    return max((day for day in (newest, edition) if day), default=None)


def _record_ids(event: Event) -> set[str]:
    """The sources, actors and place an event names: the record pages that list it."""
    actors = {event.actor1, event.actor2, *event.assoc_actors_1, *event.assoc_actors_2}
    return {event.place, *event.source_ids, *actors, *(c.party for c in event.claims if c.party)} - {None}


def render_citation(citation: Citation, links: Links) -> str:
    """The citation line with its two files, and the last-updated line (templates/citation.html)."""
    bib, csl = citation.files
    return render("citation.html", c=citation, bib=links.asset(bib), csl=links.asset(csl))


def bibtex(citation: Citation) -> str:
    """The citation as a BibTeX @misc entry (BibLaTeX's `date` and `urldate` beside BibTeX's `year`)."""
    return render_text("citation.bib", c=citation, escape=lambda text: str(text).translate(_BIBTEX_SPECIAL))


def csl_json(citation: Citation) -> str:
    """The citation as CSL-JSON: a list of one item, as reference managers import it."""
    item: dict[str, object] = {
        "id": citation.key,
        "type": "webpage",
        "title": citation.title,
        "container-title": citation.publisher,
        "publisher": citation.publisher,
        "author": [{"literal": citation.publisher}],
        "URL": citation.address,
    }
    if citation.edition is not None:
        item["edition"] = str(citation.edition)
        item["issued"] = _csl_date(citation.edition_date)
    if citation.updated is not None:
        item["note"] = f"Last updated {citation.updated.isoformat()}"
    return json.dumps([item], ensure_ascii=False, indent=1) + "\n"


def _csl_date(day: dt.date | None) -> dict[str, list[list[int]]]:
    return {"date-parts": [[day.year, day.month, day.day]]} if day else {}


def citations(dataset: Dataset, plan: SitePlan) -> Iterator[Citation]:
    """Every page's citation (the generated pages and the hand-written ones in the menu) and every
    event's."""
    for section in SECTIONS:
        if not section.generated and section.nav:
            yield page_citation(dataset, plan, section.first)
    for path in plan.pages:
        yield page_citation(dataset, plan, path)
    for event in dataset.events.values():
        yield event_citation(event_view(event, dataset), dataset, plan)


def write_citations(dataset: Dataset, plan: SitePlan, site: Path) -> None:
    """Each citation's BibTeX and CSL-JSON files, into `site`'s cite/ folder, one at a time."""
    for citation in citations(dataset, plan):
        for name, text in zip(citation.files, (bibtex(citation), csl_json(citation)), strict=True):
            (site / name).parent.mkdir(parents=True, exist_ok=True)
            (site / name).write_text(text, encoding="utf-8")
