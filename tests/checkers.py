"""The independent checkers, as the suite runs them: lychee (links and anchors), the Nu HTML
Checker, axe-core in Chromium (light and dark), Lighthouse, and a Chromium crawl that records every
request. tests/test_checkers.py shows each one catching what it is there to catch;
tests/test_real_data.py runs them over the real site."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from bs4 import BeautifulSoup

from tests.browser import ALL_CHARTS_DRAWN, SCROLL_THROUGH_CHARTS, chromium, foreign
from tests.conftest import PROJECT
from tools.chromium import CHROMIUM, FLAGS

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


def redirects_to(page: Path) -> str | None:
    """Where a page sends the reader at once (an event's lasting address: its meta refresh), or None."""
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    refresh = soup.find("meta", attrs={"http-equiv": "refresh"})
    return refresh["content"].split("url=", 1)[1] if refresh else None


def tools_missing() -> list[str]:
    """The checkers `make setup` installs that are not here."""
    missing = [str(path) for path in (VNU, AXE, LIGHTHOUSE, LYCHEE) if not path.exists()]
    return missing if shutil.which("java") else [*missing, "java"]


def lychee(site: Path) -> subprocess.CompletedProcess[str]:
    """lychee over a built site or a folder of pages, offline, anchors included."""
    command = [str(LYCHEE), "--offline", "--include-fragments", "--no-progress", "--index-files", "index.html"]
    command += ["--root-dir", str(site), str(site)]
    return subprocess.run(command, capture_output=True, text=True, timeout=300)


def nu_errors(site_dir: Path) -> list[dict]:
    command = ["java", "-jar", str(VNU), "--errors-only", "--skip-non-html", "--format", "json", str(site_dir)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=300)
    return json.loads(result.stderr)["messages"]


def is_theme_error(message: dict) -> bool:
    return any(
        message["message"].startswith(text) and element in message.get("extract", "")
        for text, element in THEME_HTML_ERRORS
    )


class Visitor:
    """One Chromium tab that records every request a page makes until the network is quiet, and
    every error it logs. Requests to any other host are recorded and aborted: nothing leaves the
    machine."""

    def __init__(self, page) -> None:
        self.page = page
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.pending: set = set()
        page.on("console", lambda message: self.errors.append(message.text) if message.type == "error" else None)
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.route(lambda url: bool(foreign([url])), lambda route: route.abort())
        page.on("request", lambda request: (self.requests.append(request.url), self.pending.add(request)))
        page.on("requestfinished", lambda request: self.pending.discard(request))
        page.on("requestfailed", lambda request: self.pending.discard(request))

    def visit(self, url: str, quiet_ms: int = 100) -> list[str]:
        """Open `url`, scroll through it until its charts are drawn, and wait for no open request
        (networkidle waits 500 ms)."""
        self.requests.clear()
        self.errors.clear()
        self.page.goto(url, wait_until="load")
        self.page.evaluate(SCROLL_THROUGH_CHARTS)
        self.page.wait_for_function(ALL_CHARTS_DRAWN)
        for _ in range(100):
            self.page.wait_for_timeout(quiet_ms)
            if not self.pending:
                return list(self.requests)
        raise AssertionError(f"{url}: requests still open: {[request.url for request in self.pending]}")


def crawl(site_dir: Path, base_url: str) -> dict[str, dict[str, list[str]]]:
    """Every page of a site once in Chromium, scrolled until each of its charts is drawn: the
    requests it makes and the errors it logs, then axe-core's findings in the light scheme and
    (contrast rules) in the dark one."""
    axe = AXE.read_text(encoding="utf-8")
    found: dict[str, dict[str, list[str]]] = {"requests": {}, "errors": {}, "light": {}, "dark": {}}
    with chromium() as browser:
        visitor = Visitor(browser.new_page())
        for rel in html_pages(site_dir):
            if redirects_to(site_dir / rel):  # an event's address: its card's page is crawled itself
                continue
            found["requests"][rel] = visitor.visit(base_url + rel)
            found["errors"][rel] = list(visitor.errors)
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


def lighthouse(url: str, report: Path) -> dict:
    """Lighthouse's accessibility, best-practice and SEO report on one page, in Debian's Chromium."""
    command = [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={report}"]
    command += [
        "--only-categories=accessibility,best-practices,seo",
        "--chrome-flags=" + " ".join(["--headless=new", *FLAGS]),
    ]
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    result = subprocess.run(command, capture_output=True, text=True, timeout=180, env=env)
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(report.read_text(encoding="utf-8"))


def lighthouse_failures(lhr: dict) -> list[str]:
    """Each weighted audit below full marks, with the first elements it names."""
    return [
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


def policy_breaches(site_dir: Path, policy: str) -> list[str]:
    """Each page without the Content-Security-Policy <meta>, and each inline script, inline event
    handler or javascript: link the policy would block."""
    problems = []
    for rel in html_pages(site_dir):
        soup = BeautifulSoup((site_dir / rel).read_text(encoding="utf-8"), "html.parser")
        meta = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
        if meta is None or meta.get("content") != policy:
            problems.append(f"{rel}: no <meta> with the policy")
        for script in soup.find_all("script"):
            if not script.get("src") and script.get("type") != "application/json":
                problems.append(f"{rel}: inline script {script.get_text()[:60]!r}")
        for element in soup.find_all(True):
            if handlers := [name for name in element.attrs if name.lower().startswith("on")]:
                problems.append(f"{rel}: <{element.name}> has inline handler {handlers}")
            if str(element.get("href", "")).strip().lower().startswith("javascript:"):
                problems.append(f"{rel}: <{element.name}> links to javascript:")
    return problems
