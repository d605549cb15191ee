"""Lighthouse (mobile, its default simulated phone and network) on the pages a reader lands on.

The site is served as a host serves it: gzipped, with the Content-Security-Policy header. Each
page is audited `runs` times and the run with the median performance score kept, as Lighthouse's
own guidance on variance advises. Lighthouse sees the page as it opens, before a reader scrolls,
so `all_charts_kb` also weighs it once every chart on it has been drawn by plotly.js (the map's
page budget is about that).

    python -m bench.lighthouse SITE_DIR [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from macros.core.project import PROJECT_DIR
from tools.chromium import ALL_CHARTS_DRAWN, CHROMIUM, FLAGS, SCROLL_THROUGH_CHARTS, chromium
from tools.localsite import serve

ROOT = PROJECT_DIR
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CSP = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'"
# Every page type (issue 27, point 11): the front page (bars and the map), the timeline, a source
# page (its map), disputes, an actor, a place and the methodology.
PAGES = {
    "front page": "",
    "timeline": "timeline/",
    "source page": "sources/qatrun-second-attack/",
    "disputes": "disputes/",
    "actor page": "actors/islamic-state/",
    "place page": "places/qatrun/",
    "methodology": "methodology/",
}
HAS_MAP = {"front page", "source page", "place page"}


def audit(url: str, out: Path) -> dict:
    """One Lighthouse run on `url`: the figures the issue's targets are about."""
    command = [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out}"]
    command += ["--only-categories=performance", "--chrome-flags=" + " ".join(["--headless=new", *FLAGS])]
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    subprocess.run(command, check=True, capture_output=True, timeout=300, env=env)
    lhr = json.loads(out.read_text(encoding="utf-8"))
    audits = lhr["audits"]
    return {
        "performance": lhr["categories"]["performance"]["score"],
        "transfer_kb": round(audits["total-byte-weight"]["numericValue"] / 1024),
        "tbt_ms": round(audits["total-blocking-time"]["numericValue"]),
        "lcp_s": round(audits["largest-contentful-paint"]["numericValue"] / 1000, 2),
        "tti_s": round(audits["interactive"]["numericValue"] / 1000, 2),
    }


def weigh_with_every_chart(url: str) -> int:
    """Bytes transferred (compressed, headers included) once every chart on the page is drawn."""
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 412, "height": 823})
        finished = []
        page.on("requestfinished", lambda request: finished.append(request))
        page.goto(url, wait_until="networkidle")
        page.evaluate(SCROLL_THROUGH_CHARTS)
        page.wait_for_function(ALL_CHARTS_DRAWN)
        page.wait_for_timeout(500)
        sizes = [request.sizes() for request in finished]
    return sum(size["responseBodySize"] + size["responseHeadersSize"] for size in sizes)


def measure_pages(site: Path, runs: int = 3) -> dict[str, dict]:
    """Every page of PAGES, the median run of each (by performance score)."""
    results = {}
    host = serve(site, headers={"Content-Security-Policy": CSP}, compress=True)
    with host as url, tempfile.TemporaryDirectory() as tmp:
        for name, path in PAGES.items():
            audited = sorted((audit(url + path, Path(tmp) / "report.json") for _ in range(runs)),
                             key=lambda r: r["performance"])  # fmt: skip
            median = audited[len(audited) // 2]
            results[name] = {**median, "all_charts_kb": round(weigh_with_every_chart(url + path) / 1024),
                             "map": name in HAS_MAP, "runs": runs,
                             "performance_runs": [r["performance"] for r in audited]}  # fmt: skip
            print(name, json.dumps(results[name]), flush=True)
    return results


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.lighthouse", description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    print(json.dumps(measure_pages(args.site, args.runs), indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
