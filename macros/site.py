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

from .assets import AssetError, asset_sources
from .dataset import Dataset
from .generate import Output, Settings
from .links import Layout
from .loader import load_dataset_cached
from .render import restore
from .searchindex import write_search_index
from .whatsnew import FEED
from .yamlfile import DataError

log = logging.getLogger("mkdocs.plugins.libya_watch")


def settings_for(config: MkDocsConfig) -> Settings:
    return Settings.from_config(config, Path(config.config_file_path).parent)


def dataset_for(config: MkDocsConfig) -> Dataset:
    """The dataset named by `extra.data_dir` (relative to mkdocs.yml), loaded once and cached."""
    try:
        return load_dataset_cached(settings_for(config).data_dir)
    except DataError as err:
        raise PluginError(err.report()) from None


def layout_for(config: MkDocsConfig, dataset: Dataset) -> Layout:
    """Where each event's card lives in this build: its page size and its URL style."""
    return Output(dataset, settings_for(config)).layout


def generated_files(config: MkDocsConfig) -> list[File]:
    """The generated output (macros/generate.py) as files beside docs/: the data pages, the feed
    and the assets; the pages' search entries go to the search plugin from the data (macros/search.py);
    the downloads are written straight into the site (`write_downloads`)."""
    output = Output(dataset_for(config), settings_for(config))
    config.extra["feed"] = output.feed  # the theme links it only then
    _BLOCKS.clear()
    _BLOCKS.update((page.path, page.blocks) for page in output.pages)
    files = [File.generated(config, page.path, content=page.source) for page in output.pages]
    search = config.plugins.get("material/search")
    if search is not None and search.config.enabled:
        search.search_index.entries.extend(output.search_entries())
    feed = output.feed_xml()
    if feed is not None:
        files.append(File.generated(config, FEED, content=feed))
    else:  # not a warning: --strict would stop `make serve` on it
        log.info("No Atom feed: site_url %s is this machine; set site_url in mkdocs.yml or SITE_URL", config.site_url)
    try:
        assets = asset_sources()
    except AssetError as err:
        raise PluginError(str(err)) from None
    return files + [_file(config, path, source) for path, source in assets.items()]


def _file(config: MkDocsConfig, path: str, source: Path | str) -> File:
    """A file to copy (a Path) or a text, at `path` in the site."""
    if isinstance(source, Path):
        return File.generated(config, path, abs_src_path=str(source))
    return File.generated(config, path, content=source)


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
    Output(dataset_for(config), settings_for(config)).write_downloads(Path(config.site_dir) / "downloads")


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
    write_search_index(search.search_index.entries, Path(config.site_dir) / "search")
    search.search_index.entries = []
