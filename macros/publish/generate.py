"""Everything a build generates from the data, made without MkDocs: the pages, the downloads, the
Atom feed, the data's search entries and the scripts the charts need.

    python -m macros.publish.generate OUT [--config mkdocs.yml] [--site-url URL] [--no-directory-urls]

writes them all into OUT, laid out as they are published: each page's Markdown at its path under
docs/ (its set-aside HTML put back), `downloads/`, `feed.xml` (for a public site_url only) and
`assets/javascripts/`; beside them `search-entries.json`, the entries the search index gets from
the data (Material's location, title and text), and `nav.yml`, the site plan's menu. The
settings come from mkdocs.yml, as a build reads them. The build's MkDocs plugin (hooks/site.py,
through macros/publish/site.py) hands the very same output to MkDocs, so a builder that runs no
plugin of ours can build from a docs copy holding this folder (README, "Portability").
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml
from yaml_env_tag import construct_env_tag

from ..core.project import PROJECT_DIR
from ..core.yamlfile import DataError
from ..derive.dataset import Dataset
from ..load.loader import load_dataset
from ..views.addresses import event_addresses
from ..views.citation import PageDates, write_citations
from ..views.eventparts import EventParts
from ..views.exports import write_exports
from ..views.forked import Forked
from ..views.pages import DEFAULT_PAGE_SIZE, Page, cited, make_pages
from ..views.regeneration import MadePages, pages_to_remake, parts_for
from ..views.render import Rendered
from ..views.search import search_entries
from ..views.siteplan import ReportTo, SitePlan, is_public, nav
from ..views.whatsnew import FEED, render_feed
from .assets import AssetError, asset_sources

SEARCH_ENTRIES = "search-entries.json"
NAV = "nav.yml"  # the site plan's menu, for a builder that runs no plugin of ours
PLUGIN = "libya-watch"  # the build's MkDocs plugin (hooks/site.py), as mkdocs.yml lists it


class SettingsError(ValueError):
    """A setting of the plugin's in mkdocs.yml that is missing or of the wrong type."""


@dataclass(frozen=True)
class Settings:
    """What the build depends on beyond the data: mkdocs.yml's values, as the build has them, each
    read here once and typed (the `libya-watch` plugin's options included), never looked up by name
    elsewhere."""

    data_dir: Path
    site_url: str | None
    site_name: str
    directory_urls: bool = True
    page_size: int = DEFAULT_PAGE_SIZE
    handling: str = ""  # the handling line on the PDF's cover and every page
    publisher: str = ""  # who publishes the briefing, as the PDF's cover names it (else site_name)
    print_full: bool = False  # `make pdf FULL=1`: the PDF prints every event, dispute, source and claim
    pdf: bool = False  # `make pdf` builds the site it prints: the front page links briefing.pdf only then
    csp: str = ""  # the policy each page carries in a <meta> (none opened from disk, or under `make serve`)
    report_to: ReportTo | None = None  # mkdocs.yml's `extra.report_errors`: where a reader reports an error

    @classmethod
    def read(cls, options: Mapping[str, Any], config: Mapping[str, Any], config_dir: Path) -> Settings:
        """From the plugin's `options` and the rest of a loaded configuration: the plugin's own
        (MkDocs' build) or mkdocs.yml read by `read_config` (`plugin_options` finds them there)."""
        directory_urls = bool(config.get("use_directory_urls", True))
        return cls(
            data_dir=config_dir / _option(options, "data_dir", str),
            site_url=config.get("site_url"),
            site_name=config["site_name"],
            directory_urls=directory_urls,
            page_size=_option(options, "timeline_page_size", int, DEFAULT_PAGE_SIZE),
            handling=_option(options, "handling", str, ""),
            publisher=_option(options, "publisher", str, config["site_name"]),
            print_full=is_on(options.get("print_full")),
            pdf=is_on(options.get("pdf")),
            # opened from disk (offline: no directory URLs), 'self' would name nothing
            csp=_option(options, "csp", str, "") if directory_urls else "",
            report_to=_report_to(config),
        )


def _report_to(config: Mapping[str, Any]) -> ReportTo | None:
    """`extra.report_errors`, the publisher's address for reports of errors (empty or left out: none)."""
    value = (config.get("extra") or {}).get("report_errors") or ""
    try:
        return ReportTo.of(value if isinstance(value, str) else repr(value))
    except ValueError as error:
        raise SettingsError(f"mkdocs.yml: extra.report_errors: {error}") from None


def is_on(value: object) -> bool:
    """A switch as `!ENV` hands an environment variable over: on for true, 1 or yes however written."""
    return str(value).lower() in {"1", "true", "yes"}


def _option(options: Mapping[str, Any], name: str, kind: type, default: Any = None) -> Any:
    """The plugin's option `name`, which must be a `kind` (given `default` when it may be left out)."""
    value = options.get(name)
    if value is None:
        value = default
    if value is None:
        raise SettingsError(f"mkdocs.yml: plugins.{PLUGIN}.{name}: required setting is missing")
    if not isinstance(value, kind) or isinstance(value, bool):
        raise SettingsError(
            f"mkdocs.yml: plugins.{PLUGIN}.{name}: expected {kind.__name__}, got {type(value).__name__} {value!r}"
        )
    return value


class Output:
    """One build's generated files, each made once, on first use, from the dataset."""

    def __init__(
        self,
        dataset: Dataset,
        settings: Settings,
        last: MadePages | None = None,
        parts_before: EventParts | None = None,
    ) -> None:
        self.dataset = dataset
        self.settings = settings
        self.last = last  # the build before's pages (`make serve`), from the same settings and templates
        self._parts_before = parts_before  # the build before's parts of each event, when kept (`make serve`)
        self.feed = is_public(settings.site_url)  # What's new links the feed only then
        # the forked child making some of the pages, when it was started before them (with the downloads)
        self.child: Forked[dict[str, Rendered]] | None = None

    @cached_property
    def plan(self) -> SitePlan:
        """Every page, which page carries each event's card, and the URL style."""
        settings = self.settings
        site = (settings.site_url or "", settings.site_name)
        return SitePlan.of(
            self.dataset, settings.page_size, settings.directory_urls, self.feed, site, settings.report_to
        )

    @cached_property
    def parts(self) -> EventParts | None:
        """Each event's parts of the files drawn from every event, kept for the next build, the
        build before's taken back where they still hold (`make serve`; views/regeneration.py)."""
        before = self._parts_before
        return None if before is None else parts_for(before, self.dataset, self.plan)

    @cached_property
    def page_dates(self) -> PageDates:
        """When what each page shows last changed: one pass over the events, asked by every
        page's "last updated" line, its citation files and the hand-written pages' ends."""
        return PageDates.of(self.dataset, self.plan, self.parts)

    @cached_property
    def remade(self) -> frozenset[str] | None:
        """The pages this build makes: after an edit inside events, those it can reach
        (views/regeneration.py), the others taken from the build before; None: every page."""
        return None if self.last is None else pages_to_remake(self.last, self.dataset, self.plan)

    @cached_property
    def made(self) -> MadePages:
        """The pages as their builders made them, before their citations."""
        child, self.child = self.child, None
        only = self.remade
        last, self.last = self.last, None  # the build before's dataset is let go with it
        return make_pages(self.dataset, self.plan, child=child, only=only, last=last)

    @cached_property
    def pages(self) -> list[Page]:
        return cited(self.made, self.page_dates)

    def feed_xml(self) -> str | None:
        """The Atom feed, or None where the site's address is this machine (see is_public)."""
        if not self.feed:
            return None
        return render_feed(self.dataset, str(self.settings.site_url), self.settings.site_name, self.plan)

    def search_entries(self) -> list[dict[str, str]]:
        return search_entries(self.dataset, self.plan, self.parts)

    def write_downloads(self, folder: Path) -> None:
        """One file at a time: held as a whole they came to 200 MB at 100,000 events."""
        folder.mkdir(parents=True, exist_ok=True)
        write_exports(self.dataset, folder, self.parts)

    def write_addresses(self, site: Path, write: Callable[[str, str], None] | None = None) -> None:
        """Each event's lasting address (views/addresses.py), at its place in the site; or handed
        to `write` by that place (`make serve` writes only the ones that changed)."""
        folders: set[Path] = set()  # offline, every address is in one folder
        settings = self.settings
        for path, html in event_addresses(self.dataset, self.plan, settings.site_name, settings.csp, self.parts):
            if write is not None:
                write(path, html)
                continue
            file = site / path
            if file.parent not in folders:
                file.parent.mkdir(parents=True, exist_ok=True)
                folders.add(file.parent)
            file.write_bytes(html.encode("utf-8"))

    def write_citations(self, site: Path) -> None:
        """Each page's and each event's citation as BibTeX and CSL-JSON, under `site`/cite/."""
        write_citations(self.dataset, self.plan, site, self.page_dates, self.parts)

    def write(self, out: Path) -> None:
        """Everything into `out`, each file at its path in the site (pages as their Markdown)."""
        texts: dict[str, str] = {page.path: page.markdown for page in self.pages}
        feed = self.feed_xml()
        if feed is not None:
            texts[FEED] = feed
        texts[SEARCH_ENTRIES] = json.dumps(self.search_entries(), ensure_ascii=False, indent=1) + "\n"
        texts[NAV] = yaml.safe_dump({"nav": nav()}, allow_unicode=True, sort_keys=False)
        for path, source in asset_sources().items():
            if isinstance(source, Path):
                (out / path).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, out / path)
            else:
                texts[path] = source
        for path, text in texts.items():
            (out / path).parent.mkdir(parents=True, exist_ok=True)
            (out / path).write_text(text, encoding="utf-8")
        self.write_downloads(out / "downloads")
        self.write_addresses(out)
        self.write_citations(out)


def read_config(path: Path) -> dict[str, Any]:
    """mkdocs.yml as MkDocs reads it, `!ENV` tags resolved (SITE_URL, LIBYA_WATCH_DATA, OFFLINE...),
    and with the offline plugin's effect: an offline build has no directory URLs."""
    loader = type("ConfigLoader", (yaml.SafeLoader,), {})
    loader.add_constructor("!ENV", construct_env_tag)
    config = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
    offline = _plugins(config).get("offline")
    if offline is not None and (offline or {}).get("enabled", True):
        config["use_directory_urls"] = False
    return config


def plugin_options(config: Mapping[str, Any]) -> Mapping[str, Any]:
    """The `libya-watch` plugin's options in mkdocs.yml as `read_config` gives it."""
    return _plugins(config).get(PLUGIN) or {}


def _plugins(config: Mapping[str, Any]) -> dict[str, Any]:
    """mkdocs.yml's plugins by name -> their options (None for a plugin listed by name alone)."""
    listed = config.get("plugins") or []
    return dict(next(iter(p.items())) if isinstance(p, dict) else (p, None) for p in listed)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m macros.publish.generate", description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="the folder to write into (created when missing)")
    parser.add_argument("--config", type=Path, default=PROJECT_DIR / "mkdocs.yml")
    parser.add_argument("--data-dir", type=Path, help=f"instead of mkdocs.yml's plugins.{PLUGIN}.data_dir")
    parser.add_argument("--site-url", help="instead of mkdocs.yml's site_url (the feed needs a public one)")
    parser.add_argument("--no-directory-urls", action="store_true", help="links as sources/x.html, as offline")
    args = parser.parse_args(argv)
    try:
        config = read_config(args.config)
        settings = Settings.read(plugin_options(config), config, args.config.resolve().parent)
        settings = replace(
            settings,
            data_dir=args.data_dir or settings.data_dir,
            site_url=args.site_url or settings.site_url,
            directory_urls=settings.directory_urls and not args.no_directory_urls,
        )
        if not settings.directory_urls:  # opened from disk, as offline: 'self' would name nothing
            settings = replace(settings, csp="")
        output = Output(load_dataset(settings.data_dir), settings)
        output.write(args.out)
    except DataError as err:
        print(err.report(), file=sys.stderr)
        return 1
    except (AssetError, SettingsError) as err:
        print(err, file=sys.stderr)
        return 1
    feed = ", the feed" if output.feed else ""
    print(f"{len(output.pages)} pages, the downloads{feed}, the assets and the search entries in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
