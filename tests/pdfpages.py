"""Measure a printed PDF as a reader sees it: how far down each page the ink reaches.

Rasterised with poppler's pdftoppm (greyscale), so what is measured is what prints, whatever
the PDF's internal structure. Used by the PDF tests and the bench.
"""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

DPI = 30
MARGIN_TOP_MM, MARGIN_BOTTOM_MM = 16, 18  # docs/stylesheets/print.css: the running header and footer lie outside
GUARD_MM = 2.5  # the header's and footer's text sits against the body's edge: keep clear of it


def page_fill(pdf: Path) -> list[float]:
    """For each page, how far down its body the lowest ink reaches (0 = empty, 1 = to the foot)."""
    return [_fill(pgm) for pgm in _rasters(pdf, DPI)]


def header_and_footer_clearance(pdf: Path, dpi: int = 150) -> list[tuple[float, float]]:
    """For each page, the blank space in mm under its first line of ink (the running header) and
    above its last (the footer): how far the body's nearest ink stands from them."""
    return [_clearance(pgm, dpi) for pgm in _rasters(pdf, dpi)]


def _rasters(pdf: Path, dpi: int) -> list[bytes]:
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["pdftoppm", "-gray", "-r", str(dpi), str(pdf), f"{tmp}/p"], check=True)
        return [path.read_bytes() for path in sorted(Path(tmp).glob("p*.pgm"))]


def _clearance(pgm: bytes, dpi: int) -> tuple[float, float]:
    magic, width, height, _, pixels = pgm.split(maxsplit=4)
    assert magic == b"P5"
    width, height = int(width), int(height)
    inked = [min(pixels[row * width : (row + 1) * width]) < 200 for row in range(height)]
    return _gap_after_first_run(inked) * 25.4 / dpi, _gap_after_first_run(inked[::-1]) * 25.4 / dpi


def _gap_after_first_run(inked: list[bool]) -> int:
    """Rows of blank between the first run of inked rows and the next inked row."""
    start = inked.index(True)
    end = inked.index(False, start)
    return inked.index(True, end) - end if True in inked[end:] else len(inked) - end


def _fill(pgm: bytes) -> float:
    magic, width, height, _, pixels = pgm.split(maxsplit=4)
    assert magic == b"P5"
    width, height = int(width), int(height)
    top = round((MARGIN_TOP_MM + GUARD_MM) / 25.4 * DPI)
    bottom = height - round((MARGIN_BOTTOM_MM + GUARD_MM) / 25.4 * DPI)
    last = top
    for row in range(top, bottom):
        line = pixels[row * width : (row + 1) * width]
        if min(line) < 200:
            last = row
    return (last - top) / (bottom - top)
