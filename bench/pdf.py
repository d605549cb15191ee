"""Benchmark: how long the briefing PDF takes (target: 30 s or less on the 2-core machine).

python -m bench.pdf        # builds the site, prints the PDF three times, writes bench/pdf.json
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tools.pdf import make_pdf

ROOT = Path(__file__).resolve().parent.parent
TARGET_S = 30.0


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        started = time.perf_counter()
        mkdocs = Path(sys.executable).parent / "mkdocs"
        subprocess.run([str(mkdocs), "build", "--strict", "-q", "-d", str(site)], cwd=ROOT, check=True)
        build_s = time.perf_counter() - started
        runs = []
        for _ in range(3):
            started = time.perf_counter()
            pages = make_pdf(site, site / "briefing.pdf", "A4")
            runs.append(time.perf_counter() - started)
    result = {
        "build_s": round(build_s, 2),
        "pdf_s_median": round(statistics.median(runs), 2),
        "pdf_s_runs": [round(r, 2) for r in runs],
        "build_and_pdf_s": round(build_s + statistics.median(runs), 2),
        "pages": pages,
        "target_s": TARGET_S,
        "meets_target": build_s + statistics.median(runs) <= TARGET_S,
    }
    (ROOT / "bench" / "pdf.json").write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
