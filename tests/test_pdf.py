"""The briefing PDF, printed by real Chromium from a real build: contents, fonts, charts, paper."""

from __future__ import annotations

import re
import subprocess

import pytest
from pypdf import PdfReader

from macros.charts import actor_involvement, coverage_matrix, events_by_type, fatalities_over_time
from macros.loader import load_dataset
from macros.maps import event_map
from tests.conftest import PROJECT
from tools.pdf import make_pdf

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def built(served_site):
    return served_site[0]


@pytest.fixture(scope="module")
def pdf(built):
    out = built / "briefing.pdf"
    pages = make_pdf(built, out, "A4")
    return out, pages


@pytest.fixture(scope="module")
def text(pdf):
    result = subprocess.run(["pdftotext", "-layout", str(pdf[0]), "-"], capture_output=True, text=True, check=True)
    return " ".join(result.stdout.split())


@pytest.fixture(scope="module")
def dataset():
    return load_dataset(PROJECT / "data")


def test_pdf_has_a_sensible_page_count_and_a4_pages(pdf):
    path, pages = pdf
    reader = PdfReader(path)
    assert pages == len(reader.pages)
    assert 10 <= pages <= 80
    width, height = (float(v) for v in reader.pages[0].mediabox.upper_right)
    assert abs(width - 595.3) < 1.5 and abs(height - 841.9) < 1.5  # A4 in points


def test_cover_states_the_cut_off_and_handling(text, dataset):
    assert f"Information cut-off {dataset.cutoff:%-d %B %Y}" in text
    assert "open-source briefing" in text.casefold()


def test_contents_lists_sections_with_ascending_page_numbers(pdf):
    first_pages = subprocess.run(
        ["pdftotext", "-f", "2", "-l", "2", str(pdf[0]), "-"], capture_output=True, text=True, check=True
    ).stdout
    numbers = [int(n) for n in re.findall(r"^\s*(\d+)\s*$", first_pages, flags=re.M)]
    assert len(numbers) == 9  # every section of the contents found its page
    assert numbers == sorted(numbers) and numbers[-1] <= pdf[1]
    assert "Contents" in first_pages  # fmt: skip


def test_key_judgments_every_source_and_every_chart_are_in_the_text(text, dataset):
    for judgment in (
        "IS very likely retains a capability",
        "IS is unlikely to hold territory",
        "Links between IS in Libya and attacks abroad are reported but unproven",
    ):
        assert judgment in text
    for source in dataset.sources.values():
        assert " ".join(source.title.split()) in text, source.id
    for chart in (events_by_type, fatalities_over_time, event_map, coverage_matrix):
        assert chart(dataset).title in text
    assert actor_involvement(dataset).title not in text  # the actors chart is a site page, not the briefing
    for event_id in dataset.events:
        assert event_id in text


def test_no_internal_address_is_printed(text):
    assert "127.0.0.1" not in text


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


def test_front_page_links_to_the_pdf(built):
    assert 'href="briefing.pdf"' in (built / "index.html").read_text(encoding="utf-8")
