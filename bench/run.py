"""`make bench`: build the site from the seed data and from synthetic datasets of each size,
and write bench/results.json.

For each dataset: wall time and peak memory of a strict build (in its own process), the pages,
the largest page and the largest chart data, the site's size, and the same pages built by bare
mkdocs-material from their pre-rendered Markdown (`bare_wall_s`; `ratio` = wall_s / bare_wall_s).
A build under ten seconds is timed three times and the fastest kept, for both. `targets_met`
checks each of the issue's targets against the runs it is about.

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
REPEAT_BELOW_S = 10.0  # a build quicker than this is timed REPEATS times, the fastest kept
REPEATS = 3
# The targets, each as (the run it is about: "seed", a size, or "all"; field; limit).
TARGETS = {
    "seed build at most 1.25x bare mkdocs-material": ("seed", "ratio", 1.25),
    "one-event rebuild at seed size in 2 s or less": ("seed", "rebuild_one_event_s", 2.0),
    "10,000 events in 15 s or less": (10000, "wall_s", 15.0),
    "10,000 events in 500 MB or less": (10000, "peak_rss_mb", 500.0),
    "100,000 events in 150 s or less": (100000, "wall_s", 150.0),
    "100,000 events in 2 GB or less": (100000, "peak_rss_mb", 2048.0),
    "no HTML page over 1 MB": ("all", "largest_page_kb", 1024.0),
    "no page's chart data over 300 KB": ("all", "largest_chart_kb", 300.0),
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


def best_of(command: list[str], env: dict | None = None) -> dict:
    """One build in its own process; a short one is run three times and the fastest kept (with
    the highest peak memory of the three). A sub-second build's time is mostly what else the
    machine was doing, and the fastest run is the least disturbed; both builds compared get it."""
    results = [_build_once(command, env)]
    if results[0]["wall_s"] < REPEAT_BELOW_S:
        results += [_build_once(command, env) for _ in range(REPEATS - 1)]
    best = min(results, key=lambda result: result["wall_s"])
    return {**best, "timed_runs": len(results), "peak_rss_mb": max(r["peak_rss_mb"] for r in results)}


def _build_once(command: list[str], env: dict | None) -> dict:
    out = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def run_build(env: dict, site: Path, touch: Path | None = None) -> dict:
    command = [sys.executable, "-m", "bench.build_once", str(ROOT / "mkdocs.yml"), str(site)]
    if touch:
        command += ["--rebuild-after-touch", str(touch)]
    return best_of(command, env)


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
    return best_of(command)["wall_s"]


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
    run = {"label": label, "events": events, "wall_s": build["wall_s"], "peak_rss_mb": build["peak_rss_mb"],
           "timed_runs": build["timed_runs"]}  # fmt: skip
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
    result = {
        "runs": runs,
        "slope_s_per_1000_events": slope,
        "targets_met": targets_met(runs),
        "machine": f"{os.cpu_count()} cores",
    }
    RESULTS.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")


def targets_met(runs: list[dict]) -> dict[str, bool]:
    """Each target against the runs it is about (a target whose size was not run is left out)."""
    met = {}
    for target, (about, field, limit) in TARGETS.items():
        if about == "all":
            chosen = runs
        else:
            chosen = [r for r in runs if (r["label"] == "seed" if about == "seed" else r["events"] == about)]
        if chosen and all(field in r for r in chosen):
            met[target] = all(r[field] <= limit for r in chosen)
    return met


def _seed_events():
    from macros.loader import load_dataset

    return load_dataset(ROOT / "data").events


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
