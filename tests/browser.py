"""The browser the tests drive: the same launcher as `make pdf` (tools/chromium.py)."""

from urllib.parse import urlsplit

from tools.chromium import chromium

__all__ = ["ALL_CHARTS_DRAWN", "SCROLL_THROUGH_CHARTS", "chromium", "foreign"]

# Charts draw as they come near the viewport, a bar chart's static preview when the pointer
# reaches it: a reader scrolling past each one, pointer on it, draws them all with plotly.js.
SCROLL_THROUGH_CHARTS = """async () => {
  for (const el of document.querySelectorAll('.lw-chart')) {
    el.scrollIntoView();
    el.parentNode.dispatchEvent(new PointerEvent('pointerenter'));
    await new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
  }
  window.scrollTo(0, 0);
}"""
ALL_CHARTS_DRAWN = "() => [...document.querySelectorAll('.lw-chart')].every(el => el.dataset.rendered)"


def foreign(urls: list[str]) -> list[str]:
    """The requests that left the local server (data: and blob: URLs have no host: they stay)."""
    return [url for url in urls if urlsplit(url).hostname not in ("127.0.0.1", None)]
