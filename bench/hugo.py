"""The outside reference: the same pages' final Markdown built by Hugo (Debian's package), with
a one-template layout. It shows what a static-site generator in Go takes for the same content.

    python -m bench.hugo MARKDOWN_DIR WORK_DIR   -> {"hugo_wall_s": ...} or {"hugo_wall_s": null}
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

CONFIG = """baseURL = "http://127.0.0.1/"
title = "Libya Watch (Hugo reference)"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
[markup.goldmark.renderer]
  unsafe = true
[markup.goldmark.parser.attribute]
  block = true
  title = true
"""
LAYOUT = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title>
<link rel="stylesheet" href="/stylesheets/libya-watch.css"></head>
<body><main>{{ .Content }}</main></body></html>
"""


def hugo_build(markdown: Path, work: Path) -> float | None:
    """Seconds Hugo takes for the pages in `markdown`; None where Hugo is not installed."""
    hugo = shutil.which("hugo")
    if hugo is None:
        return None
    site = work / "hugo"
    shutil.rmtree(site, ignore_errors=True)
    (site / "layouts" / "_default").mkdir(parents=True)
    (site / "config.toml").write_text(CONFIG, encoding="utf-8")
    for name in ("single.html", "list.html"):
        (site / "layouts" / "_default" / name).write_text(LAYOUT, encoding="utf-8")
    for page in markdown.rglob("*.md"):  # the dump has no front matter; Hugo wants some
        # an index.md would make its folder one page with the rest as its files: _index.md lists
        target = (site / "content" / page.relative_to(markdown)).with_name(
            "_index.md" if page.name == "index.md" else page.name
        )
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(f"---\ntitle: {page.stem}\n---\n" + page.read_text(encoding="utf-8"), encoding="utf-8")
    started = time.perf_counter()
    subprocess.run([hugo, "--quiet", "-s", str(site), "-d", str(work / "hugo-site")], check=True)
    return round(time.perf_counter() - started, 2)


if __name__ == "__main__":
    print(json.dumps({"hugo_wall_s": hugo_build(Path(sys.argv[1]), Path(sys.argv[2]))}))
