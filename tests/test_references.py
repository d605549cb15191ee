"""A place the offline gazetteer lacks, placed from a named external reference (a GeoNames or
OpenStreetMap id, or a named map): the reference is recorded and checked for its form, the point
for its country; it is drawn with its own mark and key entry, exported with its precision, and a
relative position can be measured from it. `make place` answers a misspelling with the nearest
names, and make validate names a computed point that lands outside its country or district.

Every reference here is fixture-only (a map that does not exist), and so are its coordinates.
"""

from __future__ import annotations

import csv
import io

import pytest
from bs4 import BeautifulSoup

from macros.load import gazetteer
from macros.load.loader import load_dataset
from macros.load.review import review_dataset
from macros.views import maps
from macros.views.pages import build_pages
from macros.views.render import render
from tests.helpers import render_exports
from tests.test_comparison import append, claim, with_event
from tests.test_locations import SOURCE as CAMP_SOURCE
from tests.test_locations import add_document, problems_of

DOCUMENT = """TEST DOCUMENT. Fictional text written for the Libya Watch test suite; it reports no real event
and quotes no real outlet, and Fixture Oasis is no real place.

Dated 3 February 2022.

Fighters gathered at Fixture Oasis, the army said. A convoy was seen 40 km south of Fixture Oasis;
another was seen 700 km south of Qatrun, and a third 400 km north of Qatrun.
"""
SOURCE = (  # the camp report's stub, for this document
    CAMP_SOURCE.replace("camp-report", "oasis-report")
    .replace("Patrol finds a camp in the desert", "Fighters gather at an oasis")
    .replace("2022-02-02", "2022-02-03")
)
MAP = "FIXTURE map for the test suite, not a real map"
OASIS = f"""
- id: fixture-oasis
  name: Fixture Oasis
  latitude: 24.5
  longitude: 15.0
  reference:
    kind: map
    id: {MAP}
    note: grid square F1
  geo_precision: 1
  admin1: Murzuq
  country: LBY
- id: south-of-oasis
  name: South of Fixture Oasis
  relative_to:
    - place: fixture-oasis
      bearing: south
      distance: 40
      unit: km
      stated: 40 km south of Fixture Oasis
      source: oasis-report
  geo_precision: 2
  admin1: Murzuq
  country: LBY
"""
QUOTE = ("oasis-report", "Fighters gathered at Fixture Oasis")


@pytest.fixture
def oasis(fixture_copy, tmp_path):
    """The fixtures with the fictional document added as an analyst adds one, the oasis placed
    from a (fixture) map, a point measured from it, and an event at each."""
    add_document(fixture_copy, tmp_path, DOCUMENT, "oasis-report", SOURCE)
    append(fixture_copy, "places.yaml", OASIS)
    with_event(fixture_copy, claim(QUOTE, field="detail", value="fighters gathered"), place="fixture-oasis")
    return fixture_copy


def test_a_place_from_a_reference_is_drawn_with_its_own_mark_and_key(oasis):
    data = load_dataset(oasis.data)
    (position,) = data.location("fixture-oasis").positions
    assert (position.latitude, position.longitude, position.precision) == (24.5, 15.0, "reference")
    chart = maps.event_map(data, [data.events["LBY0004"]])
    marks = {t["name"]: t for t in chart.figure["data"]}
    name, symbol, _ = maps.MAP_MARKS["reference"]
    assert name == "Placed from a reference, not checked offline"
    assert (marks[name]["lat"], marks[name]["lon"], marks[name]["marker"]["symbol"]) == ([24.5], [15.0], symbol)
    assert maps.MAP_MARKS["gazetteer"][0] not in marks  # never drawn as a gazetteer town
    key = render("map_key.html", items=chart.key_items)
    assert "Placed from a reference, not checked offline" in key and "<polygon" in key


def test_a_place_from_a_reference_is_exported_with_its_precision(oasis):
    data = load_dataset(oasis.data)
    rows = {row["event_id_cnty"]: row for row in csv.DictReader(io.StringIO(render_exports(data)["events.csv"]))}
    oasis_row = rows["LBY0004"]
    assert (oasis_row["latitude"], oasis_row["longitude"]) == ("24.5", "15.0")
    assert (oasis_row["location_precision"], rows["LBY0001"]["location_precision"]) == ("reference", "gazetteer")


def test_the_place_page_names_the_reference_and_says_it_is_not_checked(oasis):
    page = next(p.markdown for p in build_pages(load_dataset(oasis.data)) if p.path == "places/fixture-oasis.md")
    shown = " ".join(BeautifulSoup(page, "html.parser").get_text(" ").split())
    assert f"24.5, 15.0 (approximate; placed from a reference, not checked offline: map: {MAP}, grid square F1" in shown


def test_a_relative_position_is_measured_from_a_place_from_a_reference(oasis):
    data = load_dataset(oasis.data)
    (position,) = data.location("south-of-oasis").positions
    assert position.precision == "computed" and position.reference.id == "fixture-oasis"
    assert (round(position.latitude, 2), position.longitude) == (24.14, 15.0)  # 40 km is 0.36 degrees
    assert review_dataset(oasis.data, data) == []


@pytest.mark.parametrize(
    ("old", "new", "field", "message"),
    [
        (f"    id: {MAP}\n", "    id: FIX\n", "reference.id", "'FIX' is not a named map"),
        ("    kind: map\n", "    kind: osm\n", "reference.id", f"{MAP!r} is not an OpenStreetMap element"),
        ("    kind: map\n", "    kind: atlas\n", "reference.kind", "atlas"),
        ("  latitude: 24.5\n  longitude: 15.0\n", "  latitude: 14.5\n  longitude: 15.0\n", "latitude",
         "14.5, 15.0 lies outside LBY"),
        ("  latitude: 24.5\n", "", "reference", "give latitude, longitude and their reference entry together"),
    ],
    ids=["map-name", "osm-id", "kind", "outside", "incomplete"],
)  # fmt: skip
def test_a_reference_is_checked_for_its_kind_id_and_country(oasis, old, new, field, message):
    oasis.edit("places.yaml", old, new)
    assert any(f"fixture-oasis.{field}" in p and message in p for p in problems_of(oasis)), problems_of(oasis)


ROUND = "the distance a round figure from a far town ('some 700 km south of Tripoli'): a detail claim, not a position"


def test_a_relative_position_far_from_its_country_or_district_is_named_with_the_ways_it_can_be_wrong(oasis):
    """A mistyped distance, bearing, town or district, or a round distance from a far town, which
    places nothing and is kept as a detail."""
    far = (
        "    - place: qatrun\n      bearing: south\n      distance: 700\n      unit: km\n"
        "      stated: 700 km south of Qatrun\n      source: oasis-report\n"
        "    - place: qatrun\n      bearing: north\n      distance: 400\n      unit: km\n"
        "      stated: 400 km north of Qatrun\n      source: oasis-report\n"
    )
    line = oasis.edit("places.yaml", "      source: oasis-report\n  geo_precision: 2\n", "      source: oasis-report\n"
                      + far + "  geo_precision: 2\n")  # fmt: skip
    problems = [str(p) for p in review_dataset(oasis.data, load_dataset(oasis.data))]
    assert problems == [
        f"data/places.yaml:{line + 3}: south-of-oasis.relative_to[1].distance: '700 km south of Qatrun' computes "
        f"to 18.62961, 14.64861, outside LBY: is the distance, bearing or town mistyped, or {ROUND}?",
        f"data/places.yaml:{line + 9}: south-of-oasis.relative_to[2].distance: '400 km north of Qatrun' computes "
        f"to 28.5615, 14.64861, outside its admin1 Murzuq: is the distance, bearing or district mistyped, or "
        f"{ROUND}?",
    ]


def test_make_place_answers_a_misspelling_with_the_nearest_names(capsys):
    assert gazetteer.main(["find", "Tazerbu", "--country", "LY"]) == 1
    said = capsys.readouterr().err
    assert "no GeoNames entry matches 'Tazerbu' in the offline gazetteer" in said
    assert "Tāzirbū\tTāzirbū\tgeonames:12687306" in said.splitlines()[2]
    assert "copy its coordinates from a named reference" in said


def test_nearest_names_are_the_closest_spellings_first():
    entries = gazetteer.gazetteer_entries("LY")
    (written, city), *_ = gazetteer.nearest_names("Sabhaa", entries)
    assert city["geonameid"] == 2212775 and written.casefold().startswith(("sabha", "sebha"))  # Sabha
    assert gazetteer.nearest_names("Qxzqxzq", entries) == []
