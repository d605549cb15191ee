"""The browser the tests drive: the same launcher as `make pdf` (tools/chromium.py)."""

from urllib.parse import urlsplit

from tools.chromium import ALL_CHARTS_DRAWN, SCROLL_THROUGH_CHARTS, chromium

__all__ = ["ALL_CHARTS_DRAWN", "SCROLL_THROUGH_CHARTS", "chromium", "foreign"]


def foreign(urls: list[str]) -> list[str]:
    """The requests that left the local server (data: and blob: URLs have no host: they stay)."""
    return [url for url in urls if urlsplit(url).hostname not in ("127.0.0.1", None)]
