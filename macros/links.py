"""Where each generated page lives, and relative links between pages.

Pages link with relative URLs (the site works from any base path and from disk); every
address is made here so a page never spells another page's location by hand.
"""

from __future__ import annotations

import posixpath


def page_path(kind: str, key: str | None = None) -> str:
    """The source file of a generated page, e.g. sources/qatrun-second-attack.md."""
    return f"{kind}/index.md" if key is None else f"{kind}/{key}.md"


def page_url(path: str) -> str:
    """The URL MkDocs gives a page (use_directory_urls): sources/x.md -> sources/x/."""
    stem = path.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


class Links:
    """Relative links from one page: `links.to("sources", "x")`, `links.event(event_id)`."""

    def __init__(self, from_path: str, event_pages: dict[str, str]) -> None:
        self.here = page_url(from_path)
        self.event_pages = event_pages  # event id -> the timeline page that holds its card

    def url(self, path: str, anchor: str | None = None) -> str:
        target = page_url(path)
        relative = posixpath.relpath(target or ".", self.here or ".")
        relative = "" if relative == "." else relative.rstrip("/") + "/"
        if anchor:
            return f"{relative}#{anchor}" if relative else f"#{anchor}"
        return relative or "./"

    def to(self, kind: str, key: str | None = None) -> str:
        return self.url(page_path(kind, key))

    def event(self, event_id: str) -> str:
        return self.url(self.event_pages[event_id], anchor=event_id)

    def asset(self, path: str) -> str:
        """A file at the site root, e.g. downloads/events.csv."""
        return posixpath.relpath(path, self.here or ".")
