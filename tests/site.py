"""Helpers for whole-site tests: a real strict build, served locally (tools/localsite.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import PROJECT
from tools.localsite import free_port, serve

__all__ = ["CSP", "build_site", "free_port", "serve"]

# The policy the site must work under (issue 10); the test server sends it with every response.
CSP = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'"

MKDOCS = Path(sys.executable).parent / "mkdocs"


def build_site(
    site_dir: Path, data_dir: Path | None = None, site_url: str | None = None, builder: Path = MKDOCS
) -> subprocess.CompletedProcess[str]:
    """`mkdocs build --strict` of this project into `site_dir`, optionally from another dataset
    (or with another `builder` that takes MkDocs' command line: ProperDocs)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if data_dir is not None:
        env["LIBYA_WATCH_DATA"] = str(data_dir)
    if site_url is not None:
        env["SITE_URL"] = site_url
    command = [str(builder), "build", "--strict", "--site-dir", str(site_dir)]
    return subprocess.run(command, cwd=PROJECT, env=env, capture_output=True, text=True, timeout=300)
