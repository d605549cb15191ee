"""`make pdf`: print the combined print page of a built site to `site/briefing.pdf` with Chromium.

Chromium runs the page's JavaScript, so the plotly charts and the map print as vectors (a
WeasyPrint-based tool would drop them). It prints more than once: a printing finds the page of
each section, figure and dispute, and the next writes those numbers into the contents and the
cross-references.

    python -m tools.pdf [--site site] [--paper A4|Letter] [--out site/briefing.pdf]
"""

from __future__ import annotations

import argparse
import io
import sys
import time
from pathlib import Path

from playwright.sync_api import TimeoutError as PlaywrightTimeout
from pypdf import PdfReader

from macros.views.printview import PARTS, PREFIX
from macros.views.siteplan import SECTION, SECTIONS, page_url
from tools import run
from tools.chromium import ALL_CHARTS_DRAWN, chromium
from tools.localsite import serve

PAPERS = ("A4", "Letter")
PASSES = 3  # printings at most: the page numbers written in can, rarely, move a break
SPILL = 0.25  # a part whose last page is filled less than this has run over by a few lines
TIGHTER = (0.96, 0.92)  # the scales (CSS zoom) tried on such a part, most readable first
MARGINS_MM = (16, 18)  # docs/stylesheets/print.css's @page: the body's top and bottom edges


class PdfError(Exception):
    """The briefing could not be printed faithfully; nothing was written."""


def make_pdf(site: Path, out: Path, paper: str = "A4") -> int:
    """Write the briefing PDF; returns its page count.

    The page's CSS lays it out (docs/stylesheets/print.css): margins, each part's running
    header, "Page X of Y". Contents and cross-references carry a page number that a printing
    fills in: each target's page is read from the PDF's named destinations (Chromium writes one
    for every element a link points to), written into the page, and the page printed again
    until the numbers hold. Before that, a part that spills a few lines onto a page of their own
    is set a little tighter (`fit_parts`).
    """
    with serve(site) as url, chromium() as browser:
        page = browser.new_page(viewport={"width": 1000, "height": 1400})
        page.goto(url + page_url(SECTION["print"].first), wait_until="networkidle")
        try:
            page.wait_for_function(ALL_CHARTS_DRAWN, timeout=60_000)
        except PlaywrightTimeout:
            stuck = page.evaluate("[...document.querySelectorAll('.lw-chart:not([data-rendered])')].map(el => el.id)")
            raise PdfError(f"charts did not render within 60 s, so no PDF was written: {', '.join(stuck)}") from None
        page.emulate_media(media="print")
        page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
        page.wait_for_function("() => document.body.dataset.printReady === 'true'", timeout=30_000)
        page.evaluate("document.fonts.ready.then(() => true)")
        page.evaluate(TITLE)
        page.evaluate(CONTENTS)
        page.evaluate(XREFS, print_targets())
        options = {"format": paper, "print_background": True, "outline": True, "tagged": True}
        pdf, numbers = fit_parts(page, options), {}
        for _ in range(PASSES - 1):
            found = anchor_pages(pdf)
            if found == numbers:
                break
            numbers = found
            page.evaluate(FILL_PAGES, numbers)
            pdf = page.pdf(**options)
    partial = out.with_name(out.name + ".part")  # a reader never sees half a PDF
    partial.write_bytes(pdf)
    partial.replace(out)
    return len(PdfReader(io.BytesIO(pdf)).pages)


def fit_parts(page, options: dict) -> bytes:
    """Print, and set a part that spills a few lines onto a page of their own a little tighter
    (its type and spacing scaled together, TIGHTER) until they fit on its other pages; a part
    that still spills at the smallest scale is printed at full size after all."""
    pdf = page.pdf(**options)
    tightened: set[str] = set()
    for scale in TIGHTER:
        spilled = spilled_parts(pdf)
        if not spilled:
            return pdf
        tightened |= set(spilled)
        page.evaluate(TIGHTEN, {"parts": spilled, "scale": scale})
        pdf = page.pdf(**options)
    if still := set(spilled_parts(pdf)) & tightened:
        page.evaluate(TIGHTEN, {"parts": sorted(still), "scale": 1})
        pdf = page.pdf(**options)
    return pdf


def spilled_parts(pdf: bytes) -> list[str]:
    """The named pages (lw-<part>) of the parts whose last page is filled less than SPILL: how far
    down its body the lowest text reaches."""
    reader, found = PdfReader(io.BytesIO(pdf)), anchor_pages(pdf)
    starts = [found.get(f"{PREFIX}{part.sections[0][0]}") for part in PARTS]
    present = [(part, start) for part, start in zip(PARTS, starts, strict=True) if start]
    ends = [start - 1 for _, start in present[1:]] + [len(reader.pages)]
    return [f"lw-{part.key}" for (part, start), end in zip(present, ends, strict=True)
            if end > start and body_fill(reader.pages[end - 1]) < SPILL]  # fmt: skip


def body_fill(page) -> float:
    """How far down the page's body (between the running header and footer) its lowest text reaches."""
    height = float(page.mediabox.upper_right[1])
    top, bottom = (height - MARGINS_MM[0] * 72 / 25.4, MARGINS_MM[1] * 72 / 25.4)
    heights: list[float] = []

    def visit(text, cm, tm, font, size):
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        if text.strip() and bottom < y < top:
            heights.append(y)

    page.extract_text(visitor_text=visit)
    return (top - min(heights)) / (top - bottom) if heights else 0.0


# A part's elements (each carries its named page, print.css) scaled together: type, spacing, figures.
TIGHTEN = """({parts, scale}) => {
  for (const el of document.querySelector('.md-content__inner').children) {
    if (parts.includes(getComputedStyle(el).page)) el.style.zoom = scale === 1 ? '' : String(scale);
  }
}"""
# The PDF's title (its metadata, shown by readers in place of the file name): the cover's title
# and edition line.
TITLE = """() => {
  const edition = document.querySelector('.lw-cover .lw-edition');
  const parts = [document.querySelector('.lw-cover-title').textContent.trim() + ' briefing'];
  if (edition && edition.textContent.trim().startsWith('Edition')) parts.push(edition.textContent.trim());
  document.title = parts.join(', ');
}"""
# The contents list the sections the page has, named as their headings are (the briefing's prose
# is hand-written and may drop or rename one).
CONTENTS = """() => { for (const el of document.querySelectorAll('.lw-contents [data-page-of]')) {
  const target = document.getElementById(el.dataset.pageOf);
  const link = el.parentNode.querySelector('a');
  const heading = target && (target.matches('h1, h2, h3') ? target : target.querySelector('h2, h3'));
  if (!target) el.parentNode.remove();
  else if (link && heading) link.textContent = heading.textContent.replace('¶', '').trim();
} }"""
# A link in the prose to a part or section the PDF holds says its page; a link to a site page the
# PDF has a part for ("the disputes", "Sources") goes to that part instead of a dead address.
XREFS = """parts => {
  const here = new URL(window.location.href);
  for (const a of document.querySelectorAll('article a[href]')) {
    if (a.closest('.lw-contents, .lw-cover, table') || a.matches('.headerlink, .lw-badge, .lw-xref')) continue;
    const url = new URL(a.href);  // Material makes internal links absolute
    if (url.origin !== here.origin) continue;
    let id = url.pathname === here.pathname ? url.hash.slice(1) : null;
    const part = Object.keys(parts).find(path => url.pathname.endsWith('/' + path) && !url.hash);
    if (part) { id = parts[part]; a.setAttribute('href', '#' + id); }
    const target = id && document.getElementById(id);
    if (!target || !target.matches('h1, h2, h3, section')) continue;
    const page = document.createElement('span');
    page.className = 'lw-xref-page';
    // inside brackets already: "(see what is disputed, page 3)", "(a dispute, page 7, on record)"
    const range = document.createRange();
    range.setStart(a.closest('p, li, td, dd') || a.parentNode, 0);
    range.setEndBefore(a);
    const before = range.toString(), count = c => before.split(c).length - 1;
    const after = a.nextSibling && a.nextSibling.nodeType === Node.TEXT_NODE ? a.nextSibling.data : '';
    const number = Object.assign(document.createElement('span'), {textContent: '00'});
    if (count('(') > count(')')) page.append(', page ', number, /^[),;.:]/.test(after) ? '' : ',');
    else page.append(' (page ', number, ')');
    page.children[0].dataset.pageOf = id;
    a.after(page);
  }
}"""


def print_targets() -> dict[str, str]:
    """Where a link to a site page goes in the PDF: each section's address (as the PDF's page
    links it) -> the id of the part holding it, from the site plan."""
    return {page_url(s.first): f"{PREFIX}{s.print_id}" for s in SECTIONS if s.print_id}


FILL_PAGES = """numbers => { for (const el of document.querySelectorAll('[data-page-of]')) {
  const n = numbers[el.dataset.pageOf];
  if (n) el.textContent = String(n);
} }"""


def anchor_pages(pdf: bytes) -> dict[str, int]:
    """The page (from 1) of every element id a link in the PDF points to."""
    reader = PdfReader(io.BytesIO(pdf))
    return {
        name.lstrip("/"): reader.get_destination_page_number(destination) + 1
        for name, destination in reader.named_destinations.items()
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.pdf", description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=Path("site"))
    parser.add_argument("--paper", choices=PAPERS, default="A4")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args(argv)
    if not (args.site / page_url(SECTION["print"].first) / "index.html").is_file():
        print(f"no built site in {args.site}/: run make build first", file=sys.stderr)
        return 1
    out = args.out or args.site / "briefing.pdf"
    started = time.perf_counter()

    def work() -> str:
        pages = make_pdf(args.site, out, args.paper)
        return f"{out}: {pages} pages, {args.paper}, {time.perf_counter() - started:.1f} s"

    return run("make pdf", work, PdfError)


if __name__ == "__main__":
    sys.exit(main())
