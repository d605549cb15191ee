"""`make pdf`: print the combined print page of a built site to `site/briefing.pdf` with Chromium.

Chromium runs the page's JavaScript, so the plotly charts and the map print as vectors (a
WeasyPrint-based tool would drop them). It prints twice: the first pass finds the page each
section starts on, the second writes those numbers into the contents.

    python -m tools.pdf [--site site] [--paper A4|Letter] [--out site/briefing.pdf]
"""

from __future__ import annotations

import argparse
import html
import io
import sys
import time
from pathlib import Path

from playwright.sync_api import TimeoutError as PlaywrightTimeout
from pypdf import PdfReader

from tools.chromium import chromium
from tools.localsite import serve

PAPERS = ("A4", "Letter")
MARGIN = {"top": "16mm", "bottom": "18mm", "left": "15mm", "right": "15mm"}
FOOTER = (
    "<div style=\"font-family: 'Liberation Sans', Arial, sans-serif; font-size: 7.5px; color: #444; width: 100%;"
    ' padding: 0 15mm; display: flex; justify-content: space-between;">'
    '<span>{label}</span><span>Page <span class="pageNumber"></span> of <span class="totalPages"></span></span>'
    "</div>"
)


class PdfError(Exception):
    """The briefing could not be printed faithfully; nothing was written."""


def make_pdf(site: Path, out: Path, paper: str = "A4") -> int:
    """Write the briefing PDF; returns its page count."""
    with serve(site) as url, chromium() as browser:
        page = browser.new_page(viewport={"width": 1000, "height": 1400})
        page.goto(url + "print/", wait_until="networkidle")
        try:
            page.wait_for_function(
                "() => [...document.querySelectorAll('.lw-chart')].every(el => el.hasAttribute('data-rendered'))",
                timeout=60_000,
            )
        except PlaywrightTimeout:
            stuck = page.evaluate("[...document.querySelectorAll('.lw-chart:not([data-rendered])')].map(el => el.id)")
            raise PdfError(f"charts did not render within 60 s, so no PDF was written: {', '.join(stuck)}") from None
        page.emulate_media(media="print")
        page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
        page.wait_for_function("() => document.body.dataset.printReady === 'true'", timeout=30_000)
        page.evaluate("document.fonts.ready.then(() => true)")
        label = " · ".join(
            [page.inner_text(".lw-handling"), "Information cut-off " + page.inner_text(".lw-cover-facts dd")]
        )
        options = {
            "format": paper,
            "margin": MARGIN,
            "display_header_footer": True,
            "header_template": "<span></span>",
            "footer_template": FOOTER.format(label=html.escape(label)),
            "print_background": True,
            "outline": True,
            "tagged": True,
        }
        first = page.pdf(**options)
        numbers = section_pages(first, page.evaluate(SECTION_TITLES))
        page.evaluate(FILL_CONTENTS, numbers)
        final = page.pdf(**options)
    partial = out.with_name(out.name + ".part")  # a reader never sees half a PDF
    partial.write_bytes(final)
    partial.replace(out)
    return len(PdfReader(io.BytesIO(final)).pages)


SECTION_TITLES = """() => [...document.querySelectorAll('.lw-contents [data-section]')].map(el => {
  const target = document.getElementById(el.dataset.section);
  const heading = target && (target.matches('h1, h2, h3') ? target : target.querySelector('h2, h3'));
  return [el.dataset.section, heading ? heading.textContent.replace('¶', '').trim() : ''];
})"""
FILL_CONTENTS = """numbers => { for (const [id, n] of Object.entries(numbers)) {
  const el = document.querySelector(`.lw-contents [data-section="${id}"]`);
  if (el) el.textContent = String(n);
} }"""


def section_pages(pdf: bytes, titles: list[list[str]]) -> dict[str, int]:
    """The page each section heading first appears on, searching after the contents page."""
    pages = [" ".join((p.extract_text() or "").split()) for p in PdfReader(io.BytesIO(pdf)).pages]
    start = next((i + 1 for i, text in enumerate(pages) if "Contents" in text), 0)
    found, position = {}, start
    for section, title in titles:
        for index in range(position, len(pages)):
            if title and title in pages[index]:
                found[section] = index + 1
                position = index
                break
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.pdf", description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=Path("site"))
    parser.add_argument("--paper", choices=PAPERS, default="A4")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args(argv)
    if not (args.site / "print" / "index.html").is_file():
        print(f"no built site in {args.site}/: run make build first", file=sys.stderr)
        return 1
    out = args.out or args.site / "briefing.pdf"
    started = time.perf_counter()
    try:
        pages = make_pdf(args.site, out, args.paper)
    except PdfError as err:
        print(f"make pdf: {err}", file=sys.stderr)
        return 1
    print(f"{out}: {pages} pages, {args.paper}, {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
