"""A place the gazetteer lacks, at coordinates a document itself gives: held to its quote, drawn
and exported as stated and approximate, never a coordinate no document states."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml
from bs4 import BeautifulSoup

from macros.core.coordinates import stated_pairs
from macros.core.yamlfile import DataError
from macros.load.loader import load_dataset
from macros.views import maps
from macros.views.pages import build_pages
from tests.helpers import render_exports
from tests.test_comparison import COMEBACK, append, claim, with_event
from tools.new_source import add_source

# A made-up document (the fixtures' documents state no coordinates); it reports no real event.
DOCUMENT = """TEST DOCUMENT. Fictional text written for the Libya Watch test suite; it reports no real event
and quotes no real outlet.

Dated 2 February 2022.

A patrol found an abandoned camp at 25°30'N 16°15'E, in the desert south of the Haruj, the army
said. A second camp lay near Qatrun; a third was reported at sea, at 35°00'N 16°15'E.
"""
SOURCE = """id: camp-report
title: Patrol finds a camp in the desert
outlet:
  basis: unknown
published:
  date: 2022-02-02
  precision: day
  basis: stated
seed: {seed}
sha256: {sha256}
language: en
kind: news report
scale: national
reliability: F
reliability_rationale: A fictional test document.
summary: A fictional report of a camp found in the desert.
added: 2026-11-22
"""
CAMP = """
- id: desert-camp
  name: Desert camp south of the Haruj
  stated_coordinates:
    - latitude: 25.5
      longitude: 16.25
      stated: an abandoned camp at 25°30'N 16°15'E
      source: camp-report
  geo_precision: 2
  country: LBY
"""


@pytest.fixture
def camp(fixture_copy, tmp_path):
    """The fixtures with the made-up document added as an analyst adds one, and the camp it places."""
    add_document(fixture_copy, tmp_path, DOCUMENT, "camp-report", SOURCE)
    append(fixture_copy, "places.yaml", CAMP)
    return fixture_copy


def add_document(copy, tmp_path, text: str, source_id: str, source: str) -> None:
    """A made-up document added as an analyst adds one, its stub filled with `source`."""
    document = tmp_path / f"{source_id}.txt"
    document.write_text(text, encoding="utf-8")
    stub = add_source(document, source_id, root=copy.root, today=dt.date(2026, 11, 22))
    filled = yaml.safe_load(stub.read_text(encoding="utf-8"))
    stub.write_text(source.format(seed=filled["seed"], sha256=filled["sha256"]), encoding="utf-8")


def problems_of(copy) -> list[str]:
    with pytest.raises(DataError) as caught:
        load_dataset(copy.data)
    return [str(p) for p in caught.value.problems]


def test_coordinates_a_document_states_place_it_there_marked_stated(camp):
    with_event(camp, claim(COMEBACK, field="location", value="near Qatrun"), place="desert-camp")
    data = load_dataset(camp.data)
    (position,) = data.location("desert-camp").positions
    assert (position.latitude, position.longitude, position.precision) == (25.5, 16.25, "stated")
    assert (position.source, position.reference) == ("camp-report", None)
    traces = {t["name"]: t for t in maps.event_map(data, [data.events["LBY0004"]]).figure["data"]}
    assert (traces[maps.MAP_MARKS["stated"][0]]["lat"], traces[maps.MAP_MARKS["stated"][0]]["lon"]) == (
        [25.5],
        [16.25],
    )
    (row,) = [line for line in render_exports(data)["events.csv"].splitlines() if line.startswith("LBY0004,")]
    assert ",25.5,16.25," in row


def test_the_place_page_says_the_coordinates_are_stated_and_approximate(camp):
    page = next(p.markdown for p in build_pages(load_dataset(camp.data)) if p.path == "places/desert-camp.md")
    shown = " ".join(BeautifulSoup(page, "html.parser").get_text(" ").split())
    assert (
        "an abandoned camp at 25°30'N 16°15'E ( unknown outlet · 2 Feb 2022 F ): stated at 25.5, 16.25, approximate"
        in shown
    )


def test_typed_coordinates_must_be_the_ones_the_quote_states(camp):
    line = camp.edit("places.yaml", "    - latitude: 25.5\n", "    - latitude: 25.6\n")
    assert (
        f"data/places.yaml:{line}: desert-camp.stated_coordinates[0].latitude: 25.6, 16.25 is not what the quote "
        "states: it reads 25.5, 16.25"
    ) in problems_of(camp)


def test_a_quote_without_coordinates_is_refused(camp):
    line = camp.edit("places.yaml", "stated: an abandoned camp at 25°30'N 16°15'E", "stated: near Qatrun")
    assert any(
        p.startswith(f"data/places.yaml:{line}: desert-camp.stated_coordinates[0].stated: no coordinate pair")
        for p in problems_of(camp)
    )


def test_the_stated_words_must_be_in_the_document(camp):
    line = camp.edit("places.yaml", "an abandoned camp at", "a camp at")
    assert any(
        p.startswith(
            f"data/places.yaml:{line}: desert-camp.stated_coordinates[0].stated: not found verbatim in camp-report"
        )
        for p in problems_of(camp)
    )


def test_stated_coordinates_outside_the_country_are_refused(camp):
    line = camp.edit("places.yaml", "    - latitude: 25.5\n", "    - latitude: 35.0\n")
    camp.edit("places.yaml", "an abandoned camp at 25°30'N 16°15'E", "at sea, at 35°00'N 16°15'E")
    expected = f"data/places.yaml:{line}: desert-camp.stated_coordinates[0].latitude: 35.0, 16.25 lies outside LBY"
    assert any(p.startswith(expected) for p in problems_of(camp))


def test_a_relative_positions_words_must_be_in_the_document(camp):
    relative = "  relative_to:\n    - place: qatrun\n      stated: a camp near Qatrun\n      source: camp-report\n"
    line = camp.edit(
        "places.yaml", "  geo_precision: 2\n  country: LBY\n", relative + "  geo_precision: 2\n  country: LBY\n"
    )
    assert any(
        p.startswith(
            f"data/places.yaml:{line + 2}: desert-camp.relative_to[0].stated: not found verbatim in camp-report"
        )
        for p in problems_of(camp)
    )


def test_a_place_has_gazetteer_coordinates_or_stated_ones_not_both(camp):
    gazetteer = "  latitude: 25.5\n  longitude: 16.25\n  gazetteer: geonames:1\n"
    camp.edit("places.yaml", "  geo_precision: 2\n  country: LBY\n", gazetteer + "  geo_precision: 2\n  country: LBY\n")
    assert any("gazetteer coordinates or coordinates a document states, not both" in p for p in problems_of(camp))


@pytest.mark.parametrize(
    ("text", "pairs"),
    [
        ("at 25°30'N 16°15'E", [(25.5, 16.25)]),
        ("at 25°30\u203212\u2033N, 16°15\u2032E", [(25.503333, 16.25)]),  # primes
        ("N 25° 30' E 16° 15'", [(25.5, 16.25)]),
        ("25.5 degrees north, 16.25 degrees east", [(25.5, 16.25)]),
        ("16.25E 25.5N", [(25.5, 16.25)]),
        ("12.5S 45.2W", [(-12.5, -45.2)]),
        ("the coordinates 25.5, 16.25", [(25.5, 16.25)]),
        ("killed 19, 23 wounded", []),
        ("150 miles southeast of Sirte", []),
        ("in 2015 soldiers", []),
    ],
)
def test_coordinates_are_read_as_documents_write_them(text, pairs):
    assert stated_pairs(text) == pairs
