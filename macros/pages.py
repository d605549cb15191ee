"""The generated pages: one registry, so the hook, the tests and the print view agree.

Pages are built from the dataset alone and added to the build by the hook as generated files
(never written into docs/). Each carries `render_macros: false`: data text is never Jinja.
"""

from __future__ import annotations

from dataclasses import dataclass

from .dataset import Dataset
from .disputes import build_disputes_page
from .entities import build_entity_pages
from .sources import build_source_pages
from .timeline import build_timeline_pages, timeline_layout
from .whatsnew import build_whatsnew_page

DEFAULT_PAGE_SIZE = 150  # above this many events the timeline gets a page per year


@dataclass(frozen=True)
class Page:
    path: str
    markdown: str


def build_pages(dataset: Dataset, page_size: int = DEFAULT_PAGE_SIZE, directory_urls: bool = True) -> list[Page]:
    """Every generated page, keyed by its path under docs/."""
    layout = timeline_layout(dataset, page_size, directory_urls)
    rendered: dict[str, str] = {}
    builders = (build_timeline_pages, build_source_pages, build_entity_pages, build_disputes_page, build_whatsnew_page)
    for builder in builders:
        rendered.update(builder(dataset, layout))
    return [Page(path, markdown) for path, markdown in rendered.items()]
