"""Generated pages, rendered from the fixture dataset without MkDocs: golden files per page type,
completeness, and data text that never becomes markup."""

from __future__ import annotations

import json
import re

import pytest
from bs4 import BeautifulSoup

from macros.load.loader import load_dataset
from macros.views.maps import MAP_MARKS
from macros.views.pages import build_pages
from macros.views.siteplan import SECTIONS, SitePlan
from macros.views.sources import highlight, passages
from tests.conftest import FIXTURES, PROJECT

GOLDEN = PROJECT / "tests" / "golden" / "pages"
# One page of each type, from the fixture dataset
PAGE_TYPES = {
    "timeline.md": "timeline/index.md",
    "sources-index.md": "sources/index.md",
    "source.md": "sources/qatrun-second-attack.md",
    "actors-index.md": "actors/index.md",
    "actor.md": "actors/lna.md",
    "places-index.md": "places/index.md",
    "place.md": "places/qatrun.md",
    "disputes.md": "disputes.md",
    "whats-new.md": "whats-new.md",
    "editions-index.md": "editions/index.md",
    "edition.md": "editions/1.md",
}


@pytest.fixture(scope="module")
def dataset():
    return load_dataset(FIXTURES / "data")


@pytest.fixture(scope="module")
def pages(dataset):
    return {page.path: page.markdown for page in build_pages(dataset)}


def html(markdown: str) -> BeautifulSoup:
    return BeautifulSoup(markdown.split("---\n", 2)[2], "html.parser")


@pytest.mark.parametrize("golden", list(PAGE_TYPES))
def test_page_matches_golden_file(pages, golden, update_golden):
    path = GOLDEN / golden
    if update_golden:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(pages[PAGE_TYPES[golden]], encoding="utf-8")
    assert pages[PAGE_TYPES[golden]] == path.read_text(encoding="utf-8"), "run pytest --update-golden if intended"


def test_every_kind_of_page_the_plan_lists_has_golden_files(dataset):
    """The first page of every generated section, and one of its further pages where the fixture
    data has one (the timeline's year pages and the disputes' pages: the tests below)."""
    plan = SitePlan.of(dataset)
    wanted = {(page.section, page.key is None) for page in plan.pages.values()}
    have = {(plan.pages[path].section, plan.pages[path].key is None) for path in PAGE_TYPES.values()}
    assert wanted == have
    assert {section for section, _ in have} == {s.key for s in SECTIONS if s.generated}


def test_year_pages_and_parts_when_the_timeline_is_long(dataset, update_golden):
    split = {page.path: page.markdown for page in build_pages(dataset, page_size=1)}
    assert {p for p in split if p.startswith("timeline/")} == {
        "timeline/index.md", "timeline/2016.md", "timeline/2022.md", "timeline/2022-2.md"
    }  # fmt: skip
    index = html(split["timeline/index.md"])
    assert [a["href"] for a in index.select("table.lw-years a")] == ["2016/", "2022/", "2022-2/"]
    assert [td.get_text() for td in index.select("table.lw-years td:nth-of-type(4)")] == ["1", "1", "1"]
    assert not index.select(".lw-event")
    path = GOLDEN / "timeline-year.md"
    if update_golden:
        path.write_text(split["timeline/2022.md"], encoding="utf-8")
    assert split["timeline/2022.md"] == path.read_text(encoding="utf-8")
    # links from other pages follow the event to the page that holds it
    assert html(split["sources/qatrun-second-attack.md"]).select_one('a[href$="#LBY0002"]')["href"] == (
        "../../timeline/2022-2/#LBY0002"
    )


def test_no_timeline_page_holds_more_than_its_page_size(dataset):
    for size in (1, 2):
        pages = {page.path: page.markdown for page in build_pages(dataset, page_size=size)}
        for path, markdown in pages.items():
            if path.startswith("timeline/") and path != "timeline/index.md":
                assert 1 <= len(html(markdown).select("article.lw-event")) <= size, path


def test_every_event_has_one_card_with_a_permanent_anchor(dataset, pages):
    ids = [el["id"] for md in pages.values() for el in html(md).select("article.lw-event")]
    assert sorted(ids) == sorted(dataset.events)


def test_every_source_actor_and_place_has_a_page(dataset, pages):
    for kind in ("sources", "actors", "places"):
        for key in getattr(dataset, kind):
            assert f"{kind}/{key}.md" in pages


def test_entity_pages_list_every_alias(dataset, pages):
    for kind in ("actors", "places"):
        for entity in getattr(dataset, kind).values():
            shown = [el.get_text() for el in html(pages[f"{kind}/{entity.id}.md"]).select(".lw-alias")]
            assert shown == entity.aliases


def test_generated_pages_never_run_macros(pages):
    assert all("\nrender_macros: false\n" in md.split("---\n", 2)[1] for md in pages.values())


def test_disputed_event_shows_each_sources_figure_side_by_side(pages):
    card = html(pages["timeline/index.md"]).select_one("#LBY0002")
    rows = {
        row.th.get_text(" ", strip=True).replace("( ", "(").replace(" )", ")"): row.td.get_text(" ", strip=True)
        for row in card.select(".lw-differ tbody tr")
    }
    assert "19" in rows["Fatalities (Islamic State)"] and "23" in rows["Fatalities (Islamic State)"]
    assert card.select_one(".lw-dispute-note")


def test_source_badges_carry_the_grade_and_link_to_the_source(pages):
    badge = html(pages["timeline/index.md"]).select_one("#LBY0001 .lw-badge")
    assert badge["href"] == "../sources/qatrun-second-attack/"
    assert badge.select_one(".lw-grade").get_text() == "B"


def test_a_source_pages_map_counts_only_the_events_it_reports(dataset, pages):
    for source_id in dataset.sources:
        figure = html(pages[f"sources/{source_id}.md"]).select_one('.lw-chart[id$="-map"]')
        reported = [
            e
            for e in dataset.events_from(source_id)
            if dataset.places[e.place].country == "LBY" and dataset.location(e.place).mapped
        ]
        if figure is None:
            assert not reported
            continue
        marks = [
            t for t in json.loads(figure["data-figure"])["data"] if t["name"] in {m[0] for m in MAP_MARKS.values()}
        ]
        mapped = sum(point[0] for trace in marks for point in trace["customdata"])
        assert mapped == sum(len(dataset.location(e.place).positions) for e in reported), source_id


def test_source_page_shows_every_quote_highlighted_in_its_passage(dataset, pages):
    page = html(pages["sources/qatrun-second-attack.md"])
    assert dataset.sources["qatrun-second-attack"].rights == "quotes only"
    assert not page.select(".lw-seed")  # no full text without the right to republish it
    marked = " ".join(mark.get_text() for mark in page.select(".lw-passage mark"))
    for event in dataset.events.values():
        for claim in event.claims:
            if claim.source == "qatrun-second-attack":
                assert " ".join(claim.quote.split()) in " ".join(marked.split())


def test_passages_keep_the_sentence_around_each_quote_and_mark_cuts():
    text = "First sentence. The army said 19 died in the clash. Later, nothing more.\nA new line here."
    (passage,) = passages(text, ["19 died"])
    assert [(p.text, p.quoted) for p in passage.parts] == [
        ("The army said ", False),
        ("19 died", True),
        (" in the clash.", False),
    ]
    assert not passage.cut_before and not passage.cut_after
    (short,) = passages(text, ["19 died"], reach=5)
    assert short.cut_before and short.cut_after


def test_highlight_matches_across_line_breaks_and_merges_overlaps():
    parts = highlight("one two\nthree four five", ["two three", "three four"])
    assert [(p.text, p.quoted) for p in parts] == [("one ", False), ("two\nthree four", True), (" five", False)]


def test_hostile_text_stays_text(fixture_copy):
    hostile = "<script>alert(1)</script> {{ 7*7 }} {% if 1 %}x{% endif %} [link](javascript:alert(1)) </div>"
    fixture_copy.edit("events.yaml", "summary: Fixture event at month precision.", f"summary: '{hostile}'")
    fixture_copy.edit("actors.yaml", "  name: Libyan National Army", "  name: '<img src=x onerror=alert(1)>'")
    built = {page.path: page.markdown for page in build_pages(load_dataset(fixture_copy.data))}
    for path, markdown in built.items():
        page = html(markdown)
        assert not page.select("script, img"), path
        assert "<script>" not in markdown and "<img" not in markdown, path
    card = html(built["timeline/index.md"]).select_one("#LBY0003 .lw-summary")
    assert card.get_text() == hostile
    assert re.search(r"&lt;script&gt;", built["timeline/index.md"])
