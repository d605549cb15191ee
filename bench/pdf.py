"""Benchmark: the briefing PDF's time and pages, for the seed data and at 1,000 events.

Targets: the seed briefing builds and prints in 30 s or less on the 2-core machine, in at most
16 pages; at 1,000 synthetic events (bench/generate.py) it stays under 60 pages.

python -m bench.pdf        # builds each site, prints each PDF, writes bench/pdf.json
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.generate import generate
from macros.core.project import PROJECT_DIR
from macros.views import limits
from tools.pdf import make_pdf

ROOT = PROJECT_DIR
TARGET_S = 30.0
SCALE = 1000


def build(site: Path, env: dict[str, str] | None = None) -> float:
    started = time.perf_counter()
    mkdocs = Path(sys.executable).parent / "mkdocs"
    command = [str(mkdocs), "build", "--strict", "-q", "-d", str(site)]
    subprocess.run(command, cwd=ROOT, check=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})})
    return time.perf_counter() - started


def timed_pdf(site: Path) -> tuple[float, int]:
    started = time.perf_counter()
    pages = make_pdf(site, site / "briefing.pdf", "A4")
    return time.perf_counter() - started, pages


def synthetic_env(work: Path, events: int) -> dict[str, str]:
    """A synthetic dataset with data-agnostic prose, as bench/run.py builds it."""
    data = generate(events, work / "dataset")
    docs = work / "docs"
    shutil.copytree(ROOT / "docs", docs)
    shutil.copy(ROOT / "bench" / "briefing.md", docs / "includes" / "briefing.md")
    return {
        "LIBYA_WATCH_DATA": str(data),
        "LIBYA_WATCH_DOCS": str(docs),
        "LIBYA_WATCH_INCLUDES": str(docs / "includes"),
    }


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        build_s = build(site)
        runs = [timed_pdf(site) for _ in range(3)]
        seconds, pages = statistics.median(r[0] for r in runs), runs[-1][1]
        scale_site = Path(tmp) / "scale-site"
        scale_build_s = build(scale_site, synthetic_env(Path(tmp) / "scale", SCALE))
        scale_s, scale_pages = timed_pdf(scale_site)
    result = {
        "build_s": round(build_s, 2),
        "pdf_s_median": round(seconds, 2),
        "pdf_s_runs": [round(r[0], 2) for r in runs],
        "build_and_pdf_s": round(build_s + seconds, 2),
        "pages": pages,
        "target_s": TARGET_S,
        "target_pages": limits.PRINT_PAGES,
        f"events_{SCALE}": {
            "build_s": round(scale_build_s, 2),
            "pdf_s": round(scale_s, 2),
            "pages": scale_pages,
            "target_pages": limits.PRINT_PAGES_AT_SCALE,
        },
        "meets_target": build_s + seconds <= TARGET_S
        and pages <= limits.PRINT_PAGES
        and scale_pages <= limits.PRINT_PAGES_AT_SCALE,
    }
    (ROOT / "bench" / "pdf.json").write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
