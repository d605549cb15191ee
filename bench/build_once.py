"""Build once in this process and report wall time and peak memory as JSON (one benchmark run).

    python -m bench.build_once CONFIG SITE_DIR [--rebuild-after-touch FILE]

With --rebuild-after-touch, it builds, touches FILE (as an analyst saving an edit would) and
builds again in the same process, as `mkdocs serve` does, reporting that second build too.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config


def timed_build(config_file: str, site_dir: str) -> float:
    started = time.perf_counter()
    config = load_config(config_file, site_dir=site_dir, strict=True)
    build(config)
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("config")
    parser.add_argument("site_dir")
    parser.add_argument("--rebuild-after-touch", type=Path)
    args = parser.parse_args()
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    started = time.perf_counter()
    first = timed_build(args.config, args.site_dir)
    result = {"wall_s": round(time.perf_counter() - started, 2), "build_s": round(first, 2)}
    if args.rebuild_after_touch:
        args.rebuild_after_touch.touch()
        result["rebuild_s"] = round(timed_build(args.config, args.site_dir), 2)
    result["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
