"""Headless Debian Chromium driven by Playwright: never a downloaded browser."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager

from playwright.sync_api import Browser, sync_playwright

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@contextmanager
def chromium() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


# Charts draw as they come near the viewport, a bar chart's static preview when the pointer
# reaches it: a reader scrolling past each one, pointer on it, draws them all with plotly.js.
# A chart the page does not show at its width (the heatmap on a phone, where its list stands
# in: the stylesheet's .lw-has-alt) is never reached, so never drawn.
SCROLL_THROUGH_CHARTS = """async () => {
  const frame = () => new Promise(done => requestAnimationFrame(done));
  const charts = [...document.querySelectorAll('.lw-chart')].filter(el => el.getClientRects().length);
  // after instant navigation charts.js may not have seen the new page's charts yet
  for (let i = 0; i < 300 && !charts.every(el => el.dataset.waiting || el.dataset.claimed); i++) await frame();
  const visit = async el => {
    el.scrollIntoView();
    el.parentNode.dispatchEvent(new PointerEvent('pointerenter'));
    await frame();
    await frame();
  };
  for (const el of charts) await visit(el);
  // a slow machine may not have loaded a chart's bundle while it was in view: stay with each
  // chart still undrawn a while, as a reader would, until it draws (up to 20 s in all)
  for (let i = 0; i < 100 && charts.some(el => !el.dataset.rendered); i++) {
    await visit(charts.find(el => !el.dataset.rendered));
    await new Promise(done => setTimeout(done, 200));
  }
  window.scrollTo(0, 0);
}"""
ALL_CHARTS_DRAWN = (
    "() => [...document.querySelectorAll('.lw-chart')].every(el => el.dataset.rendered || !el.getClientRects().length)"
)
