"""The briefing PDF, printed by real Chromium from a real build and read back as a reader would:
its text (pdftotext), its pages rasterised (pdftoppm), its fonts (pdffonts), its tags and bookmarks."""

from __future__ import annotations

import html
import re
import subprocess

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from bench.pdf import build, synthetic_env
from macros.core.dates import show_date
from macros.views import limits
from macros.views.charts import actor_involvement, coverage_matrix, events_by_type, fatalities_over_time
from macros.views.maps import event_map
from macros.views.printview import PARTS, assessment_voices
from macros.views.render import and_list
from tests.browser import chromium
from tests.conftest import BRIEFING, PROJECT
from tests.pdfpages import header_and_footer_clearance, page_fill
from tests.site import build_site
from tools.pdf import SPILL, anchor_pages, make_pdf

pytestmark = pytest.mark.browser
FILL = 0.6  # a page in the body ends below this share of its height, unless it ends a part
HEADING_PT = 10.4  # print.css: h2 14 pt, h3 10.5 pt; body text, badges, tables and charts are smaller


@pytest.fixture(scope="module")
def built(served_site):
    return served_site[0]


@pytest.fixture(scope="module")
def pdf(built):
    out = built / "briefing.pdf"
    pages = make_pdf(built, out, "A4")
    return out, pages


def _flat(text: str) -> str:
    """Text as compared: whitespace collapsed, hyphens dropped (a line may break after one)."""
    return " ".join(text.replace("-", "").replace("\u00ad", "").split())


def _pdftotext(path, first: int | None = None, last: int | None = None) -> str:
    pages = ["-f", str(first), "-l", str(last)] if first else []
    return subprocess.run(["pdftotext", *pages, str(path), "-"], capture_output=True, text=True, check=True).stdout


@pytest.fixture(scope="module")
def text(pdf):
    return _flat(_pdftotext(pdf[0]))


@pytest.fixture(scope="module")
def dataset(site_data):
    return site_data


@pytest.fixture(scope="module")
def part_pages(pdf):
    """Each part's first and last page, from the named destination of its first section."""
    found = anchor_pages(pdf[0].read_bytes())
    starts = [found[f"print-{part.sections[0][0]}"] for part in PARTS]
    assert starts == sorted(starts), "the parts print in the reader's order"
    ends = [*starts[1:], pdf[1] + 1]
    return {part.name: (start, end - 1) for part, start, end in zip(PARTS, starts, ends, strict=True)}


def test_the_pdf_is_a4_and_its_page_count_is_the_printed_one(pdf):
    path, pages = pdf
    reader = PdfReader(path)
    assert pages == len(reader.pages) > 10
    width, height = (float(v) for v in reader.pages[0].mediabox.upper_right)
    assert abs(width - 595.3) < 1.5 and abs(height - 841.9) < 1.5  # A4 in points


@pytest.mark.build
def test_the_five_documents_fit_the_page_budget(tmp_path):
    """The briefing fixture alone (the five original documents, edition 1) prints in at most
    limits.PRINT_PAGES pages."""
    site = tmp_path / "site"
    assert build_site(site, BRIEFING / "data").returncode == 0
    assert make_pdf(site, tmp_path / "briefing.pdf", "A4") <= limits.PRINT_PAGES


def test_cover_carries_the_edition_issue_date_cut_off_coverage_handling_and_publisher(pdf, dataset):
    cover = _flat(_pdftotext(pdf[0], 1, 1))
    if dataset.edition:
        assert _flat(f"Edition {dataset.edition.number}, issued {dataset.edition.date:%-d %B %Y}") in cover
    else:
        assert "Draft: not yet issued as an edition" in cover
    assert _flat(f"Information cutoff {dataset.cutoff:%a %-d %b %Y}") in cover
    coverage = dataset.coverage
    assert "Coverage Events on record in" in cover and (not coverage.gaps or "none on record for" in cover)
    assert "OPENSOURCE BRIEFING" in cover
    assert "Publisher" in cover and "Contents" in cover
    counts = dataset.counts()
    assert f"{counts['sources']} source documents, {counts['events']} events" in cover
    voices = and_list(assessment_voices(counts))
    assert _flat(f"{counts['assessments']} assessments in those documents: {voices}") in cover.replace("\u2019", "'")
    assert "Data Every event, claim, origin and source as CSV" in cover


def test_every_part_key_judgment_named_judgment_source_and_claim_is_in_the_text(text, dataset, built):
    """What the cover promises is inside: each part, the key judgments of the briefing, every
    judgment a document names (with its quote), every source, event and, at this size, claim."""
    for part in PARTS:
        for _, label in part.sections:
            assert _flat(label) in text, label
    page = (built / "print" / "index.html").read_text(encoding="utf-8")
    start = page.index('id="print-key-judgments"')
    section = page[start : page.index("<h2", start)]
    judgments = [html.unescape(re.sub("<[^>]+>", "", s)) for s in re.findall(r"<li><strong>(.*?)</strong>", section)]
    assert len(judgments) >= 3
    for judgment in judgments:
        assert _flat(judgment) in text, judgment
    for assessment in dataset.assessments.values():
        assert _flat(assessment.judgment) in text and _flat(assessment.quote) in text, assessment.id
    for source in dataset.sources.values():
        assert _flat(source.title) in text, source.id
    for event in dataset.events.values():
        assert event.id in text
    if len(dataset.events) <= limits.PRINT_ANNEX_EVENTS:
        for event in dataset.events.values():
            for claim in event.claims:
                assert _flat(claim.quote) in text, (event.id, claim.quote)
    for chart in (events_by_type, fatalities_over_time, event_map, coverage_matrix):
        assert _flat(chart(dataset).title) in text
    assert _flat(actor_involvement(dataset).title) not in text  # the actors chart is a site page, not the briefing
    assert "The data table below" not in text  # the screen's caption; on paper each figure names its table
    assert "127.0.0.1" not in text


def test_parts_print_in_the_readers_order_with_the_briefing_on_pages_2_and_3(pdf, part_pages):
    assert part_pages["Briefing"][0] == 2
    found = anchor_pages(pdf[0].read_bytes())
    assert found["print-bluf"] == 2 and found["print-key-judgments"] in (2, 3)
    first, last = part_pages["Briefing"]
    assert first <= found["print-method"] <= last, "the method's keys end the briefing, before the parts using them"
    assert [name for name in part_pages] == [part.name for part in PARTS]


def test_contents_and_cross_references_give_the_page_their_target_is_on(pdf, built):
    """Every page number written into the page (contents, "see page", a figure's table) is the
    page its target prints on, read from the PDF's own named destinations."""
    found = anchor_pages(pdf[0].read_bytes())
    contents = _pdftotext(pdf[0], 1, 1)
    listed = [int(n) for n in re.findall(r"^\s*(\d+)\s*$", contents, flags=re.M)]
    expected = [found[f"print-{key}"] for part in PARTS for key, _ in part.sections]
    assert listed == expected
    page = (built / "print" / "index.html").read_text(encoding="utf-8")
    targets = set(re.findall(r'data-page-of="([^"]+)"', page))
    assert targets <= set(found), targets - set(found)
    text = " ".join(_pdftotext(pdf[0]).split())
    for target in targets:
        if target.startswith("print-dispute-"):
            assert f"see page {found[target]}" in text
    # the prose's links to a section or part of the briefing say its page (make pdf adds them)
    said = re.findall(r"what is disputed(?: \(page |, page )(\d+)\)", text)  # ", page 3" inside brackets
    assert said and all(int(n) == found["print-disputed"] for n in said), said


def _drawn(page, bold: bool = False) -> list[tuple[float, float, str]]:
    """Each piece of text on a page (with `bold`, in a bold font only: headings are bold, while a
    figure's labels, drawn through its SVG's transform, can report any size): its size in points,
    its height from the bottom, the text."""
    items: list[tuple[float, float, str]] = []

    def visit(text, cm, tm, font, size):
        if bold and "Bold" not in str((font or {}).get("/BaseFont", "")):
            return
        if text.strip():
            scale = abs(tm[0] * cm[0] + tm[1] * cm[2])
            items.append((size * scale, tm[4] * cm[1] + tm[5] * cm[3] + cm[5], text.strip()))

    page.extract_text(visitor_text=visit)
    return items


HEADER_Y, FOOTER_Y = 780, 60  # points from the bottom of A4: the running header above, the footer below


def test_each_page_has_its_parts_running_header_and_page_x_of_y(pdf, part_pages):
    reader = PdfReader(pdf[0])
    for name, (first, last) in part_pages.items():
        for number in range(first, last + 1):
            drawn = _drawn(reader.pages[number - 1])
            assert name in [text for _, y, text in drawn if y > HEADER_Y], (number, name)
            footer = " ".join(text for _, y, text in drawn if y < FOOTER_Y)
            assert f"Page {number} of {pdf[1]}" in footer, number


def test_no_body_page_ends_above_60_percent_unless_it_ends_a_part(pdf, part_pages, dataset):
    """Measured on the rasterised pages; the five documents' briefing has at most two short pages.
    A part's last page too holds more than a few lines spilled over (make pdf sets such a part a
    little tighter): no page of the grown fixture is a quarter full or less, and none holds only a
    figure (who reports what prints at the head of the Sources part, beside their entries)."""
    fill = page_fill(pdf[0])
    ends = {last for _, last in part_pages.values()}
    short = [n for n, share in enumerate(fill, 1) if share < FILL and n > 1]
    assert set(short) <= ends, {n: round(fill[n - 1], 2) for n in short}
    assert len(short) <= (2 if len(dataset.sources) <= 5 else len(PARTS))
    assert all(share > SPILL for share in fill), [round(share, 2) for share in fill]
    first, last = part_pages["Sources"]
    assert first <= _page_of_figure(pdf, coverage_matrix(dataset).title) <= last


def _page_of_figure(pdf, title: str) -> int:
    return next(n for n in range(1, pdf[1] + 1) if f". {title}" in _flat(_pdftotext(pdf[0], n, n)))


def test_who_reports_what_names_each_event_by_its_date_and_place(pdf, dataset):
    """Figure 4's rows as printed: "26 Jan 2022 · Jabal Asida", never an event code alone."""
    reader = PdfReader(pdf[0])
    number = _page_of_figure(pdf, coverage_matrix(dataset).title)
    drawn = " ".join(text for _, _, text in _drawn(reader.pages[number - 1]))
    for event in dataset.events.values():
        when = show_date(event.date, event.date_precision, weekday=False)
        assert f"{when} · {dataset.places[event.place].name}" in drawn, event.id


# Each source badge of the print page, laid out as Chromium prints it (print media, the A4 body's
# 180 mm width): the pieces of its text (outlet, date, grade) sit on one line.
SPLIT_BADGES = """() => [...document.querySelectorAll('.md-content a.lw-badge')].filter(badge => {
  const walker = document.createTreeWalker(badge, NodeFilter.SHOW_TEXT), rects = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const range = document.createRange();
    range.selectNodeContents(node);
    rects.push(...[...range.getClientRects()].filter(rect => rect.width > 0.5));
  }
  const middles = rects.map(rect => rect.top + rect.height / 2);
  return Math.max(...middles) - Math.min(...middles) > Math.min(...rects.map(rect => rect.height)) / 2;
}).map(badge => badge.textContent.trim())"""


def test_no_source_badge_is_broken_across_lines(served_site):
    """A badge broken over two lines left its grade alone on the second ("F"): on paper each is
    whole, the timeline's Sources column wide enough for its badges."""
    _, url = served_site
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 680, "height": 1000})  # 180 mm at 96 px an inch
        page.goto(url + "print/", wait_until="networkidle")
        page.emulate_media(media="print")
        assert page.evaluate("document.querySelectorAll('.lw-timeline-table a.lw-badge').length") > 10
        assert page.evaluate(SPLIT_BADGES) == []


CLEARANCE_MM = 3  # blank between the body's text and the running header or footer


def test_body_text_keeps_clear_of_the_running_header_and_footer(pdf):
    """On every page after the cover, at least 3 mm of blank paper under the header's line and
    above the footer's (the page's first and last line of ink, rasterised): text that touched
    them read as one block with them."""
    clearance = header_and_footer_clearance(pdf[0])
    close = {n: (round(top, 1), round(foot, 1)) for n, (top, foot) in enumerate(clearance[1:], 2)
             if min(top, foot) < CLEARANCE_MM}  # fmt: skip
    assert not close, close


def test_no_heading_is_stranded_at_the_foot_of_a_page(pdf):
    """On every page the lowest heading has body text below it (text is drawn from y = bottom)."""
    reader = PdfReader(pdf[0])
    for number, page in enumerate(reader.pages[1:], 2):
        body = [item for item in _drawn(page) if FOOTER_Y < item[1] < HEADER_Y]
        headings = [y for size, y, _ in _drawn(page, bold=True) if size >= HEADING_PT and FOOTER_Y < y < HEADER_Y]
        if headings:
            lowest = min(headings)
            assert any(y < lowest - 2 for size, y, _ in body if size < HEADING_PT), (number, body[-3:])


def test_table_header_rows_repeat_on_every_page_of_the_timeline(pdf, part_pages):
    reader = PdfReader(pdf[0])
    first, last = part_pages["Timeline"]
    for number in range(first, last + 1):
        assert "What happened" in (reader.pages[number - 1].extract_text() or ""), number


def test_no_timeline_row_or_claim_row_splits_across_pages(pdf, dataset):
    """A row is one event or one claim: its summary or quote is whole on one page."""
    pages = [_flat(_pdftotext(pdf[0], n, n)) for n in range(1, pdf[1] + 1)]
    for event in dataset.events.values():
        assert any(_flat(event.summary) in page for page in pages), event.id
        if len(dataset.events) <= limits.PRINT_ANNEX_EVENTS:
            for claim in event.claims:
                assert any(_flat(claim.quote) in page for page in pages), (event.id, claim.quote)


def test_pdf_is_tagged_with_title_language_bookmarks_per_part_and_figure_alt_text(pdf, dataset):
    reader = PdfReader(pdf[0])
    root = reader.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"] and "/StructTreeRoot" in root
    assert root["/Lang"] == "en"
    assert reader.metadata.title.startswith("Libya Watch briefing")
    bookmarks = []

    def walk(items):
        for item in items:
            walk(item) if isinstance(item, list) else bookmarks.append(item.title)

    walk(reader.outline)
    for part in PARTS:
        assert part.sections[0][1] in bookmarks, part.name
    alts = []

    def figures(node):
        node = node.get_object()
        if node.get("/S") == "/Figure" and "/Alt" in node:
            alts.append(str(node["/Alt"]))
        kids = node.get("/K")
        for kid in kids if isinstance(kids, list) else [kids] if kids is not None else []:
            kid = kid.get_object() if hasattr(kid, "get_object") else kid
            if isinstance(kid, dict):
                figures(kid)

    figures(root["/StructTreeRoot"])
    assert [alt.split(":")[0] for alt in alts] == [f"Figure {n}" for n in range(1, 5)]


def test_every_font_is_embedded(pdf):
    listing = subprocess.run(["pdffonts", str(pdf[0])], capture_output=True, text=True, check=True).stdout
    rows = listing.splitlines()[2:]
    assert rows, "no fonts"
    assert all(row.split()[-5] == "yes" for row in rows), listing


def _text_heights(page, needles):
    """The height (points from the bottom) at which each needle's text is drawn on the page."""
    found = {}

    def visit(text, cm, tm, font, size):
        for needle in needles:
            if needle in text and needle not in found:
                found[needle] = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]

    page.extract_text(visitor_text=visit)
    return found


def test_the_map_is_drawn_in_the_pdf(pdf, tmp_path, dataset):
    """Rasterise the band between the map's title and its caption: a map that failed to draw
    (no base map, no markers) leaves that band white."""
    title = event_map(dataset).title
    reader = PdfReader(pdf[0])
    number, page = next((i, p) for i, p in enumerate(reader.pages, 1) if title in (p.extract_text() or ""))
    heights = _text_heights(page, (title, "Each mark is a position"))
    top, bottom = heights[title], heights["Each mark is a position"]
    dpi, page_height = 40, float(page.mediabox.upper_right[1])
    subprocess.run(["pdftoppm", "-gray", "-r", str(dpi), "-f", str(number), "-l", str(number), str(pdf[0]),
                    str(tmp_path / "p")], check=True)  # fmt: skip
    magic, width, _, _, pixels = next(tmp_path.glob("p*.pgm")).read_bytes().split(maxsplit=4)
    assert magic == b"P5"
    width = int(width)
    first, last = (int((page_height - y) / 72 * dpi) for y in (top, bottom))
    band = pixels[(first + 2) * width : (last - 1) * width]
    inked = sum(1 for value in band if value < 250) / len(band)
    assert inked > 0.15, f"the map band is {inked:.0%} inked: the map did not draw"


def test_letter_paper_is_an_option(built, tmp_path):
    out = tmp_path / "letter.pdf"
    make_pdf(built, out, "Letter")
    width, height = (float(v) for v in PdfReader(out).pages[0].mediabox.upper_right)
    assert abs(width - 612) < 1.5 and abs(height - 792) < 1.5  # US Letter in points


def test_after_a_build_alone_the_pdf_link_leads_to_the_print_view(built):
    """`make build` writes no briefing.pdf: the front page offers the print view, which prints or
    saves as the same PDF, and no link to a file that is not there."""
    front = BeautifulSoup((built / "index.html").read_text(encoding="utf-8"), "html.parser")
    link = front.select_one(".lw-formats a")
    assert link["href"] == "print/" and (built / "print" / "index.html").is_file()
    assert "save as a PDF" in link.get_text()
    assert not front.select('a[href$="briefing.pdf"]')


@pytest.mark.build
def test_the_site_make_pdf_builds_links_the_pdf(tmp_path, monkeypatch):
    """`make pdf` builds the site it prints with LIBYA_WATCH_PDF on (the Makefile), then writes
    briefing.pdf beside the front page that links it."""
    makefile = (PROJECT / "Makefile").read_text(encoding="utf-8")
    assert "pdf: export LIBYA_WATCH_PDF = true" in makefile
    monkeypatch.setenv("LIBYA_WATCH_PDF", "true")
    assert build_site(tmp_path / "site").returncode == 0
    front = BeautifulSoup((tmp_path / "site" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert [a["href"] for a in front.select(".lw-formats a")] == ["briefing.pdf", "print/"]


@pytest.mark.build
def test_at_1000_events_the_pdf_stays_within_its_budget(tmp_path):
    """Summaries and top-N lists keep a thousand events under the budget; the parts say what they
    leave out. The benchmark (bench/pdf.py) records the pages and the time."""
    site = tmp_path / "site"
    build(site, synthetic_env(tmp_path, 1000))
    pages = make_pdf(site, tmp_path / "briefing.pdf", "A4")
    assert pages <= limits.PRINT_PAGES_AT_SCALE
    text = _flat(_pdftotext(tmp_path / "briefing.pdf"))
    assert f"The {limits.PRINT_EVENTS} newest of 1000 events" in text
    assert "make pdf FULL=1" in text
