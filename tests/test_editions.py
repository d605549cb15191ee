"""Editions: numbered issues whose "what changed" is a comparison of snapshots, never of typed dates."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from types import SimpleNamespace

import pytest

from macros.core.yamlfile import DataError
from macros.derive.coverage import coverage, show_years
from macros.derive.editions import changes_between
from macros.load.editions import snapshot_path
from macros.load.loader import load_dataset
from macros.views.briefing import latest_window
from tests.conftest import PROJECT, FixtureCopy
from tests.site import build_site
from tools.edition import EditionError, cut_edition

DAY1, DAY2 = dt.date(2026, 11, 23), dt.date(2026, 11, 29)


@pytest.fixture
def fixture_copy(fixture_copy: FixtureCopy) -> FixtureCopy:
    """The fixture data before any edition was issued: each test cuts its own."""
    (fixture_copy.data / "editions.yaml").unlink()
    shutil.rmtree(fixture_copy.data / "editions")
    return fixture_copy


def test_first_edition_is_numbered_one_and_has_nothing_to_compare(fixture_copy: FixtureCopy) -> None:
    number = cut_edition("First issue.", fixture_copy.data, today=DAY1)
    dataset = load_dataset(fixture_copy.data, today=DAY1)
    assert number == 1 and dataset.edition.number == 1 and dataset.edition.date == DAY1
    assert (fixture_copy.data / "editions" / "1.json").is_file()
    [view] = dataset.edition_history
    assert view.first and not view.changes
    assert not dataset.unissued  # the data is what edition 1 issued


def test_second_edition_lists_corrected_claims_figures_and_new_judgments(fixture_copy: FixtureCopy) -> None:
    cut_edition("First issue.", fixture_copy.data, today=DAY1)
    fixture_copy.edit("events.yaml", "      value: 23\n", "      value: 25\n")
    fixture_copy.edit(
        "assessments.yaml",
        "  via: Sky News Arabia\n",
        "  via: Sky News Arabia\n- id: second-judgment\n  judgment: A second judgment.\n"
        "  quote: an operation that killed 23 terrorists\n  source: qatrun-second-attack\n",
    )
    dataset = load_dataset(fixture_copy.data, today=DAY2)
    assert [c.text for c in dataset.unissued.items if c.section == "Claims"] == [
        "1 claim corrected (fatalities; one source)"
    ]
    cut_edition("Corrects a figure.", fixture_copy.data, today=DAY2)
    dataset = load_dataset(fixture_copy.data, today=DAY2)
    newest = dataset.edition_history[0]
    assert newest.edition.number == 2 and not newest.first
    texts = {(c.section, c.event, c.text) for c in newest.changes.items}
    assert ("Figures", "LBY0002", "fatalities: 22–27 → 22–29") in texts  # IS 19-23 -> 19-25, plus the army's 3-4
    assert ("Claims", "LBY0002", "1 claim corrected (fatalities; one source)") in texts
    assert ("Assessments", None, "new: A second judgment.") in texts
    assert not dataset.unissued


def test_figures_change_names_the_old_and_new_range() -> None:
    before = {"events": {"X": _event(figures={"fatalities": [19, 19, 23]})}, "sources": {}, "judgments": {}}
    after = {"events": {"X": _event(figures={"fatalities": [19, 19, 30]})}, "sources": {}, "judgments": {}}
    [change] = changes_between(before, after).items
    assert (change.section, change.event, change.text) == ("Figures", "X", "fatalities: 19–23 → 19–30")


def test_a_newly_disputed_event_and_a_new_source_are_listed() -> None:
    before = {"events": {"X": _event()}, "sources": {"a": "A"}, "judgments": {}}
    after = {"events": {"X": _event(status="disputed")}, "sources": {"a": "A", "b": "Outlet B"}, "judgments": {}}
    texts = [(c.section, c.text) for c in changes_between(before, after).items]
    assert texts == [("Disputes", "now disputed between sources"), ("Sources", "new source: Outlet B")]


def test_an_unchanged_edition_is_refused(fixture_copy: FixtureCopy) -> None:
    cut_edition("First issue.", fixture_copy.data, today=DAY1)
    with pytest.raises(EditionError, match="nothing has changed since edition 1"):
        cut_edition("Again.", fixture_copy.data, today=DAY2)
    assert not (fixture_copy.data / "editions" / "2.json").exists()


def test_a_note_over_two_lines_is_refused_and_nothing_is_written(fixture_copy: FixtureCopy) -> None:
    with pytest.raises(DataError, match="note"):
        cut_edition("word " * 100, fixture_copy.data, today=DAY1)
    assert not (fixture_copy.data / "editions.yaml").exists()
    assert not (fixture_copy.data / "editions" / "1.json").exists()


def test_editions_out_of_order_missing_snapshot_and_future_dates_are_errors(fixture_copy: FixtureCopy) -> None:
    cut_edition("First issue.", fixture_copy.data, today=DAY1)
    path = fixture_copy.data / "editions.yaml"
    path.write_text(path.read_text() + '- number: 3\n  date: 2026-11-20\n  note: "Skips two."\n')
    with pytest.raises(DataError) as caught:
        load_dataset(fixture_copy.data, today=DAY2)
    report = caught.value.report()
    line = path.read_text().splitlines().index("- number: 3") + 1
    assert f"data/editions.yaml:{line}: 3.number: expected edition 2" in report
    assert "data/editions/3.json is missing: cut editions with make edition" in report
    path.write_text(path.read_text().replace("number: 3", "number: 2").replace("2026-11-20", "2026-12-30"))
    shutil.copy(fixture_copy.data / "editions" / "1.json", fixture_copy.data / "editions" / "2.json")
    with pytest.raises(DataError, match=r"2\.date: in the future"):
        load_dataset(fixture_copy.data, today=DAY2)


def test_coverage_names_the_years_without_any_event(fixture_copy: FixtureCopy) -> None:
    dataset = load_dataset(fixture_copy.data)
    found = coverage(dataset.events.values(), dataset.sources.values(), 2022)
    assert found.years == [2016, 2022] and found.gaps == [(2017, 2021)] and found.published == (2022, 2022)
    assert show_years([(2012, 2012), (2014, 2015), (2019, 2021)]) == "2012, 2014–2015 and 2019–2021"


def test_latest_window_is_counted_in_calendar_months_back_from_the_cut_off() -> None:
    assert latest_window(dt.date(2022, 1, 31), 12) == (dt.date(2021, 2, 1), dt.date(2022, 1, 31))
    assert latest_window(dt.date(2022, 3, 31), 3) == (dt.date(2022, 1, 1), dt.date(2022, 3, 31))


@pytest.mark.build
def test_the_front_page_edition_pages_and_feed_show_each_edition(briefing_copy: FixtureCopy, tmp_path) -> None:
    """Two editions of the real data: the front page names the newest and what it changed, each
    edition has its page, and the feed has an entry per edition."""
    (briefing_copy.data / "editions.yaml").unlink(missing_ok=True)
    shutil.rmtree(briefing_copy.data / "editions", ignore_errors=True)
    cut_edition("First issue.", briefing_copy.data, today=DAY1)
    judgments = briefing_copy.data / "assessments.yaml"
    text = judgments.read_text(encoding="utf-8")
    first = text.index("- id: ", text.index("- id: ") + 1)  # drop the second judgment: "withdrawn"
    following = text.index("- id: ", first + 1)
    judgments.write_text(text[:first] + text[following:], encoding="utf-8")
    cut_edition("Withdraws a judgment.", briefing_copy.data, today=DAY2)
    built = build_site(tmp_path / "site", briefing_copy.data, site_url="https://libya-watch.example.org/")
    assert built.returncode == 0, built.stderr[-3000:]
    index = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert "Edition 2</strong>, issued" in index and "29 November 2026" in index
    assert "Since edition 1" in index and "withdrawn:" in index
    edition = (tmp_path / "site" / "editions" / "2" / "index.html").read_text(encoding="utf-8")
    assert "Withdraws a judgment." in edition and "withdrawn:" in edition
    assert (tmp_path / "site" / "editions" / "1" / "index.html").is_file()
    feed = (tmp_path / "site" / "feed.xml").read_text(encoding="utf-8")
    assert feed.count("<title>Edition ") == 2
    assert "<subtitle>Edition 2, issued 29 November 2026; information cut-off " in feed


def test_make_edition_reports_invalid_data_without_a_traceback(fixture_copy: FixtureCopy) -> None:
    fixture_copy.edit(
        "events.yaml", "  place: qatrun\n  event_type: Battles", "  place: nowhere\n  event_type: Battles"
    )
    env = {**os.environ, "PYTHONPATH": str(PROJECT)}
    command = [sys.executable, "-m", "tools.edition", "--note", "x", "--data-dir", str(fixture_copy.data)]
    done = subprocess.run(command, capture_output=True, text=True, env=env, cwd=PROJECT, timeout=120)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "data/events.yaml:" in done.stderr and "nowhere" in done.stderr
    assert not (fixture_copy.data / "editions.yaml").exists()


def _event(status: str = "single report", figures: dict | None = None) -> dict:
    return {"date": "2022", "place": "p", "summary": "S", "status": status, "figures": figures or {}, "claims": {}}


def test_a_long_section_of_changes_is_cut_and_says_how_many_more(fixture_copy: FixtureCopy) -> None:
    from macros.derive.editions import Change, Changes
    from macros.views.editionpages import change_items
    from macros.views.links import Links
    from macros.views.siteplan import SitePlan

    dataset = load_dataset(fixture_copy.data)
    changes = Changes([Change("Assessments", f"new: judgment {n}") for n in range(20)])
    links = Links("index.md", SitePlan.of(dataset))
    [section] = change_items(changes, dataset, links, 12)
    assert (section.name, len(section.rows), section.more) == ("Assessments", 12, 8)


def test_an_edition_issued_past_the_judgments_horizon_says_they_are_history(fixture_copy: FixtureCopy) -> None:
    """An edition issued 23 November 2026 comes 4 years and 10 months after the fixtures' cut-off
    (January 2022): its judgments looked to January 2023, and the edition line says so."""
    from macros.core.dates import Cutoff
    from macros.views.editionpages import judgments_dated, render_edition_line
    from macros.views.links import Links
    from macros.views.siteplan import SitePlan

    assert judgments_dated(load_dataset(fixture_copy.data, today=DAY1)) is None  # no edition yet
    cut_edition("First issue.", fixture_copy.data, today=DAY1)
    dataset = load_dataset(fixture_copy.data, today=DAY1)
    dated = judgments_dated(dataset)
    assert (dated.gap, dated.horizon) == ("4 years and 10 months", "January 2023")
    line = render_edition_line(dataset, Links("index.md", SitePlan.of(dataset)))
    assert "Issued 4 years and 10 months after the cut-off:" in line and "(to January 2023)" in line
    within = SimpleNamespace(edition=SimpleNamespace(date=dt.date(2022, 12, 31)), cutoff=Cutoff("2022-01", "month"))
    assert judgments_dated(within) is None  # still inside the 12 months: nothing to say
    one_year = SimpleNamespace(edition=SimpleNamespace(date=dt.date(2023, 2, 1)), cutoff=Cutoff("2022-01", "month"))
    assert judgments_dated(one_year).gap == "1 year and 1 month"


def test_an_edition_is_refused_while_prose_is_stale_unless_told_why(fixture_copy: FixtureCopy) -> None:
    cut_edition("First issue.", fixture_copy.data, today=DAY1)
    wounded = "    - source: qatrun-second-attack\n      field: injuries\n      party: lna\n      value: 2\n"
    wounded += "      quote: the wounding of two\n      added: 2026-11-25\n"
    fixture_copy.edit("events.yaml", "- id: LBY0003\n", wounded + "- id: LBY0003\n")
    with pytest.raises(EditionError, match=r"prose has gone stale since it was last read:\n  warning: .*LBY0002"):
        cut_edition("Revises the Qatrun toll.", fixture_copy.data, today=DAY2)
    assert not snapshot_path(fixture_copy.data / "editions.yaml", 2).exists()
    cut_edition("Revises the Qatrun toll.", fixture_copy.data, today=DAY2, stale="The summary still holds.")
    assert load_dataset(fixture_copy.data, today=DAY2).editions[2].stale == "The summary still holds."


def test_a_correction_is_listed_with_its_date_and_carried_into_the_next_editions_changes(
    fixture_copy: FixtureCopy,
) -> None:
    from bs4 import BeautifulSoup

    from macros.views.pages import build_pages

    cut_edition("First issue.", fixture_copy.data, today=DAY1)
    fixture_copy.edit(
        "events.yaml",
        "  tags: [claimed by IS]\n  added: 2026-11-22\n",
        "  tags: [claimed by IS]\n  added: 2026-11-22\n  corrections:\n  - date: 2026-11-28\n"
        "    what: The summary named the wrong brigade; it now names the one the source gives.\n",
    )
    text = "28 November 2026: The summary named the wrong brigade; it now names the one the source gives."

    def corrections_page() -> str:
        dataset = load_dataset(fixture_copy.data, today=DAY2)
        page = next(p for p in build_pages(dataset) if p.path == "corrections.md")
        return " ".join(BeautifulSoup(page.markdown, "html.parser").select_one(".lw-corrections").get_text().split())

    dataset = load_dataset(fixture_copy.data, today=DAY2)
    assert [(c.section, c.event, c.text) for c in dataset.unissued.items] == [("Corrections", "LBY0001", text)]
    assert corrections_page().endswith("(not yet in an edition)")
    cut_edition("Corrects a summary.", fixture_copy.data, today=DAY2)
    dataset = load_dataset(fixture_copy.data, today=DAY2)
    assert [(c.section, c.event, c.text) for c in dataset.edition_history[0].changes.items] == [
        ("Corrections", "LBY0001", text)
    ]
    shown = corrections_page()
    assert shown.startswith("28 November 2026: ") and shown.endswith(
        "The summary named the wrong brigade; it now names the one the source gives. (in edition 2)"
    )
    updated = last_updated(build_pages(load_dataset(fixture_copy.data, today=DAY2)))
    assert updated["LBY0001"] == "2026-11-28" and updated["LBY0002"] == "2026-11-22"  # the card it corrects
    assert updated["sources/qatrun-second-attack.md"] == "2026-11-28"  # a page listing the event
    assert updated["sources/comeback-south.md"] == "2026-11-22"  # a page that does not
    assert updated["timeline/index.md"] == updated["corrections.md"] == DAY2.isoformat()  # the newest edition


def last_updated(pages) -> dict[str, str]:
    """Each page's last-updated day and each event card's, by page path and event id."""
    from bs4 import BeautifulSoup

    found = {}
    for page in pages:
        soup = BeautifulSoup(page.markdown, "html.parser")
        for card in soup.select("article.lw-event"):
            found[card["id"]] = card.select_one(".lw-updated time")["datetime"]
        ends = [b for b in soup.select(".lw-cite") if not b.find_parent(class_="lw-event")]
        found[page.path] = ends[-1].select_one(".lw-updated time")["datetime"]
    return found


def test_a_correction_dated_before_its_record_was_added_is_refused(fixture_copy: FixtureCopy) -> None:
    fixture_copy.edit(
        "events.yaml",
        "  tags: [claimed by IS]\n  added: 2026-11-22\n",
        "  tags: [claimed by IS]\n  added: 2026-11-22\n"
        "  corrections:\n  - date: 2026-11-01\n    what: A mistake put right.\n",
    )
    with pytest.raises(DataError) as err:
        load_dataset(fixture_copy.data, today=DAY2)
    assert "corrections: a correction dated 2026-11-01 is before added (2026-11-22)" in err.value.report()
