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
from jinja2 import DictLoader, Environment
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from hooks.site import LibyaWatchPlugin
from macros.core.yamlfile import DataError
from macros.derive.dataset import Dataset
from macros.load.loader import LoadedFiles, load_dataset
from macros.publish import site
from macros.publish.generate import PLUGIN
from macros.publish.rebuild import CompiledTemplates
from macros.views import pages, printview
from macros.views.siteplan import SECTIONS, SitePlan
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
    parts_made: int | None  # each event's parts of the downloads, citation files and dates made again
    remade: frozenset[str] | None = None  # the generated pages made again (None: every one)
    before: Dataset | None = None  # the data before the edit, and after it
    after: Dataset | None = None


def rebuilt_after(edit, copy, tmp_path: Path, monkeypatch, before=None) -> Rebuilt:
    """A full build (after `before`, an edit made first), `edit` to the copy, the rebuild in the
    same process into the same folder (as `make serve` does), then a fresh full build of the
    edited copy; the two after the edit must be the same site."""
    monkeypatch.setenv("LIBYA_WATCH_DATA", str(copy.data))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # the sitemap's date, in both builds
    if before is not None:
        before(copy)
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
        build.parts.made_again if build.parts.trusted else None,
        build.made.remade,
        first.dataset,
        build.dataset,
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


# The fixture is its edition as issued: the first change "what changed" counts (a claim's value,
# not a summary) makes every citation a working draft's, so every page is made again. An edit
# timed inside events is made to a draft, after this one.
FIRST_US_STRIKES = "      value: the first US strikes under the Trump administration\n"
DRAFT = replacing("events.yaml", FIRST_US_STRIKES, FIRST_US_STRIKES.replace("administration", "administration (draft)"))
GADDAFI_DEAD = "      party: muammar-gaddafi\n      value: 1\n      quote: overthrow and execution"
CORROBORATED = "who was killed.\n  status: corroborated\n"
# One source's figure for Gaddafi's death made different from the other's: LBY0001 disputed.
DISPUTED = "who was killed.\n  status: disputed\n  dispute_note: The two figures differ; a list would settle it.\n"


def disputing(copy: FixtureCopy) -> None:
    copy.edit("events.yaml", GADDAFI_DEAD, GADDAFI_DEAD.replace("value: 1", "value: 2"))
    copy.edit("events.yaml", CORROBORATED, DISPUTED)


def settling(copy: FixtureCopy) -> None:
    copy.edit("events.yaml", GADDAFI_DEAD.replace("value: 1", "value: 2"), GADDAFI_DEAD)
    copy.edit("events.yaml", DISPUTED, CORROBORATED)


def drafted(*edits):
    return lambda copy: [edit(copy) for edit in (DRAFT, *edits)]


def reached(rebuilt: Rebuilt, event_id: str) -> set[str]:
    """The pages an edit inside `event_id` can change, read off the fixture before and after it:
    its timeline page, the pages of its sources, of the actors it involves or quotes and of its
    place (and the towns it is described from), and every page that sums up the whole dataset
    (each section's first page, the editions')."""
    pages: set[str] = set()
    for dataset in (rebuilt.before, rebuilt.after):
        plan = SitePlan.of(dataset)
        event = dataset.events[event_id]
        actors = {event.actor1, event.actor2, *event.assoc_actors_1, *event.assoc_actors_2}
        actors |= {c.party for c in event.claims} | {
            dataset.origins[c.origin].speaker for c in event.claims if c.origin
        }
        places = {event.place, *dataset.places[event.place].towns}
        pages |= {plan.event_pages[event_id], *(f"sources/{s}.md" for s in event.source_ids)}
        pages |= {f"actors/{a}.md" for a in actors - {None}} | {f"places/{p}.md" for p in places}
        pages |= {s.first for s in SECTIONS if s.generated} | {p.path for p in plan.pages_in("editions")}
        if event_id in plan.dispute_pages:
            pages.add(plan.dispute_pages[event_id])
    return pages


def test_an_edit_inside_one_event_makes_again_only_the_pages_that_show_it_and_equals_a_full_build(
    briefing_copy, tmp_path, monkeypatch
):
    edit = replacing("events.yaml", "under the Obama administration.", "under the Obama administration (edited).")
    rebuilt = rebuilt_after(edit, briefing_copy, tmp_path, monkeypatch, before=DRAFT)
    assert rebuilt.remade == reached(rebuilt, "LBY0005")
    assert {"places/near-sirte.md", "places/sirte.md", "actors/us-military.md"} <= rebuilt.remade
    assert rebuilt.parts_made == PARTS  # the edited event's parts alone


# Each event's parts made once per build: its rows of the four downloads drawn from every event,
# its card's citation entries, the day and pages that date it, its lasting address and its
# search entry (views/eventparts.py).
PARTS = 8


def test_an_edit_inside_one_event_takes_back_the_parts_a_forked_child_made_and_equals_a_full_build(
    briefing_copy, tmp_path, monkeypatch
):
    """At scale a forked child writes the downloads and citation files; the parts it made are
    handed back, and the rebuild after an edit makes the edited event's alone."""
    monkeypatch.setattr(pages, "FORK_FROM_EVENTS", 0)
    monkeypatch.setattr(site, "FORK_FROM_EVENTS", 0)
    edit = replacing("events.yaml", "under the Obama administration.", "under the Obama administration (edited).")
    rebuilt = rebuilt_after(edit, briefing_copy, tmp_path, monkeypatch, before=DRAFT)
    assert rebuilt.parts_made == PARTS
    assert "actors/lna.md" not in rebuilt.remade and "places/derna.md" not in rebuilt.remade


@pytest.mark.parametrize(
    ("before", "edit"), [(drafted(), disputing), (drafted(disputing), settling)], ids=["makes", "ends"]
)
def test_a_figure_that_makes_or_ends_a_dispute_makes_the_disputes_again_and_equals_a_full_build(
    before, edit, briefing_copy, tmp_path, monkeypatch
):
    rebuilt = rebuilt_after(edit, briefing_copy, tmp_path, monkeypatch, before=before)
    assert rebuilt.remade == reached(rebuilt, "LBY0001")
    assert "disputes.md" in rebuilt.remade


def test_an_actor_swapped_on_an_event_makes_both_actors_pages_again_and_equals_a_full_build(
    briefing_copy, tmp_path, monkeypatch
):
    edit = replacing(
        "events.yaml", "  actor1: islamic-state\n  actor2: lna\n", "  actor1: islamic-state\n  actor2: gna\n"
    )
    rebuilt = rebuilt_after(edit, briefing_copy, tmp_path, monkeypatch, before=DRAFT)
    assert rebuilt.remade == reached(rebuilt, "LBY0008")
    assert {"actors/lna.md", "actors/gna.md"} <= rebuilt.remade


def test_an_event_moved_to_another_place_makes_both_places_pages_again_and_equals_a_full_build(
    briefing_copy, tmp_path, monkeypatch
):
    edit = replacing(
        "events.yaml",
        'doolan-regroup-2018 gives "January 2017".\n  place: near-sirte\n',
        'doolan-regroup-2018 gives "January 2017".\n  place: derna\n',
    )
    rebuilt = rebuilt_after(edit, briefing_copy, tmp_path, monkeypatch, before=DRAFT)
    assert rebuilt.remade == reached(rebuilt, "LBY0005")
    assert {"places/near-sirte.md", "places/sirte.md", "places/derna.md"} <= rebuilt.remade


def test_a_date_that_keeps_the_events_place_in_the_timeline_is_made_again_alone_and_equals_a_full_build(
    briefing_copy, tmp_path, monkeypatch
):
    edit = replacing("events.yaml", "  date: 2022-01-18\n", "  date: 2022-01-17\n")
    rebuilt = rebuilt_after(edit, briefing_copy, tmp_path, monkeypatch, before=DRAFT)
    assert rebuilt.remade == reached(rebuilt, "LBY0008")


def test_a_date_that_reorders_the_timeline_makes_every_page_again_and_equals_a_full_build(
    briefing_copy, tmp_path, monkeypatch
):
    edit = replacing("events.yaml", "  date: 2022-01-18\n", "  date: 2021-12-30\n")
    rebuilt = rebuilt_after(edit, briefing_copy, tmp_path, monkeypatch, before=DRAFT)
    assert list(rebuilt.before.events) != list(rebuilt.after.events)
    assert rebuilt.remade is None


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
    assert rebuilt.remade is None  # not an edit inside events: every generated page made again
    assert rebuilt.parts_made is None  # nor any event's parts of the downloads taken back


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


def test_a_theme_template_compiled_in_a_build_before_is_compiled_again_once_its_source_changes():
    """MkDocs makes the theme's environment anew each build; what it compiled is kept, checked
    against each template's source."""
    compiled, sources = CompiledTemplates(), {"main.html": "one"}

    def render() -> str:
        return Environment(loader=DictLoader(sources), bytecode_cache=compiled).get_template("main.html").render()

    assert render() == "one" and len(compiled.compiled) == 1
    assert render() == "one"
    sources["main.html"] = "two"
    assert render() == "two"


def split_events(copy: FixtureCopy) -> None:
    """The fixture's events from LBY0003 on moved to data/events/later.yaml, as a large dataset
    spreads its events over files: events.yaml keeps LBY0001 and LBY0002."""
    events = copy.data / "events.yaml"
    text = events.read_text(encoding="utf-8")
    cut = text.index("- id: LBY0003\n")
    (copy.data / "events").mkdir()
    (copy.data / "events" / "later.yaml").write_text(text[cut:], encoding="utf-8")
    events.write_text(text[:cut], encoding="utf-8")


def test_a_load_checks_again_only_the_events_of_the_edited_file_and_reports_as_a_fresh_load(fixture_copy):
    """The events taken back from an unchanged file keep the findings of their checks while
    nothing they are checked against changed: an error an edit brings in is reported, and so is
    one found before in an unchanged event, as a fresh load reports them."""
    split_events(fixture_copy)
    files = LoadedFiles()
    later = len(load_dataset(fixture_copy.data).events) - 2

    def loads_as_fresh(checked: int | None) -> str:
        with pytest.raises(DataError) as taken_back:
            load_dataset(fixture_copy.data, files=files)
        with pytest.raises(DataError) as fresh:
            load_dataset(fixture_copy.data)
        assert taken_back.value.report() == fresh.value.report()
        if checked is not None:
            assert files.checked.checked == checked
        return taken_back.value.report()

    load_dataset(fixture_copy.data, files=files)
    fixture_copy.edit("events/later.yaml", "- id: LBY0003\n", "- id: LBY0003\n  actor2: no-such-actor\n")
    assert "LBY0003.actor2: unknown actor 'no-such-actor'" in loads_as_fresh(checked=later)  # the edited file's
    fixture_copy.edit("actors.yaml", "- id: umm-al-aranib-brigade\n", "- id: umm-al-aranib\n")
    report = loads_as_fresh(checked=later + 2)  # another record changed: every event checked
    assert "data/events.yaml:33: LBY0002.actor2: unknown actor" in report
    fixture_copy.edit("events/later.yaml", "  actor2: no-such-actor\n", "")
    report = loads_as_fresh(checked=later)  # LBY0002's problem taken back, LBY0003's gone
    assert "LBY0002.actor2: unknown actor" in report and "no-such-actor" not in report
