"""Charts: aggregated figures, tables that match them, shipped base map, safe markup."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import plotly
import pytest
from bs4 import BeautifulSoup

from macros.load.loader import load_dataset
from macros.views import charts, maps
from tests.conftest import BRIEFING, FIXTURES, PROJECT


@pytest.fixture(scope="module")
def dataset():
    return load_dataset(BRIEFING / "data")


def test_events_by_type_counts_every_libyan_event_once_and_notes_those_abroad(dataset):
    chart = charts.events_by_type(dataset)
    libyan = [e for e in dataset.events.values() if dataset.country_of(e).id == "LBY"]
    assert sum(row[-1] for row in chart.rows) == len(libyan)
    plotted = sum(sum(trace["y"]) for trace in chart.figure["data"])
    assert plotted == len(libyan)
    abroad = len(dataset.events) - len(libyan)
    if abroad:
        assert chart.notes[0].startswith(f"Not counted here: {abroad} event(s) abroad (")
    else:
        assert chart.notes == []


def test_time_axes_are_real_years_with_the_empty_ones_shown(dataset):
    for chart in (charts.events_by_type(dataset), charts.fatalities_over_time(dataset)):
        axis = chart.figure["layout"]["xaxis"]
        years = chart.figure["data"][0]["x"]
        assert axis["type"] == "linear" and axis["title"] == {"text": "Year"}  # plotly.js 3 draws only this form
        assert years == list(range(years[0], years[-1] + 1))


def test_deaths_are_counted_by_side_and_never_added_across_sides(dataset):
    chart = charts.fatalities_over_time(dataset)
    assert chart.figure["layout"]["barmode"] == "group"
    assert {trace["name"] for trace in chart.figure["data"]} <= set(charts.SIDES)
    totals = {"low": 0, "conservative": 0, "high": 0}
    for event in dataset.events.values():
        if not charts._involves_islamic_state(event, dataset):  # the chart is about IS's war
            continue
        figures = dataset.figures(event.id, "fatalities")
        for key in totals:
            totals[key] += getattr(figures, key) if figures else 0
    assert [sum(row[i] for row in chart.rows) for i in (2, 3, 4)] == list(totals.values())
    for trace in chart.figure["data"]:
        rows = {row[0]: row for row in chart.rows if row[1] == trace["name"]}
        for year, conservative, plus, minus in zip(
            trace["x"], trace["y"], trace["error_y"]["array"], trace["error_y"]["arrayminus"], strict=True
        ):
            if year not in rows:
                assert conservative is None
                continue
            assert (conservative - minus, conservative, conservative + plus) == tuple(rows[year][2:5])


def test_deaths_in_events_without_the_islamic_state_are_left_out_and_said_to_be(fixture_copy):
    fixture_copy.edit("events.yaml", "  actor1: islamic-state\n  actor2: lna\n", "  actor1: lna\n")
    dataset = load_dataset(fixture_copy.data)
    chart = charts.fatalities_over_time(dataset)
    assert chart.notes == ["1 event(s) with deaths but without the Islamic State are left out."]
    # the army's one dead at Umm al-Aranib (now an event without IS) leaves the 2022 row: 4-5 becomes 3-4
    assert [2022, "Security forces and their allies", 3, 3, 4, 1] in chart.rows


def test_each_party_is_counted_on_its_side():
    fixture = load_dataset(FIXTURES / "data")
    assert charts.side_of(("islamic-state",), fixture) == "Islamic State"
    assert charts.side_of(("umm-al-aranib-brigade",), fixture) == "Security forces and their allies"


def test_coverage_matrix_marks_who_reports_what(dataset):
    chart = charts.coverage_matrix(dataset)
    columns = chart.headers[1:]
    for source, row in zip(dataset.sources.values(), chart.rows, strict=True):
        for event_id, cell in zip(columns, row[1:], strict=True):
            assert cell == int(source.id in dataset.events[event_id].source_ids)


def test_coverage_matrix_counts_years_for_large_datasets(dataset, monkeypatch):
    monkeypatch.setattr(charts, "MAX_EVENT_COLUMNS", 3)
    chart = charts.coverage_matrix(dataset)
    assert chart.headers[1:] == [str(y) for y in sorted({e.start.year for e in dataset.events.values()})]
    assert sum(sum(row[1:]) for row in chart.rows) == sum(len(e.source_ids) for e in dataset.events.values())


def test_a_long_data_table_is_cut_and_says_how_much_is_left_out(dataset, monkeypatch):
    from macros.views import limits

    chart = charts.events_by_type(dataset)
    monkeypatch.setattr(limits, "CHART_TABLE_ROWS", 2)
    table = BeautifulSoup(charts.render_chart(chart, "index.md"), "html.parser").select_one("details.lw-chart-data")
    assert [row.th.get_text() for row in table.select("tbody tr")] == [str(row[0]) for row in chart.rows[:2]]
    assert table.select_one(".lw-more").get_text().startswith(f"{len(chart.rows) - 2} more rows left out here")


def test_chart_markup_keeps_data_text_inert():
    dataset = load_dataset(FIXTURES / "data")
    hostile = dataset.places["qatrun"].model_copy(update={"name": '</script><script>alert(1)</script>"'})
    dataset.places["qatrun"] = hostile
    html = str(charts.render_chart(maps.event_map(dataset), "index.md"))
    page = BeautifulSoup(html, "html.parser")
    assert not page.select("script")
    figure = json.loads(page.select_one(".lw-chart")["data-figure"])
    assert any(hostile.name in point[3] for trace in figure["data"] for point in trace.get("customdata", []))


def test_shipped_base_map_matches_its_provenance():
    readme = (PROJECT / "data" / "geo" / "README.md").read_text(encoding="utf-8")
    recorded = re.search(r"sha256 \| `([0-9a-f]{64})`", readme)[1]
    assert hashlib.sha256((PROJECT / "data" / "geo" / "africa_50m.json").read_bytes()).hexdigest() == recorded
    bundled = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    version = re.search(r"plotly\.js v([0-9.]+)", bundled.read_text(encoding="utf-8")[:200])[1]
    assert f"`plotly.js` {version}" in readme, "plotly was upgraded: run tools/geo-assets.sh"


@pytest.mark.parametrize("build", ["events_by_type", "fatalities_over_time", "event_map", "coverage_matrix",
                                   "actor_involvement"])  # fmt: skip
def test_every_chart_is_a_valid_plotly_figure(dataset, build):
    import plotly.graph_objects as go

    figure = getattr(maps if build == "event_map" else charts, build)(dataset).figure
    validated = go.Figure(figure).to_plotly_json()  # raises on any attribute plotly does not know
    # and nothing relies on plotly.py's shorthand ("marker_color"), which plotly.js would ignore
    for trace, checked in zip(figure["data"], validated["data"], strict=True):
        assert set(trace) == set(checked), build
    assert set(figure["layout"]) <= set(validated["layout"]), build


def test_map_and_coverage_stay_bounded_on_large_data(tmp_path, monkeypatch):
    from bench.generate import generate
    from macros.views import limits

    monkeypatch.setattr(limits, "MAP_POINTS", 10)
    monkeypatch.setattr(limits, "MAP_LABELS", 4)
    monkeypatch.setattr(limits, "COVERAGE_SOURCES", 3)
    big = load_dataset(generate(600, tmp_path / "bench"))
    marks = [t for t in maps.event_map(big).figure["data"] if t["name"] in {m[0] for m in maps.MAP_MARKS.values()}]
    assert sum(len(trace["lon"]) for trace in marks) == 10
    (labels,) = [t for t in maps.event_map(big).figure["data"] if t["name"] == "Labels"]
    assert len(labels["text"]) == 4  # the busiest spots are named; the others on hover and in the table
    assert len(maps.event_map(big).rows) > 10  # the table keeps every point
    assert len(charts.coverage_matrix(big).rows) == 3
