"""Serve a built site on 127.0.0.1 for a browser: the PDF command and the tests use it."""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import ClassVar


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    extra_headers: ClassVar[dict[str, str]] = {}

    def end_headers(self) -> None:
        for name, value in self.extra_headers.items():
            self.send_header(name, value)
        super().end_headers()

    def log_message(self, *args: object) -> None:
        pass


class _GzipHandler(_QuietHandler):
    """Text files gzipped for a client that accepts it, as a host such as GitHub Pages sends them:
    what a reader downloads is the compressed size (the benchmark's transfer figures)."""

    COMPRESSED = (".html", ".js", ".css", ".json", ".svg", ".xml", ".txt", ".map")

    def send_head(self):  # type: ignore[override]
        path = self.translate_path(self.path)
        if Path(path).is_dir() and self.path.split("?")[0].endswith("/"):
            path = str(Path(path) / "index.html")
        wants = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (wants and Path(path).is_file() and path.endswith(self.COMPRESSED)):
            return super().send_head()
        body = gzip.compress(Path(path).read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def serve(
    site_dir: Path, port: int = 0, headers: dict[str, str] | None = None, compress: bool = False
) -> Iterator[str]:
    """Serve `site_dir` on 127.0.0.1 (a free port unless given) for the duration, sending `headers`
    with every response (a Content-Security-Policy, say), text gzipped with `compress`; yields the
    base URL."""
    base = _GzipHandler if compress else _QuietHandler
    handler_class = type("Handler", (base,), {"extra_headers": dict(headers or {})})
    handler = functools.partial(handler_class, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
