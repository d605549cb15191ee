"""The static SVG of a bar chart: the same stacks, whiskers and axis as the plotly figure."""

from __future__ import annotations

import itertools

import pytest
from bs4 import BeautifulSoup

from macros.load.loader import load_dataset
from macros.views import charts, maps
from macros.views.chartsvg import CHAR_WIDTH, LEGEND_LEFT, LEGEND_WIDTH, NARROW_LABELS, bar_preview
from macros.views.render import render
from tests.conftest import BRIEFING


@pytest.fixture(scope="module")
def dataset():
    return load_dataset(BRIEFING / "data")


def bars(*traces: dict, barmode: str = "stack") -> dict:
    return {"data": [{"type": "bar", "marker": {"color": "#000"}, **t} for t in traces],
            "layout": {"height": 360, "barmode": barmode}}  # fmt: skip


def test_stacked_bars_sit_on_each_other_and_fill_to_their_total():
    preview = bar_preview(
        bars({"name": "a", "x": [2020, 2021], "y": [2, 0]}, {"name": "b", "x": [2020, 2021], "y": [3, 1]})
    )
    first, second, third = preview["rects"]  # a zero-height bar is left out
    assert (first.label, second.label, third.label) == ("2020 · a: 2", "2020 · b: 3", "2021 · b: 1")
    assert first.y + first.height == preview["bottom"] == third.y + third.height  # on the axis
    assert second.y + second.height == pytest.approx(first.y, abs=0.1)  # on top of the first
    assert second.height == pytest.approx(first.height * 1.5, abs=0.1)
    assert [tick.label for tick in preview["y_ticks"]][-1] == "5"
    assert [name for name, *_ in preview["legend"]] == ["a", "b"]


def test_a_long_legend_name_never_runs_into_the_next_swatch():
    names = ["Islamic State", "Security forces and their allies", "Others", "A fourth side with a long name"]
    traces = [{"type": "bar", "name": n, "x": [2020], "y": [1], "marker": {"color": "#000"}} for n in names]
    legend = bar_preview({"data": traces, "layout": {"barmode": "group"}})["legend"]
    for (name, _, x, y), (_, _, next_x, next_y) in itertools.pairwise(legend):
        assert next_y > y or next_x >= x + 18 + CHAR_WIDTH * len(name), (name, x, next_x)
    assert all(x + 18 + CHAR_WIDTH * len(name) <= LEGEND_LEFT + LEGEND_WIDTH for name, _, x, _ in legend)
    assert legend[-1][3] > legend[0][3]  # the fourth wraps to a second row


def test_whiskers_span_the_lowest_to_the_highest_figure():
    error = {"type": "data", "symmetric": False, "array": [6], "arrayminus": [2]}
    preview = bar_preview(bars({"x": [2019], "y": [4], "error_y": error}))
    (_, top, bottom) = preview["whiskers"][0]
    scale = (preview["bottom"] - 10) / 10  # the axis runs to 10, the highest figure
    assert bottom == pytest.approx(preview["bottom"] - 2 * scale, abs=0.1)
    assert top == pytest.approx(preview["bottom"] - 10 * scale, abs=0.1)
    assert preview["legend"] == []  # one series needs no legend


def test_grouped_bars_stand_side_by_side_each_with_its_whisker_and_none_for_no_value():
    def side(name: str, y: list, high: list) -> dict:
        error = {"type": "data", "symmetric": False, "array": high, "arrayminus": [0, 0]}
        return {"name": name, "x": [2020, 2021], "y": y, "error_y": error}

    preview = bar_preview(bars(side("a", [4, None], [2, 0]), side("b", [3, 5], [0, 1]), barmode="group"))
    a2020, b2020, b2021 = preview["rects"]  # a's 2021 has no value: no bar, no whisker
    assert a2020.y + a2020.height == b2020.y + b2020.height == b2021.y + b2021.height == preview["bottom"]
    assert b2020.x == pytest.approx(a2020.x + a2020.width, abs=0.1)  # side by side, not stacked
    assert len(preview["whiskers"]) == 3
    assert preview["whiskers"][0][1] == pytest.approx(preview["top"], abs=0.1)  # a 2020 reaches 6, the top of the axis


@pytest.mark.parametrize("build", [maps.event_map, charts.coverage_matrix, charts.actor_involvement])
def test_only_vertical_bars_get_a_preview(dataset, build):
    assert bar_preview(build(dataset).figure) is None


def test_the_site_bar_charts_get_a_preview_with_every_year(dataset):
    for chart in (charts.events_by_type(dataset), charts.fatalities_over_time(dataset)):
        preview = bar_preview(chart.figure)
        assert [tick.label for tick in preview["x_ticks"]] == [str(x) for x in chart.figure["data"][0]["x"]]


def test_a_phone_labels_every_year_of_a_dozen_and_the_text_is_never_scaled():
    """The SVG has no viewBox (its text is drawn at its CSS size at any width); a narrow chart
    turns its x labels upright, so a dozen years are all labelled, and only a longer run keeps every
    `narrow_every`-th label back from the latest, the others marked for the stylesheet to hide."""
    years = list(range(2011, 2023))
    preview = bar_preview(bars({"name": "a", "x": years, "y": [1] * len(years)}))
    assert preview["x_every"] == preview["narrow_every"] == 1
    svg = BeautifulSoup(render("chart_preview.html", p=preview), "html.parser").svg
    assert svg.get("viewbox") is None and svg["height"] == "360" and svg["width"] == "100%"
    assert [t.get_text() for t in svg.select("text.lw-x-label")] == [str(y) for y in years]
    assert not svg.select("text.lw-wide-only")
    assert [r["x"][-1] for r in svg.select("rect[title], rect:has(title)")] == ["%"] * len(years)
    decades = list(range(1983, 2023))
    long = bar_preview(bars({"name": "a", "x": decades, "y": [1] * len(decades)}))
    shown = decades[:: -long["narrow_every"]]
    assert long["narrow_every"] > 1 and len(shown) <= NARROW_LABELS and shown[0] == 2022


def test_the_preview_shows_a_figure_text_as_plotly_does_escaped_once_as_svg_text():
    name = '<a href="https://x.example">R&D</a><br>"y"'  # in the figure as plotly.js markup, escaped
    figure = bars({"name": charts.chart_text(name), "x": [charts.chart_text("<b>2020</b>")], "y": [1]},
                  {"name": "b", "x": [charts.chart_text("<b>2020</b>")], "y": [2]})  # fmt: skip
    figure["layout"]["yaxis"] = {"title": {"text": charts.chart_text(name)}}
    preview = bar_preview(figure)
    assert preview["legend"][0][0] == preview["y_title"] == name
    assert [tick.label for tick in preview["x_ticks"]] == ["<b>2020</b>"]
    assert preview["rects"][0].label == f"<b>2020</b> · {name}: 1"
    svg = BeautifulSoup(render("chart_preview.html", p=preview), "html.parser")
    assert not svg.select("a, b, br")
    assert {name, "<b>2020</b>"} <= {text.get_text() for text in svg.select("text")}
    assert f"<b>2020</b> · {name}: 1" in [title.get_text() for title in svg.select("title")]
