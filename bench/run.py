"""`make bench`: build the site from the seed data and from synthetic datasets of each size,
and write bench/results.json.

For each dataset: wall time and peak memory of a strict build (in its own process), the pages,
the largest page and the largest chart data, the site's size, and the same pages built by bare
mkdocs-material from their pre-rendered Markdown (`bare_wall_s`; `ratio` = wall_s / bare_wall_s).

    python -m bench.run [1000 10000 100000]
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.generate import generate
from bench.hugo import hugo_build

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results.json"
TARGETS = {
    "seed": "at most 1.25x a bare mkdocs-material build; a one-event rebuild in 2 s or less",
    "10000": "15 s or less, 500 MB or less",
    "100000": "150 s or less, 2 GB or less",
    "all": "no HTML page over 1 MB; no page's chart data over 300 KB",
}
BARE_CONFIG = """site_name: Libya Watch (bare)
docs_dir: {docs}
theme:
  name: material
  font: false
plugins:
  - search
markdown_extensions:
  - attr_list
  - tables
  - toc:
      permalink: true
extra_css:
  - stylesheets/libya-watch.css
"""


def run_build(env: dict, site: Path, touch: Path | None = None) -> dict:
    command = [sys.executable, "-m", "bench.build_once", str(ROOT / "mkdocs.yml"), str(site)]
    if touch:
        command += ["--rebuild-after-touch", str(touch)]
    out = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def measure_site(site: Path) -> dict:
    pages = list(site.rglob("*.html"))
    largest_chart = 0
    for page in pages:
        for figure in re.findall(rb'data-figure="([^"]*)"', page.read_bytes()):
            largest_chart = max(largest_chart, len(figure))
    size = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    return {
        "pages": len(pages),
        "largest_page_kb": round(max(p.stat().st_size for p in pages) / 1024, 1),
        "largest_page": max(pages, key=lambda p: p.stat().st_size).relative_to(site).as_posix(),
        "site_mb": round(size / 2**20, 1),
        "largest_chart_kb": round(largest_chart / 1024, 1),
    }


def bare_build(markdown: Path, work: Path) -> float:
    """The same pages, pre-rendered, through plain mkdocs-material (no macros, no hooks)."""
    shutil.copytree(ROOT / "docs" / "stylesheets", markdown / "stylesheets", dirs_exist_ok=True)
    config = work / "bare.yml"
    config.write_text(BARE_CONFIG.format(docs=markdown), encoding="utf-8")
    command = [sys.executable, "-m", "bench.build_once", str(config), str(work / "bare-site")]
    out = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])["wall_s"]


def bench_one(label: str, events: int, data: Path | None, work: Path) -> dict:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "LIBYA_WATCH_DUMP_MARKDOWN": str(work / "markdown")}
    touch = ROOT / "data" / "events.yaml"
    if data is not None:
        docs = work / "docs"
        shutil.copytree(ROOT / "docs", docs)
        shutil.copy(ROOT / "bench" / "briefing.md", docs / "includes" / "briefing.md")
        env.update(LIBYA_WATCH_DATA=str(data), LIBYA_WATCH_DOCS=str(docs), LIBYA_WATCH_INCLUDES=str(docs / "includes"))
        touch = None
    build = run_build(env, work / "site", touch)
    run = {"label": label, "events": events, "wall_s": build["wall_s"], "peak_rss_mb": build["peak_rss_mb"]}
    if "rebuild_s" in build:
        run["rebuild_one_event_s"] = build["rebuild_s"]
    run.update(measure_site(work / "site"))
    run["bare_wall_s"] = bare_build(work / "markdown", work)
    run["ratio"] = round(run["wall_s"] / run["bare_wall_s"], 2)
    run["hugo_wall_s"] = hugo_build(work / "markdown", work)  # the outside reference
    return run


def main(argv: list[str]) -> int:
    sizes = [int(n) for n in (argv or ["1000", "10000", "100000"])]
    runs: list[dict] = []
    with tempfile.TemporaryDirectory() as tmp:
        seed = sum(1 for _ in _seed_events())
        runs.append(bench_one("seed", seed, None, Path(tmp) / "seed"))
        write_results(runs)
        for n in sizes:
            work = Path(tmp) / f"n{n}"
            data = generate(n, work / "dataset")
            runs.append(bench_one(f"synthetic-{n}", n, data, work))
            write_results(runs)  # after each size: a long run keeps what it has measured
            shutil.rmtree(work)
    return 0


def write_results(runs: list[dict]) -> None:
    print(json.dumps(runs[-1]), flush=True)
    synthetic = [r for r in runs if r["label"] != "seed"]
    slope = None
    if len(synthetic) >= 2:
        a, b = synthetic[-2], synthetic[-1]
        slope = round((b["wall_s"] - a["wall_s"]) / (b["events"] - a["events"]) * 1000, 3)
    result = {"runs": runs, "slope_s_per_1000_events": slope, "targets": TARGETS, "machine": f"{os.cpu_count()} cores"}
    RESULTS.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")


def _seed_events():
    from macros.loader import load_dataset

    return load_dataset(ROOT / "data").events


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
