"""Relative links between pages, each page's address asked of the site plan (siteplan.py).

Pages link with relative URLs (the site works from any base path and from disk); every link is
made here so a page never spells another page's location by hand. An offline build turns
directory URLs off (`sources/x.html` rather than `sources/x/`), so the plan says which.
"""

from __future__ import annotations

import posixpath
from functools import cached_property

from .siteplan import EVENT_ADDRESS, SitePlan

_ID = "\0id\0"  # an event id's place in the relative address of every event (`Links.address`)


class Links:
    """Relative links from one page: `links.to("sources", "x")`, `links.event(event_id)`.

    The combined print page holds the events and the sources itself: for it, `anchor_prefix`
    keeps its ids apart from the site's, `in_page` names the kinds it links to within itself, and
    `standalone` makes every other link None (a page the PDF does not contain is named, not linked).
    """

    def __init__(
        self,
        from_path: str,
        plan: SitePlan,
        *,
        anchor_prefix: str = "",
        in_page: tuple[str, ...] = (),
        standalone: bool = False,
    ) -> None:
        self.plan = plan
        self.here = self._url(from_path)
        self.prefix = anchor_prefix
        self.in_page = in_page
        self.standalone = standalone
        self._relative: dict[str, str] = {}
        self._assets: dict[str, str] = {}

    def anchor(self, name: str) -> str:
        """An element id on this page."""
        return f"{self.prefix}{name}"

    def _url(self, path: str) -> str:
        return self.plan.url(path)

    def _folder(self) -> str:
        return self.here if self.plan.directory_urls else posixpath.dirname(self.here)

    def url(self, path: str, anchor: str | None = None) -> str | None:
        relative = self._relative_path(path)
        if self.standalone and relative:
            return None
        if anchor:
            return f"{relative}#{anchor}"
        return relative or "./"

    def _relative_path(self, path: str) -> str:
        """The relative URL of the page at `path` ("" for this page), worked out once per page:
        a page links to the same few hundred pages thousands of times."""
        relative = self._relative.get(path)
        if relative is None:
            relative = self._relative[path] = self._relative_to(self._url(path))
        return relative

    def _relative_to(self, target: str) -> str:
        if target == self.here:
            return ""
        if self.plan.directory_urls:
            relative = _relpath(target or ".", self.here or ".")
            return "./" if relative == "." else relative.rstrip("/") + "/"
        return _relpath(target, self._folder() or ".")

    def to(self, section: str, key: str | None = None, anchor: str | None = None) -> str | None:
        """A page of a section (siteplan.SECTIONS): its first page, or the one for `key`."""
        if key is not None and section in self.in_page:
            return "#" + self.anchor(f"{section[:-1]}-{key}")
        return self.url(self.plan.path(section, key), anchor)

    def event(self, event_id: str) -> str | None:
        """An event: its card on this page, where it is here, else its lasting address (which
        sends the reader on to the card wherever the timeline holds it)."""
        page = self.plan.event_pages[event_id]
        if self._relative_path(page) == "":
            return self.url(page, anchor=self.anchor(event_id))
        return self.address(event_id)

    def address(self, event_id: str) -> str | None:
        """An event's lasting address (siteplan.EVENT_ADDRESS), even from the page holding its card.
        Every event's is another address: from a page outside their folder, the way to them is
        worked out once and the id put in it (thousands of items and cards a page)."""
        parts = self._address_parts
        if parts is None:
            return self.url(EVENT_ADDRESS.format(event_id))
        return None if self.standalone else parts[0] + event_id + parts[1]

    @cached_property
    def _address_parts(self) -> tuple[str, str] | None:
        """The relative address of any event, split where its id goes; None from a page in the
        addresses' own folder, where one of them may be this page."""
        folder = posixpath.dirname(EVENT_ADDRESS)
        if self.here == folder or self.here.startswith(folder + "/"):
            return None
        before, _, after = self._relative_to(self._url(EVENT_ADDRESS.format(_ID))).partition(_ID)
        return before, after

    def card(self, event_id: str) -> str | None:
        """An event's card where this build's timeline holds it: only its lasting address links here."""
        return self.url(self.plan.event_pages[event_id], anchor=event_id)

    def asset(self, path: str) -> str:
        """A file at the site root, e.g. downloads/events.csv; worked out once per page (every card
        on a timeline page links the page's citation files)."""
        relative = self._assets.get(path)
        if relative is None:
            relative = self._assets[path] = posixpath.relpath(path, self._folder() or ".")
        return relative


def _relpath(path: str, start: str) -> str:
    """posixpath.relpath for the site's own addresses, without its two abspath calls (each asks
    the system for the working directory: a tenth of a large build's link making). An address
    that climbs (`..`) is left to posixpath."""
    if ".." in path or ".." in start:
        return posixpath.relpath(path, start)
    target = [part for part in posixpath.normpath(path).split("/") if part and part != "."]
    here = [part for part in posixpath.normpath(start).split("/") if part and part != "."]
    common = len(posixpath.commonprefix([target, here]))
    return "/".join([".."] * (len(here) - common) + target[common:]) or "."
