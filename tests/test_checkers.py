"""Each independent checker catches what it is there to catch (a broken anchor, a markup error, a
font from another host, a contrast failure in the dark scheme), and Lighthouse scores the fixture
site. tests/test_real_data.py runs the same checkers (tests/checkers.py) over the real site."""

from __future__ import annotations

import pytest

from tests.browser import chromium, foreign
from tests.checkers import (
    AXE,
    CONTRAST_RULES,
    Visitor,
    dark,
    is_theme_error,
    lighthouse,
    lighthouse_failures,
    lychee,
    nu_errors,
    run_axe,
    tools_missing,
)
from tests.site import serve


@pytest.fixture(autouse=True, scope="module")
def _tools_installed():
    assert tools_missing() == [], f"run `make setup` (npm ci, pip install): missing {tools_missing()}"


def test_no_broken_anchor_slips_past_lychee(tmp_path):
    """The link check is only worth having if a missing anchor fails it."""
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text('<a href="a/#here">x</a><a href="a/#gone">y</a>', encoding="utf-8")
    (tmp_path / "a" / "index.html").write_text('<p id="here">z</p>', encoding="utf-8")
    result = lychee(tmp_path)
    assert result.returncode != 0 and "#gone" in result.stdout and "#here" not in result.stdout


def test_the_nu_checker_reports_our_mistakes(tmp_path):
    """The filter lets the theme's errors through and nothing else: a stray attribute fails."""
    (tmp_path / "index.html").write_text(
        '<!doctype html><html lang="en"><head><title>t</title></head><body>'
        '<input class="md-toggle" type="checkbox" id="__search" autocomplete="off">'
        '<table><tr><td colspan="x">a</td></tr></table></body></html>',
        encoding="utf-8",
    )
    errors = nu_errors(tmp_path)
    assert [is_theme_error(message) for message in errors] == [True, False], errors


@pytest.mark.browser
def test_the_crawl_catches_a_font_from_another_host(tmp_path):
    """The privacy crawl is only worth having if it sees what a page fetches from elsewhere."""
    (tmp_path / "index.html").write_text(
        '<link rel="stylesheet" href="https://fonts.example.org/css">'
        '<p>text</p><script>fetch("http://cdn.example.net/x.js").catch(() => {})</script>',
        encoding="utf-8",
    )
    with serve(tmp_path) as url, chromium() as browser:
        requests = Visitor(browser.new_page()).visit(url)
    assert foreign(requests) == ["https://fonts.example.org/css", "http://cdn.example.net/x.js"]


@pytest.mark.browser
def test_axe_sees_a_contrast_failure_in_the_dark_scheme(served_site):
    """The dark pass is only worth having if axe judges the page after the switch."""
    _, base_url = served_site
    with chromium() as browser:
        page = browser.new_page()
        page.goto(base_url, wait_until="load")
        page.evaluate(AXE.read_text(encoding="utf-8"))
        page.add_style_tag(content="[data-md-color-scheme=slate] .lw-counts { color: #2a2a2a !important; }")
        assert run_axe(page, CONTRAST_RULES) == []
        dark(page)
        assert any(v.startswith("color-contrast (serious): .lw-counts") for v in run_axe(page, CONTRAST_RULES))


# every page type (issue 27): the front page, the timeline, disputes, a source, an actor, a place, the method
LIGHTHOUSE_PAGES = ["", "timeline/", "disputes/", "sources/qatrun-second-attack/", "actors/islamic-state/",
                    "places/qatrun/", "methodology/"]  # fmt: skip


@pytest.mark.parametrize("path", LIGHTHOUSE_PAGES)
@pytest.mark.browser
def test_lighthouse_scores_at_least_095(served_site, path, tmp_path):
    """The scores, not Lighthouse's run warnings: a note that the CPU is slow says nothing of the page."""
    _, base_url = served_site
    lhr = lighthouse(base_url + path, tmp_path / "report.json")
    scores = {name: category["score"] for name, category in lhr["categories"].items()}
    failing = "\n".join(lighthouse_failures(lhr))
    assert all(score >= 0.95 for score in scores.values()), f"/{path}: {scores}\n{failing}"
    assert lhr["audits"]["meta-description"]["score"] == 1
