"""Glue between MkDocs and the data core: which dataset a build uses, and its generated files.

The only module here that knows MkDocs; renderers stay plain functions, models in, text out.
A data mistake becomes a PluginError, which MkDocs prints as the loader's file:line list
without a traceback, and the build stops before anything is published.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

from .assets import asset_files
from .dataset import Dataset
from .exports import write_exports
from .links import Layout
from .loader import load_dataset_cached
from .pages import DEFAULT_PAGE_SIZE, build_pages
from .render import restore
from .search import search_entries, spellings
from .searchindex import write_search_index
from .timeline import timeline_layout
from .whatsnew import FEED, publishes_feed, render_feed
from .yamlfile import DataError

log = logging.getLogger("mkdocs.plugins.libya_watch")


def dataset_for(config: MkDocsConfig) -> Dataset:
    """The dataset named by `extra.data_dir` (relative to mkdocs.yml), loaded once and cached."""
    data_dir = Path(config.config_file_path).parent / config.extra["data_dir"]
    try:
        return load_dataset_cached(data_dir)
    except DataError as err:
        raise PluginError(err.report()) from None


def layout_for(config: MkDocsConfig, dataset: Dataset) -> Layout:
    """Where each event's card lives in this build: its page size and its URL style."""
    page_size = int(config.extra.get("timeline_page_size", DEFAULT_PAGE_SIZE))
    return timeline_layout(dataset, page_size, config.use_directory_urls)


def generated_files(config: MkDocsConfig) -> list[File]:
    """Files the build adds beside docs/: the data pages, the feed and the assets; the pages'
    search entries go to the search plugin from the data (macros/search.py); the downloads are
    written straight into the site (`write_downloads`)."""
    dataset = dataset_for(config)
    layout = layout_for(config, dataset)
    feed = config.extra["feed"] = publishes_feed(config.site_url)  # the theme links it only then
    pages = build_pages(dataset, layout=layout, feed=feed)
    _BLOCKS.clear()
    _BLOCKS.update((page.path, page.blocks) for page in pages)
    files = [File.generated(config, page.path, content=page.source) for page in pages]
    search = config.plugins.get("material/search")
    if search is not None and search.config.enabled:
        url_of = {file.src_uri: file.url for file in files}
        search.search_index.entries.extend(search_entries(dataset, url_of, layout.event_pages, pages))
    if feed:
        files.append(
            File.generated(config, FEED, content=render_feed(dataset, config.site_url, config.site_name, layout))
        )
    else:  # not a warning: --strict would stop `make serve` on it
        log.info("No Atom feed: site_url %s is this machine; set site_url in mkdocs.yml or SITE_URL", config.site_url)
    return files + asset_files(config)


_BLOCKS: dict[str, list[bytes]] = {}  # generated page -> its HTML blocks set aside from Markdown


def restore_blocks(html: str, src_uri: str, release: bool = False) -> str:
    """A generated page's HTML with the blocks that skipped Markdown put back; with `release`,
    the blocks are let go. The hook calls it as each page is written, not after Markdown:
    MkDocs holds every page's HTML to the end of the build, and so would hold every block."""
    blocks = _BLOCKS.pop(src_uri, None) if release else _BLOCKS.get(src_uri)
    return restore(html, blocks) if blocks else html


def write_downloads(config: MkDocsConfig) -> None:
    """The downloads, written straight into the site (MkDocs has cleaned it by `on_files`), one
    at a time: as generated files they came to 200 MB at 100,000 events, held to the build's end."""
    folder = Path(config.site_dir) / "downloads"
    folder.mkdir(parents=True, exist_ok=True)
    write_exports(dataset_for(config), folder)


def dump_markdown(markdown: str, src_uri: str) -> None:
    """With LIBYA_WATCH_DUMP_MARKDOWN set (the benchmark), write each page's final Markdown, its
    set-aside blocks put back, so bare mkdocs-material can build the very same pages."""
    folder = os.environ.get("LIBYA_WATCH_DUMP_MARKDOWN")
    if not folder:
        return
    target = Path(folder) / src_uri
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(restore_blocks(markdown, src_uri), encoding="utf-8")


def write_search(config: MkDocsConfig) -> None:
    """Every search entry (the prose pages' and the data's) into the prebuilt, sharded index the
    search worker reads; the search plugin is left none, so its search_index.json, which the
    theme fetches on every page, holds only its settings."""
    search = config.plugins.get("material/search")
    if search is None or not search.config.enabled:
        return
    groups = spellings(dataset_for(config))  # any spelling finds what the others find
    write_search_index(search.search_index.entries, Path(config.site_dir) / "search", groups)
    search.search_index.entries = []
