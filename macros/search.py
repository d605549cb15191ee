"""Search entries for the generated pages, written from the data instead of parsed back out of
their HTML.

Material's search plugin re-parsed every source, actor and place page we had just rendered (a
third of a 10,000-event build) and indexed each event once for every page that lists it. Here
each event is one entry pointing at its card, each source one entry plus the text its page shows
(full text or quoted passages), each actor and place one entry with every spelling; the pages
themselves are left out of the plugin's parse (`search: exclude` in page.md). Text is escaped:
Material shows it as HTML.
"""

from __future__ import annotations

from html import escape

from .dataset import Dataset
from .eventview import event_heading
from .links import page_path
from .sources import passages, quotes_of
from .terms import GRADES


def search_entries(dataset: Dataset, url_of: dict[str, str], event_pages: dict[str, str]) -> list[dict[str, str]]:
    """`url_of` maps a generated page (e.g. sources/x.md) to its URL; `event_pages` an event to its page."""
    entries: list[dict[str, str]] = []
    for source in dataset.sources.values():
        url = url_of[page_path("sources", source.id)]
        about = [
            source.outlet.name or "outlet unknown",
            f"reliability {source.reliability}: {GRADES[source.reliability]}",
            source.kind,
            *(f"cites {dataset.origins[cite].name}" for cite in source.cites),
        ]
        entries.append(_entry(url, source.title, " · ".join(about)))
        text = dataset.originals[source.id]
        if source.rights != "full text":  # only what the page shows: the quoted passages
            shown = passages(text, quotes_of(source.id, dataset))
            text = " … ".join("".join(part.text for part in passage.parts) for passage in shown)
        title = "original text" if source.rights == "full text" else "quoted passages"
        entries.append(_entry(f"{url}#{source.id}-text", f"{source.title}: {title}", text))
    for kind in ("actors", "places"):
        for entity in getattr(dataset, kind).values():
            spellings = ", ".join(entity.aliases) or "no other spelling in the sources"
            entries.append(_entry(url_of[page_path(kind, entity.id)], entity.name, f"Also written: {spellings}"))
    for event in dataset.events.values():
        actors = ", ".join(dataset.actors[a].name for a in (event.actor1, *filter(None, [event.actor2])))
        url = f"{url_of[event_pages[event.id]]}#{event.id}"
        entries.append(_entry(url, event_heading(event, dataset), f"{event.summary} ({actors}; {event.id})"))
    return entries


def _entry(location: str, title: str, text: str) -> dict[str, str]:
    return {"location": location, "title": escape(title, quote=False), "text": escape(text, quote=False)}
