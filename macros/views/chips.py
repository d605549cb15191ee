"""A page's chips (a source's or a claim's badge, an actor's or a place's link), each rendered once
per page and reused.

A timeline page of 150 events prints the same few sources' badges and the same actors' and
places' links hundreds of times; a Jinja macro call each time cost a sixth of a timeline
page's rendering. The markup stays in `templates/components.html`: this only remembers what
a macro returned for one page's links.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from ..derive.dataset import Dataset
from .citation import event_citation, render_citation
from .eventview import EventView
from .links import Links
from .render import environment


class Chips:
    """One page's chips by id, and the links (`chips.links`) and dataset they are drawn from."""

    def __init__(self, links: Links, dataset: Dataset) -> None:
        self.links = links
        self.dataset = dataset
        self._done: dict[tuple[str, str], Markup] = {}
        # once per page, not once per process: `make serve` reloads an edited template
        self._macros = environment().get_template("components.html").module
        self._records = environment().get_template("records.html").module

    def badge(self, source_id: str) -> Markup:
        """A source's grade badge, linked to its page."""
        return self._chip("source_badge", source_id, self.dataset.sources)

    def claim_badge(self, source_id: str, credibility: int | str) -> Markup:
        """A claim's badge: its source's reliability and the claim's credibility together ("C3"),
        or a range of its claims' credibility on one event ("C3–6", the print's timeline)."""
        key = ("claim_badge", f"{source_id} {credibility}")
        html = self._done.get(key)
        if html is None:
            source = self.dataset.sources[source_id]
            html = self._done[key] = self._macros.claim_badge(source, credibility, self.links)
        return html

    def cite(self, view: EventView) -> Markup:
        """An event's citation line and its files, for its card; none on the print page, whose
        links lead into the PDF (`standalone`)."""
        if self.links.standalone or self.links.prefix:
            return Markup("")
        return Markup(render_citation(event_citation(view, self.dataset, self.links.plan), self.links))

    def event_item(self, view: EventView) -> Markup:
        """An event in a list, linked to its card (records.html): a source's, its actors' and its
        place's pages list the same events, so each item is made once per link to it and reused."""
        key = ("event_item", view.event.id, self.links.event(view.event.id) or "")
        html = self.dataset.views.get(key)
        if html is None:
            html = self.dataset.views[key] = self._records.event_item(view, self)
        return html

    def actor(self, actor_id: str) -> Markup:
        """An actor's name, linked to its page."""
        return self._chip("actor_link", actor_id, self.dataset.actors)

    def place(self, place_id: str) -> Markup:
        """A place's name, linked to its page."""
        return self._chip("place_link", place_id, self.dataset.places)

    def _chip(self, macro: str, key: str, items: dict[str, Any]) -> Markup:
        html = self._done.get((macro, key))
        if html is None:
            html = self._done[(macro, key)] = getattr(self._macros, macro)(items[key], self.links)
        return html
