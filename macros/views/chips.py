"""A page's chips (a source's or a claim's badge, an actor's or a place's link), each rendered once
per page and reused.

A timeline page of 150 events prints the same few sources' badges and the same actors' and
places' links hundreds of times; a Jinja macro call each time cost a sixth of a timeline
page's rendering. The markup stays in `templates/components.html`: this only remembers what
a macro returned for one page's links. A chip is its record and the link to its page, nothing
else: pages that link a record alike (the timeline's year pages, every source page) share it
(`SharedChips`, while the pages are made), made once by the first.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup

from ..derive.dataset import Dataset
from .citation import citation_line, event_citation, render_citation
from .eventview import EventView
from .links import Links
from .render import environment


@dataclass(frozen=True)
class SharedChips:
    """What pages linking a record alike share, made by the first while the pages are made and let
    go after (`Dataset.memo`, macros/views/pages.py)."""

    items: dict[tuple[str, str], Markup] = field(default_factory=dict)  # an event's list item, by its id and card link
    chips: dict[tuple[str | int, ...], Markup] = field(default_factory=dict)  # by macro, record id, args, page link


class Chips:
    """One page's chips by id, and the links (`chips.links`) and dataset they are drawn from."""

    def __init__(self, links: Links, dataset: Dataset) -> None:
        self.links = links
        self.dataset = dataset
        self._done: dict[tuple[str, str], Markup] = {}
        # once per page, not once per process: `make serve` reloads an edited template
        self._macros = environment().get_template("components.html").module
        self._records = environment().get_template("records.html").module
        self._citation = citation_line()

    def badge(self, source_id: str) -> Markup:
        """A source's grade badge, linked to its page."""
        return self._chip("source_badge", "sources", source_id)

    def claim_badge(self, source_id: str, credibility: int | str) -> Markup:
        """A claim's badge: its source's reliability and the claim's credibility together ("C3"),
        or a range of its claims' credibility on one event ("C3–6", the print's timeline)."""
        return self._chip("claim_badge", "sources", source_id, credibility)

    def cite(self, view: EventView) -> Markup:
        """An event's citation line and its files, for its card; none on the print page, whose
        links lead into the PDF (`standalone`)."""
        if self.links.standalone or self.links.prefix:
            return Markup("")
        citation = event_citation(view, self.dataset, self.links.plan)
        return Markup(render_citation(citation, self.links, self._citation))

    def event_item(self, view: EventView) -> Markup:
        """An event in a list, linked to its card (records.html): a source's, its actors' and its
        place's pages list the same events, so each item is made once per link to it and reused."""
        items = self.dataset.memo(SharedChips).items
        key = (view.event.id, self.links.event(view.event.id) or "")
        html = items.get(key)
        if html is None:
            html = items[key] = self._records.event_item(view, self)
        return html

    def actor(self, actor_id: str) -> Markup:
        """An actor's name, linked to its page."""
        return self._chip("actor_link", "actors", actor_id)

    def place(self, place_id: str) -> Markup:
        """A place's name, linked to its page."""
        return self._chip("place_link", "places", place_id)

    def _chip(self, macro: str, section: str, record_id: str, *args: int | str) -> Markup:
        """components.html's `macro` for the record `record_id` of `section` (and `args`): once
        per page, and once a build for all the pages whose link to the record is the same."""
        # a credibility as printed: the print's range "3" and a claim's 3 share this page's chip, as before
        key = (macro, record_id, *map(str, args))
        html = self._done.get(key)
        if html is None:
            chips = self.dataset.memo(SharedChips).chips
            shared = (macro, record_id, *args, self.links.to(section, record_id) or "")
            html = chips.get(shared)
            if html is None:
                record = getattr(self.dataset, section)[record_id]
                html = chips[shared] = getattr(self._macros, macro)(record, *args, self.links)
            self._done[key] = html
        return html
