"""One macro per record view (templates/records.html): the site's pages and the print page draw a
source's facts, a claim with its quote and a dispute through the same macros, so they show the
same things; no other template or module draws them."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from macros.load.loader import load_dataset
from macros.views.pages import build_pages
from macros.views.printview import print_links, render_sections
from macros.views.render import TEMPLATE_DIR
from macros.views.siteplan import SitePlan
from tests.conftest import PROJECT

TEMPLATES = TEMPLATE_DIR
RECORDS = "records.html"
# markup only a record view draws: a claim's value, its quote, a source's facts, an event's card, a judgment
RECORD_MARKUP = (
    'class="lw-value"',
    "claim.quote",
    'class="lw-source-meta"',
    "<dt>Outlet</dt>",
    'class="lw-event ',
    "{{ item.judgment }}",
)
ADDRESS = "https://example.org/qatrun-second-attack"
NOTE = "Counts the army men only."
ARCHIVE = "https://web.archive.org/web/2022/https://example.org/qatrun-second-attack"


@pytest.fixture
def rendered(fixture_copy):
    """The fixture's site pages and print sections, one source given an address and an archived
    copy, one claim an analyst's note."""
    scale, quote = "  scale: regional\n", "      quote: killing 4 army men\n"
    fixture_copy.edit("sources.yaml", scale, f"{scale}  url: {ADDRESS}\n  archive_url: {ARCHIVE}\n")
    fixture_copy.edit("events.yaml", quote, f"{quote}      note: {NOTE}\n")
    dataset = load_dataset(fixture_copy.root / "data")
    plan = SitePlan.of(dataset)
    pages = {page.path: _soup(page.markdown.split("---\n", 2)[2]) for page in build_pages(dataset, plan=plan)}
    return dataset, pages, _soup(render_sections(dataset, print_links(dataset, plan)))


def _soup(markup: str) -> BeautifulSoup:
    return BeautifulSoup(markup, "html.parser")


def _text(tag) -> str:
    return " ".join(tag.get_text(" ").split())


def test_the_print_gives_each_source_the_facts_its_site_page_gives(rendered):
    dataset, pages, printed = rendered
    for source in dataset.sources.values():
        site = pages[f"sources/{source.id}.md"].select_one(".lw-source-meta")
        paper = printed.select_one(f"#print-source-{source.id} .lw-source-meta")
        assert paper is not None, source.id
        assert [_text(t) for t in paper.select("dt")] == [_text(t) for t in site.select("dt")], source.id
        assert [_text(t) for t in paper.select("dd")] == [_text(t) for t in site.select("dd")], source.id
        assert len(paper.select(".lw-basis")) == len(site.select(".lw-basis")) == 2, source.id
        assert _text(paper) == _text(site), source.id
    facts = [_text(t) for t in printed.select("#print-source-qatrun-second-attack dt")]
    assert {"Kind", "Document", "Original address", "Archived copy"} <= set(facts)
    assert ADDRESS in _text(printed.select_one("#print-source-qatrun-second-attack"))


def test_a_source_without_an_address_says_not_recorded_on_its_page(rendered):
    dataset, pages, _ = rendered
    without = [s for s in dataset.sources.values() if not s.url and not s.archive_url]
    assert without, "the fixture needs a source without an address"
    for source in without:
        facts = pages[f"sources/{source.id}.md"].select_one(".lw-source-meta .lw-facts")
        shown = dict(zip([_text(t) for t in facts.select("dt")], [_text(t) for t in facts.select("dd")], strict=True))
        assert shown["Original address"] == shown["Archived copy"] == "not recorded", source.id
    recorded = _text(pages["sources/qatrun-second-attack.md"].select_one(".lw-source-meta"))
    assert ADDRESS in recorded and ARCHIVE in recorded and "not recorded" not in recorded


def _without_chips(tag) -> str:
    """A claim's markup without its chip, whose link and date the print page sets differently."""
    tag = _soup(str(tag))
    for chip in tag.select("a.lw-badge"):
        chip.replace_with(f"[{_text(chip.select_one('.lw-outlet'))} {_text(chip.select_one('.lw-grade'))}]")
    return "".join(str(child) for child in tag.contents[0].contents)


def test_a_claim_with_its_quote_is_the_same_on_the_event_card_and_in_the_annex(rendered):
    dataset, pages, printed = rendered
    timeline = pages["timeline/index.md"]
    annex = {_text(group.select_one(".lw-annex-event .lw-id")): group.select("tr:not(.lw-annex-event) td")
             for group in printed.select(".lw-annex-table tbody")}  # fmt: skip
    assert set(annex) == set(dataset.events)
    for event in dataset.events.values():
        cards = timeline.select(f"#{event.id} details.lw-claims li")
        assert len(cards) == len(annex[event.id]) == len(event.claims), event.id
        for card, row in zip(cards, annex[event.id], strict=True):
            assert _without_chips(row) == _without_chips(card), event.id
            assert row.select_one("q") is not None and row.select_one("a.lw-badge") is not None
    assert NOTE in _text(printed.select_one(".lw-annex-table")), "the annex prints an analyst's note, as the card does"


def test_a_dispute_reads_the_same_on_the_disputes_page_and_in_print(rendered):
    _, pages, printed = rendered
    site = [_text(block) for block in pages["disputes.md"].select(".lw-dispute")]
    paper = [_text(block) for block in printed.select(".lw-print-dispute .lw-dispute")]
    assert site and sorted(paper) == sorted(site)


def test_no_template_but_records_html_draws_a_record():
    for path in TEMPLATES.iterdir():
        if path.name == RECORDS:
            continue
        text = path.read_text(encoding="utf-8")
        drawn = [marker for marker in RECORD_MARKUP if marker in text]
        assert not drawn, f"{path.name} draws a record itself ({drawn}): call the macro in {RECORDS}"
    for path in (PROJECT / "macros").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert not [marker for marker in RECORD_MARKUP[:1] + RECORD_MARKUP[2:] if marker in text], path.name


def test_the_print_page_calls_the_record_macros_and_defines_none_of_its_own():
    text = (TEMPLATES / "print_sections.html").read_text(encoding="utf-8")
    assert re.findall(r"{% macro (\w+)", text) == ["page_of", "print_figure"]  # a cross-reference, a figure: no record
    for macro in ("claim_quoted", "source_facts", "event_row", "dispute_block", "assessment_item"):
        assert f"{macro}(" in text, macro
    for path in [*TEMPLATES.iterdir(), *(PROJECT / "macros").rglob("*.py")]:
        assert "grade_badge" not in path.read_text(encoding="utf-8"), path.name


def test_a_judgment_reads_the_same_on_its_source_page_and_in_print(rendered):
    """In print the judgment sits under its own source, so its chip is left out, and names the
    actor without a link (the PDF has no actor pages)."""
    _, pages, printed = rendered
    site = pages["sources/qatrun-second-attack.md"].select(".lw-assessment")
    for chip in (chip for item in site for chip in item.select("a.lw-badge")):
        chip.decompose()
    entry = printed.select_one("#print-source-qatrun-second-attack")
    paper = entry.select(".lw-assessment")
    assert site and [_text(item) for item in paper] == [_text(item) for item in site]
    assert not entry.select(".lw-assessment .lw-badge")
