"""Coordinates come from GeoNames and nowhere else; country boxes are derived from it."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

from macros import gazetteer
from macros.loader import load_dataset
from macros.review import review_dataset
from tests.conftest import FIXTURES, PROJECT


@pytest.fixture(scope="module")
def geonames():
    return {f"geonames:{c['geonameid']}": c for c in gazetteer._cache().get_cities().values()}


def test_countries_file_is_current():
    assert gazetteer.main(["check"]) == 0


@pytest.mark.parametrize("data_dir", [PROJECT / "data", FIXTURES / "data"], ids=["data", "fixtures"])
def test_every_place_has_its_gazetteer_entrys_coordinates(data_dir):
    # the rule is make validate's (macros/review.py); tests/test_review.py shows it firing
    problems = review_dataset(data_dir, load_dataset(data_dir))
    assert [str(p) for p in problems if "gazetteer" in p.message or "coordinates" in p.message] == []


def test_find_ignores_accents():
    assert any(c["geonameid"] == 2219739 for c in gazetteer.find("Qatrun"))


def test_find_with_a_country_leaves_out_namesakes_abroad():
    assert any(c["countrycode"] == "TR" for c in gazetteer.find("Kufra"))
    assert gazetteer.find("Kufra", gazetteer.gazetteer_entries("LY")) == []


def test_one_countrys_entries_are_those_of_the_full_gazetteer(geonames):
    fast = {c["geonameid"]: c for c in gazetteer.gazetteer_entries("LBY")}
    full = {c["geonameid"]: c for c in geonames.values() if c["countrycode"] == "LY"}
    assert fast == full and len(fast) > 100


def test_find_matches_alternate_names_and_prefers_exact_ones():
    hits = gazetteer.find("al-qatrun", gazetteer.gazetteer_entries("LY"))
    assert hits[0]["geonameid"] == 2219739 and hits[0]["exact"]


def test_admin1_is_named_from_the_places_already_in_the_data():
    entries = gazetteer.gazetteer_entries("LY")
    names = gazetteer.admin1_names(entries, FIXTURES / "data")
    qatrun = next(c for c in entries if c["geonameid"] == 2219739)
    assert names[("LY", qatrun["admin1code"])] == "Murzuq"


def test_find_command_answers_within_a_second_or_two_and_names_admin1():
    started = time.perf_counter()
    command = [sys.executable, "-m", "macros.gazetteer", "find", "Qatrun", "--country", "LY"]
    result = subprocess.run(command, cwd=PROJECT, capture_output=True, text=True, timeout=60)
    elapsed = time.perf_counter() - started
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("geonames:2219739\t") and "\tadmin1 Murzuq\t" in result.stdout
    assert elapsed < 2.5, f"{elapsed:.2f} s (the whole gazetteer takes 4 s or more)"


def test_find_command_refuses_an_unknown_country_without_a_traceback():
    command = [sys.executable, "-m", "macros.gazetteer", "find", "Qatrun", "--country", "XXX"]
    result = subprocess.run(command, cwd=PROJECT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and "unknown country code 'XXX'" in result.stderr
    assert "Traceback" not in result.stderr
