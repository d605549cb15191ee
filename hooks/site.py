"""The `libya-watch` MkDocs plugin (registered by pyproject.toml's entry point): fails early on bad
data, adds the generated pages and the downloads, puts each generated page's set-aside HTML back as
it is written, writes the search index as shards (macros/publish/searchindex.py) and gives the
theme the page head's settings. Its options are typed (`LibyaWatchConfig`) and read once into the
build's `Settings`; each build's state is one `Build` (macros/publish/site.py), which the plugin
owns and the macros ask it for (`Build.of`), as Material's blog plugin keeps its config and state."""

from __future__ import annotations

import gc
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

from jinja2 import ChoiceLoader, DictLoader, Environment
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from macros.publish.generate import Settings, SettingsError, is_on
from macros.publish.rebuild import CACHED_TEMPLATE, KeptFiles, PageCache
from macros.publish.site import Build, plan_hand_written
from macros.views.pages import DEFAULT_PAGE_SIZE
from macros.views.siteplan import EVENT_ADDRESS, ReportTo, nav


class Switch(c.BaseConfigOption[bool]):
    """On or off, given as `!ENV` hands an environment variable over ("true", "1", "yes": on)."""

    def __init__(self, default: bool = False) -> None:
        super().__init__()
        self.default = default

    def run_validation(self, value: object) -> bool:
        return is_on(value)


class LibyaWatchConfig(Config):
    """The plugin's options in mkdocs.yml (`plugins: - libya-watch:`), each typed."""

    data_dir = c.Type(str)  # the dataset to build from, relative to mkdocs.yml
    handling = c.Type(str, default="")  # the handling line on the PDF's cover and every page
    publisher = c.Optional(c.Type(str))  # who publishes the briefing, as the PDF's cover names it (else site_name)
    print_full = Switch(default=False)  # `make pdf FULL=1`: every event, dispute, source and claim printed
    pdf = Switch(default=False)  # `make pdf`: the site it prints links briefing.pdf (else the print view)
    csp = c.Type(str, default="")  # the Content-Security-Policy every published page carries in a <meta>
    timeline_page_size = c.Type(int, default=DEFAULT_PAGE_SIZE)  # up to this many events, one timeline page


@dataclass(frozen=True)
class PageHead:
    """What the theme's overrides put in each page: the policy and the feed's link in its head
    (`main.html`), where to report an error in its footer (`partials/copyright.html`)."""

    csp: str
    feed: bool
    report_to: ReportTo | None = None


class LibyaWatchPlugin(BasePlugin[LibyaWatchConfig]):
    """Each build's state, on the plugin MkDocs calls as Material's plugins keep theirs: the command
    and the current build (the one before it while `make serve` starts the next). Under `make
    serve` it also keeps the last build's pages (`PageCache`, macros/publish/rebuild.py): MkDocs
    keeps the plugin between builds, and a page whose inputs are unchanged is put back instead of
    being converted from Markdown and rendered by the theme again; the events' lasting addresses
    are kept in the site and only the changed ones written (`KeptFiles`)."""

    def __init__(self) -> None:
        self.command = "build"
        self.build: Build | None = None
        self.pages: PageCache | None = None  # `make serve` only: a single build has nothing to reuse
        self.addresses: KeptFiles | None = None  # `make serve` only: the events' lasting addresses
        self.nav: Navigation | None = None

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        self.command = command
        self.pages = PageCache() if command == "serve" else None
        self.addresses = KeptFiles(EVENT_ADDRESS.split("/")[0]) if command == "serve" else None

    @event_priority(100)  # first: before mkdocs-macros asks for the build (Build.of)
    def on_config(self, config: MkDocsConfig) -> None:
        # No cyclic garbage collection while building: a build holds millions of live objects (the
        # dataset, every page) and makes little cyclic garbage, so each full collection rescanned
        # them all for nothing (at 100,000 events the data load alone took 56 s instead of 16 s).
        # Back on when the build ends or fails.
        gc.disable()
        self.build = Build(config, self._settings(config), previous=self.build, keep=self.pages is not None)
        config.nav = nav()  # the site plan's menu (macros/views/siteplan.py); mkdocs.yml has none

    def _settings(self, config: MkDocsConfig) -> Settings:
        """The options and MkDocs' own settings, read once. The offline plugin turns directory URLs
        off in its own `on_config`, which runs after this one: its effect is taken here, as
        `python -m macros.publish.generate` takes it (`read_config`)."""
        try:
            settings = Settings.read(self.config, config, Path(config.config_file_path).parent)
        except SettingsError as err:
            raise PluginError(str(err)) from None
        if _offline(config):
            return replace(settings, directory_urls=False, csp="")
        if self.command == "serve":  # its live-reload script is inline
            return replace(settings, csp="")
        return settings

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        """Under `make serve`, before MkDocs empties the site: the lasting addresses set aside."""
        if self.addresses is not None:
            self.addresses.set_aside(Path(config.site_dir))

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        build = self._current()
        if build.settings.directory_urls != config.use_directory_urls:
            raise PluginError("use_directory_urls changed after the libya-watch plugin read it")
        plan_hand_written(files)
        build.write_downloads()
        for file in build.generated_files():
            files.append(file)
        build.write_addresses(files, self.addresses)  # once every file is known (KeptFiles.put_back)
        return files

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        """The page head's settings for the theme. Two builds go without the policy; what is
        published (`make build`, CI) keeps it. Opened from disk, 'self' names nothing and the
        offline search runs its worker through an inline frame; `make serve` injects an inline
        live-reload script into each page."""
        build = self._current()  # its settings have the policy left out for those two (`_settings`)
        head = PageHead(csp=build.settings.csp, feed=build.output.feed, report_to=build.settings.report_to)
        env.globals["libya_watch"] = head
        if self.pages is not None and self.nav is not None:
            env.loader = ChoiceLoader([DictLoader({CACHED_TEMPLATE: ""}), env.loader])
            env.bytecode_cache = self.pages.templates
            pages = [file.page for file in files.documentation_pages() if file.page is not None]
            self.pages.plan_writing(pages, self.nav, head)
        return env

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        self.nav = nav
        if self.pages is not None:
            self.pages.start(config, files)
        return nav

    @event_priority(-100)  # last: after mkdocs-macros has filled the page
    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """For the benchmark: keep the page's final Markdown for the bare comparison build. Under
        `make serve`: a page converted from the same Markdown in the last build is put back."""
        build = self._current()
        build.dump_markdown(markdown, page.file.src_uri)
        if self.pages is not None:
            self.pages.convert(page, markdown, build.blocks.get(page.file.src_uri))
        return markdown

    @event_priority(100)  # first: the page's HTML as Markdown made it, before any other plugin's change
    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if self.pages is not None:
            self.pages.converted_page(page)
        return html

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        output = self._current().restore_blocks(output, page.file.src_uri, release=True)
        return output if self.pages is None else self.pages.written_page(page, output)

    # before the search plugin writes search_index.json, and the offline plugin inlines it
    @event_priority(50)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self._current().downloads_written()
        self._current().write_search()
        if self.pages is not None:
            self.pages.succeeded()
        if self.addresses is not None:
            self.addresses.succeeded()
        gc.enable()

    def on_build_error(self, *, error: Exception) -> None:
        if self.build is not None:
            self.build.downloads_written(stop=True)
        if self.pages is not None:
            self.pages.failed()
        if self.addresses is not None:
            self.addresses.failed()
        gc.enable()

    def _current(self) -> Build:
        if self.build is None:
            raise PluginError("libya-watch: no build yet (its on_config has not run)")
        return self.build


def _offline(config: MkDocsConfig) -> bool:
    """Whether Material's offline plugin is on: a build to open from disk, without directory URLs."""
    offline = config.plugins.get("material/offline")
    return offline is not None and bool(offline.config.enabled)
