"""What `make serve` remembers from one build to the next, so a page whose inputs have not changed
is neither converted from Markdown nor rendered by the theme again.

MkDocs re-runs the whole build on every save (`mkdocs serve`); the `libya-watch` plugin instance
lives on between builds, and keeps a `PageCache`. Each page is keyed by everything its output is
made of, hashed:

- its Markdown as mkdocs-macros leaves it (for a generated page, with its set-aside blocks), its
  front matter, its path, every file's address (the links MkDocs resolves) and the settings
  (`settings_key`: mkdocs.yml, the theme's overrides, the environment the configuration reads);
- for the theme's page, also the menu: every page's title and address in the navigation, and
  the page head's settings (hooks/site.py `PageHead`).

A page whose Markdown key was seen in the last successful build gets its HTML, table of contents,
title and anchors back instead of being converted; one whose theme key was seen gets its whole
written page back instead of being rendered. After a build that failed nothing is kept, and
only the last build's pages are kept. The events' lasting addresses, which the plugin writes
straight into the site, are kept through MkDocs' emptying of it and written again only where
their text changed (`KeptFiles`). Whatever a key does not name is not trusted: after any change
to the data, it is checked and derived again (only the changed files parsed again, and only
their events checked again, see macros/load/loader.py `LoadedFiles`), and the generated pages
the change can reach are made again (macros/views/regeneration.py: all of them unless the change
is inside events), as are the changed events' parts of the downloads, citation files, addresses
and search entries (macros/views/eventparts.py); the content of each then decides what is
reused. The theme's templates are compiled once (`CompiledTemplates`).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import TableOfContents

CACHED_TEMPLATE = "libya-watch-cached.html"  # renders nothing: the page's HTML is put back whole
SETTINGS_ENVIRONMENT = ("SITE_URL", "OFFLINE", "LIBYA_WATCH_", "SOURCE_DATE_EPOCH")


def _digest(*parts: str | bytes) -> str:
    sha = hashlib.sha256()
    for part in parts:
        sha.update(part if isinstance(part, bytes) else part.encode("utf-8", "surrogatepass"))
        sha.update(b"\0")
    return sha.hexdigest()


def settings_key(config: MkDocsConfig) -> str:
    """What every page depends on beyond itself: mkdocs.yml as written, the environment variables
    it and the build read, and every file of the theme's own templates (`overrides/`)."""
    parts: list[str | bytes] = [Path(config.config_file_path).read_bytes()]
    parts += sorted(f"{k}={v}" for k, v in os.environ.items() if k.startswith(SETTINGS_ENVIRONMENT))
    custom = config.theme.custom_dir
    if custom:
        for path in sorted(Path(custom).rglob("*")):
            if path.is_file():
                parts += [path.as_posix(), path.read_bytes()]
    return _digest(*parts)


@dataclass
class Converted:
    """A page as Markdown left it: its HTML, table of contents, title and anchors."""

    content: str
    toc: TableOfContents
    title: str | None
    anchors: set[str] | None
    links_to_anchors: dict[str, dict[str, str]] | None  # by the linked file's src_uri


class CompiledTemplates(jinja2.BytecodeCache):
    """The theme's templates as Jinja compiled them in the builds before (MkDocs makes the
    theme's environment anew each build, and compiled Material's templates again each time: a
    tenth of a second). Jinja checks each template's source against the one it was compiled from."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self.compiled.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


@dataclass
class PageCache:
    """The last successful build's pages, by key; this build's, until it succeeds; and the theme's
    templates as compiled, while the settings are the same (`templates`)."""

    converted: dict[str, Converted] = field(default_factory=dict)
    written: dict[str, bytes] = field(default_factory=dict)  # theme key -> the page's HTML, compressed
    _next_converted: dict[str, Converted] = field(default_factory=dict)
    _next_written: dict[str, bytes] = field(default_factory=dict)
    _keys: dict[str, str] = field(default_factory=dict)  # src_uri -> its Markdown key, this build
    _theme_keys: dict[str, str] = field(default_factory=dict)  # src_uri -> its theme key, this build
    _site: str = ""
    reused: dict[str, int] = field(default_factory=lambda: {"converted": 0, "written": 0})
    renewed: list[str] = field(default_factory=list)  # the pages this build rendered anew (src_uri)
    templates: CompiledTemplates = field(default_factory=CompiledTemplates)
    _settings: str = ""

    def start(self, config: MkDocsConfig, files: Files) -> None:
        """A build begins (the plugin's on_nav, once every file is known): the site's key."""
        addresses = sorted(f"{f.src_uri}\t{f.dest_uri}\t{f.url}\t{f.inclusion.name}" for f in files)
        settings = settings_key(config)
        if settings != self._settings:  # the theme's environment may compile otherwise
            self.templates, self._settings = CompiledTemplates(), settings
        self._site = _digest(settings, *addresses)
        self._next_converted, self._next_written = {}, {}
        self._keys, self._theme_keys = {}, {}
        self.reused = {"converted": 0, "written": 0}
        self.renewed = []

    def convert(self, page: Page, markdown: str, blocks: list[bytes] | None) -> None:
        """Before MkDocs converts `page`: when the same Markdown was converted in the last build,
        its result is put back in place of the conversion (MkDocs calls `page.render` next)."""
        meta = json.dumps(page.meta, sort_keys=True, default=str)
        key = _digest(self._site, page.file.src_uri, meta, markdown, *(blocks or ()))
        self._keys[page.file.src_uri] = key
        found = self.converted.get(key)
        if found is None:
            return
        self.reused["converted"] += 1
        # The instance's own render, in place of Page.render for this build's page only.
        page.render = lambda config, files: _put_back(page, found, files)  # type: ignore[method-assign]

    def converted_page(self, page: Page) -> None:
        """After MkDocs converted `page` (or had it put back): kept for the next build."""
        key = self._keys.get(page.file.src_uri)
        if key is None:
            return
        links = page.links_to_anchors
        self._next_converted[key] = Converted(
            page.content or "",
            page.toc,
            page._title_from_render,
            page.present_anchor_ids,
            None if links is None else {f.src_uri: dict(anchors) for f, anchors in links.items()},
        )

    def plan_writing(self, pages: list[Page], nav: Navigation, head: Any) -> None:
        """Once every page is converted (the plugin's on_env): each page's theme key, from its
        Markdown key, its title and the menu; a page written in the last build is not rendered
        again (its template renders nothing, and `written_page` gives its HTML back)."""
        menu = _digest(repr(head), *_menu(nav.items))
        for page in pages:
            key = self._keys.get(page.file.src_uri)
            if key is None:
                continue
            theme_key = _digest(menu, key, str(page.title), str(page.meta.get("template", "")))
            self._theme_keys[page.file.src_uri] = theme_key
            if theme_key in self.written:
                page.meta["template"] = CACHED_TEMPLATE

    def written_page(self, page: Page, html: str) -> str:
        """The page's HTML as it is written: the last build's where its theme key was seen."""
        key = self._theme_keys.get(page.file.src_uri)
        if key is None:
            return html
        found = self.written.get(key)
        if found is not None:
            self.reused["written"] += 1
            html = zlib.decompress(found).decode("utf-8")
        else:
            self.renewed.append(page.file.src_uri)
        self._next_written[key] = found if found is not None else zlib.compress(html.encode("utf-8"), 1)
        return html

    def succeeded(self) -> None:
        """The build succeeded: its pages are the ones the next build may reuse."""
        self.converted, self.written = self._next_converted, self._next_written
        self._next_converted, self._next_written = {}, {}

    def failed(self) -> None:
        """Nothing is kept after a failed build (strict mode's warnings stop it only after
        on_post_build): the next build converts and renders every page, and warns again."""
        self.converted, self.written = {}, {}
        self._next_converted, self._next_written = {}, {}


@dataclass
class KeptFiles:
    """Files the plugin writes straight into the site, all in one folder of their own (each
    event's lasting address: 10,000 small pages at 10,000 events), kept through MkDocs' emptying
    of the site before each build and written again only where their text changed.

    Before MkDocs empties the site (`set_aside`, the plugin's on_pre_build) the folder is moved
    beside it; once every file of the build is known (`put_back`, on_files) it is moved back,
    unless MkDocs has a file of its own there. Each file is then written only if its text differs
    from the one the last successful build wrote there (`write`), and those this build does not
    write are removed when it succeeds (`succeeded`). After a failed build, or for another site
    folder, nothing is kept: the site is emptied as usual and every file written."""

    folder: str  # the folder in the site that holds these files and nothing else
    written: dict[str, bytes] = field(default_factory=dict)  # path in the site -> its text's digest
    site: Path | None = None  # the site they were written into
    rewritten: int = 0  # the files this build wrote (the others were kept as they were)
    _next: dict[str, bytes] = field(default_factory=dict)
    _aside: Path | None = None

    def set_aside(self, site: Path) -> None:
        self._next, self.rewritten = {}, 0
        aside = site.parent / f".{site.name}-kept-{self.folder}"
        if aside.exists():
            shutil.rmtree(aside)
        if self.written and self.site == site and (site / self.folder).is_dir():
            (site / self.folder).rename(aside)
            self._aside = aside
        else:
            self.written, self._aside = {}, None
        self.site = site

    def put_back(self, files: Files) -> None:
        aside, self._aside = self._aside, None
        if aside is None or self.site is None:
            return
        target = self.site / self.folder
        prefix = f"{self.folder}/"
        if target.exists() or any(file.dest_uri.startswith(prefix) for file in files):
            shutil.rmtree(aside)  # not this folder alone any more: nothing kept
            self.written = {}
            return
        aside.rename(target)

    def write(self, path: str, text: str) -> None:
        """`text` at `path` in the site, unless the same text is there from the last build."""
        if self.site is None or not path.startswith(f"{self.folder}/"):
            raise ValueError(f"{path} is not in the kept folder {self.folder}/ of a site")
        digest = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()
        self._next[path] = digest
        if self.written.get(path) == digest:
            return
        target = self.site / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        self.rewritten += 1

    def succeeded(self) -> None:
        """The files the last build wrote and this one did not are removed, with their folders
        left empty: the folder holds what a full build writes, no more."""
        if self.site is not None:
            top = self.site / self.folder
            for path in self.written.keys() - self._next.keys():
                target = self.site / path
                target.unlink(missing_ok=True)
                parent = target.parent
                while parent != top and parent.is_dir() and not any(parent.iterdir()):
                    parent.rmdir()
                    parent = parent.parent
        self.written, self._next = self._next, {}

    def failed(self) -> None:
        if self._aside is not None and self._aside.exists():
            shutil.rmtree(self._aside)
        self.written, self._next, self._aside = {}, {}, None


def _put_back(page: Page, found: Converted, files: Files) -> None:
    page.content = found.content
    page.toc = found.toc
    page._title_from_render = found.title
    page.present_anchor_ids = found.anchors
    if found.links_to_anchors is not None:
        linked: dict[File, dict[str, str]] = {}
        for src_uri, anchors in found.links_to_anchors.items():
            target = files.get_file_from_path(src_uri)
            if target is not None:
                linked[target] = anchors
        page.links_to_anchors = linked


def _menu(items: list, depth: int = 0):
    """Every entry of the navigation with its depth, title and address, in order."""
    for item in items:
        url = getattr(item, "url", "") or ""
        yield f"{depth}\t{type(item).__name__}\t{item.title}\t{url}"
        if isinstance(item, Section):
            yield from _menu(item.children, depth + 1)
