"""Adding a valid later report never breaks the checks: the briefing fixture, copied, with fictional later
sources, their places and events added the way CONTRIBUTING.md tells an analyst to (one report of
each kind it shows; see `grow` in conftest.py).

tests/test_seed_data.py also runs every one of its tests over this grown copy."""

from __future__ import annotations

import subprocess
import sys

import pytest
from bs4 import BeautifulSoup

from macros.load.loader import load_dataset
from macros.load.review import review_dataset
from tests.conftest import BRIEFING, PROJECT
from tests.site import build_site


def test_a_later_report_validates(grown_data):
    before = load_dataset(BRIEFING / "data")
    command = [sys.executable, "-m", "macros.load.validate", str(grown_data)]
    result = subprocess.run(command, cwd=PROJECT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    counts = f"{len(before.sources) + 3} sources, {len(before.events) + 2} events"
    assert result.stdout.startswith(f"data is valid: {counts}")


def test_a_later_report_moves_the_cutoff_to_its_date(grown_data):
    grown = load_dataset(grown_data)
    assert load_dataset(BRIEFING / "data").cutoff.isoformat() == "2022-01-29"
    assert grown.cutoff.isoformat() == "2022-03-15"  # the later report's day
    assert grown.events_from("later-test-report") == [grown.events["LBY9901"]]
    assert review_dataset(grown_data, grown) == []


@pytest.mark.build
def test_a_later_report_builds_and_the_front_page_states_its_date(grown_data, tmp_path):
    result = build_site(tmp_path / "site", data_dir=grown_data)
    assert result.returncode == 0, result.stderr
    front = BeautifulSoup((tmp_path / "site" / "index.html").read_text(encoding="utf-8"), "html.parser")
    line = " ".join(front.select_one(".lw-edition-line").get_text().split())
    assert "information cut-off Tue 15 Mar 2022" in line
    assert front.select_one(".lw-cutoff time")["datetime"] == "2022-03-15"
    timeline = (tmp_path / "site" / "timeline" / "index.html").read_text(encoding="utf-8")
    assert 'id="LBY9901"' in timeline
