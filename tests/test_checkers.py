"""Checkers that no one here wrote, run on the real built site: lychee (links and anchors), the
Nu HTML Checker, axe-core in Chromium (light and dark), Lighthouse, a crawl that records every
request, and two builds compared byte for byte. Each failure names the page and the element."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.browser import ALL_CHARTS_DRAWN, SCROLL_THROUGH_CHARTS, chromium, foreign
from tests.conftest import PROJECT
from tests.site import build_site, serve
from tools.chromium import CHROMIUM, FLAGS

pytestmark = [pytest.mark.build, pytest.mark.browser]

NODE_MODULES = PROJECT / "node_modules"
VNU = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE = NODE_MODULES / "axe-core" / "axe.min.js"
LIGHTHOUSE = NODE_MODULES / ".bin" / "lighthouse"
LYCHEE = Path(sys.executable).parent / "lychee"

# What the Nu checker reports in mkdocs-material's own markup, matched by message and element;
# the README lists them. Nothing of ours may hide behind these.
THEME_HTML_ERRORS = [
    # the search and drawer toggles are checkboxes with autocomplete="off"
    ("Attribute “autocomplete” is only allowed when the input type is", 'type="checkbox" id="__search" autocomplete'),
    ("Attribute “autocomplete” is only allowed when the input type is", 'type="checkbox" id="__drawer" autocomplete'),
    # the table of contents' title is a label for the __toc toggle, which the theme renders only
    # on pages listed in the navigation
    ("The value of the “for” attribute of the “label” element must be", '<label class="md-nav__title" for="__toc">'),
]
# What axe-core reports in the theme's markup, by rule and element (listed in the README too).
THEME_AXE_VIOLATIONS = {("aria-dialog-name", ".md-search")}  # the search dialog has no name
SERIOUS = {"serious", "critical"}
CONTRAST_RULES = ["color-contrast", "link-in-text-block"]


def html_pages(site_dir: Path) -> list[str]:
    return sorted(path.relative_to(site_dir).as_posix() for path in site_dir.rglob("*.html"))


def test_no_internal_link_or_anchor_is_broken(served_site):
    site_dir, _ = served_site
    command = [str(LYCHEE), "--offline", "--include-fragments", "--no-progress", "--index-files", "index.html"]
    # briefing.pdf is written by `make pdf` after the build (the deploy workflow runs both)
    command += ["--root-dir", str(site_dir), "--exclude", r"/briefing\.pdf$", str(site_dir)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert " 0 Errors" in result.stdout and "OK" in result.stdout, result.stdout


def test_no_broken_anchor_slips_past_lychee(tmp_path):
    """The link check above is only worth having if a missing anchor fails it."""
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text('<a href="a/#here">x</a><a href="a/#gone">y</a>', encoding="utf-8")
    (tmp_path / "a" / "index.html").write_text('<p id="here">z</p>', encoding="utf-8")
    command = [str(LYCHEE), "--offline", "--include-fragments", "--no-progress", "--index-files", "index.html"]
    result = subprocess.run([*command, str(tmp_path)], capture_output=True, text=True, timeout=60)
    assert result.returncode != 0 and "#gone" in result.stdout and "#here" not in result.stdout


def nu_errors(site_dir: Path) -> list[dict]:
    command = ["java", "-jar", str(VNU), "--errors-only", "--skip-non-html", "--format", "json", str(site_dir)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=300)
    return json.loads(result.stderr)["messages"]


def is_theme_error(message: dict) -> bool:
    return any(
        message["message"].startswith(text) and element in message.get("extract", "")
        for text, element in THEME_HTML_ERRORS
    )


def test_markup_passes_the_nu_html_checker(served_site):
    site_dir, _ = served_site
    ours = [message for message in nu_errors(site_dir) if not is_theme_error(message)]
    assert ours == [], "\n".join(
        f"{m['url'].split(str(site_dir))[-1]}:{m.get('lastLine')}: {m['message']} in {m.get('extract', '').strip()!r}"
        for m in ours[:30]
    )


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


def test_every_page_has_a_meta_description(served_site):
    site_dir, _ = served_site
    missing = []
    for rel in html_pages(site_dir):
        soup = BeautifulSoup((site_dir / rel).read_text(encoding="utf-8"), "html.parser")
        meta = soup.find("meta", attrs={"name": "description"})
        if meta is None or not meta.get("content", "").strip():
            missing.append(rel)
    assert missing == []


class Visitor:
    """One Chromium tab that records every request a page makes until the network is quiet.
    Requests to any other host are recorded and aborted: nothing leaves the machine."""

    def __init__(self, page) -> None:
        self.page = page
        self.requests: list[str] = []
        self.pending: set = set()
        page.route(lambda url: bool(foreign([url])), lambda route: route.abort())
        page.on("request", lambda request: (self.requests.append(request.url), self.pending.add(request)))
        page.on("requestfinished", lambda request: self.pending.discard(request))
        page.on("requestfailed", lambda request: self.pending.discard(request))

    def visit(self, url: str, quiet_ms: int = 100) -> list[str]:
        """Open `url`, scroll through it until its charts are drawn, and wait for no open request
        (networkidle waits 500 ms)."""
        self.requests.clear()
        self.page.goto(url, wait_until="load")
        self.page.evaluate(SCROLL_THROUGH_CHARTS)
        self.page.wait_for_function(ALL_CHARTS_DRAWN)
        for _ in range(100):
            self.page.wait_for_timeout(quiet_ms)
            if not self.pending:
                return list(self.requests)
        raise AssertionError(f"{url}: requests still open: {[request.url for request in self.pending]}")


@pytest.fixture(scope="module")
def crawl(served_site):
    """Every page of the site once in Chromium: the requests it makes, then axe-core's findings
    in the light scheme and (contrast rules) in the dark one."""
    site_dir, base_url = served_site
    axe = AXE.read_text(encoding="utf-8")
    found = {"requests": {}, "light": {}, "dark": {}}
    with chromium() as browser:
        visitor = Visitor(browser.new_page())
        for rel in html_pages(site_dir):
            found["requests"][rel] = visitor.visit(base_url + rel)
            visitor.page.evaluate(axe)
            found["light"][rel] = run_axe(visitor.page)
            dark(visitor.page)
            found["dark"][rel] = run_axe(visitor.page, CONTRAST_RULES)
    return found


def dark(page) -> None:
    """Switch to the dark scheme as the toggle does, with no colour transition left half-way."""
    page.add_style_tag(content="*, *::before, *::after { transition: none !important; }")
    page.evaluate("document.body.setAttribute('data-md-color-scheme', 'slate')")


def run_axe(page, rules: list[str] | None = None) -> list[str]:
    """Serious and critical violations as 'rule (impact): element: what to fix', theme's left out."""
    options = {"resultTypes": ["violations"], **({"runOnly": rules} if rules else {})}
    violations = page.evaluate("async options => (await axe.run(document, options)).violations", options)
    return [
        f"{v['id']} ({v['impact']}): {' '.join(node['target'])}: {node['failureSummary'].splitlines()[-1].strip()}"
        for v in violations
        if v["impact"] in SERIOUS
        for node in v["nodes"]
        if (v["id"], " ".join(node["target"])) not in THEME_AXE_VIOLATIONS
    ]


def test_no_page_requests_another_host(crawl):
    foreign_by_page = {rel: foreign(urls) for rel, urls in crawl["requests"].items()}
    assert {rel: urls for rel, urls in foreign_by_page.items() if urls} == {}
    assert all(crawl["requests"].values()), "the crawl recorded no request at all"


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


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_serious_violation(crawl, scheme):
    failing = {rel: violations for rel, violations in crawl[scheme].items() if violations}
    assert failing == {}, "\n".join(f"{rel}: {v}" for rel, violations in failing.items() for v in violations[:5])


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


LIGHTHOUSE_PAGES = ["", "timeline/", "disputes/"]  # the front page, a timeline page, a chart page


@pytest.mark.parametrize("path", LIGHTHOUSE_PAGES)
def test_lighthouse_scores_at_least_095(served_site, path, tmp_path):
    _, base_url = served_site
    report = tmp_path / "report.json"
    command = [str(LIGHTHOUSE), base_url + path, "--quiet", "--output=json", f"--output-path={report}"]
    command += [
        "--only-categories=accessibility,best-practices,seo",
        "--chrome-flags=" + " ".join(["--headless=new", *FLAGS]),
    ]
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    result = subprocess.run(command, capture_output=True, text=True, timeout=180, env=env)
    assert result.returncode == 0, result.stderr[-2000:]
    lhr = json.loads(report.read_text(encoding="utf-8"))
    assert lhr["runWarnings"] == []
    scores = {name: category["score"] for name, category in lhr["categories"].items()}
    failing = [
        f"{audit_id}: {lhr['audits'][audit_id]['title']}: "
        + ", ".join(
            item.get("node", {}).get("selector", "")
            for item in lhr["audits"][audit_id].get("details", {}).get("items", [])[:5]
        )
        for category in lhr["categories"].values()
        for ref in category["auditRefs"]
        if ref["weight"]
        and (audit_id := ref["id"])
        and (lhr["audits"][audit_id]["score"] or 0) < 1
        and lhr["audits"][audit_id]["scoreDisplayMode"] not in ("notApplicable", "manual", "informative")
    ]
    assert all(score >= 0.95 for score in scores.values()), f"/{path}: {scores}\n" + "\n".join(failing)
    assert lhr["audits"]["meta-description"]["score"] == 1


def test_two_builds_of_one_commit_are_byte_identical(tmp_path, monkeypatch):
    """SOURCE_DATE_EPOCH fixes the dates; different hash seeds shake out set and dict order."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    sites = []
    for seed in ("1", "2"):
        monkeypatch.setenv("PYTHONHASHSEED", seed)
        site_dir = tmp_path / f"site-{seed}"
        result = build_site(site_dir, site_url="https://example.org/libya-watch/")
        assert result.returncode == 0, result.stderr
        sites.append(site_dir)
    first, second = ({p.relative_to(s).as_posix(): p for p in s.rglob("*") if p.is_file()} for s in sites)
    assert sorted(first) == sorted(second)
    differing = [rel for rel in sorted(first) if first[rel].read_bytes() != second[rel].read_bytes()]
    assert differing == []


@pytest.fixture(autouse=True, scope="module")
def _tools_installed():
    missing = [str(path) for path in (VNU, AXE, LIGHTHOUSE, LYCHEE) if not path.exists()]
    if not shutil.which("java"):
        missing.append("java")
    assert missing == [], f"run `make setup` (npm ci, pip install): missing {missing}"
