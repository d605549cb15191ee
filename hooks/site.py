"""MkDocs hook: fail early on bad data, add the generated pages and the downloads, put each
generated page's set-aside HTML back as it is written (see macros/site.py), and write the search
index as shards (macros/searchindex.py)."""

from __future__ import annotations

import gc

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from macros.site import dataset_for, dump_markdown, generated_files, restore_blocks, write_downloads, write_search

_COMMAND = {"name": "build"}


def on_startup(command: str, dirty: bool) -> None:
    _COMMAND["name"] = command


@event_priority(100)  # first: before mkdocs-macros loads the dataset
def on_config(config: MkDocsConfig) -> None:
    # No cyclic garbage collection while building: a build holds millions of live objects (the
    # dataset, every page) and makes little cyclic garbage, so each full collection rescanned
    # them all for nothing (at 100,000 events the data load alone took 56 s instead of 16 s).
    # Back on when the build ends or fails.
    gc.disable()
    dataset_for(config)
    offline = config.plugins.get("material/offline")
    # Two builds go without the policy; what is published (`make build`, CI) keeps it. Opened from
    # disk, 'self' names nothing and the offline search runs its worker through an inline frame;
    # `make serve` injects an inline live-reload script into each page.
    if (offline is not None and offline.config.enabled) or _COMMAND["name"] == "serve":
        config.extra["csp"] = ""


def on_files(files: Files, config: MkDocsConfig) -> Files:
    write_downloads(config)
    for file in generated_files(config):
        files.append(file)
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """For the benchmark only: keep the page's final Markdown for the bare comparison build."""
    dump_markdown(markdown, page.file.src_uri)
    return markdown


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return restore_blocks(output, page.file.src_uri, release=True)


@event_priority(50)  # before the search plugin writes search_index.json, and the offline plugin inlines it
def on_post_build(config: MkDocsConfig) -> None:
    write_search(config)
    gc.enable()


def on_build_error(error: Exception) -> None:
    gc.enable()
