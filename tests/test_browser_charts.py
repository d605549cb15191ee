"""Charts in real headless Chromium: every chart draws, the map draws its outlines offline,
plotly.js loads only where there is a chart, and instant navigation keeps charts working."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from tests.browser import chromium

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site(served_site):
    return served_site


@pytest.fixture(scope="module")
def browser():
    with chromium() as instance:
        yield instance


def chart_pages(site_dir):
    for path in sorted(site_dir.rglob("index.html")):
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        if page.select(".lw-chart"):
            yield path.parent.relative_to(site_dir).as_posix(), len(page.select(".lw-chart"))


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
    page.wait_for_selector(".lw-chart[data-rendered] svg.main-svg", timeout=15_000)
    assert page.evaluate("window.__sameDocument === true")


def test_charts_follow_the_dark_scheme(site, browser):
    _, url = site
    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    page.goto(url + "timeline/", wait_until="networkidle")
    page.wait_for_selector(".lw-chart[data-rendered] svg.main-svg")
    colour = page.evaluate("document.querySelector('.lw-chart[data-rendered]').layout.font.color")
    assert colour == "#e2e4e9"
    page.emulate_media(media="print")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert page.evaluate("document.querySelector('.lw-chart[data-rendered]').layout.font.color") == "#1f2328"
    assert page.evaluate("document.querySelector('.lw-chart[data-rendered]').layout.width") == 680
    context.close()
