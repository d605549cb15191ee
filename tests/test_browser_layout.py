"""Cards and comparison tables in real Chromium at a phone's and a desktop's width: nothing runs
past the screen or over its neighbour, and a date in the comparison table stays on one line;
the timeline's place filter for a town shows the events near it; the badge key reads as body text."""

from __future__ import annotations

import pytest

from tests.browser import chromium
from tests.helpers import events_at, events_near

pytestmark = pytest.mark.browser

PAGES = ["timeline/", "disputes/", "sources/qatrun-second-attack/", "places/qatrun/", "places/"]

# Every box that must fit the screen, cards that must not overlap, and the comparison table's dates.
MEASURE = """() => {
  const width = document.documentElement.clientWidth, out = [];
  const tables = "table.lw-stack, table.lw-entities";
  const boxes = [...document.querySelectorAll(`article :is(.lw-event, .lw-event-item, ${tables})`)];
  boxes.forEach(el => {
    const r = el.getBoundingClientRect();
    if (r.left < -0.5 || r.right > width + 0.5) out.push(`${el.className} runs ${r.left}..${r.right} of ${width}`);
  });
  document.querySelectorAll(`article :is(${tables}) tbody :is(td, th)`).forEach(cell => {
    if (cell.scrollWidth > cell.clientWidth + 1) out.push(`a cell overflows: ${cell.textContent.slice(0, 40)}`);
  });
  const cards = [...document.querySelectorAll("article .lw-event")].map(el => el.getBoundingClientRect());
  cards.slice(1).forEach((r, i) => {
    if (r.top < cards[i].bottom - 0.5) out.push(`card ${i + 1} overlaps the one before`);
  });
  document.querySelectorAll("table.lw-compare td:first-child a").forEach(a => {
    if (a.getClientRects().length !== 1) out.push(`date broken across lines: ${a.textContent}`);
  });
  const page = document.documentElement.scrollWidth;
  if (page > width + 0.5) out.push(`page scrolls sideways: ${page}`);
  return {problems: out, measured: boxes.length};
}"""


@pytest.fixture(scope="module")
def dataset(site_data):
    """The data the served site is built from (tests/conftest.py: the grown fixture)."""
    return site_data


@pytest.fixture(scope="module")
def browser():
    with chromium() as instance:
        yield instance


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("path", PAGES)
def test_cards_and_comparison_tables_fit_and_do_not_overlap(served_site, browser, width, path):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(served_site[1] + path, wait_until="networkidle")
    found = page.evaluate(MEASURE)
    context.close()
    assert found["measured"] > 0, "nothing measured: the selectors no longer match the page"
    assert found["problems"] == []


def test_a_towns_place_filter_shows_the_events_near_it(served_site, browser, dataset):
    near = sorted(e.id for e in events_near(dataset, "qatrun"))
    assert near, "no event is described from Qatrun any more: pick another town"
    page = browser.new_page()
    page.goto(served_site[1] + "timeline/", wait_until="networkidle")
    page.select_option("form.lw-filters select[name=place]", "qatrun")
    shown = page.locator("article.lw-event:visible").evaluate_all("els => els.map(e => e.id)")
    page.close()
    assert sorted(shown) == sorted({e.id for e in events_at(dataset, "qatrun")} | set(near))


@pytest.mark.parametrize("path", ["downloads/", "corrections/", "methodology/"])
def test_the_downloads_corrections_and_a_page_end_fit_a_phone(served_site, browser, path):
    """The column tables, the corrections list and the citation line with its long address fit
    390 px: the page never scrolls sideways (a wide table scrolls inside its own box)."""
    context = browser.new_context(viewport={"width": 390, "height": 900})
    page = context.new_page()
    page.goto(served_site[1] + path, wait_until="networkidle")
    widths = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth,"
        " document.querySelector('.lw-cite').getBoundingClientRect().right]"
    )
    context.close()
    page_width, screen, cite_right = widths
    assert page_width <= screen and cite_right <= screen + 0.5, widths


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_badge_key_reads_as_body_text_in_either_scheme(served_site, browser, scheme):
    """The key is read before the claims it explains (the front page's, the disputes'): the body
    text's size and colour, not small grey print."""
    context = browser.new_context(viewport={"width": 390, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    page.goto(served_site[1] + "disputes/", wait_until="networkidle")
    style = "e => [getComputedStyle(e).fontSize, getComputedStyle(e).color]"
    key = page.locator("article p.lw-key").first.evaluate(style)
    body = page.locator("article p:not([class])").first.evaluate(style)
    context.close()
    assert key == body
