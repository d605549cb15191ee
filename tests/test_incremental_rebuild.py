"""`make serve` rebuilds in one process, the plugin kept between builds: after an analyst's edit,
the pages whose inputs are unchanged are put back (macros/publish/rebuild.py) instead of being
converted and rendered again, and the site is byte for byte the one a fresh full build of the
edited data writes, whatever file the edit touched."""

from __future__ import annotations

import gc
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from hooks.site import LibyaWatchPlugin
from macros.publish.generate import PLUGIN
from macros.views import printview
from tests.conftest import PROJECT, FixtureCopy

pytestmark = pytest.mark.build


@pytest.fixture(autouse=True)
def back_to_build():
    """MkDocs keeps one plugin per process across loads of mkdocs.yml, as `make serve` needs: once
    a test here has started it as `serve`, it is started as `build` again, so the modules run after
    this one in the same worker build as `make build` does."""
    yield
    plugin = load_config(str(PROJECT / "mkdocs.yml")).plugins[PLUGIN]
    plugin.build = None
    plugin.on_startup(command="build", dirty=False)


def serve_build(site: Path, fresh: bool = False) -> LibyaWatchPlugin:
    """One build as `make serve` runs each: MkDocs loads mkdocs.yml again and keeps the plugin
    (`fresh`: started anew, as a new `make serve` would be, with nothing to reuse)."""
    config = load_config(str(PROJECT / "mkdocs.yml"), site_dir=str(site), strict=True)
    plugin = config.plugins[PLUGIN]
    if fresh:
        plugin.build = None
        config.plugins.on_startup(command="serve", dirty=False)
    try:
        build(config)
    finally:
        gc.enable()
    return plugin


def tree(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


def assert_same_site(incremental: Path, full: Path) -> None:
    built, expected = tree(incremental), tree(full)
    assert sorted(built) == sorted(expected)
    differing = [path for path in expected if built[path] != expected[path]]
    assert differing == [], f"differs from a full build: {differing[:10]}"


@dataclass(frozen=True)
class Rebuilt:
    reused: dict[str, int]  # the pages the rebuild put back: converted, written
    renewed: list[str]  # the pages it rendered anew
    pages: int  # the site's pages
    generated_reused: bool  # the generated pages kept from the build before, not made again


def rebuilt_after(edit, copy, tmp_path: Path, monkeypatch) -> Rebuilt:
    """A full build, `edit` to the copy, the rebuild in the same process, then a fresh full build
    of the edited copy; the two after the edit must be the same site."""
    monkeypatch.setenv("LIBYA_WATCH_DATA", str(copy.data))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # the sitemap's date, in both builds
    kept = serve_build(tmp_path / "first", fresh=True).build.kept
    edit(copy)
    plugin = serve_build(tmp_path / "rebuilt")
    rebuilt = Rebuilt(dict(plugin.pages.reused), sorted(plugin.pages.renewed), 0, plugin.build.kept[0] is kept[0])
    serve_build(tmp_path / "full", fresh=True)
    assert_same_site(tmp_path / "rebuilt", tmp_path / "full")
    return replace(rebuilt, pages=len(list((tmp_path / "full").rglob("*.html"))))


def test_a_rebuild_after_one_events_edit_reuses_the_untouched_pages_and_equals_a_full_build(
    briefing_copy, tmp_path, monkeypatch
):
    def edit(copy: FixtureCopy) -> None:
        old = "summary: The 2011 uprising toppled Muammar Gaddafi, who was killed."
        copy.edit("events.yaml", old, old.replace("was killed", "was killed (edited)"))

    rebuilt = rebuilt_after(edit, briefing_copy, tmp_path, monkeypatch)
    assert 0 < rebuilt.reused["written"] < rebuilt.pages  # pages put back, the edited event's written again
    assert "timeline/index.md" in rebuilt.renewed
    assert not rebuilt.generated_reused  # the data changed: every generated page made again
    assert b"was killed (edited)" in b"".join(tree(tmp_path / "rebuilt").values())


def test_a_rebuild_after_an_actors_rename_equals_a_full_build(briefing_copy, tmp_path, monkeypatch):
    """An edit whose reach is unclear (an actor's name appears across pages): whatever the cache
    reuses, the site is the full build's."""

    def edit(copy: FixtureCopy) -> None:
        copy.edit("actors.yaml", "name: Islamic State\n", "name: Islamic State (renamed)\n")

    rebuilt = rebuilt_after(edit, briefing_copy, tmp_path, monkeypatch)
    assert rebuilt.reused["written"] < rebuilt.pages - 1  # the pages naming the actor were written again


def test_a_rebuild_after_a_prose_edit_keeps_the_generated_pages_and_equals_a_full_build(
    briefing_copy, tmp_path, monkeypatch
):
    """The data unchanged: nothing is derived or generated again, and only the pages showing the
    prose (the front page, the print page) are written again."""

    def edit(copy: FixtureCopy) -> None:
        briefing = copy.root / "includes" / "briefing.md"
        briefing.write_text(briefing.read_text(encoding="utf-8").replace("## Key takeaways", "## Key points", 1))

    rebuilt = rebuilt_after(edit, briefing_copy, tmp_path, monkeypatch)
    assert rebuilt.generated_reused
    assert rebuilt.renewed == ["index.md", printview.PAGE]
