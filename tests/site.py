"""Helpers for whole-site tests: a real strict build, and a local server for the browser."""

from __future__ import annotations

import functools
import http.server
import os
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.conftest import PROJECT

MKDOCS = Path(sys.executable).parent / "mkdocs"


def build_site(
    site_dir: Path, data_dir: Path | None = None, site_url: str | None = None
) -> subprocess.CompletedProcess[str]:
    """`mkdocs build --strict` of this project into `site_dir`, optionally from another dataset."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if data_dir is not None:
        env["LIBYA_WATCH_DATA"] = str(data_dir)
    if site_url is not None:
        env["SITE_URL"] = site_url
    command = [str(MKDOCS), "build", "--strict", "--site-dir", str(site_dir)]
    return subprocess.run(command, cwd=PROJECT, env=env, capture_output=True, text=True, timeout=300)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def serve(site_dir: Path, port: int = 0) -> Iterator[str]:
    """Serve `site_dir` on 127.0.0.1 (a free port unless given) for the duration; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
