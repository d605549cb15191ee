"""The built site in real headless Chromium: it renders, stays local, filters work with and
without JavaScript, and instant navigation keeps the scripts working."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from tests.browser import chromium, foreign
from tests.helpers import events_at

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def dataset(site_data):
    """The data the served site is built from (tests/conftest.py: the grown fixture)."""
    return site_data


@pytest.fixture(scope="module")
def base_url(served_site):
    return served_site[1]


@pytest.fixture(scope="module")
def browser():
    with chromium() as instance:
        yield instance


def watch(page):
    """Collect requests and errors of a page."""
    seen = {"requests": [], "errors": []}
    page.on("request", lambda request: seen["requests"].append(request.url))
    page.on("console", lambda message: seen["errors"].append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: seen["errors"].append(str(error)))
    return seen


def test_front_page_renders_locally_without_errors(base_url, browser, dataset):
    page = browser.new_page()
    seen = watch(page)
    page.goto(base_url, wait_until="networkidle")
    counts = page.locator(".lw-counts").inner_text()
    assert f"{len(dataset.events)} events" in counts
    assert foreign(seen["requests"]) == []
    assert seen["errors"] == []


def test_search_finds_a_place_by_another_spelling(base_url, browser):
    page = browser.new_page()
    page.goto(base_url, wait_until="networkidle")
    page.locator(".md-search__input").click()
    page.wait_for_function(
        "() => document.querySelector('.md-search-result__meta')?.textContent.includes('Type to start')"
    )
    page.keyboard.type("Qatroun")
    page.wait_for_selector(".md-search-result__item")
    links = page.locator(".md-search-result__item a").evaluate_all("els => els.map(e => e.href)")
    assert any(urlsplit(link).path == "/places/qatrun/" for link in links), links


def test_filters_narrow_the_timeline(base_url, browser, dataset):
    page = browser.new_page()
    seen = watch(page)
    page.goto(base_url + "timeline/", wait_until="networkidle")
    total = page.locator("article.lw-event").count()
    page.select_option("form.lw-filters select[name=place]", "jabal-asida")
    visible = page.locator("article.lw-event:visible")
    there = sorted(e.id for e in events_at(dataset, "jabal-asida"))
    assert sorted(visible.evaluate_all("els => els.map(e => e.id)")) == there and "LBY0009" in there
    assert page.locator(".lw-filter-count").inner_text() == f"Showing {len(there)} of {total} events"
    page.select_option("form.lw-filters select[name=place]", "")
    page.select_option("form.lw-filters select[name=actor]", "us-military")
    assert page.locator("article.lw-event:visible").count() < total
    assert seen["errors"] == []


def test_without_javascript_the_full_timeline_shows(base_url, browser, dataset):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + "timeline/")
    assert not page.locator("form.lw-filters").is_visible()
    assert page.locator("article.lw-event:visible").count() == len(dataset.events)
    context.close()


def test_instant_navigation_keeps_filters_working(base_url, browser, dataset):
    page = browser.new_page()
    seen = watch(page)
    page.goto(base_url, wait_until="networkidle")
    page.evaluate("window.__sameDocument = true")
    page.locator("nav.md-nav a[href$='timeline/']").first.click()
    page.wait_for_url("**/timeline/")
    page.wait_for_selector("form.lw-filters:not([hidden])")
    assert page.evaluate("window.__sameDocument === true"), "the page reloaded: instant navigation is off"
    page.select_option("form.lw-filters select[name=place]", "jabal-asida")
    there = events_at(dataset, "jabal-asida")
    assert page.locator("article.lw-event:visible").count() == len(there)
    assert seen["errors"] == []


@pytest.mark.parametrize(("typed", "written"), [("Dbeibah", "Dabaiba"), ("Qaddafi", "Gaddafi")])
def test_search_finds_a_name_under_the_spelling_readers_type(base_url, browser, typed, written):
    """No document writes "Dbeibah" or "Qaddafi": the worker's romanisation key finds what the
    documents' spelling finds."""
    results = {}
    for query in (written, typed):
        page = browser.new_page()
        page.goto(base_url, wait_until="networkidle")
        page.locator(".md-search__input").click()
        page.keyboard.type(query)
        page.wait_for_selector(".md-search-result__item")
        links = page.locator(".md-search-result__item a").evaluate_all("els => els.map(e => e.href)")
        results[query] = {(urlsplit(link).path, urlsplit(link).fragment) for link in links}  # ?h= is the query
        page.close()
    assert results[written] and results[written] <= results[typed]
