"""Build once in this process and report wall time and peak memory as JSON (one benchmark run).

    python -m bench.build_once CONFIG SITE_DIR [--rebuild-after-touch FILE [--edit OLD NEW]]

With --rebuild-after-touch, it builds as `mkdocs serve` does (the plugins told so, and kept
between builds), touches FILE (as an analyst saving it would; with --edit, replaces OLD by NEW
in it first, and puts it back after) and builds again in the same process, reporting that
second build too, and how many pages it put back unchanged (macros/publish/rebuild.py).
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


def timed_build(config_file: str, site_dir: str, serve: bool = False) -> float:
    started = time.perf_counter()
    config = load_config(config_file, site_dir=site_dir, strict=True)
    if serve:  # as `mkdocs serve` starts: MkDocs keeps the plugin instances for every rebuild
        config.plugins.on_startup(command="serve", dirty=False)
    build(config)
    return time.perf_counter() - started


def rebuild(config_file: str, site_dir: str, file: Path, edit: list[str] | None) -> dict:
    """A rebuild in this process after a save of `file` (edited with `edit`: OLD, NEW), the file
    put back after; its time and how many pages it put back."""
    original = file.read_bytes()
    try:
        if edit:
            text = original.decode("utf-8")
            if edit[0] not in text:
                raise SystemExit(f"{file}: {edit[0]!r} is not in it")
            file.write_text(text.replace(edit[0], edit[1], 1), encoding="utf-8")
        file.touch()
        seconds = timed_build(config_file, site_dir)
    finally:
        file.write_bytes(original)
    plugin = load_config(config_file, site_dir=site_dir).plugins.get("libya-watch")
    pages = getattr(plugin, "pages", None)
    return {"rebuild_s": round(seconds, 2), "rebuild_reused": dict(pages.reused) if pages else None}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("config")
    parser.add_argument("site_dir")
    parser.add_argument("--rebuild-after-touch", type=Path)
    parser.add_argument("--edit", nargs=2, metavar=("OLD", "NEW"))
    args = parser.parse_args()
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    started = time.perf_counter()
    first = timed_build(args.config, args.site_dir, serve=args.rebuild_after_touch is not None)
    result = {"wall_s": round(time.perf_counter() - started, 2), "build_s": round(first, 2)}
    if args.rebuild_after_touch:
        result.update(rebuild(args.config, args.site_dir, args.rebuild_after_touch, args.edit))
    result["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
