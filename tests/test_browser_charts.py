"""Charts in real headless Chromium: every chart draws, the map draws its outlines offline,
plotly.js loads only where there is a chart and only the bundle its charts need, a chart draws
when it comes near the viewport, and instant navigation keeps charts working."""

from __future__ import annotations

import json
import re
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from macros.views import maps
from tests.browser import ALL_CHARTS_DRAWN, SCROLL_THROUGH_CHARTS, chromium

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site(served_site):
    return served_site


@pytest.fixture(scope="module")
def browser():
    with chromium() as instance:
        yield instance


def chart_pages(site_dir):
    """One page of each kind that has charts (the front page, the timeline, a source, an actor, a
    place...), the one with the most charts and then the most markup: its charts are the ones most
    likely to crowd. tests/test_real_data.py's crawl draws every chart of every page of the real site."""
    kinds: dict[str, tuple[int, int, str]] = {}
    for path in sorted(site_dir.rglob("index.html")):
        text = path.read_text(encoding="utf-8")
        charts = len(BeautifulSoup(text, "html.parser").select(".lw-chart"))
        folder = path.parent.relative_to(site_dir).as_posix()
        kind = folder.rsplit("/", 1)[0] + "/*" if "/" in folder else folder
        if charts and (charts, len(text), folder) > kinds.get(kind, (0, 0, "")):
            kinds[kind] = (charts, len(text), folder)
    return [(folder, charts) for charts, _, folder in sorted(kinds.values(), key=lambda found: found[2])]


def test_every_chart_on_every_page_draws_without_errors_or_foreign_requests(site, browser):
    site_dir, url = site
    pages = list(chart_pages(site_dir))
    assert len(pages) >= 5
    for path, count in pages:
        page = browser.new_page()
        errors, requests = [], []
        page.on("console", lambda m, errors=errors: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e, errors=errors: errors.append(str(e)))
        page.on("request", lambda r, requests=requests: requests.append(r.url))
        address = url + ("" if path == "." else path + "/")
        page.goto(address, wait_until="networkidle")
        page.evaluate(SCROLL_THROUGH_CHARTS)
        page.wait_for_function(
            f"() => document.querySelectorAll('.lw-chart[data-rendered] svg.main-svg').length >= {count}"
        )
        for chart in page.locator(".lw-chart").all():
            assert chart.locator("svg.main-svg").count() >= 1, f"{address} #{chart.get_attribute('id')}"
            if chart.get_attribute("data-geo"):
                assert chart.locator("path.countries, .countries path").count() >= 1, f"{address}: no outlines"
        assert errors == [], address
        assert [r for r in requests if urlsplit(r).hostname != "127.0.0.1"] == [], address
        page.close()


def test_pages_without_charts_never_request_plotly(site, browser):
    _, url = site
    page = browser.new_page()
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(url + "methodology/", wait_until="networkidle")
    assert not any("plotly" in r for r in requests)


def test_charts_draw_after_instant_navigation(site, browser):
    _, url = site
    page = browser.new_page()
    page.goto(url + "methodology/", wait_until="networkidle")
    page.evaluate("window.__sameDocument = true")
    page.locator("nav.md-nav a[href$='timeline/']").first.click()
    page.wait_for_url("**/timeline/")
    page.wait_for_selector("#chart-timeline-index-events-by-type")  # the new page's content, not just its address
    page.locator(".lw-chart").first.hover()  # its static bars turn into the plotly.js chart
    page.wait_for_selector(".lw-chart[data-rendered] svg.main-svg", timeout=15_000)
    assert page.evaluate("window.__sameDocument === true")


def test_charts_follow_the_dark_scheme(site, browser):
    _, url = site
    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    page.goto(url + "timeline/", wait_until="networkidle")
    page.locator(".lw-chart").first.hover()
    page.wait_for_selector(".lw-chart[data-rendered] svg.main-svg")
    colour = page.evaluate("document.querySelector('.lw-chart[data-rendered]').layout.font.color")
    assert colour == "#e2e4e9"
    page.emulate_media(media="print")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert page.evaluate("document.querySelector('.lw-chart[data-rendered]').layout.font.color") == "#1f2328"
    assert page.evaluate("document.querySelector('.lw-chart[data-rendered]').layout.width") == 680
    context.close()


def scripts_requested(page) -> list[str]:
    return page.evaluate("performance.getEntriesByType('resource').map(e => e.name.split('/').pop())")


def test_a_chart_below_the_fold_draws_only_when_scrolled_near(site, browser):
    _, url = site
    page = browser.new_page(viewport={"width": 390, "height": 800})
    page.goto(url, wait_until="networkidle")  # the front page: the briefing first, its charts further down
    chart = page.locator(".lw-chart").first
    assert chart.evaluate("el => el.getBoundingClientRect().top") > 1200, "the chart is not below the fold here"
    assert page.locator(".lw-chart[data-claimed]").count() == 0
    assert not any(name.startswith("plotly") for name in scripts_requested(page))
    chart.scroll_into_view_if_needed()
    page.wait_for_selector(".lw-chart[data-rendered] svg.main-svg")


def test_each_page_loads_only_the_bundle_its_charts_need(site, browser):
    _, url = site
    expected = {
        "timeline/": {"plotly-basic.min.js"},  # bars and lines
        "sources/qatrun-second-attack/": {"plotly-geo.min.js", "africa_50m.js", "libya_districts.js"},  # the map
        "": {"plotly-basic.min.js", "plotly-geo.min.js", "africa_50m.js", "libya_districts.js"},  # bars, the map
        "sources/": {"plotly-cartesian.min.js"},  # the heatmap
    }
    for path, scripts in expected.items():
        page = browser.new_page()
        page.goto(url + path, wait_until="networkidle")
        page.evaluate(SCROLL_THROUGH_CHARTS)
        page.wait_for_function(ALL_CHARTS_DRAWN)
        loaded = {name for name in scripts_requested(page) if name.startswith(("plotly", "africa", "libya_districts"))}
        assert loaded == scripts, path
        page.close()


def test_a_bar_chart_opens_as_static_bars_and_turns_interactive_when_reached(site, browser):
    _, url = site
    page = browser.new_page(viewport={"width": 390, "height": 800})
    page.goto(url + "timeline/", wait_until="networkidle")
    first = page.locator(".lw-chart").first
    assert first.locator("svg.lw-chart-preview rect").count() > 0
    labels = first.locator("svg.lw-chart-preview text.lw-x-label")  # upright on a phone: every year has room
    assert labels.count() == len(json.loads(first.get_attribute("data-figure"))["data"][0]["x"])
    assert all(label.is_visible() for label in labels.all())
    assert not any(name.startswith("plotly") for name in scripts_requested(page)), "plotly.js ran at open"
    first.hover()
    page.wait_for_selector(f"#{first.get_attribute('id')}[data-rendered] svg.main-svg")
    assert first.locator("svg.lw-chart-preview").count() == 0


def test_without_javascript_a_chart_is_its_title_caption_and_table(site, browser):
    _, url = site
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    for path in ("", "timeline/", "sources/"):
        page.goto(url + path)
        for figure in page.locator("figure.lw-chart-figure").all():
            assert figure.locator(".lw-chart-title").is_visible() and figure.locator(".lw-chart-caption").is_visible()
            assert figure.locator(".lw-chart-data summary").is_visible()
            chart = figure.locator(".lw-chart")
            height = chart.evaluate("el => el.getBoundingClientRect().height")
            if chart.get_attribute("data-preview") is None:
                assert height == 0, f"/{path}: an empty box where a chart cannot be drawn"
            else:
                assert height > 100 and chart.locator("svg rect").count() > 0, f"/{path}: bars without JavaScript"
    context.close()


def test_printing_a_page_prints_each_chart_not_yet_drawn_as_bars_or_its_table(site, browser):
    _, url = site
    page = browser.new_page(viewport={"width": 390, "height": 800})
    page.goto(url, wait_until="networkidle")  # the front page: a bar chart and the map, below the fold
    assert page.locator(".lw-chart[data-claimed]").count() == 0
    page.emulate_media(media="print")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    bars, map_ = page.locator(".lw-chart[data-preview]"), page.locator(".lw-chart[data-geo]")
    assert bars.locator("svg.lw-chart-preview").is_visible()
    assert not page.locator("figure", has=bars).locator(".lw-chart-data table").is_visible()
    assert page.locator("figure", has=map_).locator(".lw-chart-data table").is_visible()
    assert not map_.is_visible(), "the undrawn map would print as a blank box above its table"


# Where plotly drew each part of a chart, in page pixels: the plot area (axes or the map), the
# legend and the toolbar (modebar), each null when absent or hidden.
CHART_PARTS = """el => {
  const box = el.getBoundingClientRect(), size = el._fullLayout._size;
  const rect = node => {
    if (!node) return null;
    const r = node.getBoundingClientRect();
    return r.width && r.height && getComputedStyle(node).display !== "none" ? [r.left, r.top, r.right, r.bottom] : null;
  };
  return {
    plot: [box.left + size.l, box.top + size.t, box.left + size.l + size.w, box.top + size.t + size.h],
    legend: rect(el.querySelector("g.legend")), modebar: rect(el.querySelector(".modebar-container .modebar")),
    chart: [box.left, box.top, box.right, box.bottom],
  };
}"""


def overlap(a, b) -> bool:
    return bool(a and b) and a[0] < b[2] - 1 and b[0] < a[2] - 1 and a[1] < b[3] - 1 and b[1] < a[3] - 1


@pytest.mark.parametrize("width", [390, 1280])
def test_no_toolbar_or_legend_covers_a_chart_and_nothing_is_wider_than_the_screen(site, browser, width):
    site_dir, url = site
    for path, _count in chart_pages(site_dir):
        if path == "print":  # laid out for paper: its figures, at A4 column width, scroll on a phone
            continue
        page = browser.new_page(viewport={"width": width, "height": 900})
        address = url + ("" if path == "." else path + "/")
        page.goto(address, wait_until="networkidle")
        page.evaluate(SCROLL_THROUGH_CHARTS)
        page.wait_for_function(ALL_CHARTS_DRAWN)
        for chart in page.locator(".lw-chart[data-rendered]").all():
            chart.hover()  # plotly's toolbar, when there is one, shows on hover
            parts = chart.evaluate(CHART_PARTS)
            where = f"{address} #{chart.get_attribute('id')} at {width} px"
            assert parts["modebar"] is None, where
            assert not overlap(parts["legend"], parts["plot"]), where
            assert parts["chart"][2] <= width and parts["plot"][2] <= parts["chart"][2] + 1, where
        page.close()


@pytest.mark.parametrize("width", [390, 1280])
def test_the_map_draws_districts_names_and_its_key_and_lists_what_it_cannot_draw(site, browser, width):
    _, url = site
    for scheme in ("light", "dark"):
        context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
        page = context.new_page()
        page.goto(url, wait_until="networkidle")
        if scheme == "dark":
            page.evaluate("document.body.setAttribute('data-md-color-scheme', 'slate')")
        figure = page.locator("figure.lw-chart-figure", has=page.locator(".lw-chart[data-geo]"))
        figure.scroll_into_view_if_needed()
        page.wait_for_selector(".lw-chart[data-geo][data-rendered] svg.main-svg")
        chart = figure.locator(".lw-chart")
        data = chart.evaluate("el => el.data.find(t => t.type === 'choropleth')")
        assert chart.locator(".choroplethlocation").count() == len(data["locations"]) == 22
        written = " | ".join(chart.evaluate("el => [...el.querySelectorAll('svg text')].map(t => t.textContent)"))
        names = chart.evaluate("el => el.data.filter(t => /Labels|orientation/.test(t.name)).flatMap(t => t.text)")
        for name in names:  # every place and town named in the figure is written on the drawn map
            assert re.sub(r"</?b>", "", name.split("<br>")[0]) in written, name  # bold: a recent event there
        geo = chart.evaluate("el => el._fullLayout.geo")
        assert len({geo["oceancolor"], geo["landcolor"], data["colorscale"][0][1]}) == 3, scheme  # sea, land, Libya
        box = chart.bounding_box()
        assert box["height"] <= box["width"] / 1.07 + 2  # no empty band under the map on a phone
        key = figure.locator("ul.lw-map-key")
        assert key.is_visible() and key.bounding_box()["y"] >= box["y"] + box["height"] - 1
        listed = figure.locator(".lw-map-unplaced li")
        assert listed.count() > 0 and listed.first.locator("a").get_attribute("href")
        context.close()


# Each chart's drawn text, measured as the reader sees it: the computed font size of every SVG
# text times the scale its SVG draws it at (a viewBox scales a static preview's text with its
# width), whether it leaves the chart's box, and where an upright text runs into another.
CHART_TEXT = """el => {
  const box = el.getBoundingClientRect(), texts = [], seen = [], clipped = [], overlaps = [];
  const meet = (a, b) => a.left < b.right - 2 && b.left < a.right - 2 && a.top < b.bottom - 2 && b.top < a.bottom - 2;
  for (const text of el.querySelectorAll('svg text')) {
    if (!text.textContent.trim() || !text.getClientRects().length) continue;
    const m = text.getScreenCTM(), r = text.getBoundingClientRect(), words = text.textContent.slice(0, 24);
    const upright = Math.abs(m.b) < 1e-6 && Math.abs(m.c) < 1e-6;  // turned texts' boxes may meet: not compared
    texts.push([words, parseFloat(getComputedStyle(text).fontSize) * Math.sqrt(Math.abs(m.a * m.d - m.b * m.c))]);
    if (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1)
      clipped.push(words);
    for (const [other, o, up] of seen) if ((upright || up) && meet(r, o)) overlaps.push(words + ' / ' + other);
    seen.push([words, r, upright]);
  }
  return {texts, clipped, overlaps};
}"""
PHONE_PAGES = ("", "timeline/", "sources/")  # the front page, the timeline, the sources page


def chart_text_problems(page, where: str) -> tuple[int, list[str]]:
    """How many texts the page's shown charts draw, and each one under 11 px, clipped or overlapping."""
    drawn, problems = 0, []
    for chart in page.locator(".lw-chart").all():
        if not chart.evaluate("el => el.getClientRects().length"):
            continue  # not shown at this width (the heatmap on a phone gives way to its list)
        found = chart.evaluate(CHART_TEXT)
        drawn += len(found["texts"])
        name = f"{where} #{chart.get_attribute('id')}"
        problems += [f"{name}: {words!r} at {size:.1f} px" for words, size in found["texts"] if size < 11 - 0.05]
        problems += [f"{name}: {words!r} clipped" for words in found["clipped"]]
        problems += [f"{name}: {words} overlap" for words in found["overlaps"]]
    return drawn, problems


@pytest.mark.parametrize("width", [390, 1280])
def test_chart_text_is_11_px_at_least_as_drawn_never_clipped_nor_overlapping(site, browser, width):
    """The static previews (as the page opens) and the plotly.js charts (once drawn), on the pages
    a phone reader opens first."""
    _, url = site
    page = browser.new_page(viewport={"width": width, "height": 900})
    measured, problems = {}, []
    for path in PHONE_PAGES:
        page.goto(url + path, wait_until="networkidle")
        previews, found = chart_text_problems(page, f"/{path} at {width} px, preview")
        page.evaluate(SCROLL_THROUGH_CHARTS)
        page.wait_for_function(ALL_CHARTS_DRAWN)
        charts, drawn = chart_text_problems(page, f"/{path} at {width} px, drawn")
        measured[path], problems = (previews, charts), [*problems, *found, *drawn]
    assert measured["timeline/"][0] > 20 and measured[""][0] > 10, measured  # the previews' text was measured
    assert all(charts > 10 for _, charts in measured.values() if width > 390) and measured[""][1] > 30, measured
    assert problems == [], "\n".join(problems)
    page.close()


def test_the_heatmap_gives_way_to_its_list_on_a_phone_and_is_drawn_on_a_desktop(site, browser):
    _, url = site
    for width, heatmap in ((390, False), (1280, True)):
        page = browser.new_page(viewport={"width": width, "height": 900})
        page.goto(url + "sources/", wait_until="networkidle")
        figure = page.locator("figure.lw-has-alt")
        assert figure.locator(".lw-chart").is_visible() is heatmap, width
        assert figure.locator(".lw-chart-alt").is_visible() is not heatmap, width
        if not heatmap:
            first = figure.locator(".lw-chart-alt li").first
            assert first.is_visible() and first.evaluate("el => parseFloat(getComputedStyle(el).fontSize)") >= 11
            assert figure.evaluate("el => el.scrollWidth <= el.clientWidth")  # it fits: nothing to scroll sideways
        page.close()


MAP_MARK_SIZES = """el => {
  const names = new Set(%s), traces = el._fullData.filter(t => t.type === 'scattergeo');
  return [...el.querySelectorAll('g.trace.scattergeo')].flatMap((group, i) => names.has(traces[i].name)
    ? [...group.querySelectorAll('path.point')].map(p => [traces[i].name, p.getBoundingClientRect()]) : []);
}"""


def test_map_marks_and_arrowheads_are_10_px_at_least_on_a_phone(site, browser):
    _, url = site
    page = browser.new_page(viewport={"width": 390, "height": 900})
    page.goto(url, wait_until="networkidle")
    chart = page.locator(".lw-chart[data-geo]")
    chart.scroll_into_view_if_needed()
    page.wait_for_selector(".lw-chart[data-geo][data-rendered] svg.main-svg")
    names = [name for name, _, _ in maps.MAP_MARKS.values()] + [maps.REFERENCE[0]]
    marks = chart.evaluate(MAP_MARK_SIZES % json.dumps(names))
    assert {name for name, _ in marks} >= {maps.MAP_MARKS["direction"][0], maps.MAP_MARKS["gazetteer"][0]}
    small = [(name, round(box["width"], 1), round(box["height"], 1)) for name, box in marks
             if min(box["width"], box["height"]) < 10 - 0.05]  # fmt: skip
    assert small == []
    page.close()


def test_a_map_in_view_as_the_page_opens_waits_for_the_readers_first_gesture(site, browser):
    """A phone shows a place's page first and runs plotly.js's seconds of work once the reader
    scrolls, points or touches (Lighthouse scored the page 0.55 when the map drew at open)."""
    _, url = site
    page = browser.new_page(viewport={"width": 390, "height": 800})
    page.goto(url + "places/qatrun/", wait_until="networkidle")
    chart = page.locator(".lw-chart[data-geo]")
    assert chart.evaluate("el => el.getBoundingClientRect().top") < 800, "the map is not in view here"
    assert chart.get_attribute("data-waiting") and not chart.get_attribute("data-claimed")
    assert not any(name.startswith("plotly") for name in scripts_requested(page)), "plotly.js ran at open"
    assert chart.locator(".lw-chart-waiting li").first.is_visible()  # meanwhile, the places it marks
    page.mouse.wheel(0, 200)
    page.wait_for_selector(".lw-chart[data-geo][data-rendered] svg.main-svg")
    assert chart.locator(".lw-chart-waiting").count() == 0
    page.close()
