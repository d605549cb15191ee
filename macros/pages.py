"""The generated pages: one registry, so the hook, the tests and the print view agree.

Pages are built from the dataset alone and added to the build by the hook as generated files
(never written into docs/). Each carries `render_macros: false`: data text is never Jinja.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import limits
from .dataset import Dataset
from .disputes import build_disputes_page
from .editionpages import build_edition_pages
from .entities import build_entity_pages
from .links import Layout
from .render import Rendered, restore
from .sources import build_source_pages
from .timeline import build_timeline_pages, timeline_layout
from .whatsnew import build_whatsnew_page

DEFAULT_PAGE_SIZE = limits.TIMELINE_PAGE


@dataclass(frozen=True)
class Page:
    path: str
    source: str  # the Markdown MkDocs converts, large HTML blocks set aside as placeholders
    blocks: list[bytes]  # the blocks set aside (compressed), put back by the hook as the page is written

    @property
    def markdown(self) -> str:
        """The page with its blocks in place: what a reader gets, and what the tests compare."""
        return restore(self.source, self.blocks)


def build_pages(
    dataset: Dataset,
    page_size: int = DEFAULT_PAGE_SIZE,
    directory_urls: bool = True,
    layout: Layout | None = None,
    feed: bool = True,
) -> list[Page]:
    """Every generated page, keyed by its path under docs/ (in `layout`, when the caller has one);
    `feed` says whether What's new may point at the Atom feed (see whatsnew.publishes_feed)."""
    layout = layout or timeline_layout(dataset, page_size, directory_urls)
    rendered: dict[str, Rendered] = {}
    builders = (build_timeline_pages, build_source_pages, build_entity_pages, build_disputes_page, build_edition_pages)
    for builder in builders:
        rendered.update(builder(dataset, layout))
    rendered.update(build_whatsnew_page(dataset, layout, feed))
    return [Page(path, source, blocks) for path, (source, blocks) in rendered.items()]
