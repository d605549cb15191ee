"""Search entries for the generated pages, written from the data instead of parsed back out of
their HTML.

Material's search plugin re-parsed every source, actor and place page we had just rendered (a
third of a 10,000-event build) and indexed each event once for every page that lists it. Here
each event is one entry pointing at its card, each source one entry plus the text its page shows
(full text or quoted passages), each actor and place one entry with every spelling, each dispute
one entry at its table; the pages themselves are left out of the plugin's parse (`search:
exclude` in page.md). Every other page the site plan lists (the timeline's, the indexes, What's
new, and any page type added later) gets an entry from its planned title and description, so no
page falls out of search. Text is escaped: Material shows it as HTML.
"""

from __future__ import annotations

from html import escape

from ..core.models import Event
from ..core.terms import FIELD_LABELS, GRADES
from ..derive.dataset import Dataset
from .eventparts import EventParts, each_event
from .eventview import event_heading
from .siteplan import SitePlan
from .sources import quoted_passages


def search_entries(dataset: Dataset, plan: SitePlan, parts: EventParts | None = None) -> list[dict[str, str]]:
    """The data's entries, then one for every planned page without an entry at its address; with
    `parts` (`make serve`), an unchanged event's entry is the build before's (eventparts.py)."""
    entries: list[dict[str, str]] = []
    # first: among entries that score alike, an actor's or place's own page comes before the
    # pages that name it (the worker ranks ties by entry number)
    for kind in ("actors", "places"):
        for entity in getattr(dataset, kind).values():
            spellings = ", ".join(entity.aliases) or "no other spelling in the sources"
            variants = ", ".join(v.name for v in entity.variants)
            searched = f"; also searched as (no document's spelling): {variants}" if variants else ""
            entries.append(
                _entry(plan.url(plan.path(kind, entity.id)), entity.name, f"Also written: {spellings}{searched}")
            )
    for source in dataset.sources.values():
        url = plan.url(plan.path("sources", source.id))
        about = [
            source.outlet.name or "unknown outlet",
            f"reliability {source.reliability}: {GRADES[source.reliability]}",
            source.kind,
            *(f"cites {dataset.origins[cite].name}" for cite in source.cites),
        ]
        entries.append(_entry(url, source.title, " · ".join(about)))
        text = dataset.originals[source.id]
        if source.rights != "full text":  # only what the page shows: the quoted passages
            shown = quoted_passages(source.id, dataset)
            text = " … ".join("".join(part.text for part in passage.parts) for passage in shown)
        title = "original text" if source.rights == "full text" else "quoted passages"
        entries.append(_entry(f"{url}#{source.id}-text", f"{source.title}: {title}", text))

    def entry(event: Event) -> dict[str, str]:
        actors = ", ".join(dataset.actors[a].name for a in (event.actor1, *filter(None, [event.actor2])))
        url = f"{plan.url(plan.event_pages[event.id])}#{event.id}"
        text = f"{event.summary} ({actors}; ACLED: {event.sub_event_type}; {event.id})"
        return _entry(url, event_heading(event, dataset), text)

    entries.extend(each_event(dataset, "search", entry, parts))
    entries.extend(_dispute_entries(dataset, plan))
    return entries + page_entries(plan, {entry["location"] for entry in entries})


def _dispute_entries(dataset: Dataset, plan: SitePlan) -> list[dict[str, str]]:
    """Each disputed event at its table on the disputes pages: what is disputed, and what would settle it."""
    entries = []
    for event in plan.disputes:
        url = plan.url(plan.dispute_pages[event.id])
        points = ", ".join(dict.fromkeys(FIELD_LABELS[p.field].lower() for p in dataset.analysis(event.id).disputed))
        text = f"Sources differ on {points or 'a point'}. {event.dispute_note or ''}".strip()
        entries.append(_entry(f"{url}#dispute-{event.id.lower()}", f"Disputed: {event_heading(event, dataset)}", text))
    return entries


def page_entries(plan: SitePlan, covered: set[str]) -> list[dict[str, str]]:
    """An entry for every planned page without one at its own address: its title, and its
    description as the text, so a new kind of page is found too."""
    entries = []
    for page in plan.pages.values():
        url = plan.url(page.path)
        if url not in covered:
            entries.append(_entry(url, page.title, page.description))
    return entries


def spellings(dataset: Dataset) -> list[list[str]]:
    """Every place's and actor's spellings, one list each: any of them finds what the others find
    (the sources' aliases, and the variants readers use, recorded with their basis)."""
    return [
        [e.name, *e.aliases, *(v.name for v in e.variants)]
        for kind in (dataset.places, dataset.actors)
        for e in kind.values()
        if e.aliases or e.variants
    ]


def _entry(location: str, title: str, text: str) -> dict[str, str]:
    return {"location": location, "title": escape(title, quote=False), "text": escape(text, quote=False)}
