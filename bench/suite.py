"""Benchmark: how long the test suite takes (targets: `make test` 5 minutes, `make test-fast` 60 s).

python -m bench.suite [--runs N]

times pytest as `make test` and `make test-fast` run it (the setup they do first, installing
nothing once done, is left out), and writes bench/suite.json with the wall time, the tests
counted and the machine's load, so a figure taken on a busy machine reads as such.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import time

from macros.core.project import PROJECT_DIR

ROOT = PROJECT_DIR
OUT = ROOT / "bench" / "suite.json"
PARALLEL = ["-n", "auto", "--dist", "loadfile"]  # as the Makefile's PARALLEL
SUITES = {
    "make test": ([], 300.0),
    "make test-fast": (["-m", "not build and not browser"], 60.0),
}


def time_suite(options: list[str]) -> tuple[float, str]:
    """Seconds and pytest's closing line for one run."""
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", *PARALLEL, *options], cwd=ROOT, capture_output=True, text=True
    )
    seconds = time.perf_counter() - started
    closing = next((line for line in reversed(done.stdout.splitlines()) if re.search(r"\d+ passed", line)), "")
    return seconds, closing.strip("= ")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.suite", description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args(argv)
    result: dict[str, object] = {"cores": os.cpu_count(), "load_average_1min_before": round(os.getloadavg()[0], 2)}
    for name, (options, target) in SUITES.items():
        runs = [time_suite(options) for _ in range(args.runs)]
        seconds = statistics.median(run[0] for run in runs)
        result[name] = {"seconds": round(seconds, 1), "target_s": target, "meets_target": seconds <= target,
                        "pytest": runs[-1][1]}  # fmt: skip
        print(f"{name}: {seconds:.1f} s (target {target:.0f} s): {runs[-1][1]}")
    OUT.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
