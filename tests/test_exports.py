"""The downloads: exact columns, golden files from the fixture dataset, inert spreadsheet cells."""

from __future__ import annotations

import csv
import io
import json

import pytest

from macros.load.loader import load_dataset
from macros.views.exports import to_csv
from tests.conftest import FIXTURES, PROJECT
from tests.helpers import render_exports

GOLDEN = PROJECT / "tests" / "golden" / "exports"
ACLED_THEN_OURS = (
    "event_id_cnty,event_date,time_precision,disorder_type,event_type,sub_event_type,actor1,"
    "assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,"
    "country,admin1,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,"
    "tags,date_as_stated,end_date,fatalities_low,fatalities_high,status,disputed,independent_origins,source_ids,"
    "location_precision"
)


@pytest.fixture(scope="module")
def exports():
    return render_exports(load_dataset(FIXTURES / "data"))


@pytest.mark.parametrize(
    "name", ["events.csv", "claims.csv", "sources.csv", "origins.csv", "events.geojson", "events.json"]
)
def test_export_matches_golden_file(exports, name, update_golden):
    path = GOLDEN / name
    if update_golden:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(exports[name], encoding="utf-8")
    assert exports[name] == path.read_text(encoding="utf-8"), f"run pytest --update-golden if intended: {name}"


def test_csv_headers_are_exactly_the_agreed_columns(exports):
    assert exports["events.csv"].splitlines()[0] == ACLED_THEN_OURS
    assert exports["claims.csv"].splitlines()[0] == (
        "event_id_cnty,source_id,field,party,value,value_words,value_low,value_high,scope,moment,polarity,origin,"
        "origin_kind,via,credibility,quote"
    )
    assert exports["origins.csv"].splitlines()[0] == "origin_id,kind,name,speaker,date,cited_by"
    assert exports["sources.csv"].splitlines()[0] == (
        "source_id,title,outlet,outlet_basis,author,published,date_precision,published_basis,reliability,seed_file,"
        "sha256,url"
    )


def test_sources_csv_says_which_outlets_the_documents_do_not_name(exports):
    """An outlet the analyst inferred (the site marks it "inferred") is flagged so in the download
    too: a reader reusing the file must not cite it as named by the document."""
    rows = {row["source_id"]: row for row in csv.DictReader(io.StringIO(exports["sources.csv"]))}
    assert (rows["qatrun-second-attack"]["outlet"], rows["qatrun-second-attack"]["outlet_basis"]) == (
        "Sky News Arabia",
        "inferred",
    )
    assert (rows["comeback-south"]["outlet"], rows["comeback-south"]["outlet_basis"]) == ("", "unknown")
    assert rows["comeback-south"]["published_basis"] == "inferred"


def test_events_csv_carries_derived_figures(exports):
    rows = {row["event_id_cnty"]: row for row in csv.DictReader(io.StringIO(exports["events.csv"]))}
    qatrun = rows["LBY0002"]
    assert (qatrun["fatalities"], qatrun["fatalities_low"], qatrun["fatalities_high"]) == ("22", "22", "27")
    assert qatrun["disputed"] == "true"
    assert qatrun["time_precision"] == "1" and rows["LBY0003"]["time_precision"] == "3"
    # ACLED's full date (a month: its 15th) beside the date as the data states it
    assert (rows["LBY0003"]["event_date"], rows["LBY0003"]["date_as_stated"]) == ("2016-12-15", "2016-12")
    assert (qatrun["status"], qatrun["independent_origins"]) == ("disputed", "3")


def test_events_csv_leaves_low_and_high_empty_where_no_toll_is_reported(exports):
    """ACLED's fatalities is 0 for an event no source gives a toll for (LBY0003); low and high say
    it was not reported rather than none killed."""
    rows = {row["event_id_cnty"]: row for row in csv.DictReader(io.StringIO(exports["events.csv"]))}
    unknown = rows["LBY0003"]
    assert (unknown["fatalities"], unknown["fatalities_low"], unknown["fatalities_high"]) == ("0", "", "")
    assert rows["LBY0001"]["fatalities_low"] == "1"


@pytest.mark.parametrize(
    ("stated", "acled"), [("2022-01-26", "2022-01-26"), ("2016-12", "2016-12-15"), ("2017", "2017-07-01")]
)
def test_acled_event_date_is_a_full_date(stated, acled):
    from macros.views.exports import acled_date

    assert acled_date(stated).isoformat() == acled


def test_claims_csv_names_origin_and_credibility(exports):
    rows = [row for row in csv.DictReader(io.StringIO(exports["claims.csv"])) if row["event_id_cnty"] == "LBY0002"]
    army = next(row for row in rows if row["value"] == "19")
    assert (army["origin"], army["origin_kind"], army["party"]) == ("lna-statement", "statement", "islamic-state")
    assert {row["credibility"] for row in rows} == {"4"}  # each figure contradicted by another origin


def test_geojson_has_a_point_per_event(exports):
    collection = json.loads(exports["events.geojson"])
    points = {f["id"]: f["geometry"]["coordinates"] for f in collection["features"]}
    assert points["LBY0001"] == [14.7372, 26.13386]
    assert set(collection["features"][0]["properties"]) == set(ACLED_THEN_OURS.split(","))


@pytest.mark.parametrize("cell", ["=HYPERLINK(1)", "+1+1", "-2+3", "@SUM(A1)"])
def test_formula_cells_are_neutralised(cell):
    text = to_csv([{"a": cell, "b": -14.5}], ("a", "b"))
    assert text.splitlines()[1] == f"'{cell},-14.5"


def test_every_download_is_described_and_written(exports):
    from macros.views.exports import DOWNLOADS

    assert set(exports) == set(DOWNLOADS)
