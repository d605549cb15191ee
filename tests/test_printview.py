"""The print page's parts without a browser: the cover of an issued edition, what a large dataset
prints, the running header's text made safe for CSS, and the figures drawn for paper."""

from __future__ import annotations

import html

import pytest
from bs4 import BeautifulSoup

from bench.generate import generate
from macros.load.loader import load_dataset
from macros.views import charts, limits, printcharts
from macros.views.briefing import render_disputed
from macros.views.links import Links
from macros.views.printview import (
    PARTS,
    _css_string,
    print_links,
    render_contents,
    render_cover,
    render_sections,
    select,
)
from macros.views.siteplan import SitePlan
from tests.conftest import BRIEFING, FIXTURES

CONFIG = {"handling": "Handling line"}


def test_the_cover_and_footer_of_an_issued_edition_name_it_with_its_issue_date_and_note():
    dataset = load_dataset(FIXTURES / "data")  # issued as edition 1
    edition = dataset.edition
    cover = html.unescape(render_cover(dataset, CONFIG, "Libya Watch"))
    assert f"Edition {edition.number}, issued {edition.date:%-d %B %Y}" in cover
    assert edition.note in cover
    assert "Draft" not in cover
    footer = render_contents(dataset, CONFIG, "Libya Watch")
    assert f'"Libya Watch · Edition {edition.number}, issued {edition.date:%-d %B %Y} · Information cut-off' in footer


def test_a_running_header_cannot_close_its_css_string_or_rule():
    escaped = _css_string('Line "quoted" } @import url(x); \\ end')
    assert escaped.count('"') == 2 and "}" not in escaped and "\\\\" not in escaped
    assert escaped.startswith('"Line ') and escaped.endswith(' end"')


def test_at_scale_the_pdf_prints_the_newest_events_and_disputes_and_full_prints_all(tmp_path):
    dataset = load_dataset(generate(400, tmp_path / "bench"))
    chosen = select(dataset)
    events = list(dataset.events.values())
    assert chosen.events == events[-limits.PRINT_EVENTS :]
    assert len(chosen.disputes) == limits.PRINT_DISPUTES
    assert all(dataset.status(e.id) == "disputed" for e in chosen.disputes)
    assert chosen.annex == chosen.disputes  # beyond PRINT_ANNEX_EVENTS, the printed disputes' claims
    assert len(chosen.sources) <= limits.PRINT_SOURCES
    full = select(dataset, full=True)
    assert full.events == events and full.annex == events and len(full.sources) == len(dataset.sources)


def test_every_part_names_a_running_header_and_its_first_section():
    assert len({part.key for part in PARTS}) == len(PARTS)
    assert all(part.name and part.sections for part in PARTS)


def test_each_printed_axis_title_sits_close_to_its_axis_and_the_screen_charts_keep_theirs():
    dataset = load_dataset(FIXTURES / "data")
    titles = {
        (figure.key, axis): figure.chart.figure["layout"][axis]["title"]
        for figure in printcharts.print_figures(dataset)
        for axis in ("xaxis", "yaxis")
        if "title" in figure.chart.figure["layout"].get(axis, {})
    }
    assert titles == {
        ("events-by-type", "xaxis"): {"text": "Year", "standoff": printcharts.TITLE_STANDOFF},
        ("events-by-type", "yaxis"): {"text": "Events", "standoff": printcharts.TITLE_STANDOFF},
        ("fatalities", "xaxis"): {"text": "Year", "standoff": printcharts.TITLE_STANDOFF},
        ("fatalities", "yaxis"): {"text": "Deaths", "standoff": printcharts.TITLE_STANDOFF},
    }  # who reports what names its rows and columns (events by date and place, sources) and needs no axis title
    assert charts.events_by_type(dataset).figure["layout"]["yaxis"]["title"] == {"text": "Events"}  # a copy changed


def test_the_printed_map_table_says_not_reported_where_no_source_gives_a_toll():
    """The five documents give no toll for Derna, Sirte, near and south of Sirte: the PDF's map
    table reads "not reported" for them, never 0."""
    dataset = load_dataset(FIXTURES / "briefing" / "data")
    printed = BeautifulSoup(render_sections(dataset, print_links(dataset, SitePlan.of(dataset))), "html.parser")
    (table,) = [t for t in printed.find_all("table") if "Position as stated" in t.get_text()]
    cells = [[c.get_text(" ", strip=True) for c in tr(["th", "td"])] for tr in table.tbody("tr")]
    tolls = {row[0]: row[-1] for row in cells}
    for place in ("Derna", "Sirte", "Near Sirte", "South of Sirte"):
        assert tolls[place] == "not reported", tolls
    assert "0" not in tolls.values()


def test_printed_tables_mark_a_range_whose_top_counts_unnamed_dead_and_say_why_under_them():
    """LBY0009's 22–30 counts at its top the ministry's 3 dead "security forces" apart from the
    army's 4: the map's table (Table 3) and the timeline mark the cell, and say why below."""
    dataset = load_dataset(FIXTURES / "briefing" / "data")
    printed = BeautifulSoup(render_sections(dataset, print_links(dataset, SitePlan.of(dataset))), "html.parser")
    why = (
        "the top adds the 3 “security forces” the Ministry of Interior gave, naming no force, to the Libyan "
        "National Army's 4: they may be the same dead."
    )
    (table,) = [t for t in printed.find_all("table") if "Position as stated" in t.get_text()]
    cells = [[c.get_text(" ", strip=True) for c in tr(["th", "td"])] for tr in table.tbody("tr")]
    assert {row[-1] for row in cells if row[0] == "Jabal Asida"} == {"22–30* (conservative 22)"}
    under = table.find_next_sibling("p", class_="lw-table-note").get_text(" ", strip=True)
    assert under == f"* Jabal Asida: {why}"  # two positions drawn, one note
    (row,) = [tr for tr in printed.select(".lw-timeline-table tr") if "LBY0009" in tr.get_text()]
    assert row("td")[3].get_text(" ", strip=True) == "22–30* (conservative 22)"
    notes = [p.get_text(" ", strip=True) for p in printed.select("#print-timeline .lw-table-note")]
    assert notes == [f"* Wed 26 Jan 2022, Jabal Asida: {why}"]


@pytest.mark.parametrize(
    ("site_url", "href"),
    [
        ("http://127.0.0.1:8000/", None),  # a local build: named in words, no link to this machine
        ("https://example.org/lw/", "https://example.org/lw/downloads/"),
    ],
)
def test_the_cover_counts_only_what_the_data_holds_and_links_to_the_downloads(site_url, href):
    """The five documents hold 36 assessments: 26 by someone they name, 3 by sources they quote
    without naming (unnamed experts, unnamed security sources, unnamed reports) and 7 their own. The
    cover says which are which, not "36 by named people" nor the unnamed sources as the documents'
    own; it sends a reader to the data, at the public address where there is one."""
    dataset = load_dataset(FIXTURES / "briefing" / "data")
    cover = BeautifulSoup(render_cover(dataset, {**CONFIG, "site_url": site_url}, "Libya Watch"), "html.parser")
    facts = {dt.get_text(): " ".join(dt.find_next_sibling("dd").get_text(" ").split()) for dt in cover("dt")}
    counts = dataset.counts()
    assert facts["Based on"].startswith(
        f"{len(dataset.sources)} source documents, {len(dataset.events)} events and {counts['claims']} claims; "
        "36 assessments in those documents: 26 by people and bodies they name, 3 by sources they quote without "
        "naming and 7 in the documents' own voice"
    )
    link = cover.select_one(".lw-cover-data a")
    assert (link and link["href"]) == href
    assert href or "Downloads page of the site this was printed from" in facts["Data"]
    assert "published with it" not in cover.get_text()


def test_no_printed_figure_names_an_event_by_its_code_alone():
    """A minister cannot read "LBY0009": who reports what names each row by its date and place,
    and prints beside the sources' entries (the Sources part), not alone at a part's end."""
    dataset = load_dataset(BRIEFING / "data")
    figures = printcharts.print_figures(dataset)
    for figure in figures:
        for trace in figure.chart.figure["data"]:
            for axis in ("x", "y"):
                assert not set(dataset.events) & {str(label) for label in trace.get(axis) or []}, (figure.key, axis)
    grid = next(figure for figure in figures if figure.key == "coverage")
    assert grid.part == "sources" and {f.part for f in figures if f is not grid} == {"charts"}
    rows = grid.chart.figure["data"][0]["y"]
    assert len(set(rows)) == len(rows) == len(dataset.events)  # a row each, even on one day at one place
    assert "26 Jan 2022 · Jabal Asida" in grid.chart.figure["data"][0]["y"]
    assert grid.chart.caption.startswith("Each row is an event, named by its date and place, each column a source")


def test_the_printed_briefing_sends_the_reader_to_the_disputes_part_by_its_page():
    """On paper "what is disputed" cannot link to the Disputes page: it names the part with the
    page number `make pdf` fills in, as every cross-reference on paper does; the site links it."""
    dataset = load_dataset(FIXTURES / "briefing" / "data")
    plan = SitePlan.of(dataset)
    printed = BeautifulSoup(render_disputed(dataset, print_links(dataset, plan)), "html.parser")
    (xref,) = printed.select("a.lw-xref")
    assert xref["href"] == "#print-disputes" and xref.select_one("[data-page-of]")["data-page-of"] == "print-disputes"
    assert "the Disputes part (page" in printed.get_text()
    on_site = BeautifulSoup(render_disputed(dataset, Links("index.md", plan)), "html.parser")
    assert not on_site.select("a.lw-xref") and on_site.find("a", string="Disputes")
