"""Charts: aggregated figures, tables that match them, shipped base map, safe markup, and data text
that plotly.js draws as text, never as its HTML-like markup."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from pathlib import Path

import plotly
import pytest
from bs4 import BeautifulSoup

from macros.load.loader import load_dataset
from macros.publish.assets import asset_sources
from macros.views import charts, limits, maps, printcharts
from tests.browser import ALL_CHARTS_DRAWN, SCROLL_THROUGH_CHARTS, chromium
from tests.conftest import BRIEFING, FIXTURES, PROJECT
from tests.site import serve


@pytest.fixture(scope="module")
def dataset():
    return load_dataset(BRIEFING / "data")


def test_events_by_type_counts_every_libyan_event_once_and_notes_those_abroad(dataset):
    chart = charts.events_by_type(dataset)
    libyan = [e for e in dataset.events.values() if dataset.country_of(e).id == "LBY"]
    context = chart.headers.index(charts.CONTEXT)
    assert sum(row[context - 1] + row[context] for row in chart.rows) == len(libyan)
    plotted = sum(sum(trace["y"]) for trace in chart.figure["data"])
    assert plotted == len([e for e in libyan if not e.context])
    abroad = len(dataset.events) - len(libyan)
    if abroad:
        assert chart.notes[0].startswith(f"Not counted here: {abroad} event{'s' if abroad > 1 else ''} abroad (")
    else:
        assert chart.notes == []


def test_context_events_are_not_counted_with_the_islamic_states_activity(dataset):
    """The 2011 uprising, the NATO intervention (2011) and the 2017 ceasefire are context: no bar
    counts them; the note and the table's own column do."""
    chart = charts.events_by_type(dataset)
    assert {e.id for e in dataset.events.values() if e.context} == {"LBY0001", "LBY0002", "LBY0006"}
    by_year = {row[0]: row for row in chart.rows}
    context = chart.headers.index(charts.CONTEXT)
    assert by_year[2011][context] == 2 and by_year[2011][context - 1] == 0  # nothing but context in 2011
    assert by_year[2017][context] == 1
    assert all(trace["y"][trace["x"].index(2011)] == 0 for trace in chart.figure["data"])
    assert "3 events the documents give as context, not the Islamic State's activity (2011: 2, 2017: 1)" in (
        " ".join(chart.notes)
    )


def test_the_events_table_lists_only_years_the_documents_mention_and_names_the_silent_ones(dataset):
    """A row of zeros would read as a year nothing happened: the table leaves out the years no
    document mentions an event in, and a note names them; the bars keep every year on the axis."""
    chart = charts.events_by_type(dataset)
    assert [row[0] for row in chart.rows] == [2011, 2013, 2016, 2017, 2018, 2022]
    assert chart.notes[-1] == ("The documents mention no event in Libya that began in 2012, 2014–2015 and "
                               "2019–2021; the table leaves those years out: a year no document speaks of is not "
                               "a year of no activity.")  # fmt: skip
    assert chart.figure["data"][0]["x"] == list(range(2011, 2023))


@pytest.mark.parametrize("build", ["events_by_type", "fatalities_over_time", "coverage_matrix", "actor_involvement"])
def test_every_count_says_it_counts_what_the_documents_mention(dataset, build):
    chart = getattr(charts, build)(dataset)
    assert "It counts what 5 documents mention, not every event that took place." in chart.caption
    assert "It counts what 5 documents mention" in maps.event_map(dataset).caption


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
    assert chart.notes[0] == "1 event in Libya with deaths but without the Islamic State left out."
    # the army's one dead at Umm al-Aranib (now an event without IS) leaves the 2022 row: 4-5 becomes 3-4
    assert [2022, "Security forces and their allies", 3, 3, 4, 1, 0] in chart.rows


def test_the_deaths_chart_says_which_fighting_has_no_toll_and_that_a_blank_year_is_not_a_quiet_one(dataset):
    """The five documents give no toll for the Sirte battle, the January 2017 strikes and others:
    they are not in the bars, and 2018–2021 are blank; the notes say both, never leaving a reader
    to read a missing toll as none killed. A strategic development kills no one: not counted."""
    notes = charts.fatalities_over_time(dataset).notes
    assert (
        "Not in the bars: 1 event in 2016 and 1 event in 2017 (battles and attacks in Libya) that no "
        "source gives a toll for. A toll not reported is not none killed." in notes
    )
    assert "No toll is reported for 2018–2021: a year left blank is not a year without deaths." in notes


def test_the_deaths_chart_counts_libya_only_and_names_the_fighting_abroad_it_leaves_out(dataset):
    """Mosul and Raqqa (2017) and the Ghweran prison (2022) are the Islamic State's fighting abroad:
    not in the bars nor among the fighting with no toll, but named in a note, and the title says
    the chart is of Libya."""
    chart = charts.fatalities_over_time(dataset)
    assert chart.title == "Deaths in Libya over time, by side, with the range the sources give"
    assert (
        "Not counted here: 3 events abroad the Islamic State took part in (Mosul, Iraq, 2017; Raqqa, Syria, 2017; "
        "Ghweran prison, Syria, 2022): the chart counts Libya only." in chart.notes
    )


def test_the_deaths_chart_says_why_a_high_counts_dead_a_source_named_no_force_for(dataset):
    """The 2022 security forces' high of 8 adds the ministry's 3 "security forces" to the army's 4
    (and Umm al-Aranib's 1): the note says they may be the same dead, and that the year's figures
    add up two events, so a reader's sum of 3 and 4 is not taken for the whole."""
    chart = charts.fatalities_over_time(dataset)
    assert [2022, "Security forces and their allies", 4, 4, 8, 0, 1] in chart.rows
    assert (
        "2022, Security forces and their allies (low 4, high 8, the year's 2 events added up): the top adds the 3 "
        "“security forces” the Ministry of "
        "Interior gave, naming no force, to the Libyan National Army's 4: they may be the same dead."
    ) in chart.notes


def test_the_deaths_table_counts_disputed_figures_apart_from_those_that_differ_with_no_dispute(dataset):
    """19 and 23 from one voice revising its count, 3 and 4 for a force named and one not: neither
    is a dispute, and "0 disputed" must not read as certain figures; two voices' 3 and 4 are one."""
    chart = charts.fatalities_over_time(dataset)
    assert chart.headers[-2:] == ["Figures disputed between voices", "Figures differing, not disputed"]
    assert [row[-2:] for row in chart.rows if row[0] == 2022] == [[0, 1], [0, 1]]
    assert chart.table_notes == [charts.DIFFERING]
    fixture = charts.fatalities_over_time(load_dataset(FIXTURES / "data"))  # two voices: 19 and 23, 3 and 4+
    assert [row[-2:] for row in fixture.rows] == [[1, 0], [1, 0]]


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
    monkeypatch.setattr(limits, "COVERAGE_EVENT_COLUMNS", 3)
    chart = charts.coverage_matrix.__wrapped__(dataset)  # made anew: the dataset's chart is kept (of_the_dataset)
    assert chart.headers[1:] == [str(y) for y in sorted({e.start.year for e in dataset.events.values()})]
    assert sum(sum(row[1:]) for row in chart.rows) == sum(len(e.source_ids) for e in dataset.events.values())


def test_who_reports_what_reads_on_a_phone_as_each_sources_list_of_dated_placed_events(dataset, monkeypatch):
    chart = charts.coverage_matrix(dataset)
    lists = dict(chart.alternative)
    assert lists.keys() == {row[0] for row in chart.rows}
    qatrun = lists[dataset.sources["qatrun-second-attack"].label]
    assert "LBY0009: Wed 26 Jan 2022, Jabal Asida" in qatrun
    assert sum(map(len, lists.values())) == sum(len(e.source_ids) for e in dataset.events.values())
    html = str(charts.render_chart(chart, "sources/index.md"))
    assert 'class="lw-chart-figure lw-has-alt"' in html and "<li>LBY0009: Wed 26 Jan 2022, Jabal Asida</li>" in html
    monkeypatch.setattr(limits, "COVERAGE_EVENT_COLUMNS", 3)
    by_year = dict(charts.coverage_matrix.__wrapped__(dataset).alternative)  # made anew, as above
    assert "2022: 3 events" in by_year[dataset.sources["qatrun-second-attack"].label]


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
    escaped = str(charts.chart_text(hostile.name))  # for plotly.js too: see the tests below
    assert any(escaped in point[3] for trace in figure["data"] for point in trace.get("customdata", []))


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


# --- data text in plotly.js's markup ------------------------------------------------------------

MARKUP = '<a href="https://x.example">x</a><br><span style="color:red">y</span>'
# The briefing's names, each where a chart draws it: an actor (actor involvement); a disputed place
# drawn as two directions from a town (the map's label and hover); that town (the spot's label, the
# reference mark); a town named for orientation; a district's name (its places' admin1); an outlet
# (who reports what). The small fixture dataset has no relative, disputed or orientation places.
MARKUP_FIELDS = [
    ("actors.yaml", "  name: Islamic State\n", f"  name: '{MARKUP}'\n"),
    ("places.yaml", "  name: Jabal Asida", f"  name: '{MARKUP}'"),
    ("places.yaml", "  name: Qatrun\n", f"  name: '{MARKUP}'\n"),
    ("places.yaml", "  name: Sabha\n", f"  name: '{MARKUP}'\n"),
    ("places.yaml", "  admin1: Sabha", f"  admin1: '{MARKUP}'"),
    ("sources.yaml", "    name: Sky News Arabia", f"    name: '{MARKUP}'"),
]
WRAPPED = ["<a", 'href="https://x.example">x</a><br><span', 'style="color:red">y</span>']  # 16 characters a line
OUR_TAGS = {"<br>", "<b>", "</b>", "<extra>", "</extra>"}  # the only markup the charts write themselves
TAG = re.compile(r"(<[^<>]*>)")
ENTITY = re.compile(r"&(#\d+|#x[\da-fA-F]+|[a-z]+);")
# The named entities plotly.js decodes (svg_text_utils.js, plotly.js 4.1.1); not `quot`
PLOTLY_ENTITIES = {"mu": "μ", "amp": "&", "lt": "<", "gt": ">", "nbsp": "\xa0", "times": "\xd7", "plusmn": "\xb1",
                   "deg": "\xb0"}  # fmt: skip


def shown(text: str) -> str:
    """What plotly.js draws of a text (convertToTspans): split at its tags first, `<br>` a new line,
    other tags styling (dropped here), and only then the entities in each piece decoded."""

    def decode(entity: re.Match) -> str:
        code = entity[1]
        if code.startswith("#"):
            return chr(int(code[2:], 16) if code[1] == "x" else int(code[1:]))
        return PLOTLY_ENTITIES.get(code, entity[0])

    parts = TAG.split(text)
    return "".join("\n" if p.lower() == "<br>" else "" if TAG.fullmatch(p) else ENTITY.sub(decode, p) for p in parts)


def strings(value: object, where: str = "") -> list[tuple[str, str]]:
    """Every string in a figure, with where it is."""
    if isinstance(value, str):
        return [(where, value)]
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else []
    return [found for key, item in items for found in strings(item, f"{where}.{key}")]


def shows(value: object) -> bool:
    """Whether plotly.js draws MARKUP, as typed, somewhere in `value` (a wrapped name's lines joined)."""
    return any(MARKUP in shown(text).replace("\n", " ") for _, text in strings(value))


@pytest.fixture
def markup_dataset(briefing_copy):
    for file, old, new in MARKUP_FIELDS:
        briefing_copy.edit(file, old, new)
    return load_dataset(briefing_copy.data)


def test_a_name_holding_markup_is_chart_text_in_every_figure_screen_and_print(markup_dataset):
    built = [charts.events_by_type, charts.fatalities_over_time, charts.coverage_matrix, charts.actor_involvement,
             maps.event_map]  # fmt: skip
    figures = {chart.key: chart.figure for chart in (build(markup_dataset) for build in built)}
    figures |= {f"print {f.key}": f.chart.figure for f in printcharts.print_figures(markup_dataset)}
    for key, figure in figures.items():
        for where, text in strings(figure):
            assert set(TAG.findall(text)) <= OUR_TAGS, (key, where, text)
            assert {e for e in ENTITY.findall(text) if not e.startswith("#")} <= set(PLOTLY_ENTITIES), (key, where)
    for key in ("actors", "coverage", "print coverage"):
        assert all(shows(trace["y"]) for trace in figures[key]["data"]), key  # a tick label
    for key in ("map", "print map"):
        traces = {trace["name"]: trace for trace in figures[key]["data"]}
        assert shows(traces["District"]["text"])
        assert shows(traces[maps.ORIENTATION_MARK[0]]["text"])
        assert shows(traces[maps.REFERENCE[0]]["hovertext"])
        assert shows(traces[maps.MAP_MARKS["direction"][0]]["customdata"])
        assert shows(traces["Labels"]["text"])


def test_the_breaks_the_map_writes_stay_breaks_around_a_name_holding_markup(markup_dataset):
    traces = {trace["name"]: trace for trace in maps.event_map(markup_dataset).figure["data"]}
    # the town, then the disputed place drawn relative to it: each wrapped, on lines of their own
    lines = [shown(text).split("\n") for text in traces["Labels"]["text"]]
    assert [*WRAPPED, *WRAPPED, "(2022, disputed)"] in lines
    # the disputed place's hover: its name, then each position the sources give on a line of its own
    hovers = [shown(point[3]).split("\n") for point in traces[maps.MAP_MARKS["direction"][0]]["customdata"]]
    disputed = [lines for lines in hovers if lines[0].startswith(f"{MARKUP}: ")]
    assert len(disputed) == 2
    for lines in disputed:
        assert lines[1:] == ["the sources say: near Mount Asida, west of Qatroun", "or: Jabal Asida, south of Qatrun",
                             "Wed 26 Jan 2022"]  # fmt: skip
    assert traces[maps.ORIENTATION_MARK[0]]["text"][-1] == charts.chart_text(MARKUP)
    assert shown("a &quot;b&quot; &#34;c&#34;") == 'a &quot;b&quot; "c"'  # why quotes are written as numbers


@pytest.mark.browser
def test_chromium_draws_a_name_holding_markup_as_text_and_makes_no_link(markup_dataset, tmp_path):
    page_html = "".join(
        str(charts.render_chart(chart, "index.md"))
        for chart in (charts.actor_involvement(markup_dataset), maps.event_map(markup_dataset))
    )
    (tmp_path / "index.html").write_text(
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Charts</title></head><body>{page_html}'
        '<script src="javascripts/charts.js"></script></body></html>',
        encoding="utf-8",
    )
    (tmp_path / "javascripts").mkdir()
    shutil.copy(PROJECT / "docs" / "javascripts" / "charts.js", tmp_path / "javascripts" / "charts.js")
    for path, source in asset_sources().items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        if isinstance(source, str):
            (tmp_path / path).write_text(source, encoding="utf-8")
        else:
            shutil.copy(source, tmp_path / path)
    with serve(tmp_path) as url, chromium() as browser:
        page = browser.new_page()
        page.goto(url, wait_until="load")
        page.evaluate(SCROLL_THROUGH_CHARTS)
        page.wait_for_function(ALL_CHARTS_DRAWN)
        assert page.locator(".lw-chart svg a").count() == 0
        assert page.locator(".lw-chart svg [style*='red']").count() == 0
        texts = page.evaluate(
            "[...document.querySelectorAll('.lw-chart svg text')]"
            ".map(t => [...t.querySelectorAll('tspan.line')].map(l => l.textContent).join('\\n') || t.textContent)"
        )
        assert MARKUP in texts  # the actor's tick label
        assert "\n".join([*WRAPPED, *WRAPPED, "(2022, disputed)"]) in texts  # the map's label, on its lines


def test_a_chart_of_the_whole_dataset_is_made_once_for_every_page_that_shows_it(dataset):
    """The timeline's index and the disputes show the deaths, the front page and the PDF the map:
    one chart each per dataset, made again for another dataset (a `make serve` rebuild's)."""
    for build in (charts.events_by_type, charts.fatalities_over_time, charts.coverage_matrix, maps.whole_map):
        assert build(dataset) is build(dataset)
        assert build(load_dataset(FIXTURES / "data")) is not build(dataset)


@pytest.mark.parametrize(
    ("old", "new", "kept"),
    [
        ("clashes left dead on both sides.", "clashes left dead on both sides (edited).", True),
        ("      value: 19\n", "      value: 18\n", False),
    ],
    ids=["summary", "figure"],
)
def test_the_whole_datasets_charts_are_kept_for_an_edit_to_prose_alone(fixture_copy, old, new, kept):
    """Under `make serve`, an edit of an event's summary or notes (none of which a chart shows)
    keeps the whole dataset's charts; any edit to a fact makes them again."""
    before = load_dataset(fixture_copy.data)
    made = [maps.whole_map(before), charts.fatalities_over_time(before)]
    fixture_copy.edit("events.yaml", old, new)
    after = load_dataset(fixture_copy.data)
    charts.carry_charts(before, after)
    again = [maps.whole_map(after), charts.fatalities_over_time(after)]
    assert all((chart is first) == kept for chart, first in zip(again, made, strict=True))
    assert [c.figure for c in again] == [
        c.figure for c in (maps.event_map(after), charts.fatalities_over_time.__wrapped__(after))
    ]
