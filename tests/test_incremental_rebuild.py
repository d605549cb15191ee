"""`make serve` rebuilds in one process, the plugin kept between builds: after an analyst's edit,
the pages whose inputs are unchanged are put back (macros/publish/rebuild.py) instead of being
converted and rendered again, and the site is byte for byte the one a fresh full build of the
edited data writes, whatever file the edit touched."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from hooks.site import LibyaWatchPlugin
from macros.publish.generate import PLUGIN
from tests.conftest import PROJECT

pytestmark = pytest.mark.build


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


def rebuilt_after(edit, copy, tmp_path: Path, monkeypatch) -> tuple[dict[str, int], int]:
    """A full build, `edit` to the data, the rebuild in the same process, then a fresh full build
    of the edited data; the two after the edit must be the same site. Returns how many pages the
    rebuild put back, and how many pages the site has."""
    monkeypatch.setenv("LIBYA_WATCH_DATA", str(copy.data))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # the sitemap's date, in both builds
    serve_build(tmp_path / "first", fresh=True)
    edit(copy.data)
    plugin = serve_build(tmp_path / "rebuilt")
    reused = dict(plugin.pages.reused)
    serve_build(tmp_path / "full", fresh=True)
    assert_same_site(tmp_path / "rebuilt", tmp_path / "full")
    return reused, len(list((tmp_path / "full").rglob("*.html")))


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_rebuild_after_one_events_edit_reuses_the_untouched_pages_and_equals_a_full_build(
    briefing_copy, tmp_path, monkeypatch
):
    def edit(data: Path) -> None:
        old = "summary: The 2011 uprising toppled Muammar Gaddafi, who was killed."
        replace_in(data / "events.yaml", old, old.replace("was killed", "was killed (edited)"))

    reused, pages = rebuilt_after(edit, briefing_copy, tmp_path, monkeypatch)
    assert 0 < reused["written"] < pages  # some pages put back, the edited event's written again
    assert b"was killed (edited)" in b"".join(tree(tmp_path / "rebuilt").values())


def test_a_rebuild_after_an_actors_rename_equals_a_full_build(briefing_copy, tmp_path, monkeypatch):
    """An edit whose reach is unclear (an actor's name appears across pages): whatever the cache
    reuses, the site is the full build's."""

    def edit(data: Path) -> None:
        replace_in(data / "actors.yaml", "name: Islamic State\n", "name: Islamic State (renamed)\n")

    reused, pages = rebuilt_after(edit, briefing_copy, tmp_path, monkeypatch)
    assert reused["written"] < pages - 1  # the pages naming the actor were written again
