"""Benchmark: one gazetteer look-up as an analyst types it (target: under a second with --country).

python -m bench.gazetteer

times `python -m macros.load.gazetteer find NAME --country LY` and writes bench/gazetteer.json.

The whole command is timed, interpreter start included, five times a name; the median is kept.
Each run is a new process, so each is a first look-up: what the gazetteer keeps for the rest of
a process (macros/load/gazetteer.py) never shortens it.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time

from macros.core.project import PROJECT_DIR

ROOT = PROJECT_DIR
TARGET_S = 1.0
NAMES = ("Qatrun", "Nalut", "Zawiya")
RUNS = 5


def main() -> int:
    medians = {}
    for name in NAMES:
        command = [sys.executable, "-m", "macros.load.gazetteer", "find", name, "--country", "LY"]
        runs = []
        for _ in range(RUNS):
            started = time.perf_counter()
            subprocess.run(command, cwd=ROOT, check=True, capture_output=True)
            runs.append(time.perf_counter() - started)
        medians[name] = round(statistics.median(runs), 3)
    result = {
        "find_s_median": medians,
        "target_s": TARGET_S,
        "meets_target": max(medians.values()) < TARGET_S,
        "load_average_1min": round(os.getloadavg()[0], 2),  # the machine's other work slows every run
    }
    (ROOT / "bench" / "gazetteer.json").write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
