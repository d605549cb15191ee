"""Glue between MkDocs and the data core: one build's dataset, generated files and set-aside state.

With rebuild.py (what `make serve` keeps between builds) the only modules that import MkDocs;
renderers stay plain functions, models in, text out.
A data mistake becomes a PluginError, which MkDocs prints as the loader's file:line list
without a traceback, and the build stops before anything is published.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel

from ..core.yamlfile import DataError
from ..load.loader import LoadedFiles, data_fingerprint, load_dataset
from ..views import printview
from ..views.charts import carry_charts
from ..views.eventparts import EventParts
from ..views.forked import Forked
from ..views.links import Links
from ..views.pages import FORK_FROM_EVENTS, Page, forked_sections
from ..views.regeneration import MadePages
from ..views.render import TEMPLATE_DIR, restore
from ..views.search import spellings
from ..views.siteplan import SECTIONS, in_nav
from ..views.whatsnew import FEED
from .assets import AssetError, asset_sources
from .generate import PLUGIN, Output, Settings
from .rebuild import KeptFiles
from .searchindex import KnownEntries, write_search_index

log = logging.getLogger("mkdocs.plugins.libya_watch")


@dataclass(frozen=True)
class MacroPage:
    """What a macro needs of the page it fills: the links from it, and whether it is the print
    page (whose links point into the PDF, and which prints every chart in a part of its own)."""

    links: Links
    printed: bool


class Build:
    """One MkDocs build's state, kept on one object as Material's plugins keep theirs: the typed
    settings, the dataset, the generated output (each made once), the HTML set aside from the
    generated pages until each page is written, and the data's search entries until the index is.

    The `libya-watch` plugin (hooks/site.py) makes one per build in its `on_config`, from the
    settings it has read, handing it the one before, whose dataset is reused while no data or seed
    file's content has changed (`make serve` rebuilds); the macros ask the plugin for it
    (`Build.of`). With `keep` (`make serve`), the generated pages and the data's search entries
    are kept too, and the next build reuses them while the data and the settings are unchanged
    (an edit to the prose or the styles rebuilds without deriving or generating a page again);
    when the data has changed, each data file's records are taken back unless its bytes changed
    (`LoadedFiles`): the edited file alone is parsed and validated again; and where the settings
    and templates are unchanged and the edit is inside events, only the generated pages it can
    reach are made again, the others taken from the build before (`made`,
    views/regeneration.py), and each event's parts of the files drawn from every event
    (downloads, citation files, addresses, search entries) are taken back for an unchanged event
    (`parts`, views/eventparts.py)."""

    def __init__(
        self, config: MkDocsConfig, settings: Settings, previous: Build | None = None, keep: bool = False
    ) -> None:
        self.config = config
        self.settings = settings
        self.keep = keep
        self.kept: tuple[list[Page], list[dict[str, str]]] | None = None  # pages, search entries
        self.made: MadePages | None = None  # the generated pages as made, for the next build (`keep`)
        # the data files' records, kept from build to build by `make serve` (see LoadedFiles)
        kept_files = previous.files if previous is not None else None
        self.files: LoadedFiles | None = (kept_files or LoadedFiles()) if keep else None
        self.fingerprint = data_fingerprint(settings.data_dir)
        self.templates = _templates_fingerprint() if keep else ()  # what the kept pages were rendered with
        same_setup = previous is not None and previous.settings == settings and previous.templates == self.templates
        # the build before's pages, made with the same settings and templates
        last = previous.made if keep and same_setup and previous is not None else None
        if previous is not None and previous.fingerprint == self.fingerprint:
            self.dataset = previous.dataset
            if last is not None:
                self.kept, self.made, last = previous.kept, last, None
        else:
            try:
                self.dataset = load_dataset(settings.data_dir, files=self.files)
            except DataError as err:
                raise PluginError(err.report()) from None
            if last is not None and previous is not None:
                carry_charts(previous.dataset, self.dataset)  # kept where the edit was to prose alone
        self.blocks: dict[str, list[bytes]] = {}  # generated page -> its HTML blocks set aside from Markdown
        self.search_entries: list[dict[str, str]] = []  # the data's, until the index is written
        # the search entries the last build indexed (`make serve`): only the changed are read again
        kept_index = previous.indexed if previous is not None else None
        self.indexed: KnownEntries | None = (kept_index or KnownEntries()) if keep else None
        # each event's parts of the files drawn from every event (`make serve`, eventparts.py): the
        # last build's that made them, unless the settings or templates changed since
        kept_parts = previous.parts if previous is not None and same_setup else None
        self.parts: EventParts | None = (kept_parts or EventParts()) if keep else None
        self._downloads: Forked[dict | None] | None = None  # the child writing the downloads (`write_downloads`)
        self._last = last  # what `output` makes only the pages an edit reaches from

    @classmethod
    def of(cls, config: MkDocsConfig) -> Build:
        """The build the `libya-watch` plugin made for `config` (mkdocs-macros' `env.conf`). Never
        a second one: without the plugin, or before its `on_config` has run for `config`, an error."""
        plugin = config.plugins.get(PLUGIN)
        if plugin is None:
            raise PluginError(f"mkdocs.yml: plugins: {PLUGIN} is missing; the macros read the build it makes")
        build = getattr(plugin, "build", None)
        if not isinstance(build, cls) or build.config is not config:
            raise PluginError(f"The {PLUGIN} plugin has made no build for this configuration (no on_config yet)")
        return build

    @cached_property
    def output(self) -> Output:
        last, self._last = self._last, None
        output = Output(self.dataset, self.settings, last, self.parts)
        if output.parts is not None:
            self.parts = output.parts  # the next build's to take back from
        return output

    def page(self, src_uri: str) -> MacroPage:
        """The page `src_uri` as a macro sees it: the one place that asks whether it is the print page."""
        if src_uri == printview.PAGE:
            return MacroPage(self.print_links, printed=True)
        return MacroPage(Links(src_uri, self.output.plan), printed=False)

    @cached_property
    def print_links(self) -> Links:
        """The print page's links, made once: each makes a map of every event."""
        return printview.print_links(self.dataset, self.output.plan, self.settings.print_full)

    def generated_files(self) -> list[File]:
        """The generated output (macros/publish/generate.py) as files beside docs/: the data pages, the feed
        and the assets. The pages' search entries are kept for the index, made from the data
        (macros/views/search.py); the downloads are written straight into the site (`write_downloads`)."""
        config, output = self.config, self.output
        pages, entries = self.kept if self.kept is not None else (output.pages, None)
        made = output.__dict__.pop("made", None)  # the pages as made, before their citations: let go
        if self.keep:  # unless `make serve` makes the next build's from them
            self.made = self.made or made
        self.blocks = {page.path: page.blocks for page in pages}
        files = [File.generated(config, page.path, content=page.source, inclusion=_inclusion(page.path))
                 for page in pages]  # fmt: skip
        if _search_plugin(config) is not None:
            self.search_entries = entries if entries is not None else output.search_entries()
        if self.keep:
            self.kept = (pages, list(self.search_entries))
        output.__dict__.pop("pages", None)  # let the pages go: MkDocs has their sources, their blocks wait here
        feed = output.feed_xml()
        if feed is not None:
            files.append(File.generated(config, FEED, content=feed))
        else:  # not a warning: --strict would stop `make serve` on it
            log.info(
                "No Atom feed: site_url %s is this machine; set site_url in mkdocs.yml or SITE_URL", config.site_url
            )
        try:
            assets = asset_sources()
        except AssetError as err:
            raise PluginError(str(err)) from None
        return files + [_file(config, path, source) for path, source in assets.items()]

    def restore_blocks(self, html: str, src_uri: str, release: bool = False) -> str:
        """A generated page's HTML with the blocks that skipped Markdown put back; with `release`,
        the blocks are let go. The plugin calls it as each page is written, not after Markdown:
        MkDocs holds every page's HTML to the end of the build, and so would hold every block."""
        blocks = self.blocks.pop(src_uri, None) if release else self.blocks.get(src_uri)
        return restore(html, blocks) if blocks else html

    def write_downloads(self) -> None:
        """The downloads and citation files, written straight into the site (MkDocs has cleaned it
        by `on_files`), one at a time: as generated files they came to 200 MB at 100,000 events,
        held to the build's end. From FORK_FROM_EVENTS events a forked child writes them, then
        makes the pages it makes (views/pages.py `forked_sections`), while this process makes the
        others; the child is awaited with the pages, and the addresses written after it (written
        while it ran, the parent's copy-on-write faults cost more than the overlap gained: 14.3 to
        16.5 s against 16.2 to 17.8 s in alternating 10,000-event builds, session 10);
        under `make serve` a child writes only the downloads and citation files while this
        process makes the pages, writes the addresses and MkDocs renders the pages, awaited when
        the pages are written (`downloads_written`), and hands back each event's parts of them
        (views/eventparts.py); a rebuild that can take those back (an edit inside events) makes
        the edited events' parts alone and writes the files itself, with no child."""
        site, output = Path(self.config.site_dir), self.output
        output.page_dates  # noqa: B018 - worked out before the fork: the pages' ends need them too

        parts = output.parts

        def write() -> None:
            output.write_downloads(site / "downloads")
            output.write_citations(site)

        def write_and_hand() -> dict | None:
            write()
            return None if parts is None else parts.handed()  # what a child made, for the next build

        if len(self.dataset.events) < FORK_FROM_EVENTS or (parts is not None and parts.trusted):
            write()  # few events, or only the edited events' parts to make
        elif self.kept is None and output.remade is None and parts is None:
            output.child = forked_sections(self.dataset, output.plan, write)
        else:
            self._downloads = Forked(write_and_hand)

    def downloads_written(self, stop: bool = False) -> None:
        """Wait for the child writing only the downloads, if there is one: its error is this
        build's; with `stop` (the build failed), it is stopped instead."""
        downloads, self._downloads = self._downloads, None
        if downloads is not None:
            with downloads:
                handed = None if stop else downloads.result()
            if handed is not None and self.output.parts is not None:
                self.output.parts.take(handed)

    def write_addresses(self, files: Files, kept: KeptFiles | None = None) -> None:
        """Each event's lasting address, written straight into the site: small pages outside
        MkDocs' theme, the menu and the sitemap (instant navigation leaves them to the browser).
        With `kept` (`make serve`), the last build's are put back and only the changed written."""
        try:
            if kept is None:
                self.output.write_addresses(Path(self.config.site_dir))
            else:
                kept.put_back(files)
                self.output.write_addresses(Path(self.config.site_dir), kept.write)
        except BaseException:
            if self.output.child is not None:  # no page will be asked of it: stopped
                with self.output.child:
                    self.output.child = None
            raise

    def dump_markdown(self, markdown: str, src_uri: str) -> None:
        """With LIBYA_WATCH_DUMP_MARKDOWN set (the benchmark), write each page's final Markdown, its
        set-aside blocks put back, so bare mkdocs-material can build the very same pages."""
        folder = os.environ.get("LIBYA_WATCH_DUMP_MARKDOWN")
        if not folder:
            return
        target = Path(folder) / src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(self.restore_blocks(markdown, src_uri), encoding="utf-8")

    def write_search(self) -> None:
        """Every search entry, the data's and then the prose pages', into the prebuilt, sharded
        index the search worker reads. The search plugin is left none, so its search_index.json,
        which the theme fetches on every page, holds only its settings."""
        search = _search_plugin(self.config)
        if search is None:
            return
        entries = [*self.search_entries, *search.search_index.entries]
        groups = spellings(self.dataset)  # any spelling finds what the others find
        write_search_index(entries, Path(self.config.site_dir) / "search", groups, self.indexed)
        search.search_index.entries = []
        self.search_entries = []


def plan_hand_written(files: Files) -> None:
    """The hand-written pages the site plan keeps out of the menu (the print page) are kept out
    without a word: MkDocs would log each page that is in no menu."""
    for section in SECTIONS:
        file = files.get_file_from_path(section.first)
        if not section.generated and file is not None:
            file.inclusion = _inclusion(section.first)


def _templates_fingerprint() -> tuple:
    """The views' templates, each with its size and modification time: a page made from a
    template edited since (`make serve` watches macros/) is not reused."""
    return tuple(sorted((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in TEMPLATE_DIR.rglob("*")))


def _inclusion(path: str) -> InclusionLevel:
    return InclusionLevel.UNDEFINED if in_nav(path) else InclusionLevel.NOT_IN_NAV


def _search_plugin(config: MkDocsConfig):
    """Material's search plugin when it is on: the only place its index (the prose pages'
    entries, which it gathers as they are written) is read and emptied."""
    search = config.plugins.get("material/search")
    return search if search is not None and search.config.enabled else None


def _file(config: MkDocsConfig, path: str, source: Path | str) -> File:
    """A file to copy (a Path) or a text, at `path` in the site."""
    if isinstance(source, Path):
        return File.generated(config, path, abs_src_path=str(source))
    return File.generated(config, path, content=source)
