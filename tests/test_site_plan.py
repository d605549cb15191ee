"""The site plan (macros/views/siteplan.py) is the one place that decides which pages exist: every
planned page is built, searched and in the menu or out of it as planned, and nothing else is."""

from __future__ import annotations

import pytest
import yaml
from bs4 import BeautifulSoup

from macros.load.loader import load_dataset
from macros.views import limits
from macros.views.pages import BUILDERS, build_pages
from macros.views.printview import PARTS
from macros.views.search import search_entries
from macros.views.siteplan import SECTIONS, SitePlan, nav, page_url, paginate
from tests.conftest import FIXTURES, PROJECT


@pytest.fixture(scope="module")
def dataset():
    return load_dataset(FIXTURES / "data")


def test_every_generated_section_has_one_builder_and_every_builder_a_section():
    built = [key for keys in BUILDERS for key in keys]
    assert sorted(built) == sorted(s.key for s in SECTIONS if s.generated)


@pytest.mark.parametrize("page_size", [150, 1])  # one timeline page, or a page per year and parts
def test_the_pages_built_are_exactly_the_pages_planned(dataset, page_size):
    plan = SitePlan.of(dataset, page_size)
    pages = build_pages(dataset, plan=plan)
    assert [page.path for page in pages] == list(plan.pages)
    for page in pages:
        title = yaml.safe_load(page.source.split("---\n")[1])["title"]
        assert title == plan.pages[page.path].title.replace("'", "&#39;"), page.path


def test_every_event_and_dispute_is_on_a_planned_page(dataset):
    plan = SitePlan.of(dataset, 1)
    assert set(plan.event_pages) == set(dataset.events)
    assert set(plan.event_pages.values()) <= set(plan.pages)
    disputed = {e for e in dataset.events if dataset.status(e) == "disputed"}
    assert set(plan.dispute_pages) == disputed and set(plan.dispute_pages.values()) <= set(plan.pages)


def test_disputes_are_paged_as_the_plan_says(dataset, monkeypatch):
    monkeypatch.setattr(limits, "DISPUTES_PAGE", 1)
    plan = SitePlan.of(dataset)
    paths = [page.path for page in plan.pages_in("disputes")]
    assert paths == ["disputes.md", *(f"disputes/{n}.md" for n in range(2, len(plan.disputes) + 1))]
    assert [plan.dispute_pages[e.id] for e in plan.disputes] == paths  # newest first, one a page
    built = {page.path: page.markdown for page in build_pages(dataset, plan=plan)}
    for event in plan.disputes:
        assert f"#dispute-{event.id.lower()} " in built[plan.dispute_pages[event.id]]


def test_paginate_always_gives_a_page_and_never_loses_an_item():
    assert paginate([], 3) == [[]]
    assert paginate(list(range(7)), 3) == [[0, 1, 2], [3, 4, 5], [6]]


def test_every_planned_page_is_in_search_at_its_address(dataset):
    plan = SitePlan.of(dataset, 1)
    locations = {entry["location"] for entry in search_entries(dataset, plan)}
    assert [path for path in plan.pages if plan.url(path) not in locations] == []


def test_every_hand_written_page_is_planned_and_every_planned_one_written():
    written = {str(p.relative_to(PROJECT / "docs")) for p in (PROJECT / "docs").glob("*.md")}
    assert written == {s.first for s in SECTIONS if not s.generated}


def test_mkdocs_yml_leaves_the_menu_to_the_plan():
    text = (PROJECT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "\nnav:" not in text and "\nnot_in_nav:" not in text


def test_each_section_printed_goes_to_a_part_of_the_pdf():
    ids = {section_id for part in PARTS for section_id, _ in part.sections}
    printed = {s.key: s.print_id for s in SECTIONS if s.print_id}
    assert set(printed.values()) <= ids
    assert {"timeline", "disputes", "sources", "methodology"} <= set(printed)


@pytest.mark.build
def test_the_built_menu_is_the_plans_and_nothing_else(served_site):
    """Only each section's first page is in the menu: no source, year or edition page."""
    site, _ = served_site
    page = BeautifulSoup((site / "actors" / "index.html").read_text(encoding="utf-8"), "html.parser")
    menu = [
        (a.get_text(strip=True), a["href"])
        for a in page.select("nav.md-nav--primary a.md-nav__link[href]:not([href^='#'])")
    ]
    expected = [(title, first) for entry in nav() for title, first in entry.items()]
    assert [title for title, _ in menu] == [title for title, _ in expected]
    addresses = [href if href.endswith("/") else href + "/" for _, href in menu]
    assert addresses == [f"../{page_url(first)}".replace("../actors/", "./") for _, first in expected]
