"""`make serve` rebuilds in one process, the plugin kept between builds: after an analyst's edit,
the data files saved unchanged are not read again (macros/load/loader.py LoadedFiles), the pages
whose inputs are unchanged are put back (macros/publish/rebuild.py) instead of being converted
and rendered again, and the site is byte for byte the one a fresh full build of the edited data
writes, whatever file the edit touched."""

from __future__ import annotations

import gc
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from hooks.site import LibyaWatchPlugin
from macros.core.yamlfile import DataError
from macros.load.loader import LoadedFiles, load_dataset
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
    files_reused: int | None  # the data files taken back, not read again (None: the dataset was kept whole)
    data_files: int  # the data files there are
    addresses_written: int  # the events' lasting addresses written again (the others kept as they were)


def rebuilt_after(edit, copy, tmp_path: Path, monkeypatch) -> Rebuilt:
    """A full build, `edit` to the copy, the rebuild in the same process into the same folder (as
    `make serve` does), then a fresh full build of the edited copy; the two after the edit must be
    the same site."""
    monkeypatch.setenv("LIBYA_WATCH_DATA", str(copy.data))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # the sitemap's date, in both builds
    first = serve_build(tmp_path / "rebuilt", fresh=True).build
    edit(copy)
    plugin = serve_build(tmp_path / "rebuilt")
    build = plugin.build
    rebuilt = Rebuilt(
        dict(plugin.pages.reused),
        sorted(plugin.pages.renewed),
        0,
        build.kept[0] is first.kept[0],
        None if build.dataset is first.dataset else build.files.reused,
        len(list(copy.data.rglob("*.yaml"))),
        plugin.addresses.rewritten,
    )
    serve_build(tmp_path / "full", fresh=True)
    assert_same_site(tmp_path / "rebuilt", tmp_path / "full")
    return replace(rebuilt, pages=len(list((tmp_path / "full").rglob("*.html"))))


def replacing(name: str, old: str, new: str):
    """An analyst's edit: `old` replaced by `new` in data/`name`."""
    return lambda copy: copy.edit(name, old, new)


def test_a_rebuild_after_one_events_edit_reuses_the_untouched_pages_and_equals_a_full_build(
    briefing_copy, tmp_path, monkeypatch
):
    edit = replacing("events.yaml", "Muammar Gaddafi, who was killed.", "Muammar Gaddafi, who was killed (edited).")
    rebuilt = rebuilt_after(edit, briefing_copy, tmp_path, monkeypatch)
    assert 0 < rebuilt.reused["written"] < rebuilt.pages  # pages put back, the edited event's written again
    assert "timeline/index.md" in rebuilt.renewed
    assert not rebuilt.generated_reused  # the data changed: every generated page made again
    assert rebuilt.files_reused == rebuilt.data_files - 1  # only events.yaml read again
    assert rebuilt.addresses_written == 1  # the edited event's lasting address alone
    assert b"was killed (edited)" in b"".join(tree(tmp_path / "rebuilt").values())


def test_a_rebuild_after_one_sources_edit_reads_that_file_alone_and_equals_a_full_build(
    briefing_copy, tmp_path, monkeypatch
):
    edit = replacing("sources.yaml", "from southern Libya\n", "from southern Libya (edited)\n")
    rebuilt = rebuilt_after(edit, briefing_copy, tmp_path, monkeypatch)
    assert rebuilt.files_reused == rebuilt.data_files - 1
    assert "sources/comeback-from-southern-libya.md" in rebuilt.renewed


def test_a_data_file_saved_unchanged_rebuilds_nothing_and_equals_a_full_build(briefing_copy, tmp_path, monkeypatch):
    """The data is kept by its content, not its files' times: a save without a change derives
    and generates nothing again, and writes no page anew."""

    def edit(copy: FixtureCopy) -> None:
        events = copy.data / "events.yaml"
        events.write_bytes(events.read_bytes())

    rebuilt = rebuilt_after(edit, briefing_copy, tmp_path, monkeypatch)
    assert rebuilt.generated_reused and rebuilt.files_reused is None
    assert rebuilt.renewed == [] and rebuilt.addresses_written == 0


def test_a_rebuild_after_an_actors_rename_equals_a_full_build(briefing_copy, tmp_path, monkeypatch):
    """An edit whose reach is unclear (an actor's name appears across pages): whatever the cache
    reuses, the site is the full build's."""

    edit = replacing("actors.yaml", "name: Islamic State\n", "name: Islamic State (renamed)\n")
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


def test_a_changed_setting_generates_every_page_again_and_equals_a_full_build(briefing_copy, tmp_path, monkeypatch):
    """A change beyond the data (here the print page's setting, read from the environment by
    mkdocs.yml) is not something the kept pages are keyed by: they are all made again."""

    def edit(copy: FixtureCopy) -> None:
        monkeypatch.setenv("LIBYA_WATCH_PRINT_FULL", "true")

    rebuilt = rebuilt_after(edit, briefing_copy, tmp_path, monkeypatch)
    assert not rebuilt.generated_reused and rebuilt.files_reused is None  # the same data: the dataset kept


def test_a_rebuild_after_a_failed_one_equals_a_full_build(briefing_copy, tmp_path, monkeypatch):
    """A save that breaks the data fails its build; the fix's rebuild keeps nothing it should not."""
    monkeypatch.setenv("LIBYA_WATCH_DATA", str(briefing_copy.data))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    serve_build(tmp_path / "rebuilt", fresh=True)
    old = "summary: The 2011 uprising toppled Muammar Gaddafi, who was killed."
    briefing_copy.edit("events.yaml", old, old.replace("summary:", "sumary:"))
    with pytest.raises(Abort):
        serve_build(tmp_path / "rebuilt")
    briefing_copy.edit("events.yaml", "sumary:", "summary:")
    briefing_copy.edit("actors.yaml", "name: Islamic State\n", "name: Islamic State (renamed)\n")
    serve_build(tmp_path / "rebuilt")
    serve_build(tmp_path / "full", fresh=True)
    assert_same_site(tmp_path / "rebuilt", tmp_path / "full")


def test_a_load_takes_back_the_files_saved_unchanged_and_equals_a_fresh_load(fixture_copy):
    files = LoadedFiles()
    before = load_dataset(fixture_copy.data, files=files)
    fixture_copy.edit("events.yaml", "killed a soldier", "killed a soldier (edited)")
    after = load_dataset(fixture_copy.data, files=files)
    assert files.reused == len(list(fixture_copy.data.glob("*.yaml"))) - 1
    assert after == load_dataset(fixture_copy.data)
    assert after.actors["lna"] is before.actors["lna"]  # taken back, not validated again
    assert after.events != before.events


def test_a_problem_in_a_file_taken_back_is_reported_as_a_fresh_load_reports_it(fixture_copy):
    """A cross-record problem found in an unchanged file names its line as before; a file with a
    problem of its own is never kept, so it is reported on every load."""
    files = LoadedFiles()
    load_dataset(fixture_copy.data, files=files)
    fixture_copy.edit("actors.yaml", "- id: umm-al-aranib-brigade\n", "- id: umm-al-aranib\n")
    for _ in range(2):
        with pytest.raises(DataError) as taken_back:
            load_dataset(fixture_copy.data, files=files)
        with pytest.raises(DataError) as fresh:
            load_dataset(fixture_copy.data)
        assert taken_back.value.report() == fresh.value.report()
        assert "data/events.yaml:33: LBY0002.actor2: unknown actor" in taken_back.value.report()
    fixture_copy.edit("events.yaml", "summary: Fixture event at month precision.", "summary: 7")
    for _ in range(2):
        with pytest.raises(DataError) as broken:
            load_dataset(fixture_copy.data, files=files)
        assert "summary" in broken.value.report()


def test_a_rebuild_that_moves_every_address_leaves_none_behind_and_equals_a_full_build(
    briefing_copy, tmp_path, monkeypatch
):
    """Built to open from disk, each lasting address is a file of its own instead of a folder's
    index: every address is written again, and the last build's removed with their folders."""

    def edit(copy: FixtureCopy) -> None:
        monkeypatch.setenv("OFFLINE", "true")

    rebuilt = rebuilt_after(edit, briefing_copy, tmp_path, monkeypatch)
    assert rebuilt.addresses_written == len(list((tmp_path / "full" / "events").iterdir()))
    assert [path for path in (tmp_path / "rebuilt" / "events").iterdir() if path.is_dir()] == []
