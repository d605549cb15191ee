"""MkDocs hook: fail early on bad data, add the generated pages and the downloads, put each
generated page's set-aside HTML back as it is written, and write the search index as shards
(macros/publish/searchindex.py). Each build's state is one `Build` (macros/publish/site.py)."""

from __future__ import annotations

import gc

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from macros.publish.site import Build, plan_hand_written


class SiteHook:
    """The events' shared state, on the object MkDocs calls as Material's plugins keep theirs:
    the command and the current build (the one before it while `make serve` starts the next)."""

    def __init__(self) -> None:
        self.command = "build"
        self.build: Build | None = None

    def on_startup(self, command: str, dirty: bool) -> None:
        self.command = command

    @event_priority(100)  # first: before mkdocs-macros reads the dataset (Build.of)
    def on_config(self, config: MkDocsConfig) -> None:
        # No cyclic garbage collection while building: a build holds millions of live objects (the
        # dataset, every page) and makes little cyclic garbage, so each full collection rescanned
        # them all for nothing (at 100,000 events the data load alone took 56 s instead of 16 s).
        # Back on when the build ends or fails.
        gc.disable()
        self.build = Build(config, previous=self.build)
        offline = config.plugins.get("material/offline")
        # Two builds go without the policy; what is published (`make build`, CI) keeps it. Opened from
        # disk, 'self' names nothing and the offline search runs its worker through an inline frame;
        # `make serve` injects an inline live-reload script into each page.
        if (offline is not None and offline.config.enabled) or self.command == "serve":
            config.extra["csp"] = ""

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        build = Build.of(config)
        plan_hand_written(files)
        build.write_downloads()
        for file in build.generated_files():
            files.append(file)
        return files

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        """For the benchmark only: keep the page's final Markdown for the bare comparison build."""
        Build.of(config).dump_markdown(markdown, page.file.src_uri)
        return markdown

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        return Build.of(config).restore_blocks(output, page.file.src_uri, release=True)

    # before the search plugin writes search_index.json, and the offline plugin inlines it
    @event_priority(50)
    def on_post_build(self, config: MkDocsConfig) -> None:
        Build.of(config).write_search()
        gc.enable()

    def on_build_error(self, error: Exception) -> None:
        gc.enable()


_HOOK = SiteHook()
on_startup = _HOOK.on_startup
on_config = _HOOK.on_config
on_files = _HOOK.on_files
on_page_markdown = _HOOK.on_page_markdown
on_post_page = _HOOK.on_post_page
on_post_build = _HOOK.on_post_build
on_build_error = _HOOK.on_build_error
