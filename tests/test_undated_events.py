"""A state of affairs a document tells as background, with no date of its own ("managed to control
the main road"), is shown "undated; reported <its report's date>" wherever its date appears, and
is listed apart from the dated developments on the front page, never as news of that day."""

from __future__ import annotations

import csv
import io

import pytest
from bs4 import BeautifulSoup

from macros.derive.coverage import coverage
from macros.derive.editions import changes_between, snapshot
from macros.load.loader import load_dataset
from macros.views import charts
from macros.views.briefing import render_latest
from macros.views.links import Links
from macros.views.pages import build_pages
from macros.views.printcharts import print_figures
from macros.views.printview import print_links, render_sections
from macros.views.siteplan import SitePlan
from tests.conftest import FIXTURES
from tests.helpers import render_exports

SHOWN = "undated; reported Sat 29 Jan 2022"


@pytest.fixture
def undated(fixture_copy):
    """The fixtures' bombing (LBY0001) made undated: dated, as it must be, on its report's day."""
    fixture_copy.edit(
        "events.yaml",
        "  date: 2022-01-18\n  date_precision: day\n",
        "  date: 2022-01-29\n  date_precision: day\n  undated: true\n",
    )
    return load_dataset(fixture_copy.data)


def _text(tag) -> str:
    return " ".join(tag.get_text(" ").split())


def test_the_card_and_the_timeline_say_undated_and_when_it_was_reported(undated):
    plan = SitePlan.of(undated)
    pages = [BeautifulSoup(p.markdown, "html.parser") for p in build_pages(undated, plan=plan)]
    cards = {_text(c) for page in pages for c in page.select("#LBY0001 .lw-event-title")}
    assert cards and all(c.startswith(f"{SHOWN} · ") for c in cards)
    items = [i for page in pages for i in page.select(".lw-event-item") if "LBY0001" in str(i)]
    assert items and all(SHOWN in _text(i) for i in items)


def test_latest_developments_lists_it_apart_as_undated_not_as_news(undated):
    html = render_latest(undated, Links("index.md", SitePlan.of(undated)), 5, 12)
    page = BeautifulSoup(html, "html.parser")
    dated, apart = page.select("ul.lw-latest")
    assert "LBY0001" not in str(dated) and "LBY0002" in str(dated)
    assert "no date of its own" in _text(page.select_one(".lw-undated"))
    assert f"A bomb at the town headquarters killed a soldier and wounded two. ( {SHOWN} ," in _text(apart)


def test_the_print_page_says_undated(undated):
    printed = BeautifulSoup(render_sections(undated, print_links(undated, SitePlan.of(undated))), "html.parser")
    rows = [_text(r) for r in printed.select(".lw-annex-event th") if "LBY0001" in _text(r)]
    assert rows and all(r.startswith(f"{SHOWN} · ") for r in rows)
    assert f"; {SHOWN}, Umm al Aranib ." in _text(printed)  # its source's list of events


def test_the_exports_say_undated_and_give_acled_its_coarsest_precision(undated):
    rows = {r["event_id_cnty"]: r for r in csv.DictReader(io.StringIO(render_exports(undated)["events.csv"]))}
    assert rows["LBY0001"]["date_as_stated"] == "2022-01-29 (undated: the date it was reported)"
    assert rows["LBY0001"]["time_precision"] == "3"


def test_the_charts_count_it_in_no_year_and_say_when_it_was_reported(undated):
    """Its only date is its report's: Figure 1 and its table, and the deaths chart, leave it out of
    2022 and a note says how many undated reports they leave out and when they were reported."""
    note = "Not counted by year: 1 undated report, a state of affairs the documents tell with no date of its own " \
           "(reported 29 Jan 2022)."  # fmt: skip
    by_type = charts.events_by_type(undated)
    assert {row[0]: row[-1] for row in by_type.rows} == {2016: 1, 2022: 1}  # the Qatrun fighting alone in 2022
    assert note in by_type.notes
    deaths = charts.fatalities_over_time(undated)
    assert note in deaths.notes
    assert [2022, "Security forces and their allies", 3, 3, 4, 1, 0] in deaths.rows  # its soldier's death not added


def test_the_coverage_line_gives_it_no_year():
    """An undated report is in no year: the years on record come from dated events only."""
    dataset = load_dataset(FIXTURES / "data")
    dated = [e for e in dataset.events.values() if e.id != "LBY0001"]
    made_undated = dataset.events["LBY0001"].model_copy(update={"undated": True, "date": "2019-05-01"})
    assert coverage([*dated, made_undated], [], None).years == coverage(dated, [], None).years == [2016, 2022]


def test_what_changed_says_a_date_became_undated_not_corrected_to_a_day(undated):
    """Made undated, the bombing's date is its report's: "what changed" says so, in a reader's words."""
    before = snapshot(load_dataset(FIXTURES / "data"))
    [change] = [c for c in changes_between(before, snapshot(undated)).items if c.section == "Events"]
    assert change.text == "date: 18 Jan 2022 → undated; reported 29 Jan 2022"
    assert "undated" not in before["events"]["LBY0001"]  # unchanged events snapshot as before


def test_the_printed_who_reports_what_grid_names_its_row_undated_not_by_its_reports_day(undated):
    (grid,) = [figure for figure in print_figures(undated) if figure.key == "coverage"]
    rows = [str(name) for name in grid.chart.figure["data"][0]["y"]]
    assert "undated; reported 29 Jan 2022 · Umm al Aranib" in rows
    assert not any(row.startswith("29 Jan 2022 ·") for row in rows)
