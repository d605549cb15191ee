"""The site works under `default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'`:
no inline script, no inline event handler, no eval; charts, map, search, filters and instant
navigation all run with the header sent (the session's test server sends it to every test)."""

from __future__ import annotations

import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from tests.browser import ALL_CHARTS_DRAWN, SCROLL_THROUGH_CHARTS, chromium
from tests.checkers import policy_breaches
from tests.conftest import PROJECT
from tests.site import CSP, MKDOCS, free_port, serve

# Records every violation the page reports, from before its first script runs.
RECORD_VIOLATIONS = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", e =>
  window.__csp.push(`${e.effectiveDirective} blocked ${e.blockedURI || "inline"} (${e.sourceFile}:${e.lineNumber})`));
"""


def test_the_test_server_sends_the_policy(served_site):
    with urllib.request.urlopen(served_site[1]) as response:
        assert response.headers["Content-Security-Policy"] == CSP


def test_every_page_carries_the_policy_and_no_inline_script(served_site):
    assert policy_breaches(served_site[0], CSP) == []


@pytest.mark.browser
def test_charts_map_search_filters_and_instant_navigation_work_under_the_policy(served_site):
    _, base_url = served_site
    with chromium() as browser:
        page = browser.new_page()
        page.add_init_script(RECORD_VIOLATIONS)
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))

        page.goto(base_url, wait_until="load")  # bar chart and the map
        page.evaluate(SCROLL_THROUGH_CHARTS)
        page.wait_for_function(ALL_CHARTS_DRAWN)
        assert page.locator("#chart-index-map .geo path").count() > 0, "the map drew no outline"
        assert page.evaluate("window.__csp") == []

        page.locator(".md-search__input").click()
        page.keyboard.type("Qatrun")
        page.wait_for_selector(".md-search-result__item")

        page.keyboard.press("Escape")
        page.evaluate("window.__sameDocument = true")
        page.locator(".md-nav__link", has_text="Timeline").first.click()  # instant navigation
        page.wait_for_url("**/timeline/")
        # the address changes before the new page's content is in: wait for it, or the scroll
        # below meets the front page's charts, already drawn, and the timeline's are never reached
        page.wait_for_selector("#chart-timeline-index-events-by-type")
        page.evaluate(SCROLL_THROUGH_CHARTS)
        page.wait_for_function(ALL_CHARTS_DRAWN)
        assert page.evaluate("window.__sameDocument === true"), "the page reloaded: instant navigation is off"
        assert page.evaluate("window.__csp") == []
        total = page.locator("article.lw-event").count()
        page.select_option("form.lw-filters select[name=place]", "jabal-asida")
        assert page.locator("article.lw-event:visible").count() == 1 < total
        assert page.evaluate("window.__csp") == []
        assert errors == []


@pytest.mark.browser
def test_a_violation_is_recorded_when_a_page_breaks_the_policy(tmp_path: Path):
    """The check above is only worth having if an inline script and eval are caught."""
    (tmp_path / "index.html").write_text(
        "<!doctype html><p>x</p><script>window.inline = 1</script><script src='e.js'></script>", encoding="utf-8"
    )
    (tmp_path / "e.js").write_text("try { eval('1') } catch (e) {}", encoding="utf-8")
    with serve(tmp_path, headers={"Content-Security-Policy": CSP}) as url, chromium() as browser:
        page = browser.new_page()
        page.add_init_script(RECORD_VIOLATIONS)
        page.goto(url, wait_until="load")
        page.wait_for_timeout(200)
        blocked = page.evaluate("window.__csp")
    assert [v.split(" (")[0] for v in blocked] == ["script-src-elem blocked inline", "script-src blocked eval"]


@pytest.mark.build
def test_make_serve_leaves_the_policy_out_for_its_live_reload_script():
    """`mkdocs serve` injects an inline script that reloads the page on edits: the policy would
    block it, so the preview goes without; what is built and published keeps it."""
    port = free_port()
    command = [str(MKDOCS), "serve", "--strict", "--dev-addr", f"127.0.0.1:{port}"]
    server = subprocess.Popen(command, cwd=PROJECT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}/"
    try:
        for _ in range(120):
            try:
                with urllib.request.urlopen(base, timeout=2) as response:
                    page = response.read().decode("utf-8")
                break
            except OSError:
                time.sleep(0.5)
        else:
            raise AssertionError("mkdocs serve did not answer within 60 s")
        # the preview is the whole site: generated pages with their cards put back, and the downloads
        with urllib.request.urlopen(base + "timeline/", timeout=10) as response:
            timeline = response.read().decode("utf-8")
        with urllib.request.urlopen(base + "downloads/events.csv", timeout=10) as response:
            csv_header = response.readline().decode("utf-8")
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert "livereload" in page
    assert "Content-Security-Policy" not in page
    assert 'id="LBY0001"' in timeline and "lw-stash" not in timeline
    assert csv_header.startswith("event_id_cnty,")
